"""The commands a CMake file runs, as shell lines (pure).

CMake runs each `COMMAND` of `add_custom_target` and `add_custom_command` when the target builds, and of
`execute_process` when it configures, as a program with its arguments
(https://cmake.org/cmake/help/latest/command/add_custom_target.html,
https://cmake.org/cmake/help/latest/command/add_custom_command.html,
https://cmake.org/cmake/help/latest/command/execute_process.html): a project's `lint` target,
`COMMAND ${DOCKER} run --rm -v ... oxsecurity/megalinter:v6`, the program `find_program(DOCKER docker)` found
(https://cmake.org/cmake/help/latest/command/find_program.html). `cmake_lines` gives the file's text with each such
command written as one shell line at its `COMMAND`'s line, its arguments up to the next keyword of the call, and
every other line blank (a `message(...)`'s text, a comment, the rest of the call are no commands). A `${NAME}` takes
the program `find_program(NAME prog)` names, or the one literal `set(NAME value)` gives it (a name set twice to
different values, or to anything else, stays `${NAME}`: known only when CMake runs). Read in one pass over the text.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.line_index import LineIndex

_CALLS = frozenset({"add_custom_target", "add_custom_command", "execute_process"})
# the keywords of those calls that end a COMMAND's arguments
_KEYWORDS = frozenset(
    {
        "COMMAND", "COMMENT", "DEPENDS", "WORKING_DIRECTORY", "VERBATIM", "USES_TERMINAL", "BYPRODUCTS", "OUTPUT",
        "MAIN_DEPENDENCY", "IMPLICIT_DEPENDS", "JOB_POOL", "JOB_SERVER_AWARE", "SOURCES", "DEPFILE",
        "COMMAND_EXPAND_LISTS", "APPEND", "ALL", "RESULT_VARIABLE", "RESULTS_VARIABLE", "OUTPUT_VARIABLE",
        "ERROR_VARIABLE", "INPUT_FILE", "OUTPUT_FILE", "ERROR_FILE", "TIMEOUT", "OUTPUT_QUIET", "ERROR_QUIET",
        "OUTPUT_STRIP_TRAILING_WHITESPACE", "ERROR_STRIP_TRAILING_WHITESPACE", "ECHO_OUTPUT_VARIABLE",
        "ECHO_ERROR_VARIABLE", "COMMAND_ECHO", "ENCODING", "COMMAND_ERROR_IS_FATAL", "PRE_BUILD", "PRE_LINK",
        "POST_BUILD", "TARGET", "DEPENDS_EXPLICIT_ONLY", "CODEGEN",
    }
)  # fmt: skip
# a word of a call's arguments: a quoted argument, a parenthesis, a comment, or an unquoted run
_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*"?|[()]|#[^\n]*|[^\s()"#]+')
_CALL_RE = re.compile(r"^[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*\(", re.MULTILINE)
_REFERENCE_RE = re.compile(r"\$\{(?P<name>[A-Za-z_][\w.-]*)\}")
_PLAIN_RE = re.compile(r"[\w@%+=:,./${}-]+")  # a word the shell reads as it is written


def _shell_word(word: str) -> str:
    """A CMake argument as one shell word: as written, or double-quoted (a `${NAME}` left to expand)."""
    if _PLAIN_RE.fullmatch(word):
        return word
    return '"' + re.sub(r'(["\\`])', r"\\\1", word) + '"'


def is_cmake(name: str) -> bool:
    """Whether a file is CMake's, by its name: `CMakeLists.txt` or a `*.cmake` module."""
    lowered = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return lowered == "cmakelists.txt" or lowered.endswith(".cmake")


def _calls(text: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """(name, [(offset, word)]) of each top-level call of the file, its arguments' words with their offsets (a
    quoted argument unquoted, nested parentheses' words kept, comments left out)."""
    calls: list[tuple[str, list[tuple[int, str]]]] = []
    at = 0
    for call in _CALL_RE.finditer(text):
        if call.start() < at:
            continue  # inside the arguments of the call before
        words: list[tuple[int, str]] = []
        depth = 1
        at = call.end()
        for token in _TOKEN_RE.finditer(text, call.end()):
            word = token.group(0)
            at = token.end()
            if word == "(":
                depth += 1
            elif word == ")":
                depth -= 1
                if depth == 0:
                    break
            elif not word.startswith("#"):
                quoted = word.startswith('"')
                words.append((token.start(), word[1:-1] if quoted and len(word) > 1 and word.endswith('"') else word))
        calls.append((call["name"].lower(), words))
    return calls


def _variables(calls: list[tuple[str, list[tuple[int, str]]]]) -> dict[str, str]:
    """The names `find_program` or a one-literal `set` gives one value in the file."""
    values: dict[str, set[str]] = {}
    for name, words in calls:
        arguments = [word for _, word in words]
        if name == "find_program" and len(arguments) >= 2:
            programs = arguments[2:3] if arguments[1] == "NAMES" else arguments[1:2]
            values.setdefault(arguments[0], set()).update(programs or {""})
        elif name == "set" and arguments:
            literal = len(arguments) == 2 and "${" not in arguments[1]
            values.setdefault(arguments[0], set()).add(arguments[1] if literal else "")
    return {name: next(iter(found)) for name, found in values.items() if len(found) == 1 and "" not in found}


def cmake_lines(text: str) -> str:
    """`text` with each command its custom targets, custom commands and processes run as one shell line at the
    line of its `COMMAND`, every other line blank (see the module)."""
    if "COMMAND" not in text:
        return "\n" * text.count("\n")  # no command run: most of a C++ tree's CMake files, read in one pass
    lines = [""] * (text.count("\n") + 1)
    index = LineIndex(text)
    calls = _calls(text)
    known = _variables(calls)
    for name, words in calls:
        if name not in _CALLS:
            continue
        command: list[str] | None = None
        at = 0
        for offset, word in [*words, (len(text), "COMMAND")]:
            if word in _KEYWORDS:
                if command:
                    lines[index.line(at) - 1] = " ".join(_shell_word(part) for part in command)
                command, at = ([], offset) if word == "COMMAND" else (None, offset)
            elif command is not None:
                command.append(_REFERENCE_RE.sub(lambda found: known.get(found["name"], found.group(0)), word))
    return "\n".join(lines)
