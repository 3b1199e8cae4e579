"""`ecr-mirror ref IMAGE... --to REGISTRY[/PREFIX]`: where each source image lands, for scripts and CI templates."""

from __future__ import annotations

import argparse
import sys

from ecr_mirror.choose.naming import split_destination, target_for
from ecr_mirror.ecr.destination import ecr_region
from ecr_mirror.errors import MirrorError, ReferenceError_
from ecr_mirror.oci.reference import Reference, parse_reference


def run_ref(args: argparse.Namespace) -> int:
    """Print one mirrored reference per source; if any source is malformed, name each and print nothing (exit 2)."""
    host, _ = split_destination(args.to)
    region = ecr_region(host)
    if args.pull_login and region is None:
        raise MirrorError(f"--pull-login needs an ECR mirror (ACCOUNT.dkr.ecr.REGION.amazonaws.com), not {host!r}")
    sources: list[Reference] = []
    bad: list[str] = []
    for text in args.images:
        try:
            sources.append(parse_reference(text))
        except ReferenceError_ as exc:
            bad.append(str(exc))
    for message in bad:
        print(f"ecr-mirror: {message}", file=sys.stderr)
    if bad:
        return 2
    if args.pull_login:  # the caller's own credentials; ECR's token is per registry, granted by its own account
        print(f"aws ecr get-login-password --region {region} | docker login --username AWS --password-stdin {host}")
    for source in sources:
        print(target_for(source, args.to))
    return 0
