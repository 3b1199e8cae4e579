"""A YAML file that names one image and nothing else (pure): a reference kept in a file of its own for a tool to
read and pull, as streamshub/console keeps its OLM bundle stubs (`operator/src/main/olm/bundles/<csv>.yaml`, each
`image: quay.io/streamshub/console-operator-bundle:0.5.0`, read by its catalog script with yq and handed to `opm
render`, which pulls the bundle). Read: a file of one document whose only key is `image`, a string naming an image
with a registry or namespace and a tag or digest as written (`quay.io/acme/bundle:1.2.0`); not a bare or untagged
name (`localchicken`, `nginx:1.27`: test fixtures and samples name those), nor a file saying anything else."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of
from ecr_mirror.oci.reference import reference_or_none

LONE_KIND = "image reference file"


def lone_image(documents: list[object], origin: str) -> list[Found]:
    """The one image a file of a lone `image:` names (see the module); none for any other file."""
    present = [doc for doc in documents if doc is not None]
    if len(present) != 1 or not isinstance(present[0], dict) or list(present[0]) != ["image"]:
        return []
    value = present[0]["image"]
    text = value.strip() if isinstance(value, str) else ""
    pinned = "@" in text or ":" in text.rsplit("/", 1)[-1]
    if "/" not in text or not pinned or reference_or_none(text) is None:
        return []
    return [Found(text, origin, line_of(value), use="image (a file naming one image)", kind=LONE_KIND)]
