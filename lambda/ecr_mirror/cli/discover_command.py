"""`ecr-mirror discover PATH...`: read the build, deploy and CI files of a tree, print the images they use.

The parsing is pure (choose/discovery); the walk and what it skips is cli/discover_walk.py; the reading of the
files it finds, cli/discover_found.py; this module prints what they use. A file that cannot be read or parsed is
skipped with a warning naming it, and the rest is read;
references on private registries, skipped candidate files and YAML files with `image:` keys of a shape no reader
knows (Helm values) are counted on stderr. With `--check`, the exit status says whether the list given with
`--against` mirrors every image found (0) or not (1).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from ecr_mirror.choose.discovery.listing import Listing, build_listing, familiar, lacking
from ecr_mirror.choose.discovery.public_hosts import DEFAULT_PUBLIC
from ecr_mirror.choose.discovery.records import records
from ecr_mirror.choose.discovery.render import render_lines, render_rules
from ecr_mirror.choose.discovery.testcontainers_unresolved import without_followed
from ecr_mirror.choose.imagelist import MAX_LIST_BYTES, ImageList, parse_image_list
from ecr_mirror.choose.naming import split_destination
from ecr_mirror.cli.discover_found import read_file, some, tree_found, warn
from ecr_mirror.cli.discover_left_out import report_left_out
from ecr_mirror.cli.discover_make_pins import with_make_pins
from ecr_mirror.cli.discover_memo import remembering
from ecr_mirror.cli.discover_named import with_named_files
from ecr_mirror.cli.discover_probe import probe_left_out
from ecr_mirror.cli.discover_small_files import line_reader
from ecr_mirror.cli.discover_walk import Walk, walk_paths
from ecr_mirror.errors import MirrorError
from ecr_mirror.oci.reference import Reference


def _report_walk(walk: Walk) -> None:
    for warning in walk.warnings:
        warn(warning)
    if walk.by_content:
        names = sorted(walk.by_content)
        print(
            f"ecr-mirror: read {len(names)} file(s) as Dockerfiles by their content (their names do not say so): "
            f"{some(names)}",
            file=sys.stderr,
        )
    if walk.skipped:
        total = sum(len(files) for files in walk.skipped.values())
        reasons = "; ".join(f"{len(files)} {why} ({some(files)})" for why, files in sorted(walk.skipped.items()))
        print(f"ecr-mirror: skipped {total} candidate file(s): {reasons}", file=sys.stderr)


def _image_list(path: Path) -> ImageList:
    """The list at `path`; its bad lines are reported on stderr."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise MirrorError(f"cannot read image list {str(path)!r}: {exc.strerror or exc}") from exc
    images = parse_image_list(data, origin=f"image list {str(path)!r}")
    for problem in images.errors:
        print(f"ecr-mirror: {path}:{problem.line}: {problem.message}", file=sys.stderr)
    return images


def _not_listed(images: Mapping[Reference, Iterable[str]], what: str) -> None:
    """One stderr line naming the images not listed for `what`, each with its places."""
    if images:
        names = ", ".join(
            f"{familiar(ref)} ({', '.join(sorted(places))})"
            for ref, places in sorted(images.items(), key=lambda pair: familiar(pair[0]))
        )
        print(f"ecr-mirror: not listed: {len(images)} image(s) {what}: {names}", file=sys.stderr)


def _built_here(listing: Listing) -> None:
    places = {ref: [where.rsplit(" at ", 1)[-1] for where in wheres] for ref, wheres in listing.built.items()}
    _not_listed(
        places,
        "built in this tree before they are used (docker build -t, docker tag, a compose service's build:, a "
        "Tiltfile's docker_build, a tag `local`)",
    )


def _optional(listing: Listing) -> None:
    _not_listed(
        listing.optional,
        "only a chart component off by default uses (its templates read them only inside an `if` the chart's "
        "values.yaml leaves false; --with-optional lists them)",
    )


def _check(listing: Listing) -> int:
    """--check: the missing images on stdout, the unresolved references on stderr; 1 when one is missing."""
    unresolved = Listing(unresolved=listing.unresolved)
    listing.unresolved = {}
    sys.stdout.write(render_lines(listing))
    for line in render_lines(unresolved).splitlines():
        print(f"ecr-mirror: not checked: {line.removeprefix('# unresolved: ')}", file=sys.stderr)
    count = len(listing.images)
    if count:
        print(f"ecr-mirror: {count} image(s) used but not in the list", file=sys.stderr)
    return 1 if count else 0


def run_discover(args: argparse.Namespace) -> int:
    """Exit status 0; 1 with --check when an image is not mirrored; 2 for a bad PATH, --mirror or --against list."""
    if args.mirror:
        split_destination(args.mirror)  # a bad --mirror is reported before the tree is read
    if args.check and args.against is None:
        raise MirrorError("--check needs --against LIST: the list the images are checked against")
    public = DEFAULT_PUBLIC | frozenset(args.public_registry)
    images = _image_list(args.against) if args.against is not None else None
    walk = with_named_files(walk_paths(args.paths, args.exclude), read_file)
    _report_walk(walk)
    with remembering():
        found = with_make_pins(tree_found(walk), walk.scripts, read_file)
    found = without_followed(found, line_reader([*walk.sources, *((shown, path) for shown, path, _ in walk.files)]))
    if args.with_optional:
        found = [dataclasses.replace(item, optional=None) if item.optional else item for item in found]
    probed = probe_left_out(found, public=public, mirror=args.mirror, plain_http=args.plain_http) if args.probe else {}
    if args.json:
        out = records(found, public=public, mirror=args.mirror, against=images, probed=probed)
        sys.stdout.write(json.dumps(out, indent=1) + "\n")
        missing = any(record["status"] == "missing" for record in out)
        return 2 if images and images.errors else (1 if args.check and missing else 0)
    listing = build_listing(found, public=public, mirror=args.mirror, probed=probed)
    if images is not None:
        listing = lacking(listing, images)
    report_left_out(listing, args.mirror, probed=args.probe)
    _built_here(listing)
    _optional(listing)
    if not listing.images and not listing.unresolved and images is None:
        print(f"ecr-mirror: no public image references found in {', '.join(args.paths)}", file=sys.stderr)
    if args.check:
        status = _check(listing)
    else:
        sys.stdout.write(render_rules(listing) if args.rules else render_lines(listing))
        status = 0
    return 2 if images is not None and images.errors else status
