"""Files read with the files they name: Nomad jobs and packs with their variables (discover_nomad.py), and
helmfiles with the values files of their releases. A release of a chart that is not in the tree (`repo/chart`,
`oci://...`) gives it values read as those of a chart elsewhere (helm_outside_values.py): their `image:` strings and
image mappings, an empty tag unresolved; such a file named as values files are is read so once, by the helmfile
(`read_once`). A release of a chart of the tree (`./app`) is left to that chart's values."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_outside_values import outside_values_images
from ecr_mirror.choose.discovery.helm_values import KIND as VALUES_KIND
from ecr_mirror.choose.discovery.helmfile import KIND, PLACEHOLDER, helmfile_releases, rendered
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_nomad import Reader, Warn, nomad_images
from ecr_mirror.errors import ConfigError


def _in_tree(chart: str, directory: Path) -> bool:
    return chart.startswith((".", "/")) or (directory / chart).is_dir()


def helmfile_images(shown: str, path: Path, text: str, read: Reader, warn: Warn) -> list[Found]:
    found: list[Found] = []
    for release in helmfile_releases(text, shown):
        if _in_tree(release.chart, path.parent):
            continue
        found += release.inline
        for relative in release.paths:
            values_shown = os.path.normpath(str(Path(shown).parent / relative))
            values_path = path.parent / relative
            values_text = read(values_shown, values_path) if values_path.is_file() else None
            if values_text is None:
                continue
            try:
                items = outside_values_images(rendered(values_text, "default"), values_shown)
            except ConfigError as exc:
                warn(f"{exc}; the values file of helmfile release {release.chart} in {shown} is not read")
                continue
            found += [dataclasses.replace(i, kind=KIND) for i in items if PLACEHOLDER not in i.text]
    return found


def read_with_files(kind: Kind, shown: str, path: Path, text: str, read: Reader, warn: Warn) -> list[Found]:
    """The images of a Nomad job file or pack template, or of a helmfile's releases."""
    if kind is Kind.HELMFILE:
        return helmfile_images(shown, path, text, read, warn)
    return nomad_images(kind, shown, path, text, read, warn)


def read_once(found: list[Found]) -> list[Found]:
    """`found` without what a values file's name made read of a file a helmfile reads as a release's values."""
    read = {item.origin for item in found if item.kind == KIND}
    return [item for item in found if item.kind != VALUES_KIND or item.origin not in read]
