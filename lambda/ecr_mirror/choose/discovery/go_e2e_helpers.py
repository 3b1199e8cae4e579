"""Images an end-to-end suite hands its own helpers that build a Kubernetes object around an image (pure).

A Go suite that tests against a cluster (go_e2e_images.py says which files are one) often builds its objects in a
helper of its framework package: system-upgrade-controller's `func (c *Client) NewPlan(name, image string, command
[]string, args ...string) *upgradeapiv1.Plan` puts `image` in the Plan's upgrade container (`Image: image`), and the
suite's `e2e.NewPlan("fail-then-succeed-", "library/alpine:3.18", ...)` makes the cluster run, so pull, that image.
A helper is a function or method of the suite's Go files or of its helper packages with a `string` parameter that
its body gives, alone, to an `Image:` field, to client-go's `.WithImage(...)` or to an object's `.Image` (kruise's
`func (m *UnitedDeploymentManager) SetImage(image string)` assigning `...Containers[0].Image = image`). A call of it
by that name (qualified or not: `e2e.NewPlan(`, `framework.PodWith(`) in a suite file hands it the argument in that
place: a literal, a constant of the file, or the literal the file last binds to the name before the call
(go_command_wrappers.bound_value), read when it is an image reference naming a registry, a namespace or a tag (a
bare `test1` is most often an image the suite builds and loads first, as go_e2e_images.py reads fields).
Another argument (a call, a variable set elsewhere) is known only when the suite runs and adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_command_wrappers import bound_value, calls_of, string_parameters
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

# a function or a method (`func (c *Client) NewPlan(`) and its parameter list; not a generic one
_FUNC_RE = re.compile(
    r"^func[ \t]*(?:\([^)\n]*\)[ \t]*)?(?P<name>[A-Za-z_]\w*)[ \t]*\((?P<params>[^)]*)\)", re.MULTILINE
)
_BODY_END_RE = re.compile(r"^}", re.MULTILINE)


def _given_to_image(body: str, name: str) -> bool:
    """Whether `body` gives the parameter `name`, alone, to an `Image:` field, to `.WithImage(...)` or to an
    object's `.Image` (`m.Spec.Template.Spec.Containers[0].Image = image`)."""
    parameter = re.escape(name)
    field = r"(?:(?<![\w.])Image:|\.WithImage\(|\.Image[ \t]*=(?!=))"
    return re.search(rf"{field}[ \t]*{parameter}[ \t]*[,}})\n]", body) is not None


def image_parameters(text: str) -> dict[str, frozenset[int]]:
    """The functions and methods of a Go file that put one of their `string` parameters in an image field, with the
    places of those parameters among a call's arguments."""
    helpers: dict[str, frozenset[int]] = {}
    for function in _FUNC_RE.finditer(text):
        end = _BODY_END_RE.search(text, function.end())
        body = text[function.end() : end.start() if end else len(text)]
        places = frozenset(
            place for place, name in string_parameters(function["params"]) if _given_to_image(body, name)
        )
        if places:
            helpers[function["name"]] = helpers.get(function["name"], frozenset()) | places
    return helpers


def _qualified(value: str) -> bool:
    return any(mark in value for mark in "/:@") and reference_or_none(value) is not None


def helper_call_images(text: str, origin: str, helpers: Mapping[str, frozenset[int]]) -> list[Found]:
    """The images a suite file's calls hand the helpers (`helpers`: name -> places of the image parameters)."""
    if not helpers:
        return []
    names, lines = SourceNames.of(text), LineIndex(text)
    found: list[Found] = []
    for function, at, arguments in calls_of(text, helpers, lines, qualified=True):
        for place in sorted(helpers[function]):
            value = bound_value(arguments[place], names, at) if place < len(arguments) else None
            if value is not None and not value.startswith("${") and _qualified(value):
                use = f"Image (e2e helper {function})"
                found.append(Found(value, origin, lines.line(at), None, use, "Go source"))
    return found
