"""Kubernetes objects a Go end-to-end suite writes as YAML in raw strings and applies (pure).

Suites in the style of KEDA's keep the objects a test creates as text/template manifests in backquoted strings
(`deploymentTemplate = \\`apiVersion: apps/v1 ... image: registry.k8s.io/e2e-test-images/agnhost:2.45\\``) that a
helper renders and hands `kubectl apply`; the cluster pulls their images when the suite runs. Read, in a file
go_e2e_images.py takes for a suite: each raw string written as a value (after `=`, `(`, `,`, `:`, `{` or `return`)
that holds a Kubernetes object (a `kind:` line and an `apiVersion:` line, quoted or not), and each of its `image:`
lines whose value is a literal image reference, at that line. A value with a template action (`image:
{{.Image}}`) is filled in by the test when it runs: not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

_RAW_RE = re.compile(r"(?:[=(,:{]|\breturn)[ \t]*`(?P<body>[^`]*)`")
_OBJECT_RE = re.compile(r"^[ \t]*kind:[ \t]*[\"']?\w", re.MULTILINE)  # `kind: Deployment`, `kind: "Deployment"`
_API_RE = re.compile(r"^[ \t]*apiVersion:[ \t]*\S", re.MULTILINE)
_IMAGE_RE = re.compile(
    r"^[ \t]*(?:-[ \t]+)?image:[ \t]*(?P<quote>[\"']?)(?P<value>[^\s\"'#]+)(?P=quote)[ \t]*(?:#.*)?$", re.MULTILINE
)


def raw_manifest_images(text: str, origin: str) -> list[Found]:
    """The literal `image:` values of the Kubernetes objects the raw strings of a Go suite file hold, in order."""
    found: list[Found] = []
    for raw in _RAW_RE.finditer(text):
        body = raw["body"]
        if _OBJECT_RE.search(body) is None or _API_RE.search(body) is None:
            continue
        for image in _IMAGE_RE.finditer(body):
            value = image["value"]
            if "{{" in value or "}}" in value or reference_or_none(value) is None:
                continue
            line = text.count("\n", 0, raw.start("body") + image.start("value")) + 1
            found.append(Found(value, origin, line, None, "image (e2e test manifest)", "Go source"))
    return found
