"""The kind node images of the Kubernetes CSI repositories' Prow jobs: each `.prow.sh` with the `release-tools/prow.sh`
beside it that it sources (the parsing is choose/discovery/csi_prow.py)."""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from ecr_mirror.choose.discovery.csi_prow import LIBRARY, csi_prow_images
from ecr_mirror.choose.discovery.found import Found

ENTRY = ".prow.sh"


def csi_prow_pulls(scripts: dict[str, str]) -> list[Found]:
    """The node images of the `.prow.sh` scripts among `scripts` (name shown -> text) whose library is read too."""
    found: list[Found] = []
    for shown, text in scripts.items():
        library_shown = str(PurePath(shown).parent / LIBRARY)
        if PurePath(shown).name == ENTRY and library_shown in scripts:
            images = csi_prow_images(text, scripts[library_shown], shown, library_shown)
            found += [dataclasses.replace(item, kind="shell script") for item in images]
    return found
