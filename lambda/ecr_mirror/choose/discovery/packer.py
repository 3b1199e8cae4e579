"""Packer templates written in HCL (`*.pkr.hcl`) (pure): the `image` of each `source "docker" "NAME"` block, the
base image Packer's docker builder pulls and starts a container from before it provisions it
(https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/builder/docker: `pull`
defaults to true; with `pull = false` the image is one already on the host, not read). `var.x` and `local.x` from
the file's own `variable` defaults and `locals` (those of another file of the directory, a `-var` or a
`*.pkrvars.hcl` are not read: unresolved, with the reason). Other builders' images (a cloud disk or machine image)
are not container images. Legacy JSON templates are not read.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import HclSyntax, Text
from ecr_mirror.choose.discovery.terraform_hcl import Body, parse_terraform
from ecr_mirror.choose.discovery.terraform_values import ModuleValues
from ecr_mirror.errors import ConfigError

KIND = "Packer template"
_USE = "docker source image"


def _pulls(attributes: dict[str, object]) -> bool:
    pull = attributes.get("pull")
    return not (isinstance(pull, Text) and pull.raw.strip().lower() == "false")


def packer_images(text: str, origin: str) -> list[Found]:
    try:
        body = parse_terraform(text, origin)
    except HclSyntax as exc:
        raise ConfigError(f"{origin}: {exc} (this reader knows a subset of HCL)") from exc
    values = ModuleValues([body], {})
    found: list[Found] = []
    for name, labels, value, _ in body:
        if name != "source" or labels[:1] != ["docker"] or not isinstance(value, Body):
            continue
        attributes = {item: entry for item, marks, entry, _ in value if not marks and not isinstance(entry, Body)}
        image = attributes.get("image")
        resolved = values.text(image) if _pulls(attributes) else None
        if resolved is not None and resolved[0].strip() and image is not None:
            written, problem = resolved
            found.append(Found(written.strip(), origin, getattr(image, "line", None), problem, _USE, KIND))
    return found
