"""make's `addprefix` and `addsuffix` written out in a Makefile's text, as make expands them (pure).

A Makefile often names one target per architecture or per image with a file-name function over a list variable:
cluster-api's `docker-build-all: $(addprefix docker-build-,$(ALL_ARCH))` makes `docker-build-amd64`, ...,
`docker-build-s390x`, and its `docker-build` recipe runs `$(MAKE) ARCH=$(ARCH) $(addprefix
docker-build-,$(ALL_DOCKER_BUILD))`. The names are read with the Makefile's own values (a caller's other list is
not taken).
`$(addprefix PREFIX,NAMES)` is each name of NAMES with PREFIX before it, `$(addsuffix SUFFIX,NAMES)` with SUFFIX after
it (https://www.gnu.org/software/make/manual/html_node/File-Name-Functions.html). `with_name_functions` writes each
out, on its own line, when its prefix or suffix is plain text and its names are plain words or a variable the
Makefile gives one such value (`ALL_ARCH ?= amd64 arm arm64 ppc64le s390x`, its default); another (a name with no
value, a `$(shell ...)`) is left as written, and so are the targets it would name.

make expands the variables of a rule's targets and prerequisites as it reads the rule ("immediate" context,
https://www.gnu.org/software/make/manual/html_node/Reading-Makefiles.html#Rule-Definition): prometheus-adapter's
`PUSH_ARCH_TARGETS=$(addprefix push-,$(ALL_ARCH))`, then `push-all: $(PUSH_ARCH_TARGETS) push-multi-arch;` and the
static pattern rule `$(PUSH_ARCH_TARGETS): push-%:`. `with_rule_variables` writes out, on a rule's line (before a
`;` recipe), each `$(NAME)`/`${NAME}` the Makefile gives one value of plain words; another is left as written.
"""

from __future__ import annotations

import functools
import re

from ecr_mirror.choose.discovery.shell_words import ShellValues

_FUNCTION_RE = re.compile(r"\$\((addprefix|addsuffix)[ \t]+([^,()$\s]*),[ \t]*((?:[^()$]|\$[({][\w.-]+[)}])*)\)")
_WORDS_RE = re.compile(r"[\w./+-]+(?:[ \t]+[\w./+-]+)*")
_MOST = 32  # at most this many names a function gives
# a rule's line, not a recipe's: targets, a `:` or `::` that is no assignment, then no `=` (a target-specific variable)
_RULE_LINE_RE = re.compile(r"^(?P<head>[^\s:=#][^:=#]*?[ \t]*::?(?![=:])[^=;#]*)(?P<tail>[;#].*)?$")
_REFERENCE_RE = re.compile(r"\$(?:\((?P<paren>[A-Za-z_][\w.-]*)\)|\{(?P<brace>[A-Za-z_][\w.-]*)\})")


def with_name_functions(text: str) -> str:
    """`text` (a Makefile) with each `addprefix`/`addsuffix` whose names are known written out (see the module's
    docstring); `text` itself when there is none."""
    if "$(addprefix" not in text and "$(addsuffix" not in text:
        return text
    values = ShellValues.of(text)

    def written(match: re.Match[str]) -> str:
        names, problem = values.resolve(match.group(3).strip())
        words = names.split()
        if problem is not None or not _WORDS_RE.fullmatch(names.strip()) or len(words) > _MOST:
            return match.group()
        if match.group(1) == "addprefix":
            return " ".join(match.group(2) + word for word in words)
        return " ".join(word + match.group(2) for word in words)

    return _FUNCTION_RE.sub(written, text)


@functools.lru_cache(maxsize=8)
def with_rule_variables(text: str) -> str:
    """`text` (a Makefile) with the variables of its rules' targets and prerequisites written out where the Makefile
    gives them plain words (see the module's docstring); `text` itself when there is none. Kept for the last texts
    read: a tree's make runs reach the same Makefile once a call."""
    lines = text.splitlines()
    values: ShellValues | None = None
    changed = False
    for index, line in enumerate(lines):
        if line.startswith("\t") or "$" not in line or (rule := _RULE_LINE_RE.match(line)) is None:
            continue
        values = values or ShellValues.of(text)

        def written(match: re.Match[str], values: ShellValues = values) -> str:
            names, problem = values.resolve(match.group())
            words = names.split()
            if problem is not None or not _WORDS_RE.fullmatch(names.strip()) or len(words) > _MOST:
                return match.group()
            return " ".join(words)

        head = _REFERENCE_RE.sub(written, rule["head"])
        if head != rule["head"]:
            lines[index], changed = head + (rule["tail"] or ""), True
    if not changed:
        return text
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")
