"""The images a makefile pins by digest in its variables, at their assignments (pure).

A digest names one image's content, immutable, so that "the exact same image is pulled every time"
(https://docs.docker.com/dhi/core-concepts/digests/): nothing builds or pushes to a digest, and a makefile that keeps
`NAME := REPOSITORY:TAG@sha256:...` keeps the pin of an image it fetches. Shared makefile modules pick such pins in
ways discover does not evaluate: cert-manager's `IMAGE_vault_amd64 := docker.io/hashicorp/vault:1.14.1@sha256:...`,
reached through a computed name (`$(IMAGE_$(1)_$(CRI_ARCH))`) in a `define` that makes a static pattern rule's
targets, its recipe pulling `$(shell cut -d@ -f1 <<<"$(IMAGE)")` with crane; makefile-modules'
`images_amd64 += quay.io/jetstack/cert-manager-controller:$(cert_manager_version)@sha256:...`, split again with
`$(subst)` and `$(word)` from a `$(foreach)` stem before `$(CRANE) pull`, and its `kind_image_kube_1.36_amd64` node
images and `base_image_static` ko base.

Read: a makefile assignment (`=`, `:=`, `::=`, `?=`, `+=`, after `export` or `override`, led by blanks or a tab in a
conditional; a `#` comment after it dropped) whose every word, its quotes taken off and the file's own one-value
references (`$(NAME)`, `${NAME}`, https://www.gnu.org/software/make/manual/html_node/Reference.html) put in, is an
image reference pinned by a digest that has a tag or names a registry or namespace: each listed at the assignment's
line, `use` naming the variable. Not read: a value with any other word (a command, an option), a tag alone (an image
this tree may build), a digest after a version alone (`SPELLCHECK_VERSION ?= 0.63.0@sha256:...`, joined to a name
elsewhere), a reference whose value the file does not give. The caller lists a pin only where no other record of the
tree names the same reference, the command that pulls it being read already.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

KIND = "Makefile"
_ASSIGN_RE = re.compile(
    r"^[ \t]*(?:(?:export|override)[ \t]+)*(?P<name>[A-Za-z_][\w.-]*)[ \t]*(?P<op>::?=|:::=|\?=|\+=|=)"
    r"[ \t]*(?P<value>[^#\n]*)"
)
_REFERENCE_RE = re.compile(r"\$(?:\(([A-Za-z_][\w.-]*)\)|\{([A-Za-z_][\w.]*)\})")


def _own_values(text: str) -> dict[str, str]:
    """The names `text` gives one literal value (no `$`, no `+=`), for the references of a pin."""
    seen: dict[str, set[str]] = {}
    for line in text.splitlines():
        if (match := _ASSIGN_RE.match(line)) is not None:
            value = match["value"].strip() if match["op"] != "+=" else "$"
            seen.setdefault(match["name"], set()).add(value)
    return {name: next(iter(values)) for name, values in seen.items() if len(values) == 1 and "$" not in str(values)}


def _pinned(word: str) -> bool:
    """Whether `word` is an image pinned by digest with a tag or a registry or namespace."""
    reference = reference_or_none(word, default_tag=None)
    return reference is not None and reference.digest is not None and (reference.tag is not None or "/" in word)


def pinned_make_values(text: str, origin: str) -> list[Found]:
    """The digest-pinned images of the assignments of the makefile `text` (see the module's docstring)."""
    values = _own_values(text)
    found: list[Found] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "@" not in line or (match := _ASSIGN_RE.match(line)) is None:
            continue
        value = _REFERENCE_RE.sub(lambda m: values.get(m.group(1) or m.group(2), "$"), match["value"])
        words = [word.strip("'\"") for word in value.split()]
        if words and all(_pinned(word) for word in words):
            use = f"pinned image ({match['name']})"
            found += [Found(word, origin, number, use=use, kind=KIND) for word in words]
    return found
