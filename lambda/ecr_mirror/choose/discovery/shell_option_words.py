"""Words of a script that hold only options of the command they are given to (pure).

`docker run --rm -i ${TTY_OPT} --name lint IMAGE`, with `TTY_OPT="-t"` in one branch and `TTY_OPT=""` in the other,
or `"${PORTS[@]}"` with `PORTS=(-p 8080:80 -p 8443:443)`, or an array filled with `-e` pairs and expanded with bash's
`set -u` guard (`${EXTRA[@]+"${EXTRA[@]}"}`): whatever their names, the script gives them only options, so they are
no image. A variable counts when each value the file gives it is empty or starts with `-`, and one does; an array
when each of its assignments (`NAME=(...)`, `NAME+=(...)`, on one line) is empty or starts with an option, and one
does; also when its values cannot be resolved, when each starts with `-` as written (`mounts="--volumes-from
$(hostname)"` in one branch, `--volumes-from ${BUILDER}` in another: the words after the option are its value,
whatever they are). A name the file gives no value, or any other value, is not known to hold options.

`last_option_words` gives the last word of each value such a variable holds: where each is an option that takes a
value (`PLATFORM_FLAG="--platform"`, set by a Makefile only when `PLATFORM` is, for `docker run ${PLATFORM_FLAG}
${PLATFORM} ...`), the word after the variable is that option's value, not the image (docker_run.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ecr_mirror.choose.discovery.shell_command_words import command_words, variable_name
from ecr_mirror.choose.discovery.shell_words import ShellValues

_EXPANSION_RE = re.compile(
    r'^\$\{(?P<name>[A-Za-z_]\w*)\[[@*]\]\}$|^\$\{(?P<guarded>[A-Za-z_]\w*)\[[@*]\]\+"?\$\{(?P=guarded)\[[@*]\]\}"?\}$'
)
_ASSIGNED_RE = re.compile(r"(?<![\w$.-])(?P<name>[A-Za-z_]\w*)\+?=\((?P<body>[^()\n]*)\)")


def _only_options(first_words: list[str]) -> bool:
    return any(first_words) and all(not word or word.startswith("-") for word in first_words)


def option_words(text: str, values: ShellValues) -> Callable[[str], bool]:
    """Whether a word of `text` (as command_words gives it) is a variable or an array of options only."""
    arrays: dict[str, list[str]] = {}
    for match in _ASSIGNED_RE.finditer(text):
        words = command_words(match["body"])
        arrays.setdefault(match["name"], []).append(words[0] if words else "")

    def holds_options(word: str) -> bool:
        if (array := _EXPANSION_RE.match(word)) is not None:
            return _only_options(arrays.get(array["name"] or array["guarded"], []))
        if variable_name(word) is None:
            return False
        resolved = values.resolve_each(word)
        if all(problem is None for _, problem in resolved):
            return _only_options([value for value, _ in resolved])
        written = values.values.get(variable_name(word) or "", set())  # `--volumes-from $(hostname)`: as written
        return _only_options(sorted(written))

    return holds_options


def last_option_words(values: ShellValues) -> Callable[[str], list[str]]:
    """The last word of each value the file gives the variable a word is (`--platform` of `PLATFORM_FLAG=
    "--platform"`); none for a value that cannot be known, an empty one or another word."""

    def last_words(word: str) -> list[str]:
        if variable_name(word) is None:
            return []
        return [
            words[-1] for value, problem in values.resolve_each(word) if problem is None and (words := value.split())
        ]

    return last_words
