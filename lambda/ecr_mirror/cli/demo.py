"""`ecr-mirror demo`: the whole job offline, against two local registries.

A source registry seeded with sample images stands in for Docker Hub (the list names `alpine:3.20`, exactly as a
user would); an empty registry stands in for ECR. The mirror runs twice: first copying, then skipping everything.
`--json` prints one JSON document with both runs; `--keep` leaves both registries running and says how to pull
from them and how to stop them.
"""

from __future__ import annotations

import asyncio
import json
import shlex
import sys
from typing import Any

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.cli.output import print_report
from ecr_mirror.cli.progress import ConsoleProgress
from ecr_mirror.errors import MirrorError
from ecr_mirror.lab.registry import LocalRegistry, RegistryBinaryMissingError, RegistryStartError
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
PULLED = "mirror/docker-hub/library/busybox:1.36"


def _run_once(label: str, source: LocalRegistry, target: LocalRegistry, as_json: bool) -> Report:
    images = parse_image_list(SAMPLE_LIST)
    options = MirrorOptions(plain_http=True, endpoints={"docker.io": source.host})
    print(f"\n== {label}", file=sys.stderr)
    progress = ConsoleProgress(len(images.entries))
    try:
        report = asyncio.run(mirror_list(images, f"{target.host}/mirror", CredentialStore(), options, progress))
    finally:
        progress.close()
    if not as_json:
        print_report(report, as_json=False)
    return report


def _runs(source: LocalRegistry, target: LocalRegistry, as_json: bool) -> tuple[list[Report], dict[str, Any]]:
    print(f"source registry (standing in for Docker Hub): http://{source.host}", file=sys.stderr)
    print(f"target registry (standing in for ECR):        http://{target.host}", file=sys.stderr)
    seed_samples(source)
    first = _run_once("first run: copy", source, target, as_json)
    source.reset_counts()
    second = _run_once("second run: nothing changed", source, target, as_json)
    counts = source.request_counts()
    at_source = {
        "manifest_heads": counts[("HEAD", "manifest")],
        "manifest_gets": counts[("GET", "manifest")],
        "blob_gets": counts[("GET", "blob")],
    }
    print(
        f"\nsecond run at the source: {at_source['manifest_heads']} manifest HEADs, "
        f"{at_source['manifest_gets']} manifest GETs (Docker Hub pulls), {at_source['blob_gets']} blob GETs",
        file=sys.stderr,
    )
    return [first, second], at_source


def _print_kept(source: LocalRegistry, target: LocalRegistry) -> None:
    """Leave both registries running; say how to pull from them and how to stop them."""
    workdirs = " ".join(shlex.quote(str(r.workdir)) for r in (source, target))
    pids = f"{source.detach()} {target.detach()}"
    image = f"{target.host}/{PULLED}"
    lines = [
        "",
        "Both registries keep running (--keep), plain HTTP on loopback:",
        f"  source (standing in for Docker Hub): {source.host}",
        f"  target (standing in for ECR):        {target.host}",
        "Pull a mirrored image (sample layers of test data: they pull, but hold no program to run):",
        f"  podman pull --tls-verify=false {image}",
        f"  skopeo inspect --tls-verify=false docker://{image}",
        f"Mirror more into them: ecr-mirror sync --images FILE --to {target.host}/mirror --plain-http "
        f"--registry-endpoint docker.io={source.host}",
        "Stop them and remove their files:",
        f"  kill {pids} && rm -rf {workdirs}",
    ]
    print("\n".join(lines), file=sys.stderr)


def run_demo(as_json: bool = False, keep: bool = False) -> int:
    try:
        source, target = LocalRegistry(), LocalRegistry()
    except RegistryBinaryMissingError as exc:
        raise MirrorError(f"demo: {exc}") from exc
    kept = False
    try:
        try:
            source.start()
            target.start()
        except RegistryStartError as exc:
            raise MirrorError(f"demo: a local registry did not start: {exc}") from exc
        (first, second), at_source = _runs(source, target, as_json)
        if as_json:
            runs = [{"run": label, **r.to_dict()} for label, r in (("first", first), ("second", second))]
            print(json.dumps({"runs": runs, "second_run_at_source": at_source}, indent=2))
        if keep:
            _print_kept(source, target)
            kept = True
        return 1 if first.failed or second.failed else 0
    finally:
        if not kept:
            target.stop()
            source.stop()
