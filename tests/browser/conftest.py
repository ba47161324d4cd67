"""Fixtures shared by the browser tests."""

from __future__ import annotations

import pytest

from tests.sitecheck import serve_like_pages


@pytest.fixture(scope="module")
def pages_url(built_site):
    """The built site served as GitHub Pages serves it (under its subpath); its base address."""
    base, server = serve_like_pages(built_site.site)
    yield base
    server.shutdown()
