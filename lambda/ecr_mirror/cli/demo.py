"""`ecr-mirror demo`: the whole job offline, against two local registries.

A source registry seeded with sample images stands in for Docker Hub (the list names `alpine:3.20`, exactly as a
user would); an empty registry stands in for ECR. The mirror runs twice: first copying, then skipping everything.
"""

from __future__ import annotations

import asyncio
import json
import sys

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.cli.output import print_report
from ecr_mirror.cli.progress import ConsoleProgress
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import seed_samples
from ecr_mirror.mirror.report import Report
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore

SAMPLE_LIST = """\
# The demo's image list: the same text format as the SSM parameter and `ecr-mirror sync --images FILE`.
alpine:3.20              # multi-arch OCI index with attestation manifests
busybox:1.36             # Docker schema2 image
python:3.12-slim         # shares a layer with alpine: mounted, not copied twice
"""


def _run_once(label: str, images_text: str, source: LocalRegistry, target: LocalRegistry, as_json: bool) -> Report:
    images = parse_image_list(images_text)
    options = MirrorOptions(plain_http=True, endpoints={"docker.io": source.host})
    print(f"\n== {label}", file=sys.stderr)
    progress = ConsoleProgress(len(images.entries))
    try:
        report = asyncio.run(mirror_list(images, f"{target.host}/mirror", CredentialStore(), options, progress))
    finally:
        progress.close()
    if as_json:
        print(json.dumps({"run": label, **report.to_dict()}))
    else:
        print_report(report, as_json=False)
    return report


def run_demo(as_json: bool = False) -> int:
    with LocalRegistry() as source, LocalRegistry() as target:
        print(f"source registry (standing in for Docker Hub): http://{source.host}", file=sys.stderr)
        print(f"target registry (standing in for ECR):        http://{target.host}", file=sys.stderr)
        seed_samples(source)
        first = _run_once("first run: copy", SAMPLE_LIST, source, target, as_json)
        source.reset_counts()
        second = _run_once("second run: nothing changed", SAMPLE_LIST, source, target, as_json)
        counts = source.request_counts()
        print(
            f"\nsecond run at the source: {counts[('HEAD', 'manifest')]} manifest HEADs, "
            f"{counts[('GET', 'manifest')]} manifest GETs (Docker Hub pulls), {counts[('GET', 'blob')]} blob GETs",
            file=sys.stderr,
        )
    return 1 if first.failed or second.failed else 0
