"""The README says what `--help` says: every option of each subcommand's `--help` is in a README options table
marked for that subcommand, and every option in such a table is in the `--help` of a subcommand it is marked for.

A table is marked by the comment line `<!-- options: copy sync -->` just above it. A new subcommand needs a marked
table; a new option needs a row (short aliases such as `-v` may stand beside the long form and are not checked)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
SUBCOMMANDS = ("copy", "sync", "discover", "ref", "demo")
_MARKER = re.compile(r"^<!-- options: ([a-z ]+) -->$")
_LONG = re.compile(r"--[a-z][a-z0-9-]*")
_HELP_OPTION_LINE = re.compile(r"^  (-[^ ].*?)(?:  |$)")  # argparse: option lines indented 2, help text further


def _help_options(command: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    found: set[str] = set()
    for line in out.splitlines():
        if match := _HELP_OPTION_LINE.match(line):
            found |= set(_LONG.findall(match[1]))
    return found - {"--help"}


def _readme_tables() -> list[tuple[list[str], set[str]]]:
    """Each marked table: the subcommands it is marked for, and the long options of its first column."""
    tables: list[tuple[list[str], set[str]]] = []
    lines = README.read_text().splitlines()
    for number, line in enumerate(lines):
        marker = _MARKER.match(line.strip())
        if marker is None:
            continue
        commands = marker[1].split()
        assert set(commands) <= set(SUBCOMMANDS), f"README line {number + 1}: unknown subcommand in {line!r}"
        rows = _table_after(lines, number + 1)
        assert rows, f"README line {number + 1}: no options table under {line!r}"
        tables.append((commands, {option for row in rows for option in _LONG.findall(row.split("|")[1])}))
    return tables


def _documented(command: str) -> set[str]:
    return set().union(*(options for commands, options in _readme_tables() if command in commands))


def _table_after(lines: list[str], start: int) -> list[str]:
    """The body rows of the Markdown table starting at `start` (its header and separator skipped)."""
    rows: list[str] = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    assert lines[start].startswith("| option |"), lines[start]
    return rows


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_option_in_help_is_in_the_readme(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    missing = _help_options(command, capsys) - _documented(command)
    assert not missing, f"`ecr-mirror {command} --help` has options the README's tables lack: {sorted(missing)}"


def test_every_option_in_the_readme_is_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    helps = {command: _help_options(command, capsys) for command in SUBCOMMANDS}
    for commands, options in _readme_tables():
        # A table shared by several subcommands may hold options of one of them (`--platform`: `copy` only).
        unknown = options - set().union(*(helps[c] for c in commands))
        assert not unknown, f"the README's table for {commands} lists options no --help has: {sorted(unknown)}"


def test_the_ecr_help_tells_the_retention_the_code_applies(capsys: pytest.CaptureFixture[str]) -> None:
    from ecr_mirror.ecr.repositories import DEFAULT_UNTAGGED_KEEP

    with pytest.raises(SystemExit):
        main(["sync", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"the newest {DEFAULT_UNTAGGED_KEEP} untagged images kept" in out and "7 days" not in out
    assert "YAML rules form" in out and "- reads standard input" in out
