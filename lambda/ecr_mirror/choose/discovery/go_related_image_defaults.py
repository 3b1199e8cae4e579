"""The images a Go operator falls back to when its `RELATED_IMAGE_*` environment variable is not set (pure).

An operator following the Operator Framework's related-images convention reads the images it deploys from
environment variables named `RELATED_IMAGE_*`, which its Deployment (or the ClusterServiceVersion OLM installs it
with) sets (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages; those are read as a
manifest's `env`: related_images.py). Its code often keeps a default for a variable its manifests leave unset, the
image it deploys then (`make deploy` of a kustomize overlay without the entry, a development run): Read, in a Go
file that is a program's own code (go_program_images.is_program_code: no test code, fake or mock, nor an end-to-end
suite):

- the literal arguments after the variable's name in a call given the name first, a helper that looks the variable
  up and falls back to the next arguments (`env.GetString("RELATED_IMAGE_WASMSHIM", "quay.io/kuadrant/wasm-shim:
  latest")`; opendatahub-operator's `getImageURL("RELATED_IMAGE_ODH_KUBE_RBAC_PROXY_IMAGE", ODH_DEFAULT,
  RHOAI_DEFAULT, release)`, one default per platform), or `os.Getenv("RELATED_IMAGE_...")` first (`cmp.Or(os.Getenv(
  "RELATED_IMAGE_X"), "...")`, https://pkg.go.dev/cmp#Or), each up to the first argument that is no literal;
- the literal a function returns right after returning the variable's value when it is set (`if image :=
  os.Getenv("RELATED_IMAGE_X"); image != "" { return image }` then `return "quay.io/...@sha256:..."`, comments
  between them allowed: opendatahub-operator's `getKubeAuthProxyImage`).

Each literal that is an image reference with a tag or a digest naming a registry or a namespace (`"shim"` names a
container), at its line, `use` `RELATED_IMAGE_X default (Go program)`. Not read: a call in a comment, a computed
default (`defaultImage()`), a variable of another name (the program's other defaults have their readers:
go_default_images.py, go_flag_images.py).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_images import is_e2e
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b"RELATED_IMAGE_"
# `NAME("RELATED_IMAGE_X",` or `NAME(os.Getenv("RELATED_IMAGE_X"),`: the defaults follow
_CALL_RE = re.compile(
    r"\b[A-Za-z_][\w.]*\(\s*(?:os\.Getenv\(\s*\"(?P<read>RELATED_IMAGE_\w+)\"\s*\)|\"(?P<named>RELATED_IMAGE_\w+)\")"
    r"\s*,"
)
# one literal argument, comments before it and after its comma allowed
_ARGUMENT_RE = re.compile(r"(?:\s*//[^\n]*(?=\n))*\s*\"(?P<image>[^\"\\\n]+)\"\s*(?P<comma>,?)(?:[ \t]*//[^\n]*)?")
# `if V := os.Getenv("RELATED_IMAGE_X"); V != "" { return V }`, then `return "..."`
_RETURN_RE = re.compile(
    r"\bif[ \t]+(?P<value>\w+)[ \t]*:=[ \t]*os\.Getenv\([ \t]*\"(?P<variable>RELATED_IMAGE_\w+)\"[ \t]*\)[ \t]*;[ \t]*"
    r"(?P=value)[ \t]*!=[ \t]*\"\"[ \t]*\{\s*return[ \t]+(?P=value)\s*\}(?:\s*//[^\n]*(?=\n))*\s*return[ \t]+"
    r"\"(?P<image>[^\"\\\n]+)\""
)
_TAGGED_RE = re.compile(r"@sha256:[0-9a-f]{64}$|:[\w][\w.-]*$")


def may_fall_back(shown: str, data: bytes) -> bool:
    """Whether a source may hold an operator's related-image defaults: a Go file naming `RELATED_IMAGE_`."""
    return shown.endswith(".go") and MARK in data


def _image(value: str) -> bool:
    return "/" in value and _TAGGED_RE.search(value) is not None and reference_or_none(value) is not None


def related_image_defaults(text: str, origin: str) -> list[Found]:
    """The default images a Go program's code gives its `RELATED_IMAGE_*` variables, in the file's order."""
    if not is_program_code(origin) or is_e2e(text):
        return []
    lines = LineIndex(text)
    read: dict[int, tuple[str, str]] = {}  # offset of the literal -> (image, variable)
    for call in _CALL_RE.finditer(text):
        at, variable = call.end(), call["read"] or call["named"]
        while (argument := _ARGUMENT_RE.match(text, at)) is not None:
            read.setdefault(argument.start("image"), (argument["image"], variable))
            if not argument["comma"]:
                break
            at = argument.end()
    for returned in _RETURN_RE.finditer(text):
        read.setdefault(returned.start("image"), (returned["image"], returned["variable"]))
    found: list[Found] = []
    for offset in sorted(read):
        image, variable = read[offset]
        if _image(image) and not lines.led_by(offset, "//"):
            found.append(
                Found(image, origin, lines.line(offset), None, f"{variable} default (Go program)", "Go source")
            )
    return found
