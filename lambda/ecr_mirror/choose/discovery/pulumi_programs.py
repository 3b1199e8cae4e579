"""Container images a Pulumi program in TypeScript or JavaScript declares (pure).

A Pulumi program describes its resources in code; `pulumi up` creates them, and the cluster or the Docker host pulls
the images of the containers they run. The Kubernetes provider (`@pulumi/kubernetes`, and `@pulumi/kubernetesx`'s
`PodBuilder`) takes the API's objects as object literals, a container's image in its `image` property
(https://www.pulumi.com/registry/packages/kubernetes/api-docs/core/v1/pod/#container); the Docker provider's
`Container` takes an `image` too (https://www.pulumi.com/registry/packages/docker/api-docs/container/). Read in a
`*.ts`, `*.js` (`.mjs`, `.cjs`, `.mts`, `.cts`) source that imports one of those packages: each `image:` property whose
value is a string literal, a template literal whose `${name}` placeholders the file binds to literals, or a name the
file binds to either (pulumi-self-hosted-installers' `const imageTag = "2.5.0"`, `` const searchImage =
`opensearchproject/opensearch:${imageTag}` ``, `image: searchImage`; `image: "docker.io/bash:5.2.21"`), at the
property's line, `use` `image (Pulumi program)`. Not read: a value from the stack's configuration
(`config.require(...)`, known when the stack is deployed), another expression, an `image:` holding an object (a Helm
chart's values), and a commented line.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

USE = "image (Pulumi program)"
_SUFFIXES = (".ts", ".js", ".mjs", ".cjs", ".mts", ".cts")
_PROVIDER_RE = re.compile(rb"""["']@pulumi/(?:kubernetes|kubernetesx|docker)["']""")
_NAME = r"[A-Za-z_$][\w$]*"
_IMAGE_RE = re.compile(
    r"(?<![\w$.])image\s*:\s*(?:(?P<quote>[\"'])(?P<literal>[^\"'\\\n]+)(?P=quote)|`(?P<template>[^`\\\n]*)`|"
    r"(?P<name>" + _NAME + r"))\s*[,}\n]"
)
_TEMPLATE_BINDING_RE = re.compile(
    r"^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+(?P<name>" + _NAME + r")(?:[ \t]*:[ \t]*\w+)?[ \t]*=[ \t]*"
    r"`(?P<template>[^`\\\n]*)`[ \t]*;?",
    re.MULTILINE,
)
_PLACEHOLDER_RE = re.compile(r"\$\{\s*(" + _NAME + r")\s*\}|\$\{[^}]*\}")
_COMMENTS = ("//", "/*", "*")


def may_declare_containers(shown: str, data: bytes) -> bool:
    """Whether `shown` is a JavaScript/TypeScript source that imports a Pulumi provider of containers."""
    return shown.endswith(_SUFFIXES) and _PROVIDER_RE.search(data) is not None


def _filled(template: str, names: SourceNames) -> list[str]:
    """The values of a template literal whose placeholders are names bound to one literal each; none otherwise."""
    out = ""
    at = 0
    for placeholder in _PLACEHOLDER_RE.finditer(template):
        values = {value for _, value in names.values(placeholder[1])} if placeholder[1] else set()
        if len(values) != 1:
            return []
        out += template[at : placeholder.start()] + values.pop()
        at = placeholder.end()
    return [out + template[at:]]


def pulumi_container_images(text: str, origin: str) -> list[Found]:
    """The images of the `image:` properties of a Pulumi program's sources, in order."""
    lines, kind = LineIndex(text), f"{language_of(origin)} source"
    names = SourceNames.of(text)
    templates = {m["name"]: m["template"] for m in _TEMPLATE_BINDING_RE.finditer(text)}
    found: list[Found] = []
    for match in _IMAGE_RE.finditer(text):
        if lines.led_by(match.start(), _COMMENTS):
            continue
        if match["literal"] is not None:
            values = [match["literal"]]
        elif match["template"] is not None:
            values = _filled(match["template"], names)
        elif match["name"] in templates:
            values = _filled(templates[match["name"]], names)
        else:
            values = sorted({value for _, value in names.values(match["name"])})
        line = lines.line(match.start())
        found += [
            Found(value, origin, line, use=USE, kind=kind) for value in values if reference_or_none(value) is not None
        ]
    return found
