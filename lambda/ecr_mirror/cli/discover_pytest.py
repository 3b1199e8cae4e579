"""The images a tree's scripts and CI steps hand its pytest suites through a command-line option that a source
pulls (choose/discovery/pytest_options.py): the Python sources whose Docker SDK pull is unresolved are read again for
the `getoption(...)` the name is bound to, then the scripts and CI files for the pytest commands that give it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.folded_commands import folded_commands
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.pytest_options import pulled_options, pytest_images
from ecr_mirror.cli.discover_scripts import STEP_KINDS, script_kind
from ecr_mirror.cli.discover_small_files import small_text


def _options(found: Iterable[Found], sources: Iterable[tuple[str, Path]]) -> set[str]:
    """The options whose value a Python source's unresolved pull is given."""
    unresolved: dict[str, set[str]] = {}
    for item in found:
        if item.problem is not None and item.origin.endswith(".py") and item.text.isidentifier():
            unresolved.setdefault(item.origin, set()).add(item.text)
    options: set[str] = set()
    for shown, path in sources:
        if shown in unresolved and (text := small_text(path)) is not None:
            options |= pulled_options(text, unresolved[shown])
    return options


def option_pulls(
    found: Iterable[Found], sources: Iterable[tuple[str, Path]], scripts: dict[str, str], texts: dict[str, str]
) -> list[Found]:
    """The images the pytest commands of `scripts` and of the CI files among `texts` give the options the sources
    pull (`found`: the sources' pulls so far), each with its file's kind."""
    options = _options(found, sources)
    if not options:
        return []
    out: list[Found] = []
    for shown, text in scripts.items():
        out += [dataclasses.replace(item, kind=script_kind(shown)) for item in pytest_images(text, shown, options)]
    for shown, text in texts.items():
        if (kind := kind_of(shown) or Kind.YAML) in STEP_KINDS:
            pulls = pytest_images(folded_commands(text), shown, options)
            out += [dataclasses.replace(item, kind=kind.value) for item in pulls]
    return out
