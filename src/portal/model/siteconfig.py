"""The deployment settings `portal generate` needs (site_url, repo_url, edit_uri), read from the
engine's configuration file as the engine would read them, without importing the engine.

MkDocs and ProperDocs read `!ENV [NAME, default]` tags (pyyaml-env-tag); other tags in the file
(Python objects for Markdown extensions) do not concern these settings and are read as nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG_FILES = ("mkdocs.yml", "properdocs.yml")  # the first that exists is the engine's


@dataclass(frozen=True)
class Settings:
    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = ""


class _Loader(yaml.SafeLoader):
    """A safe loader that reads !ENV like the engine and any other tag as None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else os.environ[name]
    return default


def _other(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", _other)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other)


def config_file(root: Path) -> Path | None:
    return next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)


def read(root: Path) -> Settings:
    """The settings of the engine's configuration file in `root` (empty ones if there is none)."""
    path = config_file(root)
    if path is None:
        return Settings()
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_Loader) or {}

    def text(key: str) -> str:
        value = data.get(key)
        return str(value) if value else ""

    # MkDocs' default edit_uri for GitHub and GitLab repositories is edit/master/docs/-like; the
    # portal's file sets its own, so only an explicit value is used.
    return Settings(site_url=text("site_url"), repo_url=text("repo_url"), edit_uri=text("edit_uri"))
