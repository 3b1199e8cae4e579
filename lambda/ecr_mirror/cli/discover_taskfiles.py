"""Taskfiles known by the taskfile that includes them, not by their name.

Task reads the files a taskfile's `includes:` names as taskfiles of their own
(https://taskfile.dev/docs/guide#including-other-taskfiles): `backend: taskfiles/backend.yaml`, or the long form
`connect: {taskfile: ./taskfiles/connect.yaml, dir: ./connect}`, each path relative to the including file's
directory. A file found so is read as a taskfile (its tasks' `cmds`, cli/discover_scripts.py) when the walk reads it
as nothing else or as a plain YAML manifest (a taskfile has no `apiVersion`/`kind`), and its own `includes:` are
followed in turn. A directory included is its `Taskfile.yml`, which the walk finds by its name; a path with a
template (`./Taskfile_{{OS}}.yml`) is known only when task runs; a missing file (`optional: true`) is no error.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.cli.discover_walk import Walk
from ecr_mirror.errors import ConfigError

Read = Callable[..., str | None]


def _included(text: str, shown: str) -> list[str]:
    """The paths a taskfile's `includes:` names, as written."""
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(text, shown)
    names: list[str] = []
    for document in documents:
        includes = document.get("includes") if isinstance(document, dict) else None
        for entry in includes.values() if isinstance(includes, dict) else ():
            name = entry.get("taskfile") if isinstance(entry, dict) else entry
            if isinstance(name, str) and name and "{{" not in name and "$" not in name:
                names.append(name)
    return names


def with_included_taskfiles(walk: Walk, read: Read) -> Walk:
    """`walk` with the files its taskfiles include, of any name (see the module): one the walk reads as a plain YAML
    manifest (`taskfiles/backend.yaml`) is read as a taskfile instead."""
    at = {path.absolute(): index for index, (_, path, _) in enumerate(walk.files)}
    pending = [(shown, path) for shown, path, kind in walk.files if kind is Kind.TASKFILE]
    while pending:
        shown, path = pending.pop(0)
        text = read(shown, path, quiet_missing=True)
        if text is None or "includes" not in text:
            continue
        for name in _included(text, shown):
            found = Path(os.path.normpath(path.parent / name))
            index = at.get(found.absolute())
            if index is not None and walk.files[index][2] is Kind.YAML:
                walk.files[index] = (walk.files[index][0], walk.files[index][1], Kind.TASKFILE)
            elif index is None and found.is_file() and kind_of(found.absolute()) in (None, Kind.YAML):
                at[found.absolute()] = len(walk.files)
                walk.files.append((str(found), found, Kind.TASKFILE))
            else:
                continue
            pending.append((walk.files[at[found.absolute()]][0], found))
    return walk
