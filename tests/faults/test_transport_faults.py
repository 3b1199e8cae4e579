"""Transport faults: broken connections, 5xx bursts, 429 with Retry-After, timeouts, expiring tokens, dead hosts."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import pytest

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.credentials import Credentials, CredentialStore
from ecr_mirror.oci.transport import RetryPolicy
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import error_body, first, is_blob_get, is_manifest, job, one, recording, run, tag_digest

MiB = 1024 * 1024


def _big_layer_image(registry: LocalRegistry, repo: str, seed: str) -> ImageDescription:
    return push_image(registry, repo, oci_image((3 * MiB,), seed=seed), tags=["1"])


def _layer(desc: ImageDescription) -> str:
    return max(desc.blobs, key=lambda b: b.size).digest


def test_connection_cut_half_way_through_a_blob_restarts_and_lands_exact(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = _big_layer_image(source_registry, "lib/cut", "cut")
    layer = _layer(desc)
    proxy = proxy_factory(source_registry.host)
    proxy.rules.append(first(1, lambda s: is_blob_get(s, layer), Action(cut_after=MiB + 123)))
    dst = f"{target_registry.host}/m/cut:1"
    result = one(run([job(f"{proxy.host}/lib/cut:1", dst)]))
    assert result.status is Status.COPIED, result
    assert inspect_digest(dst) == desc.digest
    assert len(proxy.requests("GET", layer)) == 2  # the cut transfer, then one full restart


def test_burst_of_503_then_success(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/busy", oci_index(attestations=False, seed="busy"), tags=["1"])
    proxy = proxy_factory(source_registry.host)
    unavailable = Action(status=503, body=error_body("UNAVAILABLE", "service unavailable"))
    proxy.rules.append(first(3, lambda s: s.path.startswith("/v2/lib/busy/"), unavailable))
    proxy.rules.append(first(2, is_blob_get, unavailable))
    dst = f"{target_registry.host}/m/busy:1"
    result = one(run([job(f"{proxy.host}/lib/busy:1", dst)], retry=RetryPolicy(attempts=4, base_delay=0.01)))
    assert result.status is Status.COPIED, result
    assert inspect_digest(dst) == desc.digest


def test_429_with_a_short_retry_after_waits_then_copies(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/wait", oci_image(seed="wait"), tags=["1"])
    proxy = proxy_factory(source_registry.host)
    too_many = Action(status=429, headers={"Retry-After": "1"}, body=error_body("TOOMANYREQUESTS", "slow down"))
    proxy.rules.append(first(1, lambda s: is_manifest(s, "GET"), too_many))
    retry, waits = recording()
    result = one(run([job(f"{proxy.host}/lib/wait:1", f"{target_registry.host}/m/wait:1")], retry=retry))
    assert result.status is Status.COPIED, result
    assert waits == [1.0], "Retry-After was not honoured"
    assert len(proxy.requests("GET", "/manifests/")) == 2
    assert tag_digest(target_registry.host, "m/wait", "1") == desc.digest


def test_retry_after_longer_than_allowed_defers_the_image(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/later", oci_image(seed="later"), tags=["1"])
    desc = push_image(source_registry, "lib/fine", oci_image(seed="fine"), tags=["1"])
    proxy = proxy_factory(source_registry.host)
    proxy.rules.append(
        lambda s: Action(status=429, headers={"Retry-After": "3600"}) if "/lib/later/manifests/" in s.path else None
    )
    retry, waits = recording()
    report = run(
        [
            job(f"{proxy.host}/lib/later:1", f"{target_registry.host}/m/later:1"),
            job(f"{proxy.host}/lib/fine:1", f"{target_registry.host}/m/fine:1"),
        ],
        retry=retry,
    )
    assert waits == [], "waited instead of deferring"
    later, fine = report.images
    assert later.status is Status.DEFERRED, later
    assert "3600" in (later.error or "")
    assert fine.status is Status.COPIED, fine
    assert tag_digest(target_registry.host, "m/fine", "1") == desc.digest
    assert tag_digest(target_registry.host, "m/later", "1") is None
    assert not report.failed


def test_retry_after_beyond_the_time_budget_defers_instead_of_waiting(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/budget", oci_image(seed="budget"), tags=["1"])
    proxy = proxy_factory(source_registry.host)
    proxy.rules.append(first(1, lambda s: is_manifest(s, "GET"), Action(status=503, headers={"Retry-After": "30"})))
    retry, waits = recording()
    result = one(
        run(
            [job(f"{proxy.host}/lib/budget:1", f"{target_registry.host}/m/budget:1")],
            time_left=lambda: 2.0,
            image_time_margin=0.5,
            retry=retry,
        )
    )
    assert waits == [], "waited for a Retry-After longer than the time left"
    assert result.status is Status.DEFERRED, result
    assert "30s" in (result.error or "") and "time" in (result.error or "")
    assert tag_digest(target_registry.host, "m/budget", "1") is None


def test_slow_answers_hit_the_timeout_and_are_retried(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = _big_layer_image(source_registry, "lib/slow", "slow")
    layer = _layer(desc)
    proxy = proxy_factory(source_registry.host)
    # The first HEAD gets no answer and the first layer GET stalls, each until the client has asked again: only
    # the client's timeout can end them, however slow the machine.
    head_again, get_again = (
        _SecondRequest(lambda s: is_manifest(s, "HEAD")),
        _SecondRequest(lambda s: is_blob_get(s, layer)),
    )
    proxy.rules += [head_again, get_again]
    proxy.rules.append(first(1, lambda s: is_manifest(s, "HEAD"), Action(delay=60, until=head_again.event)))
    proxy.rules.append(
        first(1, lambda s: is_blob_get(s, layer), Action(stall_after=MiB, stall=60, until=get_again.event))
    )
    dst = f"{target_registry.host}/m/slow:1"
    result = one(run([job(f"{proxy.host}/lib/slow:1", dst)], timeout=2.0))
    assert result.status is Status.COPIED, result
    assert inspect_digest(dst) == desc.digest
    assert len(proxy.requests("HEAD", "/manifests/")) == 2
    assert len(proxy.requests("GET", layer)) == 2


class _SecondRequest:
    """A rule that answers nothing itself and sets `event` when a second request matching `predicate` arrives."""

    def __init__(self, predicate: Callable[[Seen], bool]) -> None:
        self.predicate, self.event, self.count, self.lock = predicate, threading.Event(), 0, threading.Lock()

    def __call__(self, seen: Seen) -> Action | None:
        if self.predicate(seen):
            with self.lock:
                self.count += 1
                if self.count >= 2:
                    self.event.set()
        return None


def test_a_source_that_never_answers_in_time_fails_clearly(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/mute", oci_image(seed="mute"), tags=["1"])
    proxy = proxy_factory(source_registry.host)
    released = threading.Event()  # the answers wait until the run is over
    proxy.rules.append(lambda s: Action(delay=60, until=released) if is_manifest(s) else None)
    try:
        result = one(run([job(f"{proxy.host}/lib/mute:1", f"{target_registry.host}/m/mute:1")], timeout=0.3))
    finally:
        released.set()
    assert result.status is Status.FAILED, result
    assert "ReadTimeout" in (result.error or "") and "lib/mute" in (result.error or "")


def test_registry_answering_401_once_gets_a_new_token_and_continues(
    token_server: TokenServer,
    token_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = push_image(token_registry, "lib/tok", oci_image((64 * 1024, 32 * 1024), seed="tok"), tags=["1"])
    proxy = proxy_factory(token_registry.host)
    challenge = (
        f'Bearer realm="{token_server.realm}",service="{token_server.service}",'
        'scope="repository:lib/tok:pull",error="invalid_token"'
    )
    proxy.rules.append(first(1, is_blob_get, Action(status=401, headers={"WWW-Authenticate": challenge})))
    token_server.reset()
    creds = CredentialStore({proxy.host: Credentials(*token_server.credentials or ("", ""))})
    result = one(run([job(f"{proxy.host}/lib/tok:1", f"{target_registry.host}/m/tok:1")], creds, blob_concurrency=1))
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/tok", "1") == desc.digest
    assert token_server.tokens_issued == 2  # the first token, then one replacement after the 401


def test_concurrent_401s_renew_the_token_once(
    token_server: TokenServer,
    token_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    layers = (64 * 1024, 48 * 1024, 32 * 1024, 16 * 1024)
    desc = push_image(token_registry, "lib/herd", oci_image(layers, seed="herd"), tags=["1"])
    proxy = proxy_factory(token_registry.host)
    challenge = (
        f'Bearer realm="{token_server.realm}",service="{token_server.service}",'
        'scope="repository:lib/herd:pull",error="invalid_token"'
    )
    # The first four blob GETs (all sent with the first token) are held until all four have arrived, so they are
    # in flight together, then refused.
    together = threading.Barrier(4, timeout=60)
    refused = Action(status=401, headers={"WWW-Authenticate": challenge})

    def hold_then_refuse(seen: Seen) -> Action:
        together.wait()
        return refused

    proxy.rules.append(first(4, is_blob_get, hold_then_refuse))
    token_server.reset()
    creds = CredentialStore({proxy.host: Credentials(*token_server.credentials or ("", ""))})
    result = one(run([job(f"{proxy.host}/lib/herd:1", f"{target_registry.host}/m/herd:1")], creds, blob_concurrency=4))
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/herd", "1") == desc.digest
    assert token_server.tokens_issued == 2  # not one renewal per refused request


def test_token_expiring_mid_run_is_renewed(
    token_server_factory: Callable[..., TokenServer],
    registry_factory: Callable[..., LocalRegistry],
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    # The registry allows 60 s of leeway past `exp`: the first token, minted with exp = now - 58 s, lives about
    # two seconds at the registry while the client believes the announced 300 s; the renewal is a normal token,
    # so the outcome does not hang on how fast the machine is.
    server = token_server_factory(expires_in=300)
    registry = registry_factory(token=server)
    desc = push_image(registry, "lib/exp", oci_image((64 * 1024, 48 * 1024), seed="exp"), tags=["1"])
    server.exp_offset = -358
    server.offset_tokens = 1
    proxy = proxy_factory(registry.host)
    proxy.rules.append(first(1, is_blob_get, Action(delay=3.0)))  # the token expires meanwhile
    server.reset()
    result = one(
        run([job(f"{proxy.host}/lib/exp:1", f"{target_registry.host}/m/exp:1")], image_concurrency=1, timeout=10)
    )
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/exp", "1") == desc.digest
    assert server.tokens_issued == 2  # the expired one, then exactly one renewal
    assert any(s.method == "GET" and s.path.startswith("/v2/lib/exp/blobs/") for s in proxy.requests())


def test_unresolvable_and_refusing_registries_fail_alone(
    source_registry: LocalRegistry, target_registry: LocalRegistry, registry_factory: Callable[..., LocalRegistry]
) -> None:
    desc = push_image(source_registry, "lib/ok", oci_image(seed="ok"), tags=["1"])
    gone = registry_factory()
    dead = gone.host
    gone.stop()
    report = run(
        [
            job("registry.invalid/lib/dns:1", f"{target_registry.host}/m/dns:1"),
            job(f"{dead}/lib/refused:1", f"{target_registry.host}/m/refused:1"),
            job(f"{source_registry.host}/lib/ok:1", f"{target_registry.host}/m/ok:1"),
            job(f"{source_registry.host}/lib/ok:1", "unreachable.invalid/m/ok:1"),
        ]
    )
    dns, refused, ok, bad_target = report.images
    assert dns.status is Status.FAILED and "registry.invalid" in (dns.error or ""), dns
    assert "ConnectError" in (dns.error or "")
    assert refused.status is Status.FAILED and dead in (refused.error or ""), refused
    assert ok.status is Status.COPIED, ok
    assert bad_target.status is Status.FAILED and "unreachable.invalid" in (bad_target.error or ""), bad_target
    assert tag_digest(target_registry.host, "m/ok", "1") == desc.digest


def test_target_failing_an_upload_once_restarts_that_blob(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = _big_layer_image(source_registry, "lib/put", "put")
    target = proxy_factory(target_registry.host)
    target.rules.append(
        first(1, lambda s: s.method == "PUT" and "/blobs/uploads/" in s.path, Action(status=500, body=b"oops"))
    )
    result = one(run([job(desc.reference, f"{target.host}/m/put:1")]))
    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/put", "1") == desc.digest
    assert len(target.requests("PUT", "/blobs/uploads/")) == len(desc.blobs) + 1


def test_a_failing_blob_stops_its_sibling_transfers(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = push_image(source_registry, "lib/sib", oci_image((3 * MiB, 16 * 1024), seed="sib"), tags=["1"])
    slow = push_image(source_registry, "lib/slowpoke", oci_image((2 * MiB,), seed="slowpoke"), tags=["1"])
    big = max(bad.blobs, key=lambda b: b.size).digest
    small = sorted(bad.blobs, key=lambda b: b.size)[1].digest
    slowest = max(slow.blobs, key=lambda b: b.size).digest
    source = proxy_factory(source_registry.host)
    released = threading.Event()  # the big blob stalls until the run is over: only cancelling it ends its transfer
    source.rules.append(lambda s: Action(stall_after=MiB, stall=60, until=released) if is_blob_get(s, big) else None)
    source.rules.append(lambda s: Action(rewrite=lambda b: b[::-1]) if is_blob_get(s, small) else None)
    source.rules.append(lambda s: Action(stall_after=MiB, stall=3.0) if is_blob_get(s, slowest) else None)
    target = proxy_factory(target_registry.host)
    caplog.set_level(logging.DEBUG)
    report = run(
        [
            job(f"{source.host}/lib/sib:1", f"{target.host}/m/sib:1"),
            job(f"{source.host}/lib/slowpoke:1", f"{target.host}/m/slowpoke:1"),
        ],
        blob_concurrency=4,
        timeout=10,
    )
    released.set()
    failed, copied = report.images
    assert failed.status is Status.FAILED and small in (failed.error or ""), failed
    assert copied.status is Status.COPIED, copied
    # The failed image's other transfer was stopped, not left running (and committed) behind the report.
    assert not [s for s in target.requests("PUT") if big[7:] in s.path and s.received == s.declared]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
