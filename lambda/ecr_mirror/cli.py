"""The local front door: `ecr-mirror copy`, `ecr-mirror sync`, `ecr-mirror demo`.

Exit status: 0 nothing failed, 1 an image failed, 2 usage or image-list errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import ssl
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from . import __version__
from .config import MAX_LIST_BYTES, ImageList, parse_image_list
from .credentials import CredentialStore
from .ecr_target import prepare_ecr
from .engine import Job, MirrorOptions, mirror, mirror_list
from .errors import ConfigError, MirrorError
from .naming import split_destination
from .progress import ConsoleProgress, human_bytes
from .reference import parse_reference
from .report import Report
from .rules import parse_platform

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain-http",
        action="store_true",
        help="allow plain HTTP (and HTTP token realms) for loopback registries only; all else stays HTTPS",
    )
    parser.add_argument("--dry-run", action="store_true", help="plan only: show what would be copied or skipped")
    parser.add_argument("--json", action="store_true", help="print the JSON report on stdout")
    parser.add_argument("--concurrency", type=_positive, default=4, metavar="N", help="images at once (default 4)")
    parser.add_argument("--blob-concurrency", type=_positive, default=6, metavar="N", help="blobs at once (default 6)")
    parser.add_argument(
        "--rate-limit-reserve",
        type=_non_negative,
        default=10,
        metavar="N",
        help="source pulls to leave unspent (Docker Hub ratelimit-remaining); the rest are deferred (default 10)",
    )
    parser.add_argument(
        "--registry-endpoint",
        action="append",
        default=[],
        type=_endpoint,
        metavar="NAME=HOST[:PORT]",
        help="contact HOST for registry NAME (e.g. docker.io=127.0.0.1:5000); names in the list stay unchanged",
    )
    parser.add_argument(
        "--ecr",
        action="store_true",
        help="the destination is Amazon ECR: log in with your AWS credentials if config.json has no entry for it, "
        "and create missing repositories (mutable tags, scan on push, untagged images expire after 7 days)",
    )
    parser.add_argument(
        "--ca-file",
        action="append",
        default=[],
        type=_ca_file,
        metavar="PEM",
        help="also trust the certificate authorities in this PEM file (a registry with an internal CA); repeatable",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")


def _endpoint(text: str) -> tuple[str, str]:
    name, sep, host = text.partition("=")
    if not sep or not name or not host or "/" in host:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=HOST[:PORT]")
    return parse_reference(f"{name}/x").registry, host


def _platform(text: str) -> str:
    try:
        return parse_platform(text, "--platform")
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _ca_file(text: str) -> str:
    try:
        ssl.create_default_context(cafile=text)
    except (OSError, ssl.SSLError) as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a readable PEM file of CA certificates: {exc}") from exc
    return text


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecr-mirror", description="Mirror container images between registries, digest-exact, without Docker."
    )
    parser.add_argument("--version", action="version", version=f"ecr-mirror {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    copy = sub.add_parser("copy", help="copy one image: ecr-mirror copy SRC DST")
    copy.add_argument("source", metavar="SRC", help="source reference, e.g. alpine:3.20")
    copy.add_argument("target", metavar="DST", help="target reference; the source tag is kept if DST has none")
    copy.add_argument(
        "--platform",
        action="append",
        default=[],
        type=_platform,
        metavar="OS/ARCH[/VARIANT]",
        help="keep only these platforms of a multi-arch index (a reduced index, so a new digest); repeatable",
    )
    copy.add_argument(
        "--referrers", action="store_true", help="also copy signatures, SBOMs and attestations attached to the image"
    )
    _common(copy)
    sync = sub.add_parser("sync", help="mirror every image of a list file under a target registry/prefix")
    sync.add_argument("--images", required=True, type=Path, metavar="FILE", help="one reference per line, # comments")
    sync.add_argument(
        "--to", required=True, metavar="REGISTRY[/PREFIX]", help="e.g. 123.dkr.ecr.eu-west-1.amazonaws.com/mirror"
    )
    _common(sync)
    demo = sub.add_parser("demo", help="run the mirror against local registries seeded with sample images")
    demo.add_argument("--json", action="store_true", help="print the JSON reports on stdout")
    demo.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return parser


def _options(args: argparse.Namespace) -> MirrorOptions:
    return MirrorOptions(
        image_concurrency=args.concurrency,
        blob_concurrency=args.blob_concurrency,
        dry_run=args.dry_run,
        plain_http=args.plain_http,
        rate_limit_reserve=args.rate_limit_reserve,
        endpoints=dict(args.registry_endpoint),
        ca_files=tuple(args.ca_file),
    )


def print_report(report: Report, as_json: bool, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    if as_json:
        print(json.dumps(report.to_dict(), indent=2), file=stream)
        return
    summary = report.summary()
    counts = ", ".join(f"{summary[k]} {k}" for k in ("copied", "skipped", "failed", "deferred") if summary.get(k))
    if summary.get("planned"):
        counts = ", ".join(filter(None, [counts, f"{summary['planned']} would be copied"]))
    print(f"{len(report.images)} images: {counts or 'nothing to do'}; {human_bytes(report.bytes)} copied", file=stream)


def print_rules(report: Report, explain: bool, stream: TextIO | None = None) -> None:
    """What each tag rule selected; with `explain` (dry runs) why every other tag was left out."""
    out = stream or sys.stderr
    for rule in report.rules:
        head = f"rule at line {rule['line']}: {rule['source']} ({rule['rule']})"
        if rule["error"]:
            print(f"{head}: could not list tags: {rule['error']}", file=out)
            continue
        print(f"{head}: selected {', '.join(rule['selected']) or 'nothing'}", file=out)
        if explain:
            for tag, why in sorted(rule["rejected"].items()):
                print(f"    not {tag}: {why}", file=out)


def run_mirror(
    jobs: list[Job],
    options: MirrorOptions,
    as_json: bool,
    images: ImageList | None = None,
    to: str = "",
    ecr_host: str | None = None,
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
    print_report(report, as_json)
    return report


def _cmd_copy(args: argparse.Namespace) -> int:
    source = parse_reference(args.source)
    target = parse_reference(args.target, default_tag=None)
    if not target.tag and not target.digest:
        target = target.with_tag(source.tag) if source.tag else target
    ecr_host = target.registry if args.ecr else None
    job = Job(source, target, tuple(args.platform), args.referrers)
    report = run_mirror([job], _options(args), args.json, ecr_host=ecr_host)
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_sync(args: argparse.Namespace) -> int:
    host, _ = split_destination(args.to)  # a bad --to is reported before the list is read
    path: Path = args.images
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LIST_BYTES + 1)  # never more: --images /dev/zero must not exhaust memory
    except OSError as exc:
        raise MirrorError(f"cannot read image list {str(path)!r}: {exc.strerror or exc}") from exc
    images = parse_image_list(data, origin=f"image list {str(path)!r}")
    for problem in images.errors:
        print(f"ecr-mirror: {path}:{problem.line}: {problem.message}", file=sys.stderr)
    for warning in images.warnings:
        print(f"ecr-mirror: warning: {path}:{warning.line}: {warning.message}", file=sys.stderr)
    if not images.entries and not images.rules and not images.errors:
        raise MirrorError(f"image list {str(path)!r} names no images")
    report = run_mirror([], _options(args), args.json, images=images, to=args.to, ecr_host=host if args.ecr else None)
    if images.errors:
        return EXIT_USAGE
    return EXIT_FAILED if report.failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines would print every URL
    try:
        if args.command == "copy":
            return _cmd_copy(args)
        if args.command == "sync":
            return _cmd_sync(args)
        from .lab.demo import run_demo

        return run_demo(as_json=args.json)
    except MirrorError as exc:
        print(f"ecr-mirror: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ecr-mirror: interrupted", file=sys.stderr)
        return 130
