"""The branches of a shell script's `if` chains, as make_conditionals.py gives a makefile's (pure).

`if [ "$DB" = postgres ]; then` / `DB_IMAGE=postgres:16` / `elif ...; then` / `DB_IMAGE=mysql:8.4` / `else` /
`DB_IMAGE=mariadb:11.4` / `fi`: one run takes one branch, so a command naming the name pulls each branch's value in
some run (make_conditionals.choices decides which names are such choices). Read: an `if` or `elif` line ending with
`then` (`; then`, or `then` alone on the next line), `else` and `fi` (`fi >/dev/null 2>&1` too: the redirection
applies to the whole `if`), each the first word of its line; an `if` that
closes on its own line (`if ...; then X=a; fi`) opens nothing. A Makefile recipe's `if ...; then`, ending with a
backslash, continues on the next line and is not read as one (its lines are one shell command).

A `case WORD in` ... `esac` is such a chain too, each arm (`jvm)`, `native | native-arm)`, `*)`, its pattern first
on its line) one branch: `case "${{ matrix.flavor }}" in` / `uber-jvm)` / `TAG="nightly"` / `;;` / `uber-native)
TAG="nightly-native" ;;` gives TAG one value per arm. `arms_opened` blanks the patterns, so that an assignment
written after one (`mysql) DB=mysql:8.4 ;;`, the `;;` dropped) is read as one.

Within one branch the shell runs the lines in order: `arm_local` rewrites an assignment in a branch to read the
literal values assigned before it in that branch (or in a branch holding it), so that `v1.30.x)` /
`K8S_VERSION=1.30.6` / `NODE_IMAGE=kindest/node:v${K8S_VERSION}` is `kindest/node:v1.30.6` in that arm, whatever
other values K8S_VERSION takes in the file.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.make_conditionals import Branch

_IF_RE = re.compile(r"^[ \t]*if[ \t]")
_ELIF_RE = re.compile(r"^[ \t]*elif[ \t]")
_THEN_RE = re.compile(r"(?:;[ \t]*|^[ \t]*)then[ \t]*(?:#.*)?$")
_ELSE_RE = re.compile(r"^[ \t]*else[ \t]*(?:#.*)?$")
_AFTER_FI = r"[ \t]*(?:(?:[;&|)#<>]|\d+[<>]).*)?$"  # what may follow `fi`: a list operator, a comment, a redirection
_FI_RE = re.compile(r"^[ \t]*fi" + _AFTER_FI)
_CLOSED_RE = re.compile(r"[; \t]fi" + _AFTER_FI)
_CASE_RE = re.compile(r"^[ \t]*case[ \t].*[ \t]in[ \t]*(?:#.*)?$")
_ESAC_RE = re.compile(r"^[ \t]*esac" + _AFTER_FI)
_PATTERN_RE = re.compile(r"^[ \t]*\(?[ \t]*[^\s()|;]+(?:[ \t]*\|[ \t]*[^\s()|;]+)*[ \t]*\)")  # `a | b)`, `*)`
_ARM_END_RE = re.compile(r"[ \t]*;(?:;&?|&)[ \t]*$")  # `;;`, `;;&`, `;&`
_LOCAL_RE = re.compile(r"^([ \t]*(?:(?:export|readonly|local)[ \t]+)?([A-Za-z_]\w*)=)(.*)$")
_LOCAL_USE_RE = re.compile(r"\$\{(\w+)(?::?[-=][^}$]*)?\}|\$([A-Za-z_]\w*)")  # not `${X:+y}`, `${X#v}`
_CHAINS = 1 << 20  # chain numbers apart from a makefile's (make_conditionals.branches counts from 1)


def _read(text: str) -> tuple[list[Branch], list[str | None], list[str]]:
    """The branch of each line, the directive each line is as the reading takes it (`if :; then`, `elif :; then`,
    `else`, `fi`; None for any other line; a `case` is read as an `if`, each arm as an `elif`, `esac` as `fi`), and
    the lines with the pattern that starts each arm of a `case` blanked and its `;;` dropped."""
    out: list[Branch] = []
    directives: list[str | None] = []
    stack: list[tuple[int, int]] = []
    cases: list[bool] = []  # whether each open chain is a `case`
    chains = _CHAINS
    lines = text.splitlines()
    blanked = list(lines)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        opens = _THEN_RE.search(line) is not None or _THEN_RE.match(following) is not None
        directive: str | None = None
        if (_IF_RE.match(line) and opens and not _CLOSED_RE.search(line)) or _CASE_RE.match(line):
            out.append(tuple(stack))
            chains += 1
            stack.append((chains, 0))
            cases.append(_CASE_RE.match(line) is not None)
            directive = "if :; then"
        elif stack and cases[-1] and (pattern := _PATTERN_RE.match(line)) is not None:
            stack[-1] = (stack[-1][0], stack[-1][1] + 1)
            out.append(tuple(stack))
            blanked[index] = " " * pattern.end() + line[pattern.end() :]
            directive = "elif :; then"
        elif stack and not cases[-1] and ((_ELIF_RE.match(line) and opens) or _ELSE_RE.match(line)):
            stack[-1] = (stack[-1][0], stack[-1][1] + 1)
            out.append(tuple(stack))
            directive = "else" if _ELSE_RE.match(line) else "elif :; then"
        elif stack and (_ESAC_RE.match(line) if cases[-1] else _FI_RE.match(line)):
            stack.pop()
            cases.pop()
            out.append(tuple(stack))
            directive = "fi"
        else:
            out.append(tuple(stack))
        if stack and cases[-1] and (end := _ARM_END_RE.search(blanked[index])) is not None:
            blanked[index] = blanked[index][: end.start()]  # `TAG="nightly-native" ;;`: the arm's end
        directives.append(directive)
    return out, directives + ["fi"] * len(stack), blanked  # a chain left open at the end closed after it


def shell_branches(text: str) -> list[Branch]:
    """The `if` (or `case`) branch each line of `text` is in (`()` outside any), one per line of `splitlines()`."""
    return _read(text)[0]


def shell_directives(text: str) -> list[str | None]:
    """The `if` directive each line of `text` is, as `shell_branches` reads it, with the condition left out (`if :;
    then`, `elif :; then`, `else`, `fi`; None for other lines), one per line of `splitlines()`, then a `fi` for each
    chain the text leaves open: these lines around a text's assignments, elsewhere, give them the same branches."""
    return _read(text)[1]


def arms_opened(text: str) -> list[str]:
    """The lines of `text` (`splitlines()`), the pattern that starts each arm of a `case` blanked."""
    return _read(text)[2] if "case" in text and "esac" in text else text.splitlines()


def arm_local(lines: list[str], branches: list[Branch]) -> list[str]:
    """`lines` with each assignment inside a branch (`branches`: shell_branches) reading the literal values that the
    same branch, or a branch holding it, assigned last before it (`NAME=v`; one in single quotes is not expanded)."""
    out = list(lines)
    last: dict[str, tuple[Branch, str | None]] = {}  # the branch of each name's last assignment, its literal value
    for index, (line, branch) in enumerate(zip(lines, branches, strict=True)):
        if (match := _LOCAL_RE.match(line)) is None:
            continue
        head, name, value = match.groups()
        if branch and not value.startswith("'"):

            def local(use: re.Match[str], branch: Branch = branch) -> str:
                where, known = last.get(use.group(1) or use.group(2), ((), None))
                return known if where and known is not None and branch[: len(where)] == where else use.group(0)

            value = _LOCAL_USE_RE.sub(local, value)
            out[index] = head + value
        bare = value.split(";")[0].strip()
        bare = bare[1:-1] if len(bare) >= 2 and bare[0] == bare[-1] and bare[0] in "'\"" else bare
        literal = not any(mark in bare for mark in "$`\"' \t") and not value.rstrip().endswith("\\")
        last[name] = (branch, bare if literal else None)
    return out


# (line, value, the makefile conditional's branch, the script chain's branch) of one `NAME=value` of a name
Assignment = tuple[int, str, Branch, Branch]


def reassigned_after_chain(written: list[Assignment]) -> tuple[list[Assignment], list[tuple[int, str]]] | None:
    """A name's assignments (in order) split where a script's chain that gives it a value in its branches is
    followed by plain assignments outside any chain (`if ...; then IMG=a; else IMG=b; fi`, then `IMG=c`): (the
    chain's, the (line, value) of each later one); None for any other shape (the later one in a makefile's
    conditional, or one in a chain again after it)."""
    split = next((index for index, (_, _, _, branch) in enumerate(written) if not branch), 0)
    early, later = written[:split], written[split:]
    if not early or not later or any(made for _, _, made, _ in written) or any(branch for *_, branch in later):
        return None
    return early, [(line, value) for line, value, _, _ in later]


_EXIT_RE = re.compile(r"^[ \t]*(?:exit|return)(?:[ \t;#]|$)")


def emptied_before_chain(written: list[Assignment], lines: list[str], shell: list[Branch]) -> bool:
    """Whether a name's assignments (in order) are an empty one outside any chain (`NODE_SHA=""`), then one in each
    branch of one script `if` chain with an `else`, every branch of which assigns the name or leaves the script
    (`exit`, `return`): each run that goes on past the chain has a branch's value, the empty one none
    (https://www.gnu.org/software/bash/manual/html_node/Conditional-Constructs.html). `lines` are the script's
    lines, `shell` their branches (shell_branches)."""
    split = next((index for index, (_, _, _, branch) in enumerate(written) if branch), 0)
    early, inside = written[:split], written[split:]
    if not early or not inside or any(value or made or branch for _, value, made, branch in early):
        return False
    chain = inside[0][3][0][0]
    if any(made or len(branch) != 1 or branch[0][0] != chain for _, _, made, branch in inside):
        return False
    arms: dict[int, bool] = {}  # each branch of the chain: whether it assigns the name or leaves the script
    for line, branch in zip(lines, shell, strict=True):
        if len(branch) == 1 and branch[0][0] == chain:
            arms[branch[0][1]] = arms.get(branch[0][1], False) or _EXIT_RE.match(line) is not None
    for _, _, _, branch in inside:
        arms[branch[0][1]] = True
    has_else = any(
        _ELSE_RE.match(line) for line, branch in zip(lines, shell, strict=True) if branch[:1] == ((chain, max(arms)),)
    )
    return bool(arms) and all(arms.values()) and has_else and len(arms) == max(arms) + 1


_OVERRIDES = -1  # the chain number of `overridden_in_branches`' branches, apart from every chain of a text
_EVERY_RUN_RE = re.compile(r"^[ \t]*(?:else|\(?[ \t]*\*[ \t]*\))(?:[ \t;#]|$)")  # `else`, a case's `*)` arm


def overridden_in_branches(
    written: list[Assignment], lines: list[str], shells: list[Branch]
) -> list[tuple[str, Branch]] | None:
    """A name's assignments (in order) when the first is a non-empty value outside any chain and every later one is
    inside a branch of a script's `if` or `case` with no `else` and no `*)` arm (`NODE_IMAGE=${NODE_IMAGE:-$LATEST}`,
    then `if [[ "$NODE_IMAGE" == oldest ]]; then NODE_IMAGE=$OLDEST; fi`): the shell runs the lines in order and a
    branch's assignment replaces the value only in a run that takes that branch, so a run past them has the first
    value or one branch's (https://www.gnu.org/software/bash/manual/html_node/Conditional-Constructs.html). Each
    value with a branch of its own, one chain apart from all others (make_conditionals.choices reads them one per
    run); None for any other shape (a makefile's conditional, two assignments outside a chain, an empty first
    value, a chain some branch of which every run not taking the others takes: the first value is gone after it).
    `lines` are the script's lines as written (the `case` patterns not blanked), `shells` their branches."""
    if len(written) < 2 or any(made for _, _, made, _ in written):
        return None
    (_, first, _, branch), later = written[0], written[1:]
    if branch or not first or any(not shell for *_, shell in later):
        return None
    chains = {shell[0][0] for *_, shell in later}
    if any(
        shell and shell[0][0] in chains and len(shell) == 1 and _EVERY_RUN_RE.match(line)
        for line, shell in zip(lines, shells, strict=True)
    ):
        return None
    return [(value, ((_OVERRIDES, index),)) for index, (_, value, _, _) in enumerate(written)]
