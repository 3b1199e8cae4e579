"""The images Bazel pulls, from the repository rules of its Starlark files (pure).

rules_docker's `container_pull`
(https://github.com/bazelbuild/rules_docker/blob/master/docs/container.md#container_pull) fetches
`registry`/`repository`, at `digest` when one is given, else at `tag`; rules_oci's `oci_pull` (WORKSPACE, `*.bzl`) and
its module extension's `oci.pull` (`MODULE.bazel`, https://github.com/bazel-contrib/rules_oci/blob/main/docs/pull.md)
fetch `image` (a whole name with its registry), or `registry`/`repository` as container_pull does (its macro takes
either: cockroach-operator's WORKSPACE pulls `registry.access.redhat.com` `ubi9/ubi-minimal`), at `digest` or `tag`.
They are called in `WORKSPACE` (also `WORKSPACE.bazel`, `WORKSPACE.bzlmod`), in the macros of `*.bzl` files that
WORKSPACE loads and calls, and in `MODULE.bazel` and the segments it includes (`oci.MODULE.bazel`): each call is
read where it is written, its keyword arguments string literals or names the same file assigns once at its top level
(`digest = _BASE_DIGEST`). An image is written as the rule pulls it: `registry/repository:tag@digest` (both, when
both are given, as they pin one image; no tag when none is written, as the rule's `latest` default is the
registry's). A value from a parameter of the macro, another file or a call is unresolved, kept as `${name}`. A file
that is not Starlark (Python's grammar parses it) is an error naming it.
"""

from __future__ import annotations

import ast
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

KIND = "Bazel file"
# the names of the files Bazel reads its external repositories from (a `*.bzl` file too, by its extension)
_NAMES = frozenset({"workspace", "workspace.bazel", "workspace.bzlmod", "module.bazel"})
_RULES = {"container_pull": "container_pull", "oci_pull": "oci_pull", "oci.pull": "oci.pull"}
_UNKNOWN = "a value Bazel knows when it evaluates the call (a macro's parameter, another file's name, a call)"


def is_bazel_file(path: str | PurePath) -> bool:
    """`WORKSPACE`, `WORKSPACE.bazel`, `WORKSPACE.bzlmod`, `MODULE.bazel`, the segments a module `include()`s
    (`*.MODULE.bazel`, the name Bazel requires of them: https://bazel.build/rules/lib/globals/module#include) and
    `*.bzl` (not BUILD files, which cannot call repository rules)."""
    name = PurePath(path).name.lower()
    return name in _NAMES or name.endswith((".bzl", ".module.bazel"))


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return ""


def _constants(tree: ast.Module) -> dict[str, str | None]:
    """The top-level names assigned a string literal: their value, or None when assigned twice or otherwise."""
    constants: dict[str, str | None] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    value = statement.value
                    literal = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
                    constants[target.id] = None if target.id in constants else literal
    return constants


def _value(node: ast.expr, constants: dict[str, str | None]) -> tuple[str, bool]:
    """(the value as text, whether it is known) of one keyword argument."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.strip(), True
    if isinstance(node, ast.Name) and constants.get(node.id) is not None:
        return str(constants[node.id]).strip(), True
    if isinstance(node, ast.Name):
        return f"${{{node.id}}}", False
    return "${" + ast.unparse(node) + "}", False


def _image(rule: str, call: ast.Call, constants: dict[str, str | None]) -> tuple[str, bool] | None:
    """(the image the call pulls, whether every part of it is known), or None without a name to pull."""
    arguments = {keyword.arg: _value(keyword.value, constants) for keyword in call.keywords if keyword.arg}
    if rule == "container_pull" or "image" not in arguments:  # rules_oci's macro takes either form
        if "registry" not in arguments or "repository" not in arguments:
            return None
        registry, repository = arguments["registry"], arguments["repository"]
        name = f"{registry[0]}/{repository[0]}"
        known = registry[1] and repository[1]
    else:
        if "image" not in arguments:
            return None
        name, known = arguments["image"]
    for key, mark in (("tag", ":"), ("digest", "@")):
        if key in arguments:
            name += mark + arguments[key][0]
            known = known and arguments[key][1]
    return name, known


def bazel_images(text: str, origin: str) -> list[Found]:
    """The images a Bazel file's `container_pull`, `oci_pull` and `oci.pull` calls fetch, in the file's order."""
    try:
        tree = ast.parse(text, filename=origin)
    except (SyntaxError, ValueError) as exc:
        raise ConfigError(f"{origin}: not Starlark that can be read: {exc}") from exc
    constants = _constants(tree)
    found: list[Found] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (rule := _RULES.get(_callee(node.func))) is None:
            continue
        if (image := _image(rule, node, constants)) is None:
            continue
        name, known = image
        found.append(Found(name, origin, node.lineno, None if known else _UNKNOWN, rule, KIND))
    return sorted(found, key=lambda item: item.line or 0)
