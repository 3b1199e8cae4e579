"""Tag lists cannot exhaust memory: a listing is capped in tags and bytes across its pages, filtered page by page,
and its rejected tags are reported as counts with a few examples.

The hostile source answers 10 pages of 8 MiB of short tags (about 850,000 per page) under a rule `match: "v*"`:
before the caps the CLI peaked at 2.1 GB and wrote a 131 MB report. The peak is the CLI's own VmHWM, read in a
subprocess as in test_memory.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.mirror.tag_filter import MAX_EXAMPLES
from ecr_mirror.mirror.tag_listing import MAX_LISTED_TAGS, MAX_LISTING_BYTES, MAX_PAGES
from ecr_mirror.oci.bodies import MAX_TAG_PAGE, MiB
from ecr_mirror.oci.credentials import CredentialStore
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import FAST
from .test_memory import MEASURED_CLI, PEAK_LIMIT, ROOT

PAGES = 10
RULE = 'images:\n  - source: app\n    tags: {match: "v*"}\n'
REPORT_LIMIT = 64 * 1024  # bytes of JSON report for one rule, whatever the listing held


def _page_of_short_tags(size: int) -> bytes:
    """A tag list page just under `size` bytes of the shortest distinct tags."""
    head, tail = b'{"name":"library/app","tags":[', b"]}"
    parts: list[bytes] = []
    used = len(head) + len(tail)
    number = 0
    while True:
        item = b'"%x"' % number
        if used + len(item) + 1 > size:
            break
        parts.append(item)
        used += len(item) + 1
        number += 1
    return head + b",".join(parts) + tail


def _paged(repo: str, pages: list[bytes]) -> Callable[[Seen], Action | None]:
    """Serve `pages` as the repository's tag list, linked by `last=<page number>`."""

    def rule(seen: Seen) -> Action | None:
        if seen.method != "GET" or not seen.path.startswith(f"/v2/{repo}/tags/list"):
            return None
        number = int(parse_qs(urlsplit(seen.path).query).get("last", ["0"])[0])
        headers = {"Content-Type": "application/json"}
        if number + 1 < len(pages):
            headers["Link"] = f'</v2/{repo}/tags/list?n=1000&last={number + 1}>; rel="next"'
        return Action(status=200, body=pages[number], headers=headers)

    return rule


def test_ten_pages_of_8_mib_of_tags_fail_the_rule_at_the_cap_in_bounded_memory(
    target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy], tmp_path: Path
) -> None:
    page = _page_of_short_tags(MAX_TAG_PAGE)
    assert MAX_TAG_PAGE - 16 < len(page) <= MAX_TAG_PAGE and page.count(b",") > MAX_LISTED_TAGS
    source = proxy_factory(None)
    source.rules.append(_paged("library/app", [page] * PAGES))
    images = tmp_path / "images.yaml"
    images.write_text(RULE)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), HOME=str(tmp_path))
    argv = ["sync", "--images", str(images), "--to", f"{target_registry.host}/mirror", "--plain-http", "--json"]
    proc = subprocess.run(
        [sys.executable, "-c", MEASURED_CLI, *argv, "--registry-endpoint", f"docker.io={source.host}"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )

    stderr = proc.stderr.decode(errors="replace")
    peaks = [line.split()[1] for line in stderr.splitlines() if line.startswith("VmHWM:")]
    assert peaks, stderr[-2000:]
    peak = int(peaks[-1]) * 1024
    assert peak < PEAK_LIMIT, f"peak RSS {peak / 1e6:.0f} MB for a listing of {PAGES} pages of 8 MiB"
    assert len(proc.stdout) < REPORT_LIMIT, f"a {len(proc.stdout)}-byte report"
    report = json.loads(proc.stdout)
    (rule,) = report["rules"]
    assert f"more than {MAX_LISTED_TAGS} tags" in rule["error"] and "library/app" in rule["error"], rule
    assert rule["selected"] == [] and report["images"] == []
    assert len(source.requests("GET", "/tags/list")) == 1, "went on listing past the cap"


def test_a_long_listing_is_filtered_page_by_page_and_reported_as_counts(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """60,000 tags over three pages, two of them wanted: the report holds counts and examples, not 59,998 lines."""
    app = push_image(source_registry, "library/app", oci_image(seed="long-listing"), tags=["v1.0", "v1.1"])
    junk = [[f"build-{page}-{i}" for i in range(20_000)] for page in range(3)]
    junk[1][500:500] = ["v1.0"]
    junk[2].append("v1.1")
    pages = [json.dumps({"name": "library/app", "tags": tags}).encode() for tags in junk]
    source = proxy_factory(source_registry.host)
    source.rules.append(_paged("library/app", pages))
    options = MirrorOptions(plain_http=True, retry=FAST, endpoints={"docker.io": source.host}, dry_run=True)
    images = parse_image_list(RULE, origin="test list")

    report = asyncio.run(mirror_list(images, f"{target_registry.host}/mirror", CredentialStore(), options))

    (rule,) = report.rules
    assert rule["error"] is None and rule["selected"] == ["v1.0", "v1.1"], rule["error"]
    assert [r.status for r in report.images] == [Status.PLANNED, Status.PLANNED]
    assert report.images[0].upstream_digest == app.digest
    (group,) = rule["rejected"].values()
    assert group["count"] == 60_000 and len(group["examples"]) == MAX_EXAMPLES
    assert len(json.dumps(report.to_dict())) < REPORT_LIMIT
    assert len(source.requests("GET", "/tags/list")) == 3


def _rule_error(source: InterposingProxy, target: LocalRegistry) -> str:
    options = MirrorOptions(plain_http=True, retry=FAST, endpoints={"docker.io": source.host}, dry_run=True)
    report = asyncio.run(
        mirror_list(parse_image_list(RULE, origin="test list"), f"{target.host}/mirror", CredentialStore(), options)
    )
    (rule,) = report.rules
    assert rule["selected"] == [] and report.images == [], rule
    return str(rule["error"])


def test_pages_padded_past_the_listing_byte_cap_are_refused_across_pages(
    target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """Each page is under the page cap and holds two tags; together they are over the listing's byte cap."""
    padded = b'{"name":"library/app","tags":["v1","v2"]' + b" " * (7 * MiB) + b"}"
    source = proxy_factory(None)
    source.rules.append(_paged("library/app", [padded] * 5))
    error = _rule_error(source, target_registry)
    assert f"over {MAX_LISTING_BYTES // MiB} MiB across its pages" in error and "library/app" in error, error
    assert len(source.requests("GET", "/tags/list")) == 3  # 21 MiB read: refused on the third page


def test_a_listing_of_more_pages_than_allowed_is_refused(
    target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    pages = [json.dumps({"name": "library/app", "tags": [f"x{i}"]}).encode() for i in range(MAX_PAGES + 5)]
    source = proxy_factory(None)
    source.rules.append(_paged("library/app", pages))
    error = _rule_error(source, target_registry)
    assert f"more than {MAX_PAGES} pages" in error, error
    assert len(source.requests("GET", "/tags/list")) == MAX_PAGES
