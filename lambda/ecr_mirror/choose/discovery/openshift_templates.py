"""OpenShift templates: the parameters `oc process` substitutes into a template's objects (pure).

A template (`kind: Template`, `apiVersion: template.openshift.io/v1` or the legacy `v1`) holds Kubernetes objects
(`objects:`) whose strings name its `parameters` as `${NAME}` (or `${{NAME}}`, a value that is not a string);
`oc process` replaces each with the parameter's `value`, or with what `oc process -p NAME=...` gives
(https://docs.openshift.com/container-platform/4.16/openshift_images/using-templates.html). The images of the objects
are read with the values the template gives: quay's `image: ${ENVOY_IMAGE}:${ENVOY_IMAGE_TAG}` with `value:
"docker.io/envoyproxy/envoy"` and `value: "v1.35-latest"` is `docker.io/envoyproxy/envoy:v1.35-latest`. A parameter
with an empty value (`value: ""`), none (`required: true`: given when the template is processed) or a generated one
(`generate: expression`) leaves the image unresolved, naming it, and so does a name the template does not declare.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.collect import Explain, Resolver
from ecr_mirror.choose.discovery.variables import Unset
from ecr_mirror.choose.discovery.yaml_loader import line_of, located

_API_VERSIONS = frozenset({"v1", "template.openshift.io/v1"})
_PARAMETER_RE = re.compile(r"\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}|\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_UNQUOTED_RE = re.compile(r"\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")


class Parameters:
    """A template's parameters: `values` (name -> its value, None without one) and how each lacks one."""

    def __init__(self, declared: list[object]) -> None:
        self.values: dict[str, str | None] = {}
        self.generated: set[str] = set()
        self.required: set[str] = set()
        for entry in declared:
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                continue
            name, value = str(entry["name"]), entry.get("value")
            if "generate" in entry and not value:
                self.generated.add(name)
            if entry.get("required") is True:
                self.required.add(name)
            text = "" if value is None else str(value)
            self.values[name] = text if text and name not in self.generated else None

    def resolve(self, text: str) -> str:
        """`text` with each parameter replaced by its value; Unset naming the first without one."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1) or match.group(2)
            known = self.values.get(name)
            if known is None:
                raise Unset(name)
            return known

        return _PARAMETER_RE.sub(value, text)

    def explain(self, name: str) -> str:
        """Why the parameter `name` has no value in the template."""
        given = f"given when it is processed (`oc process -p {name}=...`)"
        if name not in self.values:
            return f"${{{name}}} is not a parameter of this OpenShift template"
        if name in self.generated:
            return f"${{{name}}} is a parameter of this OpenShift template generated when it is processed"
        if name in self.required:
            return f"${{{name}}} is a required parameter of this OpenShift template, {given}"
        return f"${{{name}}} is a parameter of this OpenShift template without a value, {given}"


def _single_braced(node: object, seen: dict[int, object]) -> object:
    """`node` with each `${{NAME}}` written `${NAME}` (the same parameter; `{{` would read as a Go or Jinja template),
    strings keeping their lines; an aliased node copied once."""
    if isinstance(node, str):
        return located(_UNQUOTED_RE.sub(r"${\1}", node), line_of(node)) if "${{" in node else node
    if not isinstance(node, dict | list) or id(node) in seen:
        return seen.get(id(node), node)
    copy: dict[object, object] | list[object] = {} if isinstance(node, dict) else []
    seen[id(node)] = copy
    if isinstance(node, dict) and isinstance(copy, dict):
        copy.update((key, _single_braced(value, seen)) for key, value in node.items())
    elif isinstance(node, list) and isinstance(copy, list):
        copy.extend(_single_braced(value, seen) for value in node)
    return copy


def openshift_template(doc: object) -> tuple[list[object], Resolver, Explain] | None:
    """(the objects, a resolver of their strings, why a parameter has no value) of an OpenShift template; None for
    any other document."""
    if not isinstance(doc, dict) or doc.get("kind") != "Template" or str(doc.get("apiVersion")) not in _API_VERSIONS:
        return None
    objects, declared = doc.get("objects"), doc.get("parameters")
    if not isinstance(objects, list):
        return None
    parameters = Parameters(declared if isinstance(declared, list) else [])
    return [_single_braced(item, {}) for item in objects], parameters.resolve, parameters.explain
