"""`portal sources`: every cited page with its file and line; --check reports the ones that do not answer."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from portal.cli import main
from portal.model import sources
from tests.conftest import ROOT


def test_every_cited_page_is_listed_with_its_file_and_line():
    found = sources.cited(ROOT)
    files = {c.file.split("/")[0] for c in found}
    assert {"cities", "case-studies", "data"} <= files
    beijing = [c for c in found if c.file == "cities/beijing.yml"]
    assert beijing and all(c.line > 1 and c.url.startswith("http") for c in beijing)
    text = (ROOT / beijing[0].file).read_text(encoding="utf-8").splitlines()
    assert beijing[0].url in text[beijing[0].line - 1]  # the line really cites it


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        self.send_response(200 if self.path == "/ok" else 405 if self.path == "/get-only" else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path in ("/ok", "/get-only") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join()


def test_check_reports_pages_that_do_not_answer(server: str, tmp_path: Path):
    cites = [
        sources.Citation(f"{server}/ok", "cities/a.yml", 3),
        sources.Citation(f"{server}/gone", "cities/b.yml", 9),
        sources.Citation(f"{server}/get-only", "cities/c.yml", 4),
        sources.Citation(f"{server}/gone", "data/x.csv", 2),
    ]
    results = sources.check(cites, timeout=5)
    assert results == {f"{server}/get-only": "ok", f"{server}/gone": "404", f"{server}/ok": "ok"}
    report = sources.report(cites, results)
    assert report.startswith("1 of 3 cited pages did not answer")
    assert f"| <{server}/gone> | 404 | `cities/b.yml:9`, `data/x.csv:2` |" in report


def test_command_exits_1_and_writes_the_report(server: str, tmp_path: Path, capsys):
    (tmp_path / "cities").mkdir()
    (tmp_path / "cities" / "lyon.yml").write_text(f"name: Lyon\nsources:\n  - {server}/ok\n  - {server}/gone\n", encoding="utf-8")
    report = tmp_path / "report.md"
    assert main(["--root", str(tmp_path), "sources"]) == 0
    assert capsys.readouterr().out == f"cities/lyon.yml:3 {server}/ok\ncities/lyon.yml:4 {server}/gone\n"
    assert main(["--root", str(tmp_path), "sources", "--check", "--timeout", "5", "--report", str(report)]) == 1
    assert "`cities/lyon.yml:4`" in report.read_text(encoding="utf-8")
