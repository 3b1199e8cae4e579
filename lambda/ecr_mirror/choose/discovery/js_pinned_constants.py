"""The digest-pinned image a JavaScript or TypeScript constant holds (pure).

A program that starts helper containers of its own keeps their images in constants pinned by digest, so that every
run pulls the same bytes (https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier):
garden's `core/src/plugins/kubernetes/constants.ts` holds `const k8sUtilImageName: DockerImageWithDigest =
"gardendev/k8s-util:0.6.6-1@sha256:..."` (prefixed with a registry host when it runs) and `export const
defaultKanikoImageName: DockerImageWithDigest = "gcr.io/kaniko-project/executor:v1.11.0-debug@sha256:..."`, the
images it deploys into the cluster. Read, in a `*.js`, `*.mjs`, `*.cjs`, `*.ts`, `*.mts`, `*.cts` source that is not
a test file (`*.spec.*`, `*.test.*`: fixtures a test compares): a `const` declaration (`export` too, a type
annotation allowed) whose whole value, on its line or the next, is one string literal that is an image reference
pinned by a `sha256` digest of 64 hex digits and naming a registry or a namespace, at the literal's line, `use`
`pinned image constant`. Not read: a value joined to more (`+ suffix`), a template with `${...}`, a reference without a
digest or without a `/` (`redis@sha256:...`, too bare to tell from a fixture), a string inside an object or array
(test data), `let`/`var`, and a commented line.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

MARK = b"@sha256:"
USE = "pinned image constant"
SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
_TEST_RE = re.compile(r"\.(?:spec|test)\.[cm]?[jt]s$")
_CONSTANT_RE = re.compile(
    r"^[ \t]*(?:export[ \t]+)?const[ \t]+[A-Za-z_$][\w$]*[ \t]*(?::[ \t]*[\w$.<>\[\]| \t]+?)?[ \t]*=[ \t]*\n?[ \t]*"
    r"(?P<quote>[\"'`])(?P<image>[^\"'`\s$]+@sha256:[0-9a-f]{64})(?P=quote)[ \t]*;?[ \t]*(?://[^\n]*)?$",
    re.MULTILINE,
)


def is_test_file(shown: str) -> bool:
    """Whether a JavaScript/TypeScript source is a test file by its name (`*.spec.*`, `*.test.*`)."""
    return _TEST_RE.search(shown) is not None


def may_hold_pinned_constants(shown: str, data: bytes) -> bool:
    """Whether `shown` is a JavaScript/TypeScript source, not a test file, that mentions a digest."""
    return shown.endswith(SUFFIXES) and not is_test_file(shown) and MARK in data


def pinned_constant_images(text: str, origin: str) -> list[Found]:
    """The digest-pinned images the source's `const` declarations hold, in order."""
    lines, kind = LineIndex(text), f"{language_of(origin)} source"
    found: list[Found] = []
    for constant in _CONSTANT_RE.finditer(text):
        image = constant["image"]
        if "/" in image.split("@", 1)[0] and reference_or_none(image) is not None:
            found.append(Found(image, origin, lines.line(constant.start("image")), use=USE, kind=kind))
    return found
