"""A compose file read once per combination of the test matrix beside it (vector's vdev: `config/compose.yaml`
beside `config/test.yaml`; choose/discovery/vdev_matrix.py), its images and the builds of its services; a compose
file without one read once, as it is."""

from __future__ import annotations

import os
from pathlib import Path

from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild, compose_builds
from ecr_mirror.choose.discovery.compose_extends import Load
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.vdev_matrix import MATRIX_FILE, is_matrix_compose, matrix_environments, matrix_images
from ecr_mirror.choose.discovery.yaml_sources import compose_images


def _rows(shown: str, path: Path) -> tuple[str, list[tuple[str, dict[str, str]]]] | None:
    """The matrix file beside the compose file `shown` (at `path`), as shown, and its combinations; None without
    one."""
    if not is_matrix_compose(path.name):
        return None
    try:
        text = (path.parent / MATRIX_FILE).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    origin = os.path.join(os.path.dirname(shown), MATRIX_FILE)
    rows = matrix_environments(text, origin)
    return (origin, rows) if rows else None


def matrix_compose_images(
    shown: str, path: Path, text: str, dotenv: dict[str, str] | None, pulls: frozenset[str], load: Load
) -> list[Found]:
    """The images of the compose file `shown`, once per combination of its test matrix when it has one."""
    alone = compose_images(text, shown, dotenv, pulls, load)
    matrix = _rows(shown, path)
    if matrix is None:
        return alone
    origin, rows = matrix
    read = [(label, compose_images(text, shown, {**(dotenv or {}), **env}, pulls, load)) for label, env in rows]
    return matrix_images(alone, read, origin)


def matrix_compose_builds(
    shown: str, path: Path, text: str, dotenv: dict[str, str] | None, pulls: frozenset[str]
) -> list[ComposeBuild]:
    """The builds of the compose file `shown`'s services, with the arguments each combination of its test matrix
    gives them (`args: {CONFIG_COLLECTOR_VERSION: ${CONFIG_COLLECTOR_VERSION}}`), each once."""
    matrix = _rows(shown, path)
    if matrix is None:
        return compose_builds(text, shown, dotenv, pulls)
    builds: list[ComposeBuild] = []
    for _, env in matrix[1]:
        builds += [b for b in compose_builds(text, shown, {**(dotenv or {}), **env}, pulls) if b not in builds]
    return builds
