"""Kubernetes objects a Python test suite writes as YAML in string literals and applies to its cluster (pure, `ast`).

Suites that test a controller against a real cluster keep the objects a test creates as manifests in
triple-quoted strings, filled in with `str.format` and handed to `kubectl apply` by a helper (Emissary's KAT and
integration suites: `image: openzipkin/zipkin:2.17` in a Deployment whose `name: {self.path.k8s}` the harness fills
in); the cluster pulls their images when the suite runs. It is the Python form of the Go suites' raw strings
(go_e2e_manifests.py). Read in a Python source of a test tree (python_test_settings.in_test_tree) that does not
import unittest.mock (a unit test patching the client applies nothing): each string literal holding a Kubernetes
object (a `kind:` line and an `apiVersion:` line), and each of its `image:` lines whose value is a literal image
reference, at that line; `use` `image (test manifest string)`. A value with a field (`image: {image}`,
`image: {{.Image}}`) is filled in when the suite runs: not read.
"""

from __future__ import annotations

import ast
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_manifests import object_image_values
from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.choose.discovery.python_test_settings import in_test_tree
from ecr_mirror.oci.reference import reference_or_none

USE = "image (test manifest string)"
_MOCK_RE = re.compile(
    r"^[ \t]*(?:from[ \t]+(?:unittest[ \t]+import[ \t]+mock\b|(?:unittest\.)?mock\b)|import[ \t]+"
    r"(?:unittest\.)?mock\b)",
    re.MULTILINE,
)


def may_hold_manifests(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold such a string (checked before it is decoded)."""
    return in_test_tree(origin) and b"apiVersion:" in data and b"image:" in data


def string_manifest_images(text: str, origin: str) -> list[Found]:
    """The literal `image:` values of the Kubernetes objects the string literals of a Python test source hold."""
    module = parsed(text)
    if module is None or _MOCK_RE.search(text) is not None:
        return []
    found: list[Found] = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or "\n" not in node.value:
            continue
        body = node.value
        for offset, value in object_image_values(body):
            if any(mark in value for mark in "{}") or reference_or_none(value) is None:
                continue
            line = node.lineno + body.count("\n", 0, offset)
            found.append(Found(value, origin, line, None, USE, "Python source"))
    return sorted(found, key=lambda item: item.line or 0)
