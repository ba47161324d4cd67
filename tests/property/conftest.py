"""Hypothesis profiles: `ci` for make test (bounded, derandomized so a run is repeatable), `fuzz` for
make fuzz (long; `--hypothesis-show-statistics` prints how many examples each test tried)."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=120, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("fuzz", max_examples=5000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
