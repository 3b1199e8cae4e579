"""The images a Go test suite's helper keeps in a map of strings named for images (pure).

A suite that runs its tool once per image keeps those images as the values of a `map[string]string` literal given to a
field or a variable named for images: a transparent-proxy suite's `DockerImagesToTest: map[string]string{"Ubuntu
24.04": "ubuntu:noble-20240605", "RHEL 9": "redhat/ubi9:9.4-1123", ...}`, each value a container it starts. Read, in
a Go file of a suite's helper package (not `_test.go`, under a directory of tests, as go_image_lists.py reads a
struct of image strings): each such literal (`NAME: map[string]string{`, `NAME := ...`, `NAME = ...`, NAME holding
`image` in any case and not naming a pull policy, secret, tag, version, registry or repository), its values that are
image references with a tag or a digest, each at its line, `use` `image map (Go test)`. Not read: a commented line, a
value without a tag (`kumactl-test`, a name the suite builds), a map of another name (`Labels`), a unit test's
(`_test.go`) maps (fixtures a test compares).

In a program's own code (go_program_images.is_program_code, no end-to-end suite), only a map of its default images:
NAME holding `default` (any case) too, the images the program falls back to for each kind of command it runs in a
container: an MCP proxy's isolation settings, `DefaultImages: map[string]string{"python":
"ghcr.io/astral-sh/uv:python3.13-bookworm-slim", "node": "node:22", "go": "golang:1.21-alpine", ...}`, the image it
runs an `npx` server in when its user's configuration names none; `use` `default image (Go program)`. And, of a map
of a program's other defaults (NAME holding `default` but not `image`: a cluster installer's `DefaultFacts`, the
settings it hands its playbooks), the values of the keys naming an image (`CorednsImageFactName:
"docker.io/kubeoperator/coredns:1.6.7"`; not a key naming a tag, version, registry or repository) that have a
namespace and a tag or a digest (`15%` under `EvictionHardImagefsFactName` is none).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.go_e2e_images import is_e2e
from ecr_mirror.choose.discovery.go_image_lists import literal_end
from ecr_mirror.choose.discovery.go_program_images import DEFAULT_USE, is_program_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b"]string{"
USE = "image map (Go test)"
# keyed by strings or by a named type's constants (`map[SearchVersion]string{SearchVersion7: "..."}`)
_MAP_RE = re.compile(
    r"(?<![\w.])(?P<name>[A-Za-z_]\w*)[ \t]*(?::=|=|:)[ \t]*map\[(?:string|[A-Za-z_][\w.]*)\]string[ \t]*\{"
)
_NOT_IMAGES_RE = re.compile(r"pull|polic|secret|tag|version|registr|repo", re.IGNORECASE)
_TO_RE = re.compile(r"To(?=[A-Z])")
_ENTRY_RE = re.compile(r"(?P<key>\"[^\"\\\n]*\"|(?<![\w.])[A-Za-z_][\w.]*)[ \t]*:[ \t]*\"(?P<value>[^\"\\\n]+)\"")
_TAGGED_RE = re.compile(r"@|:[^/]*$")


def image_map_images(text: str, origin: str) -> list[Found]:
    """The tagged image values of the file's maps named for images, in order."""
    suite = is_test_code(origin)
    if origin.endswith("_test.go") or not (suite or (is_program_code(origin) and not is_e2e(text))):
        return []
    lines = LineIndex(text)
    found: list[Found] = []
    for literal in _MAP_RE.finditer(text):
        name = literal["name"]
        values = _TO_RE.split(name)[-1]  # `esVersionToImage`: its values are images, its keys versions
        values = values if "image" in values.lower() else name  # not `DockerImagesToTest`
        keyed = not suite and "default" in name.lower() and "image" not in values.lower()  # `DefaultFacts`
        if (not keyed and "image" not in values.lower()) or _NOT_IMAGES_RE.search(values):
            continue
        if lines.led_by(literal.start(), "//") or (not suite and "default" not in name.lower()):
            continue  # a program's own map: only one of its default images
        for entry in _ENTRY_RE.finditer(text, literal.end(), literal_end(text, literal.end())):
            image, key = entry["value"], entry["key"]
            if keyed and ("image" not in key.lower() or _NOT_IMAGES_RE.search(key) or "/" not in image):
                continue  # of a map of other defaults, only a key naming an image, a namespaced value
            if lines.led_by(entry.start(), "//") or not _TAGGED_RE.search(image) or reference_or_none(image) is None:
                continue
            use = USE if suite else DEFAULT_USE
            found.append(Found(image, origin, lines.line(entry.start("value")), use=use, kind="Go source"))
    return found
