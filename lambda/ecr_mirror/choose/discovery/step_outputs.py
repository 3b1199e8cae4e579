"""The values a GitHub Actions bash step writes to `$GITHUB_OUTPUT` for the steps after it (pure).

A step with an `id` sets an output by appending `NAME=value` to the file `$GITHUB_OUTPUT`, and a later step of the
job reads it as `${{ steps.ID.outputs.NAME }}`
(https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter).
Packaging workflows map each matrix entry to the distribution image they build in so: `os="${{ matrix.os }}"` /
`case "$os" in` / `rocky-9) image="rockylinux:9" ;;` / `esac` / `echo "image=$image" >> $GITHUB_OUTPUT`, then
`docker run ... ${{ steps.docker_image.outputs.image }}`. `step_outputs` reads the step's commands once, the matrix
already substituted (workflow_steps.matrix_runs), in order, as bash runs them:

- an assignment `NAME=value` (`export`, `local`, `readonly` too) whose value is literal after the literal values
  assigned before it (`$NAME`, `${NAME}`); any other value (`$(...)`, `${NAME#x}`, an unset name) makes NAME unknown;
- `case WORD in` with a literal WORD runs the first arm whose pattern matches it (`a|b)`, globs, `*)`,
  https://www.gnu.org/software/bash/manual/html_node/Conditional-Constructs.html), the others not; a WORD only the
  run knows, and every `if` (not decided here), leave what their branches assign unknown and what they write unread;
- `echo "NAME=value" >> "$GITHUB_OUTPUT"` (`$GITHUB_OUTPUT`, `${GITHUB_OUTPUT}`, quoted or not) with a literal
  value after those values; a later write of a name wins.

One pass over the lines, each read once: linear in the text.
"""

from __future__ import annotations

import fnmatch
import re

from ecr_mirror.choose.discovery.local_builds import joined_lines

_WRITE_RE = re.compile(
    r"^echo[ \t]+(?P<quote>[\"']?)(?P<name>[A-Za-z_][\w-]*)=(?P<value>[^\"'\s]*)(?P=quote)[ \t]*>>[ \t]*"
    r"[\"']?\$\{?GITHUB_OUTPUT\}?[\"']?$"
)
_ASSIGN_RE = re.compile(
    r"^(?:(?:export|local|readonly)[ \t]+)?(?P<name>[A-Za-z_]\w*)=(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"';&|]*)"
    r"[ \t]*(?:;;)?[ \t]*$"
)
_CASE_RE = re.compile(r"^case[ \t]+(?P<word>\S+)[ \t]+in$")
_ARM_RE = re.compile(r"^\(?(?P<patterns>[^\s()|;]+(?:[ \t]*\|[ \t]*[^\s()|;]+)*)\)[ \t]*(?P<rest>.*)$")
_ARM_END_RE = re.compile(r"[ \t]*;(?:;&?|&)[ \t]*$")
_USE_RE = re.compile(r"\$\{(?P<braced>[A-Za-z_]\w*)\}|\$(?P<bare>[A-Za-z_]\w*)")
_LITERAL_RE = re.compile(r"[^\s'\"$`\\{}()]+")


def _expanded(text: str, values: dict[str, str]) -> str | None:
    """`text` unquoted with the known values of its `$NAME`/`${NAME}`; None when it is not literal then."""
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1] if _LITERAL_RE.fullmatch(text[1:-1]) else None
    text = text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text
    unknown = False

    def value(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match["braced"] or match["bare"]
        if name not in values:
            unknown = True
            return ""
        return values[name]

    expanded = _USE_RE.sub(value, text)
    return expanded if not unknown and _LITERAL_RE.fullmatch(expanded) else None


class _Frame:
    """An open `if` or `case`: whether its current branch surely runs (True), surely not (False) or only the run
    knows (None); for a `case`, its literal word (None: unknown) and whether an earlier arm ran."""

    __slots__ = ("case", "matched", "runs", "word")

    def __init__(self, case: bool, word: str | None) -> None:
        self.case, self.word, self.matched = case, word, False
        self.runs: bool | None = None if not case or word is None else False


def _arm(frame: _Frame, patterns: str) -> None:
    """Enter an arm of `frame`'s `case`."""
    if frame.word is None:
        frame.runs = None
        return
    hit = not frame.matched and any(
        fnmatch.fnmatchcase(frame.word, p.strip().strip("\"'")) for p in patterns.split("|")
    )
    frame.runs, frame.matched = hit, frame.matched or hit


class _Stack:
    """The open frames, with how many of them surely do not run and how many only the run decides (kept as frames
    open, close and change arm, so that each line asks in constant time)."""

    def __init__(self) -> None:
        self.frames: list[_Frame] = []
        self.counts = {True: 0, False: 0, None: 0}

    def push(self, frame: _Frame) -> None:
        self.frames.append(frame)
        self.counts[frame.runs] += 1

    def pop(self) -> None:
        if self.frames:
            self.counts[self.frames.pop().runs] -= 1

    def arm(self, patterns: str) -> None:
        frame = self.frames[-1]
        self.counts[frame.runs] -= 1
        _arm(frame, patterns)
        self.counts[frame.runs] += 1

    def runs(self) -> bool | None:
        """Whether the current line surely runs, surely not, or None: only the run knows."""
        return False if self.counts[False] else None if self.counts[None] else True


def step_outputs(commands: str) -> dict[str, str]:
    """The literal values the bash `commands` surely write to `$GITHUB_OUTPUT` (see the module)."""
    values: dict[str, str] = {}
    written: dict[str, str] = {}
    stack = _Stack()
    for _, joined in joined_lines(commands):
        line = joined.strip()
        if not line or line.startswith("#"):
            continue
        if (case := _CASE_RE.match(line)) is not None:
            stack.push(_Frame(True, _expanded(case["word"], values)))
            continue
        if re.match(r"^esac\b", line) or re.match(r"^fi\b", line):
            stack.pop()
            continue
        if re.match(r"^if[ \t]", line) and not re.search(r"[; \t]fi[ \t]*$", line):
            stack.push(_Frame(False, None))
            continue
        if re.match(r"^(?:elif[ \t]|else\b)", line) or line == "then":
            continue
        top = stack.frames[-1] if stack.frames else None
        if top is not None and top.case and (arm := _ARM_RE.match(line)) is not None and "=" not in arm["patterns"]:
            stack.arm(arm["patterns"])
            line = _ARM_END_RE.sub("", arm["rest"]).strip()
        else:
            line = _ARM_END_RE.sub("", line).strip()
        runs = stack.runs()
        if runs is False:
            continue
        if (assigned := _ASSIGN_RE.match(line)) is not None:
            value = _expanded(assigned["value"], values) if runs else None
            if value is None:
                values.pop(assigned["name"], None)
            else:
                values[assigned["name"]] = value
        elif (
            runs
            and (write := _WRITE_RE.match(line)) is not None
            and (value := _expanded(write["value"], values)) is not None
        ):
            written[write["name"]] = value
    return written
