"""The fragments a compose template includes (choose/discovery/template_includes.py), found under the template
loader's root and read as compose services.

The root is the compose template's own directory: a Twig `FilesystemLoader` or Jinja `FileSystemLoader` given the
directory of the templates resolves every name from it (https://twig.symfony.com/doc/3.x/api.html#loaders), the
fragments' own `{% include %}` names too (`service/mysql/default/mysql.yml.twig` including
`"service/#{engine}/5.7/#{engine}.yml.twig"`), each fragment read once. Hidden directories are not searched.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.template_includes import fragment_images, include_patterns, included

Reader = Callable[..., str | None]  # (shown, path, quiet_missing=) -> text, as discover_found.read_file


def _files(root: Path) -> list[str]:
    """Every file under `root`, relative to it with `/`, hidden directories left out."""
    names: list[str] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        relative = Path(directory).relative_to(root).as_posix()
        names += [name if relative == "." else f"{relative}/{name}" for name in files]
    return names


def included_images(shown: str, path: Path, text: str, kind: str, read: Reader) -> list[Found]:
    """The images of the fragments the compose template `shown` includes, directly or through one another."""
    patterns = include_patterns(text)
    if not patterns:
        return []
    root, base = path.parent, posixpath.dirname(shown)
    files = _files(root)
    seen: set[str] = set()
    found: list[Found] = []
    while patterns:
        names = [name for name in included(patterns, files) if name not in seen and name != path.name]
        seen.update(names)
        patterns = []
        for name in names:
            fragment = read(posixpath.join(base, name), root / name)
            if fragment is None:
                continue
            patterns += include_patterns(fragment)
            items = fragment_images(fragment, posixpath.join(base, name))
            found += [dataclasses.replace(item, kind=kind) for item in items]
    return found
