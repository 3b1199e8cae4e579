"""The images a Makefile hands its test runs in their environment (pure).

An operator's functional and end-to-end suites often read the images they deploy from their environment
(`os.Getenv("IMAGE_TLS_SCANNER")`), and the Makefile that runs them keeps each image as an overridable default and
hands it to the suite's command in its environment: cluster-logging-operator's `IMAGE_TLS_SCANNER?=
quay.io/openshift/tls-scanner:latest` and, in its `test-e2e` recipe, `IMAGE_TLS_SCANNER=$(IMAGE_TLS_SCANNER) \\`
before `hack/test-e2e-olm.sh`. `NAME=value command` runs the command with NAME in its environment (POSIX Shell Command
Language 2.9.1, https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_02_09_01), and make
expands the recipe's `$(NAME)` and `${NAME}` before the shell runs it
(https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html).

Read: in the recipe of a target named for tests (a word `test`, `tests`, `e2e`, `integration` or `functional` in
its name, split at `-`, `_`, `.` and `/`; not one with the word `unit`), a command's leading `NAME=value` words (the
recipe line and its continuation lines joined) whose NAME holds `IMAGE` or `IMG` (any case), with a
command after them, the value expanded with the file's variables of one value (`NAME ?= v`, `NAME := v`, `NAME = v`,
`export` or not; a name assigned two different values is not known); listed when the whole value is known and is an
image reference naming a registry or a namespace with a tag or a digest, at the recipe line, `use` `test environment
(Makefile)`. Not read: a value with a reference to a variable not known so (`$(shell ...)`, `$(BRANCH)`), an image a
line of the file builds, pushes or loads (`docker build -t $(IMG)`: the suite's own), the words `echo` prints, other
targets' commands (`deploy`: the user's run, read as its script is).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

USE = "test environment (Makefile)"
_ASSIGN_RE = re.compile(r"^(?:(?:export|override)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:\?|:{1,3}|\+|!)?=[ \t]*(.*?)[ \t]*$")
_RULE_RE = re.compile(r"^([^\s:#=][^:=#]*?)[ \t]*::?(?!=)")
_IMAGE_NAME_RE = re.compile(r"image|img", re.IGNORECASE)
_WORD_RE = re.compile(r"([A-Za-z_]\w*)=(\S*)")
_LEAD_RE = re.compile(r"[@+\- \t]*")  # make's recipe prefixes: `@` silent, `-` errors ignored, `+` always run
_SPACE_RE = re.compile(r"\s*")
_REFERENCE_RE = re.compile(r"\$[({]([A-Za-z_]\w*)[)}]")
_BUILDS_RE = re.compile(r"\b(?:build|push|load|tag)\b")
_TEST_WORDS = frozenset({"test", "tests", "e2e", "integration", "functional"})
_TAGGED_RE = re.compile(r"@|:[^/]*$")


def _test_target(targets: str) -> bool:
    """Whether one of a rule's targets is named for tests (and not for unit tests)."""
    for target in targets.split():
        words = {word.lower() for word in re.split(r"[-_./]", target)}
        if words & _TEST_WORDS and "unit" not in words:
            return True
    return False


def _values(lines: list[str]) -> dict[str, str | None]:
    """The file's variables (not recipe lines): their one value, None for a name given two values."""
    values: dict[str, str | None] = {}
    for line in lines:
        if line.startswith("\t") or (assigned := _ASSIGN_RE.match(line)) is None:
            continue
        name, value = assigned.group(1), assigned.group(2)
        values[name] = value if values.get(name, value) == value else None
    return values


def _expanded(value: str, values: dict[str, str | None]) -> str | None:
    """`value` with its `$(NAME)` and `${NAME}` replaced by known values (a few levels deep), None when not known."""
    for _ in range(4):
        if "$" not in value:
            return value
        unknown = False

        def known(reference: re.Match[str]) -> str:
            nonlocal unknown
            found = values.get(reference.group(1))
            unknown = unknown or found is None
            return found or ""

        value = _REFERENCE_RE.sub(known, value)
        if unknown:
            return None
    return None if "$" in value else value


def _recipe_lines(lines: list[str]) -> list[tuple[int, list[int], str, str]]:
    """(index of its first line, the offset where each of its lines starts, joined text, targets) of each recipe
    line, its continuation lines joined with a space."""
    recipes: list[tuple[int, list[int], str, str]] = []
    targets, index = "", 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith("\t"):
            rule = _RULE_RE.match(line) if line and not line.startswith("#") else None
            targets = rule.group(1) if rule is not None else ("" if line.strip() and "=" in line else targets)
            index += 1
            continue
        first, pieces, starts, length = index, [line.strip()], [0], len(line.strip())
        while pieces[-1].endswith("\\") and index + 1 < len(lines):
            pieces[-1] = pieces[-1][:-1]
            index += 1
            starts.append(length)  # the removed backslash's place becomes the joining space
            pieces.append(lines[index].strip())
            length += len(pieces[-1])
        recipes.append((first, starts, " ".join(pieces), targets))
        index += 1
    return recipes


def environment_test_images(text: str, origin: str) -> list[Found]:
    """The images the test targets' commands get in their environment (see the module), in order."""
    lines = text.split("\n")
    values = _values(lines)
    building = {name for line in lines if _BUILDS_RE.search(line) for name in _REFERENCE_RE.findall(line)}
    found: list[Found] = []
    for first, starts, recipe, targets in _recipe_lines(lines):
        if not _test_target(targets):
            continue
        at = _LEAD_RE.match(recipe).end()  # type: ignore[union-attr]
        assigned: list[tuple[str, str, int]] = []
        while (word := _WORD_RE.match(recipe, at)) is not None and (at := word.end()) < len(recipe):
            assigned.append((word.group(1), word.group(2), first + bisect_right(starts, word.start()) - 1))
            at = _SPACE_RE.match(recipe, at).end()  # type: ignore[union-attr]
        if word is not None or not assigned:  # the line's words are all assignments: no command runs with them
            continue
        for name, value, index in assigned:
            if not _IMAGE_NAME_RE.search(name) or building & set(_REFERENCE_RE.findall(value)):
                continue
            image = _expanded(value, values)
            if image is None or "/" not in image or not _TAGGED_RE.search(image) or reference_or_none(image) is None:
                continue
            found.append(Found(image, origin, index + 1, use=USE, kind="Makefile"))
    return found
