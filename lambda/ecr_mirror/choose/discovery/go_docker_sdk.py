"""Images a Go program pulls and starts through the Docker SDK for Go (pure).

A test fixture package that starts its database through the Docker Engine API client
(https://pkg.go.dev/github.com/moby/moby/client, formerly `github.com/docker/docker/client`) names the image it pulls
(`cli.ImagePull(ctx, IMAGE, client.ImagePullOptions{})`) and the one it creates a container from (`&container.Config{
Image: IMAGE, ...}`, of the SDK's `api/types/container` package: the engine does not pull on create, so the program
pulls it first, often through a helper of its own). Read only in a Go file that imports the SDK's client or container
package and is not a `_test.go` file (unit tests build configs they compare, not run), and only an image written as a
literal string or a name the same file binds to literals (`const dbImage = "postgres:17-alpine"`, read at the
literal's line, source_names.py); a value known only when the program runs (a parameter, a field, a call) adds
nothing, as a tool that runs the images its users name (a CI runner, a builder) names none itself. `use` is `docker
SDK ImagePull` or `docker SDK container.Config`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

_SDK = r"github\.com/(?:docker/docker|moby/moby)"
# `import "..."` alone: `import` is the keyword, not an alias
_IMPORT_RE = re.compile(
    r'(?:\b(?P<alias>(?!import\b)[A-Za-z_]\w*)[ \t]+)?"' + _SDK + r'/(?P<package>client|api/types/container)"'
)
_ARGUMENT = r"""(?:"(?P<literal>[^"\\\n]+)"|`(?P<raw>[^`\n]+)`|(?P<name>[A-Za-z_]\w*))"""
_PULL_RE = re.compile(r"\.ImagePull\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*" + _ARGUMENT + r"\s*[,)]")
_FIELD_RE = re.compile(r"(?<![\w.])Image\s*:\s*" + _ARGUMENT + r"\s*[,}\n]")


def _config_blocks(text: str, package: str) -> list[tuple[int, int]]:
    """(start, end) of each `PACKAGE.Config{...}` composite literal."""
    blocks: list[tuple[int, int]] = []
    for match in re.finditer(r"(?<![\w.])" + re.escape(package) + r"\.Config\s*\{", text):
        depth, at = 1, match.end()
        while at < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
        blocks.append((match.end(), at))
    return blocks


def _given(match: re.Match[str], names: SourceNames) -> list[tuple[int, str]]:
    for group in ("literal", "raw"):
        if match[group] is not None:
            return [(match.start(group), match[group])]
    return names.values(match["name"])


def go_sdk_images(text: str, origin: str) -> list[Found]:
    """The images a Go source pulls (`ImagePull`) or creates containers from (`container.Config{Image: ...}`)
    through the Docker SDK, in the file's order."""
    if not origin.endswith(".go") or origin.endswith("_test.go"):
        return []
    imports = {match["package"]: match["alias"] for match in _IMPORT_RE.finditer(text)}
    if not imports:
        return []
    names = SourceNames.of(text)
    given: list[tuple[int, str, str]] = []
    if "client" in imports:
        given += [(at, image, "ImagePull") for m in _PULL_RE.finditer(text) for at, image in _given(m, names)]
    if "api/types/container" in imports:
        package = imports["api/types/container"] or "container"
        for start, end in _config_blocks(text, package):
            for field in _FIELD_RE.finditer(text, start, end):
                given += [(at, image, "container.Config") for at, image in _given(field, names)]
    lines = LineIndex(text)
    return [
        Found(image, origin, lines.line(at), use=f"docker SDK {use}", kind="Go source")
        for at, image, use in sorted(set(given))
        if reference_or_none(image) is not None
    ]
