"""The images a Go e2e suite takes from the Kubernetes test image list by ID (pure).

Kubernetes' e2e framework names its test images by ID: `imageutils.GetE2EImage(imageutils.BusyBox)` (package
`k8s.io/kubernetes/test/utils/image`, under any import name) is `REGISTRY/NAME:VERSION` from that package's
`manifest.go`, `configs[BusyBox] = Config{list.PromoterE2eRegistry, "busybox", "1.37.0-1"}` with the registry the
`initRegistry = RegistryList{PromoterE2eRegistry: "registry.k8s.io/e2e-test-images", ...}` default gives (a run may
point the list elsewhere with `KUBE_TEST_REPO_LIST`; https://pkg.go.dev/k8s.io/kubernetes/test/utils/image#GetE2EImage).
The CSI drivers' e2e suites run their volume tester pods so. `manifest_images` reads a manifest's IDs (the copy the
module vendors: its version is the one the suite builds with); `e2e_image_ids` the calls of a Go file, each at its
line, `use` `GetE2EImage(ID)`. An ID the manifest lacks, or an argument that is no ID of the package (a variable),
adds nothing.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found

MARK = b'"k8s.io/kubernetes/test/utils/image"'
MANIFEST = "k8s.io/kubernetes/test/utils/image/manifest.go"  # under the module's `vendor/`
_IMPORT_RE = re.compile(r'(?:^|[\s(])(?:(?P<alias>[A-Za-z_]\w*)[ \t]+)?"k8s\.io/kubernetes/test/utils/image"', re.M)
_REGISTRIES_RE = re.compile(r"\binitRegistry\s*=\s*RegistryList\s*\{(?P<body>[^}]*)\}")
_FIELD_RE = re.compile(r'^\s*(?P<field>[A-Za-z_]\w*)\s*:\s*"(?P<value>[^"\s]+)"', re.M)
_CONFIG_RE = re.compile(
    r'configs\[(?P<id>\w+)\]\s*=\s*Config\{\s*list\.(?P<field>\w+)\s*,\s*"(?P<name>[^"\s]+)"\s*,\s*"(?P<version>[^"\s]+)"'
)


def manifest_images(text: str) -> dict[str, str]:
    """The image each ID of a `manifest.go` names with the default registries (ID -> `REGISTRY/NAME:VERSION`)."""
    registries = _REGISTRIES_RE.search(text)
    fields = {m["field"]: m["value"] for m in _FIELD_RE.finditer(registries["body"])} if registries else {}
    return {
        m["id"]: f"{fields[m['field']]}/{m['name']}:{m['version']}"
        for m in _CONFIG_RE.finditer(text)
        if m["field"] in fields
    }


def e2e_image_ids(text: str) -> list[tuple[int, str]]:
    """(line, ID) of each `ALIAS.GetE2EImage(ALIAS.ID)` of a Go file importing the package (as `image`, its name,
    when no alias is given), comment lines left out."""
    if (imported := _IMPORT_RE.search(text)) is None:
        return []
    alias = re.escape(imported["alias"] or "image")
    call = re.compile(rf"(?<![\w.]){alias}\.GetE2EImage\(\s*{alias}\.(?P<id>[A-Za-z_]\w*)\s*\)")
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("//"):
            out += [(number, match["id"]) for match in call.finditer(line)]
    return out


def e2e_images(text: str, origin: str, images: dict[str, str]) -> list[Found]:
    """The images of a Go file's `GetE2EImage` calls, with the manifest's `images`."""
    return [
        Found(images[name], origin, line, use=f"GetE2EImage({name})", kind="Go source")
        for line, name in e2e_image_ids(text)
        if name in images
    ]
