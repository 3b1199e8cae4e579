"""A Jenkinsfile's text as the shell commands of its steps read (pure): commands a shared library's helper runs, and
Groovy's escaped quotes.

A pipeline often runs its commands through a helper of its shared library (https://www.jenkins.io/doc/book/pipeline/
shared-libraries/) that wraps the `sh` step, given the command as a string: `OsTools.runSafe(this, "docker buildx
create ...")`, `runCommand("docker pull ...")`. Such a call whose string starts with a container CLI (`docker`,
`podman`, `buildah`, `nerdctl`) is read as an `sh` step (the call's name and `this, ` blanked, `sh ` put before
the string, its closing `)` blanked); not a step that only prints or fails with text (`echo`, `error`, `println`,
`print`, `log`).

Comments (`//`, `/* ... */`) are blanked: a stage commented out runs nothing (couchbase-operator's
`Jenkinsfile.autopilot`, whose `/* stage('Validation Test') { ... } */` no longer boots its kind clusters). In a
double-quoted Groovy string, `${params.NAME}` (`$params.NAME`) is replaced by the parameter's `defaultValue`, one plain
word: Groovy interpolates the string before the shell runs it (https://www.jenkins.io/doc/book/pipeline/syntax/
#parameters, "available to Pipeline steps via the params object"), so a build that is not given the parameter runs
`sh "docker pull ${params.operator_image}"` with the default; `${env.NAME}` is the shell's own `${NAME}`.

Groovy reads `\\"` in a string as a quote (https://groovy-lang.org/syntax.html#_escaping_special_characters), which the
shell then reads as its own quote: `sh "docker buildx create --driver-opt=\\"image=moby/buildkit\\""` runs
`--driver-opt="image=moby/buildkit"`. The backslash is dropped, and a space added at the line's end, so lines and
their number stay.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.jenkinsfile import definitions, scan

_CLI = r"(?:docker|podman|buildah|nerdctl)\s"
# `OsTools.runSafe(this, "docker ...")`, `runCommand('docker ...')`, `run("""docker ...`
_HELPER_RE = re.compile(
    r"(?<![\w.$])(?P<call>(?:[A-Za-z_]\w*\.)*(?P<name>[A-Za-z_]\w*)\(\s*(?:this\s*,\s*)?)"
    r"(?=(?:\"{3}|'{3}|[\"'])\s*" + _CLI + r")"
)
_TEXT_STEPS = frozenset({"sh", "echo", "error", "println", "print", "log", "warn", "info", "debug", "unstable"})
_ESCAPED_QUOTE_RE = re.compile(r'(?<!\\)\\"')
_PAREN_RE = re.compile(r"\s*\)")
_GROOVY_RE = re.compile(r"(?<!\\)\$\{\s*(params|env)\.([A-Za-z_]\w*)\s*\}|\$(params|env)\.([A-Za-z_]\w*)")
_PLAIN_RE = re.compile(r"[^\s'\"$`\\{}()]+")  # a default the shell takes as one word


def _closing_paren(text: str, start: int) -> int:
    """Where the `)` closing a call is when the string literal opening at `start` ends it, or -1."""
    quote = text[start : start + 3] if text.startswith(('"""', "'''"), start) else text[start]
    at = start + len(quote)
    while (at := text.find(quote, at)) >= 0 and text[at - 1] == "\\":
        at += len(quote)
    after = _PAREN_RE.match(text, at + len(quote)) if at >= 0 else None
    return after.end() - 1 if after else -1


def _groovy_read(text: str) -> str:
    """`text` with its comments blanked and its double-quoted strings' `${params.NAME}` and `${env.NAME}` as Groovy
    gives them to the shell (see the module); newlines kept, so lines keep their numbers."""
    masked, strings = scan(text)
    _, parameters = definitions(masked, strings)
    defaults = {name: string.body for name, string in parameters.items() if _PLAIN_RE.fullmatch(string.body)}

    def groovy(match: re.Match[str]) -> str:
        scope, name = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        return f"${{{name}}}" if scope == "env" else defaults.get(name, match.group(0))

    out, at = [], 0
    for string in sorted(strings.values(), key=lambda each: each.start):
        written = text[string.start : string.end]
        out += [masked[at : string.start], _GROOVY_RE.sub(groovy, written) if string.interpolated else written]
        at = string.end
    return "".join(out) + masked[at:]


def jenkins_commands(text: str) -> str:
    """The pipeline's text with comments blanked, `${params.NAME}` given its default, each helper call given a
    command string read as an `sh` step, and `\\"` as `"` (see the module)."""
    text = _groovy_read(text)
    chars = list(text)
    for match in _HELPER_RE.finditer(text):
        call = match["call"]
        if match["name"] in _TEXT_STEPS or len(call) < 3 or "\n" in call:
            continue
        chars[match.start() : match.end()] = " " * (len(call) - 3) + "sh "
        if (paren := _closing_paren(text, match.end())) >= 0:
            chars[paren] = " "  # `sh "..." ` as the step's own form: the call's `)` is no part of the command
    lines = "".join(chars).split("\n")
    return "\n".join(
        line if '\\"' not in line else _ESCAPED_QUOTE_RE.sub('"', line) + " " * len(_ESCAPED_QUOTE_RE.findall(line))
        for line in lines
    )
