"""resolve_rules against a real registry: each rule's entries carry the rule's line, text and options; rules naming
one repository share one listing; a rule whose listing fails, runs past the deadline or breaks unexpectedly reports
its error while the others resolve."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable

import pytest

from ecr_mirror.choose.entries import Entry
from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.tag_listing import RuleOutcome, resolve_rules
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.reference import Reference, parse_reference
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.support.proxy import Action, InterposingProxy

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05)
ClientFor = Callable[[Reference], RegistryClient]


def _resolve(
    text: str, *, deadline_in: float | None = None, client_for: ClientFor | None = None
) -> tuple[list[Entry], list[RuleOutcome]]:
    images = parse_image_list(text)
    assert images.errors == [], images.errors

    async def go() -> tuple[list[Entry], list[RuleOutcome]]:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)

        def client(ref: Reference) -> RegistryClient:
            return RegistryClient(ref.api_host, transport, RegistryAuth(ref.api_host, None, transport))

        deadline = None if deadline_in is None else asyncio.get_running_loop().time() + deadline_in
        try:
            return await resolve_rules(images.rules, client_for or client, deadline=deadline)
        finally:
            await transport.aclose()

    return asyncio.run(go())


def test_entries_carry_the_rules_line_text_and_options_and_one_repository_is_listed_once(
    registry: LocalRegistry,
) -> None:
    push_image(registry, "lib/app", oci_image(seed="resolve-app"), tags=["1.0", "1.1", "2.0", "edge"])
    push_image(registry, "lib/tool", oci_image(seed="resolve-tool"), tags=["7"])
    host = registry.host
    text = (
        "policies:\n"
        "  cool: {minAge: 1h}\n"
        "images:\n"
        f"  - source: {host}/lib/app\n"
        "    tags: {semver: '<2'}\n"
        "    platforms: [linux/arm64]\n"
        "    referrers: true\n"
        "    policy: cool\n"
        f"  - source: {host}/lib/tool\n"
        "    tags: {match: '*'}\n"
        f"  - source: {host}/lib/app\n"
        "    tags: {match: 'edge'}\n"
    )
    images = parse_image_list(text)
    policies = images.rules[0].options.policies
    assert [p.name for p in policies] == ["cool"]

    entries, outcomes = _resolve(text)

    app, tool = f"{host}/lib/app", f"{host}/lib/tool"
    first = images.rules[0].text
    assert entries == [
        Entry(4, first, parse_reference(f"{app}:1.1"), ("linux/arm64",), True, policies),
        Entry(4, first, parse_reference(f"{app}:1.0"), ("linux/arm64",), True, policies),
        Entry(9, images.rules[1].text, parse_reference(f"{tool}:7")),
        Entry(11, images.rules[2].text, parse_reference(f"{app}:edge")),
    ]
    assert outcomes[0].to_dict() == {
        "line": 4,
        "source": app,
        "rule": "semver '<2'",
        "selected": ["1.1", "1.0"],
        "rejected": {
            "not a version tag": {"count": 1, "examples": ["edge"]},
            "outside '<2'": {"count": 1, "examples": ["2.0"]},
        },
        "error": None,
    }
    assert [(o.line, o.rule, o.selected, o.error) for o in outcomes[1:]] == [
        (9, "match '*'", ["7"], None),
        (11, "match 'edge'", ["edge"], None),
    ]
    listings = [r.uri for r in registry.requests() if r.method == "GET" and "/tags/list" in r.uri]
    assert sorted(listings) == ["/v2/lib/app/tags/list?n=1000", "/v2/lib/tool/tags/list?n=1000"]


def test_a_listing_still_running_at_the_deadline_fails_its_rules_and_nothing_else(registry: LocalRegistry) -> None:
    push_image(registry, "lib/quick", oci_image(seed="resolve-quick"), tags=["1"])
    release = threading.Event()
    with InterposingProxy(registry.host) as slow:
        stall = Action(delay=30, until=release)
        slow.rules.append(lambda seen: stall if "/tags/list" in seen.path else None)
        text = (
            "images:\n"
            f"  - {{source: {slow.host}/lib/quick, tags: {{match: '*'}}}}\n"
            f"  - {{source: {slow.host}/lib/quick, tags: {{semver: '>=1'}}}}\n"
        )
        try:
            entries, outcomes = _resolve(text, deadline_in=0.5)
        finally:
            release.set()

    assert entries == []
    assert [o.error for o in outcomes] == ["run deadline reached before the tags were listed"] * 2


def test_an_unexpected_failure_is_reported_on_the_rules_it_broke_and_logged_with_their_lines(
    registry: LocalRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    push_image(registry, "lib/fine", oci_image(seed="resolve-fine"), tags=["1"])
    text = (
        "images:\n"
        f"  - {{source: {registry.host}/lib/broken, tags: {{match: '*'}}}}\n"
        f"  - {{source: {registry.host}/lib/fine, tags: {{match: '*'}}}}\n"
        f"  - {{source: {registry.host}/lib/broken, tags: {{latest: 1}}}}\n"
    )

    def client_for(ref: Reference) -> RegistryClient:
        if ref.repository == "lib/broken":
            raise RuntimeError("no client for this one")
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        return RegistryClient(ref.api_host, transport, RegistryAuth(ref.api_host, None, transport))

    with caplog.at_level(logging.ERROR, logger="ecr_mirror.mirror.tag_listing"):
        entries, outcomes = _resolve(text, client_for=client_for)

    assert [str(e.source) for e in entries] == [f"{registry.host}/lib/fine:1"]
    assert [o.error for o in outcomes] == [
        "unexpected RuntimeError: no client for this one",
        None,
        "unexpected RuntimeError: no client for this one",
    ]
    (record,) = [r for r in caplog.records if r.name == "ecr_mirror.mirror.tag_listing"]
    assert record.getMessage() == "unexpected error resolving the rules on lines 2, 4"
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)


def test_a_long_listing_is_filtered_between_turns_of_the_loop_without_waiting(registry: LocalRegistry) -> None:
    """A page of 10,000 tags is filtered in chunks, giving the loop a turn between them but never a pause: it is
    resolved long before a 5 s deadline (a second's wait per chunk would take 10 s)."""
    tags = [f"build-{n}" for n in range(10_000)]
    body = json.dumps({"name": "lib/long", "tags": tags}).encode()
    with InterposingProxy(registry.host) as server:
        page = Action(status=200, body=body, headers={"Content-Type": "application/json"})
        server.rules.append(lambda seen: page if "/tags/list" in seen.path else None)
        entries, outcomes = _resolve(
            f"images:\n  - {{source: {server.host}/lib/long, tags: {{match: 'build-9999'}}}}\n", deadline_in=5
        )
    assert outcomes[0].error is None and outcomes[0].selected == ["build-9999"]
    assert [str(e.source) for e in entries] == [f"{server.host}/lib/long:build-9999"]
