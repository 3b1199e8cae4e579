"""The images an Ansible role's variables name (pure): its `defaults/` and `vars/` files, and an inventory's
`group_vars/` and `host_vars/` (the caller picks the files).

A role keeps the images it runs or mirrors in its variables: `ceph_image: "quay.io/ceph/ceph:v19.2.1"` beside the task
that starts it, or a list of images to pull for an offline install (`images: {cilium: {'1.16.5': [quay.io/cilium/
cilium:v1.16.5, ...]}}`), which a task loops over with a module or a command discover does not read. Two kinds of
value are read, each rendered by jinja_text.py with the role's values (its defaults, then its vars):

- a variable or key named for an image (`image`, `*_image`, `*Image`: image_keys.py) whose value is a reference with
  a tag or a digest (`grafana/grafana:11.4.0`; a name without either is one the role builds or tags itself);
- any other string, also a list's item, that is a reference with a tag or a digest whose first component is a
  registry host (`docker.io/calico/node:v3.29.1`, `quay.io/tigera/operator:v1.36.2`): such a string names an image
  and nothing else (a URL has a scheme, a path no tag).

A value with an expression the role's values leave unknown (`prom/node-exporter:{{ exporter_tag }}`, set by the
play) is not listed: the task that uses it reports it, rendered with the play's values. Each image is listed at the
line of its value, `use` `role variable NAME` (the top-level variable holding it).
"""

from __future__ import annotations

from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference
from ecr_mirror.choose.discovery.jinja_text import rendered
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.errors import ConfigError

KIND = "Ansible variables"


def _host_qualified(reference: str) -> bool:
    """Whether the reference's first component is a registry host (`quay.io/...`, `registry:5000/...`), as the
    Docker reference grammar tells a host from a path component: a `.` or a `:` in it."""
    first, slash, _ = reference.partition("/")
    return bool(slash) and ("." in first or ":" in first)


def _image(key: object, value: str, values: Mapping[str, object]) -> str | None:
    text, unknown = rendered(value, values) if "{{" in value else (value, [])
    if unknown or not pinned_reference(text):
        return None
    named = key == "image" or image_name(key)
    return text.strip() if named or _host_qualified(text.strip()) else None


def role_variable_images(text: str, origin: str, values: Mapping[str, object]) -> list[Found]:
    """The images the variables file `origin` names, rendered with `values`; none when it is not YAML or not a
    mapping of variables."""
    try:
        documents = load_documents(text, origin)
    except ConfigError:
        return []
    top = documents[0] if documents else None
    if not isinstance(top, dict):
        return []
    found: list[Found] = []
    for name, value in top.items():
        pairs = [(name, value)] if isinstance(value, str) else [(key, child) for _, key, child in entries(value)]
        for key, child in pairs:
            if isinstance(child, str) and (image := _image(key, child, values)):
                found.append(Found(image, origin, line_of(child), None, f"role variable {name}", KIND))
    return found
