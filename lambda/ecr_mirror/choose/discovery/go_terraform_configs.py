"""Terraform configurations a provider's Go acceptance tests write inline, in raw strings (pure).

A Terraform provider's acceptance tests hand the testing framework each step's configuration as a string,
`resource.Test(t, resource.TestCase{Steps: []resource.TestStep{{Config: testAccDockerImageConfig, ...}}})`
(https://developer.hashicorp.com/terraform/plugin/testing/acceptance-tests/teststep: "Config a string of the
configuration to give to Terraform"), most often a Go raw string constant: terraform-provider-docker's
`const testAccDockerImageConfig = ` + "`" + `resource "docker_image" "foo" { name = "alpine:3.1" }` + "`" + `. Terraform
applies it, and the Docker provider pulls what its resources name. Read: in a Go test file (`*_test.go`) that hands
`Config:` to a test step, each raw string (backquoted) holding a `resource "..."` block, as a Terraform module of one
file (terraform.py: the container resources terraform_resources.py reads, a `docker_image` with a `build` block
built, not pulled), each image at its line in the Go file. Not read: an image with a Go verb in it (`name = "%s"`,
filled by `fmt.Sprintf` with values known when the test runs), a reference the configuration does not give
literally (`${data.docker_registry_image.x.name}`), data sources (terraform_values.py's rules), a string that is not
HCL this reader knows (skipped whole), a double-quoted Go string, and a configuration written in a step that sets
`ExpectError` (the step is meant to fail: terraform-provider-docker's `stovogel/blablabla:part5`, an image that does
not exist, in `TestAccDockerService_nonExistingPublicImageConverge`).
"""

from __future__ import annotations

import dataclasses
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.go_terraform_templates import VERB_RE
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.terraform import terraform_module

MARK = b'resource "'
_STRING_RE = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`(?P<raw>[^`]*)`")
_RESOURCE_RE = re.compile(r'^[ \t]*resource[ \t]+"[\w-]+"', re.MULTILINE)
_STEP_RE = re.compile(r"\bConfig\s*:")


def may_hold_configs(shown: str, data: bytes) -> bool:
    """Whether a Go source may hold acceptance test configurations (checked before it is decoded)."""
    return shown.endswith("_test.go") and MARK in data and b"Config:" in data and b"`" in data


def _enclosing(skeleton: str, start: int, end: int) -> str:
    """The text of the braces around `start`..`end` in `skeleton` (strings and comments blanked), "" at the top."""
    depth, opened = 0, start - 1
    while opened >= 0:
        depth += {"}": 1, "{": -1}.get(skeleton[opened], 0)
        if depth < 0:
            break
        opened -= 1
    if opened < 0:
        return ""
    depth, closed = 0, end
    while closed < len(skeleton):
        depth += {"{": 1, "}": -1}.get(skeleton[closed], 0)
        if depth < 0:
            break
        closed += 1
    return skeleton[opened:closed]


def go_terraform_configs(text: str, origin: str) -> list[Found]:
    """The images the inline Terraform configurations of a Go test file pull, at their lines in the file."""
    if _STEP_RE.search(text) is None:
        return []
    lines = LineIndex(text)
    code = without_comments(text)
    skeleton = _STRING_RE.sub(lambda token: re.sub(r"[^\n]", " ", token.group()), code)
    found: list[Found] = []
    for token in _STRING_RE.finditer(code):
        config = token.group("raw")
        if config is None or _RESOURCE_RE.search(config) is None:
            continue
        if "ExpectError" in _enclosing(skeleton, token.start(), token.end()):
            continue  # a step meant to fail
        first = lines.line(token.start("raw"))
        module = terraform_module([(origin, config)])
        for item in module.found:
            if item.problem is not None or item.line is None or VERB_RE.search(item.text):
                continue
            placed = dataclasses.replace(item, origin=origin, line=first + item.line - 1)
            found += [placed] if placed not in found else []
    return found
