"""The placeholders a script fills in a file with `sed -i` before it applies it (pure).

Kubernetes projects keep a manifest with a placeholder in its image (`image:
registry.k8s.io/kube-apiserver:{{karmada_apiserver_version}}`), copy it, fill the copy in place and apply it:

    cp "${REPO_ROOT}"/artifacts/deploy/karmada-apiserver.yaml "${TEMP_PATH}"/karmada-apiserver.yaml
    sed -i'' -e "s/{{karmada_apiserver_version}}/${KARMADA_APISERVER_VERSION}/g" "${TEMP_PATH}"/karmada-apiserver.yaml

Read: each `sed` in command position that edits in place (`-i`, `-i''`, `-i.bak`, `--in-place`; GNU sed,
https://www.gnu.org/software/sed/manual/sed.html#Command_002dLine-Options) with `s` commands (`-e EXPR`, or the first
word without `-e`) whose pattern is a literal (letters, digits, `_ { } @ % . : -`) and whose replacement is a word
the script resolves (its values, shell_words.ShellValues: so a step's env given to the script counts), and the
files it edits: a path the script's `source` rules locate (sourced_paths.py: `"${REPO_ROOT}"/x.yaml` with
`REPO_ROOT=$(dirname "${BASH_SOURCE[0]}")/..`, a relative path), or a copy an earlier `cp SRC DST` of the script
made, DST written as the sed names it, standing for SRC. A sed that prints (no `-i`) changes no file; a pattern with
regular expression operators, a replacement with `&` or `\\`, or one not known, fills nothing; so does a replacement
written with a variable whose value is empty (kserve's `SET_KSERVE_VERSION="${SET_KSERVE_VERSION:-}"`, then `if [ -n
"${SET_KSERVE_VERSION}" ]; then sed -i -e "s/latest/${SET_KSERVE_VERSION}/g" ...`: the script fills only when it is
given, and `kserve/agent:` is no image), while a literal empty one (`s/-debug//`) fills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.sed_substitutes import substitutes
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import source_target

_SED_RE = re.compile(r"(?<![\w./$-])sed(?=[ \t])")
_CP_RE = re.compile(r"(?<![\w./$-])cp(?=[ \t])")
_LITERAL_RE = re.compile(r"[\w{}@%.:-]+")
_SHELL_OPERATORS = frozenset({"|", "||", "&&", ";", "&", ">", ">>", "<"})
_QUOTED_RE = re.compile(r"'[^']*'|\"[^\"]*\"")
_COMMAND_END_RE = re.compile(r"\|\|?|&&|;")  # where one command of a line ends (a pipe hands the output on)
_GROUPED_RE = re.compile(r"-[Ensu][Einrsu]+")  # grouped short options, `-Ei`; not `-iE` (in place, backup suffix E)
_WRITTEN_RE = re.compile(r"(?<![\d&>])>>?[ \t]*([^\s;&|<>]+)")  # `> FILE`, `>> FILE`; not `2>`, `>&2`


@dataclass(frozen=True, slots=True)
class SedFill:
    """An `s` command of an in-place sed: the file it edits (anchor and path, sourced_paths.source_target), the
    literal pattern, the resolved replacement, whether every match of a line is replaced (`g`), and the line."""

    anchor: str
    path: str
    pattern: str
    replacement: str
    every: bool
    line: int


def _arguments(words: list[str]) -> tuple[bool, list[str], list[str]] | None:
    """(in place, the expressions, the files) of sed's words; None for an option not read (`-f`, `-n`, ...)."""
    in_place, expressions, operands = False, [], []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _SHELL_OPERATORS or word.startswith((">", "<", "2>")):
            break
        if word.startswith("-i") or word.startswith("--in-place"):
            in_place = True
        elif word in ("-e", "--expression") and index + 1 < len(words):
            expressions.append(words[index + 1])
            index += 1
        elif word.startswith("--expression="):
            expressions.append(word.split("=", 1)[1])
        elif word in ("-E", "-r", "--regexp-extended", "-s", "--separate", "-u", "--unbuffered", "--posix", "--"):
            pass
        elif word.startswith("-"):
            return None
        else:
            operands.append(word)
        index += 1
    if not expressions and operands:
        expressions, operands = [operands[0]], operands[1:]
    return in_place, expressions, operands


def copies(text: str) -> list[tuple[int, str, str]]:
    """(line, source, destination) of each `cp SRC DST` of the text, as written (options before them skipped)."""
    out: list[tuple[int, str, str]] = []
    for number, joined in joined_lines(text):
        for match in _CP_RE.finditer(joined):
            if not in_command_position(joined[: match.start()]):
                continue
            words = [word for word in command_words(joined[match.end() :]) if not word.startswith("-")]
            ended = next((at for at, word in enumerate(words) if word in _SHELL_OPERATORS), len(words))
            if ended == 2:
                out.append((number, words[0], words[1]))
    return out


def sed_fills(text: str) -> list[SedFill]:
    """The `s` commands of the in-place seds of a script, each with the file it edits, in the script's order."""
    if "sed" not in text or ("-i" not in text and "--in-place" not in text):
        return []
    return _seds(text, in_place=True)


def rendered_fills(text: str) -> list[SedFill]:
    """The `s` commands of the seds of a script or a makefile's recipes that write what they print to a file
    (`sed -e 's|{ARG_FROM}|$(BASE_IMAGE)|g' Dockerfile.in > .dockerfile-$(ARCH)`), each with the file it reads: the
    written file is that one filled in. A sed that prints to the terminal, to `/dev/null` or into a pipe is not."""
    return _seds(text, in_place=False) if "sed" in text and ">" in text else []


def sed_expressions(text: str) -> list[tuple[int, str, bool]]:
    """(line, expression, extended) of each expression of each sed of a script in command position, whatever it
    edits or prints; `extended`: read as an ERE (`-E`, `-r`, `--regexp-extended`)."""
    out: list[tuple[int, str, bool]] = []
    for number, joined in joined_lines(text) if "sed" in text else []:
        for match in _SED_RE.finditer(joined):
            if in_command_position(joined[: match.start()]):
                words = [
                    split
                    for word in command_words(joined[match.end() :])
                    for split in (["-" + flag for flag in word[1:]] if _GROUPED_RE.fullmatch(word) else [word])
                ]
                extended = any(word in ("-E", "-r", "--regexp-extended") for word in words)
                parsed = _arguments(words)
                out += [(number, expression, extended) for expression in (parsed[1] if parsed else [])]
    return out


def _written(rest: str) -> bool:
    """Whether the command `rest` ends (the words after `sed`) writes its output to a file."""
    command = _COMMAND_END_RE.split(_QUOTED_RE.sub("''", rest), maxsplit=1)[0]  # `'s|a|b|'`: no pipe
    return any(target != "/dev/null" for target in _WRITTEN_RE.findall(command))


def _seds(text: str, *, in_place: bool) -> list[SedFill]:
    values = ShellValues.of(text)
    copied = copies(text) if in_place else []
    out: list[SedFill] = []
    for number, joined in joined_lines(text):
        for match in _SED_RE.finditer(joined):
            if not in_command_position(joined[: match.start()]):
                continue
            parsed = _arguments(command_words(joined[match.end() :]))
            if parsed is None or parsed[0] != in_place or (not in_place and not _written(joined[match.end() :])):
                continue
            for written in parsed[2]:
                source = next((src for at, src, dst in reversed(copied) if at < number and dst == written), written)
                if (target := source_target(source, values.values)) is None:
                    continue
                for expression in parsed[1]:
                    out += _fills(expression, target, values.at(number), number)
    return out


def _fills(expression: str, target: tuple[str, str], values: ShellValues, line: int) -> list[SedFill]:
    """The fills of one sed expression (`s/A/B/g`, also several joined by `;`)."""
    out: list[SedFill] = []
    for command in substitutes(expression):
        # a literal pattern; the replacement runs to the last delimiter, `g` or nothing after it (`s/a/b/c/` replaces
        # `a` with `b/c`, a command sed rejects), and has no `&`; no backslash anywhere
        tail = command.replacement + command.delimiter + command.rest
        written, _, flags = tail.rpartition(command.delimiter)
        if flags not in ("", "g") or "\\" in tail or "&" in written or not _LITERAL_RE.fullmatch(command.pattern):
            continue
        replacement, problem = values.resolve(written)
        if not replacement and "$" in written:
            continue  # a variable empty unless given (`${SET_VERSION:-}`): filled only when given, `[ -n ... ]`
        if problem is None and "$" not in replacement:
            out.append(SedFill(*target, command.pattern, replacement, flags == "g", line))
    return out


def filled(value: str, fills: list[SedFill]) -> tuple[str, SedFill | None]:
    """`value` with each fill applied in order, and the first fill that changed it (None: none did)."""
    first: SedFill | None = None
    for fill in fills:
        changed = value.replace(fill.pattern, fill.replacement, -1 if fill.every else 1)
        first = first or (fill if changed != value else None)
        value = changed
    return value, first
