"""The registry a Nextflow pipeline pulls its containers from: the `docker.registry` of the nearest
`nextflow.config` at or above a script's or configuration's directory (choose/discovery/nextflow.py)."""

from __future__ import annotations

import functools
from pathlib import Path

from ecr_mirror.choose.discovery.nextflow import registry_of
from ecr_mirror.cli.discover_small_files import small_text


def pipeline_registry(shown: str) -> str | None:
    """The registry of the pipeline a file named `shown` (as the walk shows it, from the working directory) is of."""
    directory = Path(shown).parent
    for candidate in (directory, *directory.parents):
        if (registry := _config_registry(candidate / "nextflow.config")) is not None:
            return registry or None
    return None


def _config_registry(path: Path) -> str | None:
    """`""` for a configuration that names no registry, None where there is no configuration; each configuration
    read once for the many scripts of its pipeline (while the file stays as it was)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return _registry_of_file(path.absolute(), status.st_mtime_ns, status.st_size) if path.is_file() else None


@functools.lru_cache(maxsize=64)
def _registry_of_file(path: Path, _mtime_ns: int, _size: int) -> str | None:
    text = small_text(path)
    return (registry_of(text) or "") if text is not None else None
