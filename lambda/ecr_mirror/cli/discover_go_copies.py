"""The images a Go package copies from a registry through its own functions that name a `docker://` source (skopeo's,
choose/discovery/go_transport_copies.py): the packages whose files hold such a reference are read again, all their
files, for the functions and then for their calls; and for the `skopeo copy` words their calls give
(choose/discovery/go_skopeo_arguments.py), over the package's constants."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_skopeo_arguments import package_constants, skopeo_copies
from ecr_mirror.choose.discovery.go_transport_copies import package_copiers, transport_copies


def go_copy_pulls(
    go_sources: Iterable[tuple[str, Path]], packages: set[Path], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images the Go files of `packages` (directories) hand their package's transport functions or skopeo."""
    texts: dict[Path, list[tuple[str, str]]] = {}
    for shown, path in go_sources if packages else ():
        if path.parent in packages and (data := read(path)) is not None:
            texts.setdefault(path.parent, []).append((shown, data.decode("utf-8-sig", errors="replace")))
    found: list[Found] = []
    for sources in texts.values():
        copiers = package_copiers([text for _, text in sources])
        for shown, text in sources if copiers else ():
            found += transport_copies(text, shown, copiers)
        for place, (shown, text) in enumerate(sources):
            if '"copy"' in text:
                constants = package_constants(other for at, (_, other) in enumerate(sources) if at != place)
                found += skopeo_copies(text, shown, constants)
    return found
