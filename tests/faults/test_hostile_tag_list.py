"""A hostile or broken tag list never stops a run: invalid tags are rejected with a reason, the rest is copied."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import replace

from ecr_mirror.choose.imagelist import Entry, parse_image_list
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Report, Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import FAST, tag_digest

BAD_TAGS = ["../evil", "café", "", "a" * 300, ".hidden", "-dash", "a/b", "x" * 129]
LIST = """\
images:
  - plain:1
  - source: app
    tags: {match: "*"}
"""


def _sync(text: str, hub: str, target: LocalRegistry) -> Report:
    options = MirrorOptions(plain_http=True, retry=FAST, endpoints={"docker.io": hub})
    images = parse_image_list(text, origin="test list")
    return asyncio.run(mirror_list(images, f"{target.host}/mirror", CredentialStore(), options))


def test_invalid_listed_tags_are_rejected_and_every_valid_entry_is_copied(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    app = push_image(source_registry, "library/app", oci_image(seed="hostile-tags-app"), tags=["1.0"])
    plain = push_image(source_registry, "library/plain", oci_image(seed="hostile-tags-plain"), tags=["1"])
    hub = proxy_factory(source_registry.host)
    listing = json.dumps({"name": "library/app", "tags": ["1.0", *BAD_TAGS]}).encode()

    def tag_list(seen: Seen) -> Action | None:
        if seen.method == "GET" and seen.path.startswith("/v2/library/app/tags/list"):
            return Action(status=200, body=listing, headers={"Content-Type": "application/json"})
        return None

    hub.rules.append(tag_list)

    report = _sync(LIST, hub.host, target_registry)

    assert {r.target.rsplit("/", 1)[-1]: r.status for r in report.images} == {
        "plain:1": Status.COPIED,
        "app:1.0": Status.COPIED,
    }, report.to_dict()
    (rule,) = report.rules
    assert rule["selected"] == ["1.0"]
    assert rule["error"] is None
    (invalid,) = [group for why, group in rule["rejected"].items() if "not a valid tag" in why]
    assert invalid["count"] == len(BAD_TAGS), rule["rejected"]
    assert invalid["examples"] == BAD_TAGS[:3]  # a few examples, not one line per tag
    assert tag_digest(target_registry.host, "mirror/docker-hub/library/app", "1.0") == app.digest
    assert tag_digest(target_registry.host, "mirror/docker-hub/library/plain", "1") == plain.digest


def test_an_entry_that_cannot_be_planned_fails_alone(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    """Any exception planning one entry (here a tag no parser would let through) fails that entry only."""
    plain = push_image(source_registry, "library/plain", oci_image(seed="hostile-plan-plain"), tags=["1"])
    parsed = parse_image_list("plain:1\n", origin="test list")
    broken = Entry(7, "broken:../x", parsed.entries[0].source.with_tag("../x"))
    images = replace(parsed, entries=[broken, *parsed.entries])
    options = MirrorOptions(plain_http=True, retry=FAST, endpoints={"docker.io": source_registry.host})

    report = asyncio.run(mirror_list(images, f"{target_registry.host}/mirror", CredentialStore(), options))

    first, second = report.images
    assert first.status is Status.FAILED and "line 7" in (first.error or "") and "../x" in (first.error or "")
    assert second.status is Status.COPIED, report.to_dict()
    assert tag_digest(target_registry.host, "mirror/docker-hub/library/plain", "1") == plain.digest
