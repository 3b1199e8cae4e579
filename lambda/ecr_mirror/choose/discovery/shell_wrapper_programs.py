"""What a shell wrapper function hands its arguments to, read through a test suite's indirections (pure).

A test suite's helper often runs the binary under test through a variable holding its path and behind runners of
its own: skopeo's `systemtest/helpers.bash` `run_skopeo` runs `run timeout --foreground --kill=10 $SKOPEO_TIMEOUT
${SKOPEO_BINARY} "$@"`, with `SKOPEO_BINARY=${SKOPEO_BINARY:-${TEST_SOURCE_DIR}/../bin/skopeo}`; buildah's
`run_buildah` runs `run env CONTAINERS_CONF=... timeout ... ${BUILDAH_BINARY} ... "$@"`. `programs_of` finds such
variables (each assigned once, to one program's path), `with_programs` writes them as the program, and
`starts_command` says whether a command starts after Bats' `run`, coreutils' `timeout DURATION` and `env NAME=VALUE`,
so that shell_functions.py reads the function as handing its arguments to that program.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_command_words import in_command_position

# what runs the command after it as its own: Bats' `run [OPTIONS] [--]` (it runs its arguments as a command and keeps
# its status and output, https://bats-core.readthedocs.io/en/stable/writing-tests.html#run-test-other-commands) and
# coreutils' `timeout [OPTION] DURATION` (https://www.gnu.org/software/coreutils/manual/html_node/timeout-invocation.html)
_RUNS_NEXT_RE = re.compile(
    r"(?:^|(?<=[\s;&|]))(?:run(?:[ \t]+(?:-\d+|!|--[\w-]+))*(?:[ \t]+--)?|"
    r"env(?:[ \t]+[A-Za-z_]\w*=(?:\$\{[^}]*\}|\$\([^)]*\)|[^\s$])*)+|"  # `env NAME=VALUE... COMMAND`
    r"timeout(?:[ \t]+(?:-[ks][ \t]+\S+|-\S+))*[ \t]+\S+)[ \t]+$"
)
# `SKOPEO_BINARY=${SKOPEO_BINARY:-${TEST_SOURCE_DIR}/../bin/skopeo}`: a variable holding the path of a program the
# function may hand its arguments to (a test suite running the binary it built, or the user's)
_PROGRAM_RE = re.compile(
    r"^[ \t]*(?:export[ \t]+|readonly[ \t]+|local[ \t]+)?([A-Za-z_]\w*)=[\"']?(?:\$\{\1:?-)?"
    r"(?:[^\s\"']*/)?(docker|podman|kubectl|skopeo|buildah)\}?[\"']?[ \t]*(?:#.*)?$",
    re.MULTILINE,
)


def programs_of(text: str) -> dict[str, str]:
    """The variables of `text` each of whose assignments holds the path of one program the functions may hand their
    arguments to (name -> program): `SKOPEO_BINARY=${SKOPEO_BINARY:-${TEST_SOURCE_DIR}/../bin/skopeo}`."""
    found: dict[str, set[str]] = {}
    for match in _PROGRAM_RE.finditer(text):
        found.setdefault(match.group(1), set()).add(match.group(2))
    return {
        name: next(iter(programs))
        for name, programs in found.items()
        if len(programs) == 1 and len(re.findall(rf"(?:^|[\s;]){re.escape(name)}\+?=", text, re.MULTILINE)) == 1
    }


def with_programs(lines: list[str], programs: dict[str, str]) -> list[str]:
    """`lines` with each variable of `programs` written as its program (`${SKOPEO_BINARY}` as `skopeo`)."""
    if not programs:
        return lines
    names = "|".join(re.escape(name) for name in sorted(programs, key=len, reverse=True))
    reference = re.compile(rf"[\"']?\$(?:\{{({names})\}}|({names})(?!\w))[\"']?")
    return [reference.sub(lambda found: programs[found.group(1) or found.group(2)], line) for line in lines]


def starts_command(before: str) -> bool:
    """Whether a command after `before` runs, also behind Bats' `run` and `timeout DURATION` (`_RUNS_NEXT_RE`)."""
    while (runner := _RUNS_NEXT_RE.search(before)) is not None and runner.start() < len(before):
        before = before[: runner.start()]
        if in_command_position(before) or not before.strip():
            return True
    return in_command_position(before)
