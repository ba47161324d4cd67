"""`make serve` and `make dev`: the one place the hooks still generate pages. While the engine
serves, an edit to a profile or a case study regenerates and the served page shows it."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, copy_repo

sys.path.insert(0, str(ROOT))
from bench.run import fetch, free_port  # noqa: E402  (the benchmark times the same edit in `make dev`)


def wait_for(url: str, text: str, proc: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.2)
    return False


def test_edits_show_while_serving(tmp_path: Path):
    repo = copy_repo(tmp_path / "repo", cities=["cork", "melton"])  # no `portal generate` first: serving generates
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PORTAL_LANGUAGE": "en", "SITE_URL": url}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"],
                            cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_for(f"{url}cities/cork/", "<html", proc, 180), (tmp_path / "serve.log").read_text()[-3000:]
        time.sleep(1.0)  # let the watcher settle
        marker = f"Edited while serving {time.time_ns()}"
        profile = repo / "cities" / "cork.yml"
        text = re.sub(r"^reader_note:\n(?:  .*\n)+", "", profile.read_text(encoding="utf-8"), flags=re.M)
        profile.write_text(text + f"reader_note:\n  en: {marker}\n", encoding="utf-8")
        assert wait_for(f"{url}cities/cork/", marker, proc, 90), (tmp_path / "serve.log").read_text()[-3000:]
        # A case study's text lives in case-studies/, outside the docs folder: watched too. (First let
        # the rebuild that the regenerated content/ files trigger finish, so that only the watch of
        # case-studies/ can bring the next change.)
        time.sleep(4.0)
        intro = repo / "case-studies" / "index.md"
        marker = f"Case studies edited {time.time_ns()}"
        intro.write_text(intro.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        assert wait_for(f"{url}case-studies/", marker, proc, 90), (tmp_path / "serve.log").read_text()[-3000:]
        # The generator's own UI strings and code are inputs too: an edited string shows (the hook
        # regenerates in a fresh process, with the project's own src/).
        time.sleep(4.0)
        strings = repo / "src" / "portal" / "i18n" / "strings" / "city.yml"
        marker = f"Good to know {time.time_ns()}"
        strings.write_text(strings.read_text(encoding="utf-8").replace("  en: Good to know\n", f"  en: {marker}\n", 1), encoding="utf-8")
        assert wait_for(f"{url}cities/cork/", marker, proc, 90), (tmp_path / "serve.log").read_text()[-3000:]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
