"""The images Python files give a helper of their project that pulls the image it is given, across files
(choose/discovery/python_pull_helpers.py): the helper defined in one module (`docker/zap_common.py`), called in
the scripts that import it (`docker/zap-baseline.py`)."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_pull_helpers import Helper, helper_calls, pulling_helpers
from ecr_mirror.cli.discover_small_files import small_bytes

_MARKS = (b"docker", b"podman")


def python_helper_pulls(sources: list[tuple[str, Path]]) -> list[Found]:
    """The images the Python sources give the pulling helpers any of them defines."""
    python = [(shown, path) for shown, path in sources if shown.endswith(".py")]
    helpers: list[Helper] = []
    for shown, path in python:
        if (data := small_bytes(path)) and b"pull" in data and any(mark in data for mark in _MARKS):
            helpers += pulling_helpers(data.decode("utf-8", errors="replace"), Path(shown).stem)
    names = {helper.name.encode() for helper in helpers}
    found: list[Found] = []
    for shown, path in python if helpers else ():
        if not (data := small_bytes(path)) or not any(name in data for name in names):
            continue  # calls no helper
        for line, image, helper in helper_calls(data.decode("utf-8", errors="replace"), Path(shown).stem, helpers):
            found.append(Found(image, shown, line, use=f"docker pull (through {helper.name})", kind="Python source"))
    return found
