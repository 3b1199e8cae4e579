"""The stderr summary of the images discover leaves out: each registry once, with its count, its images and the
option that lists them; the images already under `--mirror` and the bare Docker Hub names that are no official image
(docker_official.py) apart."""

from __future__ import annotations

import sys

from ecr_mirror.choose.discovery.docker_official import not_official
from ecr_mirror.choose.discovery.listing import Listing, familiar, under_mirror
from ecr_mirror.choose.naming import split_destination
from ecr_mirror.oci.reference import Reference


def _images(count: int) -> str:
    return f"{count} image{'' if count == 1 else 's'}"


def report_left_out(listing: Listing, mirror: str | None, *, probed: bool = False) -> None:
    """`probed`: --probe asked the registries already, so the summary does not suggest it."""
    destination = split_destination(mirror) if mirror else None
    mirrored: list[Reference] = []
    unofficial: list[str] = []
    by_host: dict[str, list[str]] = {}
    for ref in listing.left_out:
        if destination is not None and under_mirror(ref, destination):
            mirrored.append(ref)
        elif not_official(ref, frozenset()):
            unofficial.append(familiar(ref))
        else:
            by_host.setdefault(ref.registry, []).append(familiar(ref))
    if by_host:
        total = sum(len(names) for names in by_host.values())
        hosts = ", ".join(
            f"{host} {len(names)} ({', '.join(sorted(names))}; --public-registry {host})"
            for host, names in sorted(by_host.items())
        )
        count = len(by_host)
        ask = "" if probed else ", --probe asks each registry whether it serves them to anyone"
        print(
            f"ecr-mirror: left out {_images(total)} on {count} registr{'y' if count == 1 else 'ies'} not known to be "
            f"public: {hosts}; --public-registry HOST/NAMESPACE lists one namespace{ask}",
            file=sys.stderr,
        )
    if unofficial:
        ask = "" if probed else "--probe asks Docker Hub, "
        print(
            f"ecr-mirror: left out {_images(len(unofficial))} named as Docker Hub official images but no official "
            f"image: {', '.join(sorted(unofficial))} (no Docker Hub official image has the name: built and run "
            f"locally, or a placeholder; {ask}--public-registry docker.io/library/NAME lists one)",
            file=sys.stderr,
        )
    if mirrored:
        names = ", ".join(sorted(familiar(ref) for ref in mirrored))
        print(f"ecr-mirror: left out {_images(len(mirrored))} under --mirror {mirror}: {names}", file=sys.stderr)
