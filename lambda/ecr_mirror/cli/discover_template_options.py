"""The files of a Dev Container Template read as the template applied with its options' defaults: the nearest
directory above a file holding a `devcontainer-template.json` (at most four levels up) is its template
(choose/discovery/devcontainer_template_options.py), each template's defaults read once."""

from __future__ import annotations

import functools
from pathlib import Path

from ecr_mirror.choose.discovery.devcontainer_template_options import (
    MARK,
    TEMPLATE_FILE,
    option_defaults,
    options_applied,
)

_MAX_LEVELS = 4  # `src/go/.devcontainer/devcontainer.json` is two below its template; never far above a tree


@functools.lru_cache(maxsize=512)
def _defaults(directory: Path) -> dict[str, str] | None:
    """The option defaults of the template in `directory`; None when it holds no `devcontainer-template.json`."""
    path = directory / TEMPLATE_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return option_defaults(text, str(path))


def template_options_applied(path: Path, text: str) -> str:
    """`text` (the file at `path`) with its `${templateOption:ID}` written as the defaults of the template holding
    it; as it is when it names none or is in no template."""
    if MARK not in text:
        return text
    for directory in list(path.absolute().parents)[:_MAX_LEVELS]:
        if (defaults := _defaults(directory)) is not None:
            return options_applied(text, defaults)
    return text
