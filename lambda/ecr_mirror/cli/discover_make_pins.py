"""The images the tree's makefiles pin by digest in their variables (choose/discovery/make_pinned_values.py), added
where no record of the tree names the same reference: a pin whose pull discover reads is listed at that pull only;
and the images a makefile's test targets hand their commands in their environment
(choose/discovery/make_test_environment.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.make_includes import is_makefile
from ecr_mirror.choose.discovery.make_pinned_values import pinned_make_values
from ecr_mirror.choose.discovery.make_test_environment import environment_test_images
from ecr_mirror.oci.reference import reference_or_none


def _key(text: str) -> str:
    """`text` normalised (`alpine:3.20@...` as `docker.io/library/alpine:3.20@...`), or as written."""
    reference = reference_or_none(text)
    return str(reference) if reference is not None else text


def with_make_pins(
    found: list[Found], scripts: list[tuple[str, Path]], read: Callable[[str, Path], str | None]
) -> list[Found]:
    """`found` with the digest pins of the makefiles of `scripts` (name shown, path) that it does not name, and the
    images their test targets hand their commands in their environment."""
    listed = {_key(item.text) for item in found if item.problem is None}
    pins: list[Found] = []
    for shown, path in scripts:
        if not is_makefile(shown) or not (text := read(shown, path)):
            continue
        if "@sha256:" in text:
            pins += [pin for pin in pinned_make_values(text, shown) if _key(pin.text) not in listed]
        pins += environment_test_images(text, shown) if "IMAGE" in text or "IMG" in text else []
    return found + pins
