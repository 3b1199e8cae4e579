"""The words of one shell command in a Makefile recipe, a script or a CI step, and where a command runs (pure).

`command_words` splits the rest of a line into words as a shell would for reading, not running it: quotes removed,
a `$(...)` or `${...}` kept as one word (`$(CURDIR):/src`, `$(shell id -u)`; so is a backquoted substitution,
`` `pwd`/docs:/docs ``), and the command ending at `;`, `&&`, `||`, `|`, `&`, a redirection (the unquoted number
right before it, `2>&1`, is the descriptor it redirects, https://www.gnu.org/software/bash/manual/html_node/Redirections.html,
not a word), the backquote that
closes a substitution it runs in, a comment or a `)` that closes something opened before it
(`$(shell docker run --rm busybox nproc)`). `in_command_position` tells a command that runs from prose or echoed
text, and `variable_name` a word that is one variable alone. The values a file gives its variables are read by
shell_words.py.
"""

from __future__ import annotations

import re

_ENDS = frozenset(";|&<>`")
_WHOLE_RE = re.compile(r"^\$\$?(?:\{(\w+)\}|\((\w+)\)|([A-Za-z_]\w*))$")

# What may come right before a command that runs: nothing, a separator or an opening (`;`, `&&`, `|`, `(`, `$(`,
# `{`, a backquote, the quote of `sh -c "..."` or of a package.json script's value), a YAML key or list item
# (`run:`, `- `; also a command quoted as one YAML string, `run: "docker run ..."`, `- 'docker pull ...'`, but not
# the quoted value of another key, `name: "docker pull images"`), a Makefile recipe prefix (`@`, `-`, `$(shell`,
# `$(Q)`), a shell keyword or wrapper (`if`, `!`, `until`, `then`, `sudo`, `exec`, ...; a variable named for sudo,
# `$USESUDO`, `${SUDO}`, which holds `sudo` or nothing: a database proxy's scenario scripts), a Jenkinsfile step's
# string (`sh "`, `sh(script: '`, and a `script: '''` opening a line of its own inside `sh(`), a variable
# assignment (`CI=true docker run`), or `xargs` and its options (`xargs -I {} docker run`, `xargs -n1 -P 4`), or
# `find`'s `-exec` (`-execdir`, `-ok`), or a retry wrapper's `--`
# (`"${ROOT_DIR}/hack/testing/retry.sh" --attempts 7 -- docker pull`, `retry --times=5 -- CMD`: it runs the words
# after `--` as a command, again when it fails; another program's `--`, `cargo run -- ...`, passes arguments), or the
# quoted label of a Dev Container Feature test's `check LABEL COMMAND [ARGS...]` (the helper of the
# dev-container-features-test-lib `devcontainer features test` provides, which runs the command after the label,
# https://github.com/devcontainers/cli/blob/main/docs/features/test.md#dev-container-features-test-lib: `check
# "containerd" docker run --rm hello-world`). Anything else (`the extra docker run argument`, `echo docker run`) is
# prose or text, not a command.
_COMMAND_START_RE = re.compile(
    r"(?:^|[;&|({`@]|-c\s+[\"']|\":\s*\"|\$\(shell|\$\(\w+\)|^\s*-|^\s*(?:-\s+)?[\w.-]+:|"
    r"(?:^|[\s/\"'])[\w.-]*retry(?:\.sh)?[\"']?\s(?:.*\s)?--|"
    r"^\s*-\s+[\"']|^\s*(?:-\s+)?(?:run|script|command|bash|sh|pwsh|powershell):\s*(?:\"{3}|'{3}|[\"'])|"
    r"(?:^|[\s(])sh\s*\(?\s*(?:script:\s*)?(?:\"{3}|'{3}|[\"'])|"
    r"(?:^|\s)(?:if|while|until|then|do|else|elif|sudo|exec|time|nohup|command|env|!)|(?:^|\s)\w+=\S*|"
    r"(?:^|\s)\$\{?\w*(?:SUDO|[Ss]udo)\w*\}?|"
    r"(?:^|\s)xargs(?:\s+(?:-[ILnPdEsa]\s+[^\s-]\S*|-\S+))*|"
    r"(?:^|[;&|(])\s*check\s+(?:\"[^\"]*\"|'[^']*')|"
    r"(?:^|[\s@;&|(])find\s.*\s-(?:exec|execdir|ok|okdir))\s*$"
)


def in_command_position(before: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a command that starts right after `before` (the line up to it) runs, rather than being prose or
    echoed text. `start` and `end` read `before[start:end]` without copying it; from a `start` past 0 the line's
    start (`^`) is not there, only the text (a read that begins at the blank before a word)."""
    return _COMMAND_START_RE.search(before, start, len(before) if end is None else end) is not None


def variable_name(word: str) -> str | None:
    """`NAME` when `word` is one variable and nothing else (`$NAME`, `${NAME}`, `$(NAME)`)."""
    match = _WHOLE_RE.match(word)
    return next((group for group in match.groups() if group), None) if match else None


def command_words(rest: str, start: int = 0) -> list[str]:
    """The words of the command that starts `rest` (at `start`: a line's rest read without copying it), up to where
    it ends."""
    words: list[str] = []
    word: list[str] = []
    started = quoted = False
    quote = ""
    depth = 0
    index = start
    while index < len(rest):
        char = rest[index]
        if quote:
            if char == quote:
                quote = ""
            elif quote == '"' and char == "\\" and rest[index + 1 : index + 2] in ('"', "\\"):
                word.append(rest[index + 1])  # `\"` and `\\` in double quotes (POSIX 2.2.3); `\$` stays as written
                index += 1
            else:
                word.append(char)
        elif depth:
            word.append(char)
            depth += 1 if char in "({" else -1 if char in ")}" else 0
        elif char in "'\"":
            quote, started, quoted = char, True, True
        elif (char == "$" and rest[index + 1 : index + 2] in ("(", "{")) or (
            char in "<>" and not started and rest[index + 1 : index + 2] == "("
        ):  # a substitution; a process substitution, `<(set | grep X)`, is a word too (a file's name)
            word.append(rest[index : index + 2])
            depth, started = 1, True
            index += 1
        elif char == "\\" and index + 1 < len(rest):
            word.append(rest[index + 1])
            started = True
            index += 1
        elif char.isspace():
            if started:
                words.append("".join(word))
            word, started, quoted = [], False, False
        elif char == "`" and _opens_substitution(rest, index):  # -v `pwd`:/src: one word, as $(pwd) is
            close = _next_backquote(rest, index + 1)
            word.append(rest[index : close + 1])
            started = True
            index = close
        elif char in _ENDS or char == ")" or (char == "#" and not started):
            if char in "<>" and not quoted and "".join(word).isdigit():
                started = False  # `2>&1`: the descriptor a redirection applies to (bash's `[n]>word`), not a word
            break
        else:
            word.append(char)
            started = True
        index += 1
    if started:
        words.append("".join(word))
    return words


def _next_backquote(text: str, start: int) -> int:
    """Where the next backquote at or after `start` is that no backslash escapes, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == "`":
            return index
        index += 1
    return -1


def _opens_substitution(rest: str, index: int) -> bool:
    """Whether the backquote at `index` opens a command substitution within the command, rather than closing the
    one the command itself runs in (ID=`docker run -d redis:7`): from it on, a command inside backquotes
    leaves an odd number of them (its closing one, then pairs), and one that is not an even number."""
    count, at = 0, index
    while at != -1:
        count += 1
        at = _next_backquote(rest, at + 1)
    return count % 2 == 0
