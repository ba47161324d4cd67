"""The build benchmark's own logic (bench/): synthetic networks pass validation, the growth
exponent and the profile attribution compute what they claim. No timing is asserted here."""

from __future__ import annotations

import math
import pstats
import sys
from pathlib import Path

from portal.model.loader import load
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))
from bench import run, synthetic  # noqa: E402


def test_synthetic_network_passes_validation_and_keeps_real_profiles(tmp_path: Path):
    # About twice the real network, so that the case studies are replicated once however many
    # profiles cities/ holds.
    real = len([p for p in (ROOT / "cities").glob("*.yml") if not p.name.startswith("_")])
    target = 2 * real + 22
    info = synthetic.make_site(ROOT, tmp_path / "site", cities=target)
    network = load(tmp_path / "site")  # raises ProfileErrors on any problem
    assert len(network.cities) == target == info["real_cities"] + info["synthetic_cities"]
    slugs = {c.slug for c in network.cities}
    assert {p.stem for p in (ROOT / "cities").glob("[!_]*.yml")} <= slugs
    assert any(c.summary and c.lat is not None for c in network.cities if c.slug.startswith("benchmark-"))
    if (ROOT / "case-studies").is_dir():
        studies = network.case_studies.studies
        assert info["synthetic_case_studies"] > 0
        copies = [s for s in studies if "-synthetic-" in s.slug]
        assert len(copies) == info["synthetic_case_studies"]
        # About synthetic cities: a real city's page does not list more case studies as N grows.
        assert all(c.startswith("benchmark-city-") for s in copies for c in s.cities)
    # Generated pages are not copied: the build regenerates them, as on a fresh clone.
    assert not (tmp_path / "site" / "content" / "cities").exists()
    assert not (tmp_path / "site" / "tests").exists()


def test_growth_exponent_is_the_log_log_slope():
    linear = [run.Result("a", n, pages=6 * n, seconds=0.01 * n, cpu=0.01 * n) for n in (250, 500, 1000, 2000)]
    quadratic = [run.Result("b", n, pages=6 * n, seconds=1e-5 * n * n, cpu=1) for n in (250, 500, 1000, 2000)]
    assert math.isclose(run.growth_exponent(linear), 1.0)
    assert math.isclose(run.growth_exponent(quadratic), 2.0)
    assert math.isclose(run.growth_exponent(quadratic, cpu=True), 0.0, abs_tol=1e-9)
    assert run.growth_exponent(linear[:1]) is None


def test_owner_of_code():
    sp = "/x/.venv/lib/python3.11/site-packages"
    assert run.owner(f"{sp}/mkdocs_static_i18n/reconfigure.py") == "i18n plugin"
    assert run.owner(f"{sp}/material/plugins/search/plugin.py") == "Material"
    assert run.owner(f"{sp}/material/overrides/main.html") == "Material"
    assert run.owner(f"{sp}/mkdocs/commands/build.py") == "MkDocs"
    assert run.owner("/tmp/bench/src-real site/src/portal/site/generate.py") == "our code"
    assert run.owner("/tmp/bench/src-real site/overrides/main.html") == "our code"
    assert run.owner(f"{sp}/markdown/core.py") is None
    assert run.owner("/usr/lib/python3.11/pathlib.py") is None


def test_library_time_is_charged_to_its_caller():
    """Self time in neutral code goes to its callers in proportion to the time spent for each."""
    sp = "/v/site-packages"
    ours, mk, lib = ("/r/src/portal/a.py", 1, "ours"), (f"{sp}/mkdocs/b.py", 1, "mk"), ("/usr/lib/pathlib.py", 1, "lib")
    stats = pstats.Stats.__new__(pstats.Stats)
    stats.stats = {
        ours: (1, 1, 2.0, 5.0, {}),
        mk: (1, 1, 1.0, 4.0, {}),
        lib: (4, 4, 6.0, 6.0, {ours: (1, 1, 1.5, 3.0), mk: (3, 3, 4.5, 3.0)}),
    }
    got = run.attribute(stats)
    assert math.isclose(got["our code"], 2.0 + 3.0) and math.isclose(got["MkDocs"], 1.0 + 3.0)


def test_lighthouse_pages_found_in_the_built_site(tmp_path: Path):
    for rel in (
        "index.html",
        "members/index.html",
        "cities/cork/index.html",
        "cities/lyon/index.html",
        "sdg/index.html",
        "sdg/4-3/index.html",
        "sdg/6/index.html",
        "fr/cities/cork/index.html",
        "case-studies/index.html",
        "case-studies/cork-2019/index.html",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<html></html>")
    pages = dict(run.lighthouse_pages(tmp_path))
    assert pages["home"] == "" and pages["member list"] == "members/"
    assert pages["city"] == "cities/lyon/" and pages["SDG target"] == "sdg/4-3/"  # a target, not goal 6
    assert pages["case study"] == "case-studies/cork-2019/"
    assert "gallery" not in pages  # no award galleries in this site
    for rel in ("awards/index.html", "awards/2015/index.html", "awards/2024/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("<html></html>")
    assert dict(run.lighthouse_pages(tmp_path))["gallery"] == "awards/2024/"


def test_lighthouse_server_compresses_text_like_github_pages(tmp_path: Path):
    import functools
    import gzip
    import http.client
    import http.server
    import threading

    (tmp_path / "members").mkdir()
    page = ("<!doctype html><title>Members</title>" + "<li>Cork</li>" * 500).encode()
    (tmp_path / "members" / "index.html").write_bytes(page)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8" + b"\0" * 100)
    threads = set(threading.enumerate())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(run.PagesHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1])
        conn.request("GET", "/members/", headers={"Accept-Encoding": "gzip, deflate"})
        reply = conn.getresponse()
        body = reply.read()
        assert reply.status == 200 and reply.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(body) == page and len(body) < len(page) / 5
        # The same connection serves the next request (HTTP/1.1 keep-alive); pictures as they are.
        conn.request("GET", "/photo.jpg", headers={"Accept-Encoding": "gzip"})
        reply = conn.getresponse()
        assert reply.getheader("Content-Encoding") is None and reply.read() == (tmp_path / "photo.jpg").read_bytes()
        conn.request("GET", "/members/")  # a client that does not accept gzip
        reply = conn.getresponse()
        assert reply.getheader("Content-Encoding") is None and reply.read() == page
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
        for thread in set(threading.enumerate()) - threads:  # leave no thread behind (portal.engine.parallel forks only without)
            thread.join(timeout=10)


def test_page_weight_pages_and_table(tmp_path: Path):
    """The budget's pages: home, directory, and the heaviest city, gallery and case study."""
    for rel, size in (
        ("index.html", 10),
        ("members/index.html", 10),
        ("cities/a/index.html", 5),
        ("cities/b/index.html", 50),
        ("awards/2015/index.html", 9),
        ("awards/index.html", 99),
        ("case-studies/x/index.html", 7),
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x" * size)
    assert run.page_weight_pages(tmp_path) == [
        ("home", ""),
        ("directory", "members/"),
        ("city", "cities/b/"),
        ("award gallery", "awards/2015/"),
        ("case study", "case-studies/x/"),
    ]
    table = run.page_weight_table([("home", "", 512000, 20, "/search/search_index.json 400 KB")])
    assert "500.0" in table and "search_index.json 400 KB" in table


def test_against_an_earlier_commit_exports_its_files_or_says_why(tmp_path: Path):
    """--baseline: the commit's files come from git (its own generator, its own pages), and a
    commit the clone does not have is a reason printed, not a crash."""
    tree = tmp_path / "tree"
    assert run.export_tree("HEAD", tree) is None
    assert (tree / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes() or (tree / "cities").is_dir()
    why = run.export_tree("0" * 40, tmp_path / "missing")
    assert why is not None and "0" * 40 in why and not (tmp_path / "missing").exists()


def test_per_page_ratio_is_taken_pair_by_pair(capsys):
    def result(pages: int, seconds: float) -> run.Result:
        return run.Result("x", 0, pages=pages, seconds=seconds, steps={"generate": 1.0, "engine": 2.0, "search index": 1.0})

    ours = [result(2910, 24.0), result(2910, 20.0), result(2910, 22.0)]
    theirs = [result(2346, 18.0), result(2346, 18.0), result(2346, 16.0)]
    ratio = run.print_against("abc1234", ours, theirs)
    per_pair = [(24.0 / 2910) / (18.0 / 2346), (20.0 / 2910) / (18.0 / 2346), (22.0 / 2910) / (16.0 / 2346)]
    assert math.isclose(ratio, sorted(per_pair)[1])  # the median of the pairs' ratios, not a ratio of medians
    printed = capsys.readouterr().out
    assert "abc1234" in printed and "2910 pages" in printed and f"(median {sorted(per_pair)[1]:.3f})" in printed
    assert run.median([3.0, 1.0, 2.0]) == 2.0 and run.median([1.0, 2.0, 3.0, 4.0]) == 2.5
