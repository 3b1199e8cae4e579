"""Kubeflow Pipelines components written in Python: the images their tasks run in (pure).

A pipeline written with the KFP SDK (`from kfp import dsl`) names the image of each task in its component's
definition, and the compiled pipeline runs a pod of it for every task
(https://www.kubeflow.org/docs/components/pipelines/user-guides/components/):

- a lightweight Python component, `@dsl.component(base_image='pytorch/pytorch:1.7.1-cuda11.0-cudnn8-runtime')` (also
  `@component(...)`, `kfp.dsl.component`, and the v1 SDK's `create_component_from_func(..., base_image=...)` and
  `func_to_container_op(..., base_image=...)`);
- a container component, `return dsl.ContainerSpec(image='library/bash:4.4.23', command=[...])`;
- a v1 `dsl.ContainerOp(name='echo', image='library/bash:4.4.23', ...)`.

Only a string literal is read; a name or an f-string is known only when the program runs. A component without
`base_image` runs the SDK's default, which its version decides: not listed. Not read: the `argostub/` images of
`kfp.kubernetes`' PVC components, which KFP's driver performs itself (kfp_pipelines.py); an image that is the
parameter's own name, a placeholder (mlrun's `kfp.dsl.ContainerOp("name", "image")`, an op built only to be handed
to modifiers, its registration hook turned off, never run); the SDK's unit tests
(`*_test.py`, `test_*.py`), whose images are what a compiler is checked against, never run.
"""

from __future__ import annotations

import ast
import dataclasses
import posixpath

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kfp_pipelines import DRIVER_STUBS

KFP_COMPONENT = "Kubeflow pipeline component"  # the kind of its records
_BASE_IMAGE_CALLS = frozenset({"component", "create_component_from_func", "func_to_container_op"})
_IMAGE_CALLS = {"ContainerSpec": 0, "ContainerOp": 1}  # the class, the position of `image` when not a keyword
_MARKS = (b"base_image", b"ContainerSpec", b"ContainerOp")
_PLACEHOLDERS = frozenset({"image", "base_image"})  # the parameter's own name: `ContainerOp("name", "image")`
_NOT_IMAGES = DRIVER_STUBS | _PLACEHOLDERS


def may_define_components(shown: str, data: bytes) -> bool:
    """Whether a source may define KFP components: a Python file, no unit test, importing kfp and naming one of the
    arguments read."""
    name = posixpath.basename(shown)
    if not name.endswith(".py") or name.endswith("_test.py") or name.startswith("test_"):
        return False
    return (b"from kfp" in data or b"import kfp" in data) and any(mark in data for mark in _MARKS)


def _called(node: ast.Call) -> str:
    function = node.func
    return (
        function.attr if isinstance(function, ast.Attribute) else function.id if isinstance(function, ast.Name) else ""
    )


def _image_argument(node: ast.Call) -> ast.expr | None:
    """The expression a KFP call gives as its task's image, None for another call or one without it."""
    called = _called(node)
    keyword = "base_image" if called in _BASE_IMAGE_CALLS else "image" if called in _IMAGE_CALLS else None
    if keyword is None:
        return None
    given = next((k.value for k in node.keywords if k.arg == keyword), None)
    if given is None and called in _IMAGE_CALLS and len(node.args) > _IMAGE_CALLS[called]:
        given = node.args[_IMAGE_CALLS[called]]
    return given


def kfp_component_images(text: str, origin: str) -> list[Found]:
    """The literal images of the KFP components `text` defines (see the module)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[Found] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (given := _image_argument(node)) is None:
            continue
        if isinstance(given, ast.Constant) and isinstance(given.value, str) and given.value not in _NOT_IMAGES:
            use = "base_image" if _called(node) in _BASE_IMAGE_CALLS else "image"
            item = found_item(given.value, origin, f"{use} (KFP component)")
            found += [dataclasses.replace(item, line=given.lineno, kind=KFP_COMPONENT)] if item else []
    return sorted(found, key=lambda item: item.line or 0)
