"""The MkDocs hook module's wiring (what `mkdocs serve` watches)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from tests.conftest import ROOT


def load_hooks():
    spec = importlib.util.spec_from_file_location("portal_hooks_under_test", ROOT / "hooks" / "portal_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_watches_profiles_data_and_the_generator():
    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    load_hooks().on_serve(server, SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")), None)
    assert sorted(watched) == sorted(str(ROOT / f) for f in ("cities", "case-studies", "data", "src/portal"))
