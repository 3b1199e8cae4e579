"""The image defaults an end-to-end suite's shell scripts give their environment (pure).

A suite driven by shell scripts (a `functions` library its tests source, a `run` per test) names each image it
deploys by a variable that the CI may set and that otherwise takes its default: `export IMAGE_PMM_SERVER=
${IMAGE_PMM_SERVER:-"acme/monitor-server:dev-latest"}`, `: "${BACKUP_IMAGE:=acme/backup:2.1}"`. The shell gives the
default when the variable is unset or empty (`${parameter:-word}`, `${parameter:=word}`:
https://www.gnu.org/software/bash/manual/html_node/Shell-Parameter-Expansion.html); the images then reach the
cluster through the suite's own substitutions (`sed`, `helm --set`), which are not followed. As
python_test_settings.py reads a Python suite's settings, read in a shell script under a test directory (a directory
named `test`, `tests`, `testing`, `e2e`, `integration`, or such a word joined by `-` or `_`: `e2e-tests`,
`integration_tests`): an assignment, at the start of a line (after `export`, `readonly` or `declare`), of a
variable named for an image (`IMAGE`, `IMAGE_...`, `..._IMAGE`, `..._IMAGE_...`: `..._IMAGE_NAME`, an image per
scenario, `OB_IMAGE_420`, `OB_IMAGE_STANDALONE`; not one for a part of it, a word `TAG`, `VERSION`, `POLICY`, `REPO`,
`REPOSITORY`, `REGISTRY` or `PREFIX` after the first: `..._TAG`, `..._IMAGE_TAG_420`, `..._PULL_POLICY`)
to an expansion with a default, or such an expansion after `:`, whose default is one literal word (quoted or not,
without `$`) naming a tag or a digest, at the line. A default without either (`IMAGE_NAME=${IMAGE_NAME:-acme/app}`)
is most often the repository part of an image the script joins with a registry and a tag of other variables, and
is not read; nor is the default of a variable the script builds under (`docker build -t "${IMAGE}"`, `--tag $IMAGE`):
it names the image the script makes, not one it pulls.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

USE = "test setting (environment default)"
_TEST_DIRECTORY_RE = re.compile(r"(?:^|[-_.])(?:e2e|tests?|testing|integration)(?:[-_.]|$)", re.IGNORECASE)
_NAME = r"[A-Za-z_]\w*"
_DEFAULT = r"\$\{" + _NAME + r":?[-=](?P<default>\"[^\"$`\s]*\"|'[^'$`\s]*'|[^\s\"'$`{}]*)\}"
_ASSIGNMENT_RE = re.compile(
    r"^[ \t]*(?:(?:export|readonly|declare(?:[ \t]+-\w+)*)[ \t]+)?(?P<name>" + _NAME + r")="
    r"(?P<quote>[\"']?)" + _DEFAULT + r"(?P=quote)[ \t]*(?:;[ \t]*)?(?:#[^\n]*)?$",
    re.MULTILINE,
)
_COLON_RE = re.compile(
    r"^[ \t]*:[ \t]+(?P<quote>\"?)\$\{(?P<name>" + _NAME + r")(?::?=)(?P<default>[^\s\"'$`{}]*)\}(?P=quote)[ \t]*$",
    re.MULTILINE,
)
_IMAGE_NAME_RE = re.compile(r"(?:^|_)IMAGE(?:_|$)", re.IGNORECASE)
_BUILT_TAG_RE = r"(?:\s-t|\s--tag)(?:\s+|=)[\"']?\$(?:\{{{name}\}}|{name}\b)"
_PART_NAME_RE = re.compile(r"_(?:TAG|VERSION|POLICY|REPO|REPOSITORY|REGISTRY|PREFIX)(?:_|$)", re.IGNORECASE)


def in_test_directory(origin: str) -> bool:
    """Whether a script lies under a test directory of the tree, by its path."""
    return any(_TEST_DIRECTORY_RE.search(part) for part in PurePosixPath(origin).parts[:-1])


def _built_under(text: str, name: str) -> bool:
    """Whether the script tags a build with the variable (`-t "${NAME}"`, `--tag=$NAME`)."""
    return re.search(_BUILT_TAG_RE.format(name=re.escape(name)), text) is not None


def shell_test_defaults(text: str, origin: str) -> list[Found]:
    """The image defaults of a test suite's shell script, in order."""
    if not in_test_directory(origin) or "${" not in text:
        return []
    found: list[tuple[int, Found]] = []
    for match in [*_ASSIGNMENT_RE.finditer(text), *_COLON_RE.finditer(text)]:
        name, image = match["name"], match["default"].strip("\"'")
        if not _IMAGE_NAME_RE.search(name) or _PART_NAME_RE.search(name) or _built_under(text, name):
            continue
        tagged = "@" in image or ":" in image.rsplit("/", 1)[-1]
        if tagged and reference_or_none(image) is not None:
            line = text.count("\n", 0, match.start()) + 1
            found.append((match.start(), Found(image, origin, line, use=USE, kind="shell script")))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]
