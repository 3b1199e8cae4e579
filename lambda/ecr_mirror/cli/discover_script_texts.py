"""The texts of a tree's scripts as discover reads them: a CMake file as the commands it runs, a Makefile with the
settings files it includes, a shell script with the values of the libraries and of the configuration files it sources
(the parsing is choose/discovery/make_includes.py, sourced_libraries.py and sourced_configs.py)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.cmake_commands import cmake_lines, is_cmake
from ecr_mirror.choose.discovery.make_includes import as_make_reads, included_settings, is_makefile, with_settings
from ecr_mirror.choose.discovery.sourced_configs import sourced_names, with_sourced_values
from ecr_mirror.choose.discovery.sourced_libraries import with_libraries
from ecr_mirror.cli.discover_scripts import script_kind

_BELOW = ("", "*/", "*/*/")  # a sourced configuration looked for in the script's directory and two levels below


def scripts_read(
    scripts: list[tuple[str, Path]], read: Callable[..., str | None], written: Callable[[str, str], str]
) -> dict[str, str]:
    """The texts of `scripts` (name shown -> text; those that cannot be read left out) as `written` gives them (with
    the one-line files they read, cli/discover_file_values.py), each shell script with the values of the libraries
    (`_with_libraries`) and of the configuration files (`with_sourced_configs`) it sources."""
    texts = {
        shown: (_with_settings(shown, path, written(shown, as_make_reads(text, shown)), read), path)
        for shown, path in scripts
        if (text := _commands(shown, read(shown, path, quiet_missing=True)))
    }
    common = Path(os.path.commonpath([str(path.absolute().parent) for _, path in scripts])) if scripts else Path()
    libraries = _Libraries(read, common, written)
    return {
        shown: with_sourced_configs(shown, path, libraries.with_values(shown, path, text), read)
        for shown, (text, path) in texts.items()
    }


def _commands(shown: str, text: str | None) -> str | None:
    """A script's text, a CMake file's as the commands it runs (cmake_commands.py)."""
    return cmake_lines(text) if text and is_cmake(shown) else text


def _with_settings(shown: str, path: Path, text: str, read: Callable[..., str | None]) -> str:
    """A Makefile with the assignments of the settings files of other names it includes, from its directory
    (make_includes.with_settings); another script as it is."""
    if not is_makefile(shown) or "include" not in text:
        return text
    files = [path.parent / word for word in included_settings(text)]
    settings = [setting for file in files if file.is_file() and (setting := read(str(file), file, quiet_missing=True))]
    return with_settings(text, [as_make_reads(setting) for setting in settings])


class _Libraries:
    """The shell libraries scripts source, each read once (sourced_libraries.py), with the files they read written in
    as a script's are (`written`: `PULSAR_VERSION=$(yq .appVersion charts/pulsar/Chart.yaml)` in a library)."""

    def __init__(self, read: Callable[..., str | None], common: Path, written: Callable[[str, str], str]) -> None:
        self._read = read
        self._written = written
        self._common = common  # the repository's top when no `.git` and no working directory holds a script
        self._texts: dict[Path, str | None] = {}

    def with_values(self, shown: str, path: Path, text: str) -> str:
        if script_kind(shown) != "shell script":
            return text
        script = path.absolute()
        top = next((up for up in script.parents if (up / ".git").exists()), None)
        top = top or (Path.cwd() if script.is_relative_to(Path.cwd()) else self._common)

        def load(anchor: str, relative: str, sourcing: str) -> tuple[str, str] | None:
            here = Path(sourcing).parent
            bases = {"I": [script.parent], "F": [here], "T": [top], "R": [here, script.parent, top]}[anchor]
            for base in bases:
                found = Path(os.path.normpath(base / relative))
                if found.is_relative_to(top) and (library := self._text(found)) is not None:
                    return str(found), library
            return None

        return with_libraries(text, str(script), load)

    def _text(self, path: Path) -> str | None:
        if path not in self._texts:
            text = self._read(str(path), path, quiet_missing=True) if path.is_file() else None
            self._texts[path] = self._written(str(path), text) if text is not None else None
        return self._texts[path]


def with_sourced_configs(shown: str, path: Path, text: str, read: Callable[..., str | None]) -> str:
    """A shell script's text with the values of the configuration files it sources from a directory chosen when it
    runs (`source $BASE/podman-config`: each `podman-config` below the script's directory, one run's values each;
    sourced_configs.py)."""
    if script_kind(shown) != "shell script" or ("source" not in text and ". " not in text):
        return text
    configs: list[str] = []
    for name in sourced_names(text):
        for below in _BELOW:
            for found in sorted(path.parent.glob(below + name)):
                if found.is_file() and not any(part.startswith(".") for part in found.relative_to(path.parent).parts):
                    configs.append(read(str(found), found, quiet_missing=True) or "")
    return with_sourced_values(text, configs) if len(configs) > 1 else text  # one file is no choice of a run
