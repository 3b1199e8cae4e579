"""The tables of digest-pinned images a Python tool of the tree reads and hands a container engine (I/O).

The pure reading is choose/discovery/pinned_image_tables.py; this finds the tables. A Python source names one in a
string literal (`PATH / "pinned_docker_images.cfg"`), found in the source's directory, one or two directories above,
or one directory below any of them (a package's `resources/`: cibuildwheel's `cibuildwheel/util/resources.py`
naming `cibuildwheel/resources/pinned_docker_images.cfg`). It is read only when a Python source of the tree runs
docker or podman with an image it computes (an unresolved image among `found`: cibuildwheel's test warm-up helper,
`docker create image.source_name`), the evidence that the tool's code pulls images its data gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.pinned_image_tables import NAMED_TABLE_RE, pinned_table_images
from ecr_mirror.cli.discover_small_files import small_text

_ENGINES = ("docker", "podman")


def _computed_pull(found: list[Found]) -> bool:
    """Whether a Python source's docker or podman command has an image known only when it runs."""
    return any(
        item.kind == "Python source" and item.problem is not None and item.use.split(" ", 1)[0] in _ENGINES
        for item in found
    )


def _located(name: str, shown: str, path: Path) -> tuple[str, Path] | None:
    """(name shown, path) of the one file `name` near the source `shown` at `path`; None when none or several."""
    places: list[tuple[str, Path]] = []
    directory, shown_directory = path.parent, Path(shown).parent
    for _ in range(3):
        for below in (Path(), *(Path(child.name) for child in sorted(directory.iterdir()) if child.is_dir())):
            if (directory / below / name).is_file():
                places.append((str(shown_directory / below / name), directory / below / name))
        if directory.parent == directory:
            break
        directory, shown_directory = directory.parent, shown_directory.parent
    unique = {candidate.resolve(): (shown_name, candidate) for shown_name, candidate in places}
    return next(iter(unique.values())) if len(unique) == 1 else None


def pinned_table_pulls(sources: Iterable[tuple[str, Path]], found: list[Found]) -> list[Found]:
    """The images of the pinned tables the Python `sources` ((name shown, path)) name, when `found` holds a Python
    docker command of a computed image; each table once."""
    if not _computed_pull(found):
        return []
    tables: list[Found] = []
    seen: set[Path] = set()
    for shown, path in sources:
        if not shown.endswith(".py") or (text := small_text(path)) is None:
            continue
        for named in NAMED_TABLE_RE.finditer(text):
            if (place := _located(named["name"], shown, path)) is None or place[1].resolve() in seen:
                continue
            seen.add(place[1].resolve())
            if (table := small_text(place[1])) is not None:
                tables += pinned_table_images(table, place[0], shown)
    return tables
