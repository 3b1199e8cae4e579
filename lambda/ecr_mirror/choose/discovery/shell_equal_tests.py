"""The value a shell `if` tests a variable equal to, written in the branch that runs when it is (pure).

`if [ "$X" = "LIT" ]; then BODY` runs BODY only when X is LIT (test(1)'s `=`, bash's `[[ ... == ... ]]` with a
literal: https://www.gnu.org/software/bash/manual/html_node/Bash-Conditional-Expressions.html), so in BODY, up to
the `elif`, `else` or `fi` that closes it, `$X` is LIT. Prometheus' shared `Makefile.common` builds each Dockerfile
variant in a loop, `for variant in $(DOCKERFILE_VARIANTS_WITH_NAMES); do dockerfile=$${variant#*:}; ... if [
"$$dockerfile" = "Dockerfile" ]; then docker build ... -f $$dockerfile --build-arg ARCH="$*" ...`: the default
variant's build reads `Dockerfile`, whatever the loop's words are. Read on one command line (a script's line, a
recipe's joined lines; a make recipe's `$$` is the shell's `$`): the test an operand that is one variable (`$X`,
`${X}`, quoted or not) and one literal word, either order; a branch that assigns the name again (`X=...`) or tests it
again in a nested `if` is left as written, and so are `!=`, `-eq` and every other test.
"""

from __future__ import annotations

import re

_OPERAND = r"\"[^\"]*\"|'[^']*'|[^\s;\]]+"
_TEST_RE = re.compile(
    rf"(?<![\w$-])if\s+(?:\[\[?|test)\s+(?P<a>{_OPERAND})\s+==?\s+(?P<b>{_OPERAND})\s*(?:\]\]?)?\s*;\s*then(?=\s|$)"
)
_VARIABLE_RE = re.compile(r"\$\$?(?:\{(?P<braced>[A-Za-z_]\w*)\}|(?P<bare>[A-Za-z_]\w*))")
_LITERAL_RE = re.compile(r"[\w./:@+%-]+")
_KEYWORD_RE = re.compile(r"(?<![\w$.-])(if|elif|else|fi)(?![\w.-])")


def _unquoted(operand: str) -> str:
    return operand[1:-1] if operand[:1] in "\"'" and operand[-1:] == operand[:1] and len(operand) > 1 else operand


def _tested(match: re.Match[str]) -> tuple[str, str] | None:
    """(name, literal) of an equality test between one variable and one literal word; None for another."""
    first, second = _unquoted(match["a"]), _unquoted(match["b"])
    for variable, literal in ((first, second), (second, first)):
        named = _VARIABLE_RE.fullmatch(variable)
        if named is not None and _LITERAL_RE.fullmatch(literal):
            return named["braced"] or named["bare"], literal
    return None


def _branch_end(command: str, start: int) -> int:
    """Where the `then` branch starting at `start` ends: its `elif`, `else` or `fi` (nested `if`s skipped)."""
    depth = 0
    for keyword in _KEYWORD_RE.finditer(command, start):
        word = keyword.group(1)
        if word == "if":
            depth += 1
        elif depth == 0:
            return keyword.start()
        elif word == "fi":
            depth -= 1
    return len(command)


def with_tested_values(command: str) -> str:
    """`command` with each variable an `if` tests equal to a literal written as that literal in the `then` branch."""
    if "then" not in command or "=" not in command:
        return command
    for match in reversed(list(_TEST_RE.finditer(command))):
        if (tested := _tested(match)) is None:
            continue
        name, literal = tested
        end = _branch_end(command, match.end())
        body = command[match.end() : end]
        if re.search(rf"(?<![\w$]){re.escape(name)}=", body):
            continue  # assigned again in the branch
        if any((inner := _tested(test)) is not None and inner[0] == name for test in _TEST_RE.finditer(body)):
            continue  # tested again inside: its own branch has its value; `"a" = "b"` would read a dead branch
        pattern = re.compile(rf"\$\$?(?:\{{{re.escape(name)}\}}|{re.escape(name)}(?!\w))")
        command = command[: match.end()] + pattern.sub(literal.replace("\\", "\\\\"), body) + command[end:]
    return command
