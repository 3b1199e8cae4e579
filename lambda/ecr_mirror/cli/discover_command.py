"""`ecr-mirror discover PATH...`: walk the tree, read the build and deploy files, print the images they use.

The parsing is pure (choose/discovery); this module only finds and reads files. Directories are walked without
following symbolic links, skipping hidden directories (except `.github`) and `node_modules`. A file that cannot be
read or parsed is skipped with a warning on stderr; references on private registries are named on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.listing import Listing, build_listing, familiar, lacking
from ecr_mirror.choose.discovery.render import render_lines, render_rules
from ecr_mirror.choose.imagelist import MAX_LIST_BYTES, parse_image_list
from ecr_mirror.choose.naming import REGISTRY_ALIASES, split_destination
from ecr_mirror.errors import ConfigError, MirrorError

MAX_FILE_BYTES = 8 * 1024 * 1024
_SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__"})


def _walk_into(name: str) -> bool:
    return name not in _SKIPPED_DIRECTORIES and (not name.startswith(".") or name == ".github")


def _files(paths: list[str]) -> Iterator[tuple[str, Path, Kind]]:
    """(name shown, path, kind) of every file to read; a PATH that is not there or not readable is an error."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for directory, subdirectories, names in os.walk(path):
                subdirectories[:] = sorted(d for d in subdirectories if _walk_into(d))
                for name in sorted(names):
                    file = Path(directory) / name
                    kind = kind_of(file.absolute())
                    if kind is not None and file.is_file():
                        yield str(file), file, kind
        elif path.is_file():
            kind = kind_of(path.absolute())
            if kind is None:
                raise MirrorError(
                    f"{given!r} is not a Dockerfile, Containerfile, compose file, GitHub Actions workflow, "
                    ".gitlab-ci.yml or YAML manifest (files are recognised by name; see `discover --help`)"
                )
            yield given, path, kind
        else:
            raise MirrorError(f"{given!r}: no such file or directory")


def _read(shown: str, path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _warn(f"{shown}: cannot read it ({exc.strerror or exc}); skipped")
        return None
    if len(data) > MAX_FILE_BYTES:
        _warn(f"{shown}: larger than {MAX_FILE_BYTES} bytes; skipped")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _warn(f"{shown}: not UTF-8 text; skipped")
        return None


def _warn(message: str) -> None:
    print(f"ecr-mirror: warning: {message}", file=sys.stderr)


def _found(paths: list[str]) -> list[Found]:
    found: list[Found] = []
    for shown, path, kind in _files(paths):
        text = _read(shown, path)
        if text is None:
            continue
        try:
            found += images_in(kind, text, shown)
        except ConfigError as exc:
            _warn(f"{exc}; skipped")
    return found


def _against(path: Path, listing: Listing) -> tuple[Listing, bool]:
    """What the list at `path` lacks, and whether the list had bad lines (reported on stderr)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise MirrorError(f"cannot read image list {str(path)!r}: {exc.strerror or exc}") from exc
    images = parse_image_list(data, origin=f"image list {str(path)!r}")
    for problem in images.errors:
        print(f"ecr-mirror: {path}:{problem.line}: {problem.message}", file=sys.stderr)
    return lacking(listing, images), bool(images.errors)


def run_discover(args: argparse.Namespace) -> int:
    """Exit status 0, or 2 for a bad PATH, --mirror or --against list (its bad lines are named)."""
    if args.mirror:
        split_destination(args.mirror)  # a bad --mirror is reported before the tree is read
    public = frozenset(REGISTRY_ALIASES) | frozenset(args.public_registry)
    listing = build_listing(_found(args.paths), public=public, mirror=args.mirror)
    bad_list = False
    if args.against is not None:
        listing, bad_list = _against(args.against, listing)
    if listing.left_out:
        count = len(listing.left_out)
        names = ", ".join(sorted(familiar(ref) for ref in listing.left_out))
        print(
            f"ecr-mirror: left out {count} image{'' if count == 1 else 's'} on registries not known to be public "
            f"or under --mirror: {names} (--public-registry HOST lists a registry's images)",
            file=sys.stderr,
        )
    if not listing.images and not listing.unresolved and args.against is None:
        print(f"ecr-mirror: no public image references found in {', '.join(args.paths)}", file=sys.stderr)
    sys.stdout.write(render_rules(listing) if args.rules else render_lines(listing))
    return 2 if bad_list else 0
