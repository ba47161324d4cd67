"""The navigation drawn once per language and folder for pages outside it (portal.engine.fragments)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import material
from jinja2 import DictLoader, Environment

from portal.engine import fragments
from tests.conftest import ROOT


def page(url: str, parent=None):
    return SimpleNamespace(url=url, parent=parent)


NAV_PAGES = [page(""), page("about/"), page("members/"), page("members/figures/"), page("case-studies/", parent="section")]
NAV = SimpleNamespace(pages=NAV_PAGES)


def test_the_copy_of_materials_navigation_is_unchanged():
    """partials/nav-tree.html is Material's partials/nav.html as installed: a new Material release
    that changes it must be copied again."""
    installed = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
    assert (ROOT / "overrides" / "partials" / "nav-tree.html").read_text(encoding="utf-8") == installed.read_text(encoding="utf-8")


def test_pages_outside_the_navigation_share_their_folders_key():
    assert fragments.nav_key(page("cities/abuja/"), NAV) == "cities/"
    assert fragments.nav_key(page("cities/zagreb/"), NAV) == "cities/"
    assert fragments.nav_key(page("case-studies/amman-2015/"), NAV) == "case-studies/"
    assert fragments.nav_key(page("awards/2017/"), NAV) == "awards/"


def test_a_page_draws_its_own_navigation_when_it_is_in_it_or_above_a_page_of_it():
    assert fragments.nav_key(NAV_PAGES[1], NAV) is None  # in the navigation
    assert fragments.nav_key(page("contribute/", parent="section"), NAV) is None  # in a section
    assert fragments.nav_key(page("members/"), NAV) is None  # equal to a navigation page
    assert fragments.nav_key(page(""), NAV) is None  # the home page
    assert fragments.nav_key(None, NAV) is None and fragments.nav_key(page("x/"), None) is None
    # A navigation page lies under this page's address: its relative link differs from the folder's.
    assert fragments.nav_key(page("members/"), SimpleNamespace(pages=[page("members/figures/")])) is None


def render(enabled: bool, pages: list) -> tuple[list[str], int]:
    drawn = []
    env = Environment(
        loader=DictLoader(
            {
                "nav.html": "{%- macro tree() -%}{% include 'tree.html' %}{%- endmacro -%}{{- portal_keep(portal_nav_key(page, nav), tree) -}}",
                "tree.html": "<nav>{{ draw(page.url) }}</nav>",
            }
        )
    )
    env.globals["draw"] = lambda url: drawn.append(url) or url
    fragments.install(env, lambda: enabled)
    out = [env.get_template("nav.html").render(page=p, nav=NAV) for p in pages]
    return out, len(drawn)


def test_the_first_rendering_of_a_folder_is_kept_and_pages_in_the_navigation_are_drawn_each_time():
    pages = [page("cities/a/"), page("cities/b/"), page("awards/2017/"), NAV_PAGES[1], NAV_PAGES[1]]
    out, drawn = render(True, pages)
    assert out == ["<nav>cities/a/</nav>", "<nav>cities/a/</nav>", "<nav>awards/2017/</nav>", "<nav>about/</nav>", "<nav>about/</nav>"]
    assert drawn == 4


def test_without_the_speed_ups_every_page_draws_its_navigation():
    out, drawn = render(False, [page("cities/a/"), page("cities/b/")])
    assert out == ["<nav>cities/a/</nav>", "<nav>cities/b/</nav>"] and drawn == 2
