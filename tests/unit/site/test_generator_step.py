"""The generator as its own build step: what it writes for the theme and into pages' front matter
(edit links, breadcrumbs, the text's language), read without MkDocs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml

from portal.files import frontmatter
from portal.model import siteconfig
from portal.site import themedata
from portal.site.build import STAMP, SiteSources, is_current
from portal.site.generate import page_address, with_page_fields
from portal.site.pages import GeneratedFile, Site

from tests.conftest import LANGUAGES, ROOT, copy_repo

SITE = Site(edit_root="https://github.com/o/r/edit/main/")


def meta(text: str) -> dict:
    head, _ = frontmatter.split(text)
    return yaml.safe_load("\n".join(head or []))


def test_front_matter_fields_are_added_or_replaced():
    text = frontmatter.add_fields("---\ntitle: A\nedit_url: old\n---\n\n# A\n", {"edit_url": "x", "breadcrumbs": [["Home", ""]]})
    assert meta(text) == {"title": "A", "edit_url": "x", "breadcrumbs": [["Home", ""]]}
    assert text.endswith("---\n\n# A\n")
    assert meta(frontmatter.add_fields("# no front matter\n", {"text_lang": "en"})) == {"text_lang": "en"}
    assert frontmatter.add_fields("---\ntitle: A\n---\n", {"text_lang": "ar"}).endswith('text_lang: "ar"\n---\n')


def test_front_matter_is_read_as_the_validator_reads_it(tmp_path: Path):
    """A case study saved with a BOM, Windows line ends, a '...' closing line or trailing spaces
    passes the validator: its copy keeps its front matter (not a second block above it)."""
    from portal.site.pages.case_studies import page

    crlf = "---  \r\ntitle: A\r\n...\r\n\r\n# A\r\n"
    assert meta(frontmatter.add_fields(crlf, {"text_lang": "en"})) == {"title": "A", "text_lang": "en"}
    source = tmp_path / "x.md"
    source.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody.\r\n")
    text = page(source, "fr", "extra\n")
    assert meta(text) == {"title": "A", "edit_source": "case-studies/x.md", "text_lang": "en"}
    assert text.count("---") == 2 and "\r" not in text and text.endswith("Body.\nextra\n")


@pytest.mark.parametrize(
    ("path", "lang", "address"),
    [
        ("cities/lyon.md", "en", "cities/lyon/"),
        ("cities/lyon.fr.md", "fr", "fr/cities/lyon/"),
        ("members/index.zh.md", "zh", "zh/members/"),
        ("sdg/4-1.ar.md", "ar", "ar/sdg/4-1/"),
        ("awards/2024.md", "en", "awards/2024/"),
    ],
)
def test_page_address_follows_the_i18n_suffix_structure(path: str, lang: str, address: str):
    assert page_address(path) == (lang, address)


def test_generated_pages_carry_their_edit_link_and_breadcrumbs():
    page = with_page_fields(GeneratedFile("cities/lyon.fr.md", "---\ntitle: Lyon\nedit_source: cities/lyon.yml\n---\nx\n"), SITE)
    fields = meta(page.text)
    assert fields["edit_url"] == "https://github.com/o/r/edit/main/cities/lyon.yml"
    assert fields["breadcrumbs"] == [["Accueil", "fr/"], ["Villes membres", "fr/members/"]]
    # A generated page without a source hides the link: the file itself is git-ignored.
    index = with_page_fields(GeneratedFile("members/index.md", "---\ntitle: Members\n---\nx\n"), SITE)
    assert meta(index.text)["edit_url"] == "" and "breadcrumbs" not in meta(index.text)
    # No edit root (no repository configured): no link either.
    assert meta(with_page_fields(GeneratedFile("cities/lyon.md", "---\nedit_source: cities/lyon.yml\n---\n"), Site(edit_root="")).text)["edit_url"] == ""
    # Data files are left alone.
    data = GeneratedFile("open-data/members.json", "{}")
    assert with_page_fields(data, SITE) is data


def test_settings_are_read_from_the_engine_config_like_the_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "mkdocs.yml").write_text(
        'site_url: !ENV [SITE_URL, "https://a.example/p/"]\nrepo_url: !ENV REPO_URL\nedit_uri: edit/main/content/\n'
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds: {case: lower}\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("REPO_URL", raising=False)
    assert siteconfig.read(tmp_path) == siteconfig.Settings("https://a.example/p/", "", "edit/main/content/")
    monkeypatch.setenv("SITE_URL", "https://b.example/")
    monkeypatch.setenv("REPO_URL", "https://github.com/o/r")
    assert siteconfig.read(tmp_path) == siteconfig.Settings("https://b.example/", "https://github.com/o/r", "edit/main/content/")
    assert siteconfig.read(tmp_path / "nowhere") == siteconfig.Settings()


def test_the_real_config_gives_the_deployment_settings():
    settings = siteconfig.read(ROOT)
    assert settings.edit_uri == "edit/main/content/" and settings.repo_url.startswith("https://github.com/")


THEME_TEMPLATES = [p for p in (ROOT / "overrides").rglob("*.html") if "generated" not in p.relative_to(ROOT / "overrides").parts[:1]]


def test_theme_templates_use_no_python_globals():
    """Templates read overrides/generated/, not globals a hook would have to provide."""
    for path in THEME_TEMPLATES:
        assert not re.search(r"\bportal_(t|tn|forms|home|languages|direction|url_prefix|breadcrumbs|data_date)\b", path.read_text(encoding="utf-8")), path


def test_every_string_the_theme_reads_is_generated_in_every_language():
    data = themedata.portal_data()
    key = re.compile(r"""(?:\bT|\.t)\[["']([\w.]+)["']\]""")  # T["chrome.about"], portal[here].t['search.unavailable']
    used = {k for path in THEME_TEMPLATES for k in key.findall(path.read_text(encoding="utf-8"))}
    assert len(used) >= 20
    for lang in LANGUAGES:
        assert used <= set(data[lang]["t"]), (lang, sorted(used - set(data[lang]["t"])))
    assert json.loads(data["ar"]["t"]["search.results"])["zero"]  # plural forms as JSON, Arabic's six


def test_the_generated_theme_data_is_what_jinja_reads():
    literal = json.dumps(themedata.portal_data(), ensure_ascii=False, sort_keys=True)
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "generated/portal.html": "{%- set portal = " + literal + " -%}",
                "t.html": '{% from "generated/portal.html" import portal %}{{ portal[lang].t["notfound.title"] }}|{{ portal[lang].dir }}|{{ portal.languages | join(",") }}',
            }
        )
    )
    assert env.get_template("t.html").render(lang="ar").split("|")[1:] == ["rtl", ",".join(LANGUAGES)]
    assert "{% raw %}<p>{{ x }}</p>{% endraw %}" == themedata.raw("<p>{{ x }}</p>")
    with pytest.raises(ValueError):
        themedata.raw("{% endraw %}")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("gen") / "repo")
    # One case study left untranslated into Russian, to see the fallback.
    (repo / "case-studies" / "nanjing-suzhou-2024.ru.md").unlink()
    sources = SiteSources(repo)
    assert sources.refresh(repo_url="https://github.com/o/r", edit_uri="edit/main/content/") == []
    return repo


def test_case_studies_are_copied_with_their_sections_in_every_language(generated: Path):
    folder = generated / "content" / "case-studies"
    for lang in LANGUAGES:
        text = (folder / f"nanjing-suzhou-2024{'' if lang == 'en' else '.' + lang}.md").read_text(encoding="utf-8")
        assert "{#sdg-targets" in text and "lcp-city-cards" in text
    fr = (folder / "nanjing-suzhou-2024.fr.md").read_text(encoding="utf-8")
    assert meta(fr)["edit_url"] == "https://github.com/o/r/edit/main/case-studies/nanjing-suzhou-2024.fr.md"
    assert "text_lang" not in meta(fr)
    # Russian: the English text, said to be English, with the added sections in Russian.
    ru = (folder / "nanjing-suzhou-2024.ru.md").read_text(encoding="utf-8")
    assert meta(ru)["text_lang"] == "en" and meta(ru)["title"] == meta((folder / "nanjing-suzhou-2024.md").read_text(encoding="utf-8"))["title"]
    assert meta(ru)["edit_url"].endswith("/case-studies/nanjing-suzhou-2024.md")
    assert 'lang="ru" dir="ltr"' in ru  # the sections keep the reader's language inside the English text
    index = (folder / "index.zh.md").read_text(encoding="utf-8")
    assert "lcp-case-study-list" in index


def test_the_theme_data_and_home_sections_are_written(generated: Path):
    folder = generated / "overrides" / themedata.FOLDER
    assert sorted(p.name for p in folder.iterdir()) == sorted([".gitignore", "portal.html", "web.html", *(f"home.{l}.html" for l in LANGUAGES)])
    home = (folder / "home.ar.html").read_text(encoding="utf-8")
    assert home.count("{% raw %}") == 1 and "lcp-home-figures" in home


def test_content_is_current_until_an_input_changes(generated: Path):
    settings = dict(repo_url="https://github.com/o/r", edit_uri="edit/main/content/")
    assert (generated / STAMP).is_file() and is_current(generated, **settings)
    assert not is_current(generated, repo_url="https://github.com/other/r", edit_uri="edit/main/content/")
    profile = generated / "case-studies" / "nanjing-suzhou-2024.md"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not is_current(generated, **settings)
    home = generated / "content" / "index.fr.md"
    SiteSources(generated).refresh(**settings)
    assert is_current(generated, **settings)
    home.write_text(home.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the home page's sources
    assert not is_current(generated, **settings)
    shutil.rmtree(generated / ".cache")
    assert not is_current(generated, **settings)
