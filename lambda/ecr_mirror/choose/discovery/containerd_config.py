"""The sandbox image of containerd's own configuration, `config.toml` (pure).

containerd's CRI plugin starts every pod in a sandbox container of one image, which it pulls first
(https://github.com/containerd/containerd/blob/main/docs/cri/config.md): `sandbox_image` under
`[plugins."io.containerd.grpc.v1.cri"]` (config version 2) or `[plugins.cri]` (version 1), and `sandbox` under
`[plugins."io.containerd.cri.v1.images".pinned_images]` (version 3, containerd 2). A deployment's role or script
installs the file as `/etc/containerd/config.toml` (OpenStack-Helm's `roles/deploy-env/files/containerd_config.toml`,
`sandbox_image = "registry.k8s.io/pause:3.9"`). Read line by line, as such files are often templates (`sandbox_image =
"{{ sandbox_image }}"`, unresolved); the keys are read in those tables only, so another tool's TOML gives nothing.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import located

# one way to match each character (the name's blanks are stripped after): linear on a long unclosed `[`
_HEADER_RE = re.compile(r"^\s*\[([^\[\]]*)\]\s*(?:#.*)?$")
_VALUE_RE = re.compile(r"""^\s*(?P<key>sandbox_image|sandbox)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
# the table each key is read in: the CRI plugin's (versions 1 and 2), its images plugin's pinned images (version 3)
_TABLES = {
    "sandbox_image": re.compile(r"""^plugins\.(?:cri|["']io\.containerd\.grpc\.v1\.cri["'])$"""),
    "sandbox": re.compile(r"""^plugins\.["']io\.containerd\.cri\.v1\.images["']\.pinned_images$"""),
}


def containerd_config_images(text: str, origin: str) -> list[Found]:
    """The sandbox image each containerd configuration table of `text` names, with its line."""
    found: list[Found] = []
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        if (header := _HEADER_RE.match(line)) is not None:
            table = ".".join(part.strip() for part in header.group(1).split("."))
        elif (value := _VALUE_RE.match(line)) is not None and _TABLES[value["key"]].match(table):
            image = value["double"] if value["double"] is not None else value["single"]
            item = found_item(located(image, number), origin, f"containerd {value['key']}")
            found += [item] if item else []
    return found
