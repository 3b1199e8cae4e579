"""The local front door: `ecr-mirror copy`, `sync`, `demo`, `discover`, `ref`.

Exit status: 1 when an image failed (even if the list also had bad lines: they are in the JSON report and on stderr);
otherwise 2 for usage errors, setup errors (e.g. no AWS access for --ecr) or bad lines in the list; else 0.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.choose.naming import split_destination
from ecr_mirror.cli.arguments import build_parser, options_from
from ecr_mirror.cli.list_input import list_problems, read_list
from ecr_mirror.cli.output import print_report, print_rules
from ecr_mirror.cli.progress import ConsoleProgress
from ecr_mirror.cli.ref_command import run_ref
from ecr_mirror.cli.terminal import SafeFormatter, safe
from ecr_mirror.cli.trust_setup import prepare_trust, save_state
from ecr_mirror.ecr.destination import prepare_ecr
from ecr_mirror.errors import MirrorError
from ecr_mirror.mirror.report import Report, Status
from ecr_mirror.mirror.run import Job, MirrorOptions, mirror, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import parse_reference

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run_mirror(
    jobs: list[Job],
    options: MirrorOptions,
    as_json: bool,
    images: ImageList | None = None,
    to: str = "",
    ecr_host: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Report:
    """Run the engine with console progress, then print the rules' choices and the report."""
    credentials = CredentialStore.from_environment()
    if ecr_host is not None:
        creator = prepare_ecr(ecr_host, credentials)
        options = replace(options, create_repository=creator)
    progress = ConsoleProgress(len(jobs))
    try:
        if images is not None:
            report = asyncio.run(mirror_list(images, to, credentials, options, progress))
        else:
            report = asyncio.run(mirror(jobs, credentials, options, progress))
    finally:
        progress.close()
    print_rules(report, explain=options.dry_run)
    print_report(report, as_json, dry_run=options.dry_run, extra=extra)
    return report


def _cmd_copy(args: argparse.Namespace) -> int:
    source = parse_reference(args.source)
    target = parse_reference(args.target, default_tag=None)
    if not target.tag and not target.digest:
        target = target.with_tag(source.tag) if source.tag else target
    ecr_host = target.registry if args.ecr else None
    job = Job(source, target, tuple(args.platform), args.referrers)
    report = run_mirror([job], options_from(args), args.json, ecr_host=ecr_host)
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_sync(args: argparse.Namespace) -> int:
    host, _ = split_destination(args.to)  # a bad --to is reported before the list is read
    path: Path = args.images
    images = read_list(path)
    trust, state_path = prepare_trust(images, path, args.state, dry_run=args.dry_run)
    if args.trusted_root is not None:
        trust.trusted_root = str(args.trusted_root)
    options = replace(options_from(args), trust=trust)
    report = run_mirror(
        [],
        options,
        args.json,
        images=images,
        to=args.to,
        ecr_host=host if args.ecr else None,
        extra=list_problems(images, args.images),
    )
    if state_path is not None and not args.dry_run:
        for image in report.images:
            if image.status in (Status.COPIED, Status.SKIPPED):
                trust.first_seen.forget(image.source)  # mirrored: the state keeps only what is held back
        if trust.first_seen.changed:
            save_state(state_path, trust.first_seen)
    if report.failed:  # a script must be able to tell that an image failed, list errors or not
        return EXIT_FAILED
    return EXIT_USAGE if images.errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING, handlers=[handler])
    # Their INFO and DEBUG lines print every URL and header, a CDN's presigned Location (X-Amz-Signature) among them.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        if args.command == "copy":
            return _cmd_copy(args)
        if args.command == "sync":
            return _cmd_sync(args)
        if args.command == "discover":  # its readers (YAML, Dockerfiles, CI files) load only for this command
            from ecr_mirror.cli.discover_command import run_discover

            return run_discover(args)
        if args.command == "ref":
            return run_ref(args)
        from ecr_mirror.cli.demo import run_demo

        return run_demo(as_json=args.json, keep=args.keep)
    except MirrorError as exc:
        print(f"ecr-mirror: {safe(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ecr-mirror: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # unforeseen: one line, and the traceback under -v
        if getattr(args, "verbose", False):
            raise
        print(f"ecr-mirror: unexpected {type(exc).__name__}: {exc} (-v shows where)", file=sys.stderr)
        return EXIT_USAGE
