"""The scripts of the tree a script hands a heredoc to, when they build what they are given (stdin_builds.py)."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.heredoc_dockerfiles import StdinBuild
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import source_target
from ecr_mirror.choose.discovery.stdin_builds import builds_its_stdin
from ecr_mirror.cli.discover_sed_fills import script_file

_MAX_BYTES = 256 * 1024  # a wrapper script, not a bundle


def stdin_builds(shown: str) -> StdinBuild:
    """Whether the script a command of `shown` runs by a path (`"$testDir/../docker-build.sh"`, located as a sourced
    file is, from the script's directory) is in the tree and builds its standard input as a Dockerfile; each script
    read once, however many heredocs of `shown` it is handed."""
    read: dict[str, bool] = {}

    def fed(word: str, values: ShellValues) -> bool:
        target = source_target(word, values.values)
        path = script_file(shown, *target) if target is not None else None
        if path is None:
            return False
        if path not in read:
            small = Path(path).stat().st_size <= _MAX_BYTES
            read[path] = small and builds_its_stdin(Path(path).read_text(errors="replace"))
        return read[path]

    return fed
