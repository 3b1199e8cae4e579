"""The images of a Go e2e suite's `GetE2EImage` calls, from the Kubernetes test image list the module vendors
(the parsing is choose/discovery/go_e2e_image_ids.py).

The list is `vendor/k8s.io/kubernetes/test/utils/image/manifest.go` beside the `go.mod` of the module the Go file is
in (the nearest above it): the versions the suite is built with. A module that does not vendor it gives nothing: its
version is the one of `k8s.io/kubernetes` the build resolves, which the tree does not hold.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_image_ids import MANIFEST, e2e_images, manifest_images

_MAX_BYTES = 1_000_000


@functools.lru_cache(maxsize=16)
def _manifest(path: Path) -> dict[str, str]:
    if not path.is_file() or path.stat().st_size > _MAX_BYTES:
        return {}
    return manifest_images(path.read_text(errors="replace"))


def _vendored(shown: str) -> dict[str, str]:
    """The images of the manifest the module of the Go file `shown` vendors (none: empty)."""
    for directory in Path(shown).parents:
        if (directory / "go.mod").is_file():
            return _manifest((directory / "vendor" / MANIFEST).resolve())
    return {}


def e2e_image_id_images(text: str, shown: str) -> list[Found]:
    """The images the `GetE2EImage(ID)` calls of the Go file `shown` name."""
    images = _vendored(shown)
    return e2e_images(text, shown, images) if images else []
