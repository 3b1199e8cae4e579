"""The values the tree's Makefiles, scripts and CI steps read from its one-line files (`$(shell cat GOLANG_VERSION)`,
`$(cat images/nginx/TAG)`; the parsing is choose/discovery/file_values.py), written into their texts before they are
read; also the `NAME=value` files a workflow's or an action's step appends to `$GITHUB_ENV` (`cat .github/env >>
"$GITHUB_ENV"`, choose/discovery/github_env_writes.py). A Makefile's path is from its own directory; a script's, from
its directory or the nearest one above it, up to the tree's top, that holds the file; a CI step's, from the
checkout's top (the directory holding `.github/` for a workflow, else the tree's top). Only files under the tree's
top (the directory discover is given, else the one holding every file read) are read."""

from __future__ import annotations

import os
from pathlib import Path

from ecr_mirror.choose.discovery.file_values import MAX_BYTES, YAML_MAX_BYTES, with_file_values
from ecr_mirror.choose.discovery.github_env_writes import with_env_files
from ecr_mirror.choose.discovery.go_module_versions import with_module_versions
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.make_includes import is_makefile
from ecr_mirror.choose.discovery.shell_file_loops import file_loops
from ecr_mirror.cli.discover_scripts import STEP_KINDS
from ecr_mirror.cli.discover_step_scripts import workflow_root
from ecr_mirror.cli.discover_walk import Walk

_GO_MOD_BYTES = 1024 * 1024
LIST_MAX_BYTES = 64 * 1024
_MARKS = ("$(shell cat", "$(file", "$(cat", "$$(cat", "$(<", "`cat", "$(shell head", "$(head", "$$(head", "yq ")


class FileValues:
    """The one-line files of a tree, each read once, and the texts that read them rewritten."""

    def __init__(self, walk: Walk) -> None:
        shown = [shown for shown, _, _ in walk.files] + [shown for shown, _ in walk.scripts]
        directories = [os.path.abspath(top) for top in walk.tops] or [
            os.path.dirname(os.path.abspath(n)) for n in shown
        ]
        self._top = os.path.commonpath(directories) if directories else os.path.abspath(".")
        self._texts: dict[str, str | None] = {}
        self._go_mods: dict[str, str | None] = {}
        self._lists: dict[str, str | None] = {}

    def _inside(self, shown: str) -> bool:
        """Whether `shown` is a file of the tree: a link in the tree to a file outside it (`/etc/...`) is not one."""
        top = os.path.realpath(self._top)
        return os.path.commonpath([top, os.path.realpath(shown)]) == top

    def _load(self, shown: str) -> str | None:
        if shown not in self._texts:
            path = Path(shown)
            inside = self._inside(shown)
            limit = YAML_MAX_BYTES if path.suffix in (".yaml", ".yml") else MAX_BYTES  # one yq reads a value from
            small = inside and path.is_file() and path.stat().st_size <= limit
            self._texts[shown] = path.read_text(errors="replace") if small else None
        return self._texts[shown]

    def _load_list(self, shown: str) -> str | None:
        """The text of a list file a script's loop reads (shell_file_loops.py), at most `LIST_MAX_BYTES`."""
        if shown not in self._lists:
            path = Path(shown)
            inside = self._inside(shown)
            small = inside and path.is_file() and path.stat().st_size <= LIST_MAX_BYTES
            self._lists[shown] = path.read_text(errors="replace") if small else None
        return self._lists[shown]

    def _above(self, directory: str) -> list[str]:
        """`directory` and those above it, up to the tree's top."""
        out = [directory]
        while os.path.abspath(out[-1]) != self._top and os.path.dirname(out[-1]) != out[-1]:
            out.append(os.path.dirname(out[-1]) or ".")
            if out[-1] == out[-2]:
                break
        return out

    def script(self, shown: str, text: str) -> str:
        """A Makefile's or a script's text with the files it reads written in, and the versions `go list -m` prints
        from the nearest `go.mod` (go_module_versions.py)."""
        own = os.path.dirname(shown) or "."
        text = with_module_versions(text, self._above(own), self._go_mod)
        text = file_loops(text, own, self._above(own), self._load_list, make=is_makefile(shown))
        if not any(mark in text for mark in _MARKS):
            return text
        return with_file_values(text, own, self._above(own), self._load, make=is_makefile(shown))

    def _go_mod(self, directory: str) -> str | None:
        """The text of the `go.mod` in `directory`, when there is one under the tree's top (at most `_GO_MOD_BYTES`)."""
        shown = os.path.join(directory, "go.mod")
        if shown not in self._go_mods:
            path = Path(shown)
            inside = os.path.commonpath([self._top, os.path.abspath(shown)]) == self._top
            small = inside and path.is_file() and path.stat().st_size <= _GO_MOD_BYTES
            self._go_mods[shown] = path.read_text(errors="replace") if small else None
        return self._go_mods[shown]

    def ci(self, kind: Kind, shown: str, text: str | None) -> str | None:
        """A CI file's text with the files its steps read written in (from the checkout's top); another file's as
        it is."""
        if text is None or kind not in STEP_KINDS:
            return text
        top = (workflow_root(shown) or ".") if kind is Kind.WORKFLOW else self._relative_top(shown)
        text = file_loops(text, top, [top], self._load_list)  # loops over a list file's lines: shell_file_loops.py
        if kind in (Kind.WORKFLOW, Kind.ACTION):  # `cat FILE >> "$GITHUB_ENV"`: github_env_writes.py
            text = with_env_files(text, top, self._load)
        if not any(mark in text for mark in _MARKS):
            return text
        return with_file_values(text, top, [top], self._load, make=False)

    def _relative_top(self, shown: str) -> str:
        return self._top if os.path.isabs(shown) else os.path.relpath(self._top) or "."
