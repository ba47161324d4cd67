"""One model, one pass: `portal generate` reads every input file once (issue: data read up to nine
times), runs git once, and the page families never touch the data folders themselves."""

from __future__ import annotations

import builtins
import collections
import io
import os
import subprocess
from pathlib import Path

import pytest

from portal.model.loader import load
from portal.site import themedata
from portal.site.generate import render_all
from portal.site.pages import Site

from tests.conftest import ROOT

INPUTS = ("cities", "data", "case-studies")


def test_generate_reads_each_input_file_once(monkeypatch: pytest.MonkeyPatch):
    reads: collections.Counter[str] = collections.Counter()
    runs: list[list[str]] = []
    real_open, real_run = builtins.open, subprocess.run

    def counting_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and "r" in mode:
            path = Path(os.fspath(file)).resolve()
            if path.is_relative_to(ROOT) and path.relative_to(ROOT).parts[0] in INPUTS:
                reads[path.relative_to(ROOT).as_posix()] += 1
        return real_open(file, mode, *args, **kwargs)

    def counting_run(cmd, *args, **kwargs):
        runs.append(list(map(str, cmd)))
        return real_run(cmd, *args, **kwargs)

    from portal.files import reading

    reading._bytes.cache_clear()  # files other tests read in this process are read again here
    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(subprocess, "run", counting_run)
    model = load(ROOT)
    render_all(model, Site(edit_root="https://example.org/edit/main/"))
    themedata.files(model, model.case_studies)
    assert len(reads) > 400  # every profile, case study and data file was read...
    assert [path for path, n in reads.items() if n > 1] == []  # ...and none twice
    assert sum(1 for cmd in runs if cmd[:1] == ["git"]) <= 2  # the build date and misplaced case studies
