"""Devfiles (pure): the development workspaces Eclipse Che, OpenShift Dev Spaces and odo start from a repository's
`devfile.yaml` (or `.devfile.yaml`), and the editor definitions Che provisions in the same format.

A devfile 2.x (https://devfile.io/docs/2.3.0/adding-a-container-component-to-a-devfile) is a mapping with a
`schemaVersion` of 2 and a list of `components`; each `container` component runs a container of its `image`, pulled
when the workspace starts (che-operator's `devfile.yaml`, `quay.io/eclipse/che-operator-dev:latest`, and its
`editors-definitions/*.yaml`, `quay.io/che-incubator/che-code:latest`). `{{NAME}}` in a value is replaced with the
top-level `variables` entry of that name (https://devfile.io/docs/2.3.0/defining-variables); a name the file does not
give is left unresolved. An `image` component names an image the tool builds from a Dockerfile, not a pull; a
`kubernetes` or `openshift` component, a `volume`, and a `parent` or plugin reference are not read. A devfile 1.0
(`apiVersion: 1.0.0`) runs each `type: dockerimage` component's `image`. A file is a devfile by this shape, under any
name; a Kubeflow pipeline spec (`schemaVersion: 2.1.0` with a mapping of `components`) is not one. A devfile in a
directory of a unit test's inputs (`testdata/`, `fixtures/`, `test-editors-definitions/`, `*-resources-test/`) is a
test's input, read offline, and is not read.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, located

# a directory of a unit test's inputs: `testdata`, `fixtures`, or a name with `test` as one of its parts beside others
# (che-operator's `pkg/deploy/editors-definitions/test-editors-definitions/`, which `init_test.go` loads, and
# `image-puller-resources-test/`); a directory named `test` or `tests` alone may hold devfiles an e2e run starts
_TEST_INPUTS_RE = re.compile(
    r"(?:testdata|_?_?fixtures_?_?|(?:[\w.]+[-_])+tests?|tests?(?:[-_][\w.]+)+)", re.IGNORECASE
)
KIND = "devfile"
_USE = "container image"
_VARIABLE_RE = re.compile(r"\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")


def _version(doc: dict[object, object]) -> str | None:
    """`2` for a devfile 2.x, `1` for a devfile 1.0, None for anything else."""
    if isinstance(doc.get("components"), list):
        if str(doc.get("schemaVersion", "")).strip().startswith("2."):
            return "2"
        if str(doc.get("apiVersion", "")).strip().startswith("1.") and "kind" not in doc:
            return "1"
    return None


def _substituted(value: object, variables: dict[str, str]) -> object:
    """`value` with each `{{NAME}}` the file's `variables` give replaced, its line kept."""
    if not isinstance(value, str) or "{{" not in value:
        return value
    replaced = _VARIABLE_RE.sub(lambda m: variables.get(m[1], m[0]), value)
    return located(replaced, line_of(value))


def devfile_images(documents: list[object], origin: str) -> list[Found] | None:
    """The container images of the devfiles among a YAML file's documents; None when none is one."""
    devfiles = [(doc, version) for doc in documents if isinstance(doc, dict) and (version := _version(doc))]
    if not devfiles:
        return None
    if any(_TEST_INPUTS_RE.fullmatch(part) for part in PurePosixPath(origin.replace("\\", "/")).parts[:-1]):
        return []  # a unit test's input, read offline
    found: list[Found] = []
    for doc, version in devfiles:
        given = doc.get("variables")
        variables = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
        for component in doc["components"]:
            if not isinstance(component, dict):
                continue
            if version == "2":
                container = component.get("container")
                image = container.get("image") if isinstance(container, dict) else None
            else:
                image = component.get("image") if component.get("type") == "dockerimage" else None
            image = _substituted(image, variables)
            if isinstance(image, str) and (unset := _VARIABLE_RE.search(image)):
                why = f"{unset[0]} has no value in the devfile's `variables`"
                found.append(Found(image.strip(), origin, line_of(image), why, _USE, KIND))
                continue
            item = found_item(image, origin, _USE)
            found += [dataclasses.replace(item, kind=KIND)] if item is not None else []
    return found
