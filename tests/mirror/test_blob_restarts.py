"""A blob whose upload to the target fails is restarted whole, up to three attempts, with a short growing wait
between them; an error that retrying cannot cure fails the image at once."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import Status
from tests.faults.helpers import error_body, first, job, one, recording, run, tag_digest
from tests.support.proxy import Action, InterposingProxy, Seen

KiB = 1024


def _image(source: LocalRegistry, name: str) -> tuple[ImageDescription, str]:
    desc = push_image(source, f"lib/{name}", oci_image((256 * KiB,), seed=name), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size).digest
    return desc, layer


def _upload_of(layer: str) -> Callable[[Seen], bool]:
    return lambda s: s.method == "PUT" and "/blobs/uploads/" in s.path and layer[7:] in s.path


def _restarts(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "ecr_mirror.mirror.blobs"]


def test_an_upload_failing_twice_is_restarted_twice_after_growing_waits_and_lands(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    target_proxy: InterposingProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    desc, layer = _image(source_registry, "twice")
    failed = Action(status=500, body=error_body("UNKNOWN", "disk hiccup"))
    target_proxy.rules.append(first(2, _upload_of(layer), failed))
    retry, waits = recording()
    caplog.set_level(logging.WARNING, logger="ecr_mirror.mirror.blobs")
    result = one(run([job(desc.reference, f"{target_proxy.host}/m/twice:1")], retry=retry))
    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/twice:1") == desc.digest
    assert len(target_proxy.requests("PUT", layer[7:])) == 3  # two failed, the third lands
    assert waits == [0.2, 0.4]
    messages = _restarts(caplog)
    assert len(messages) == 2, messages
    for attempt, message in enumerate(messages, 1):
        assert message.startswith(f"blob {layer}: "), message
        assert "500" in message or "disk hiccup" in message, message
        assert message.endswith(f", restarting ({attempt}/3)"), message


def test_an_upload_failing_three_times_fails_the_image_with_the_last_answer(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    target_proxy: InterposingProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    desc, layer = _image(source_registry, "thrice")
    failed = Action(status=503, body=error_body("UNAVAILABLE", "still down"))
    target_proxy.rules.append(first(3, _upload_of(layer), failed))
    retry, waits = recording()
    caplog.set_level(logging.WARNING, logger="ecr_mirror.mirror.blobs")
    result = one(run([job(desc.reference, f"{target_proxy.host}/m/thrice:1")], retry=retry))
    assert result.status is Status.FAILED, result
    assert "still down" in (result.error or "") and layer in (result.error or ""), result
    assert len(target_proxy.requests("PUT", layer[7:])) == 3
    assert waits == [0.2, 0.4]
    assert [m[-len(", restarting (1/3)") :] for m in _restarts(caplog)] == [
        ", restarting (1/3)",
        ", restarting (2/3)",
    ]
    assert tag_digest(target_registry.host, "m/thrice", "1") is None


def test_an_upload_refused_for_good_is_not_restarted(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    target_proxy: InterposingProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    desc, layer = _image(source_registry, "refused")
    refused = Action(status=400, body=error_body("BLOB_UPLOAD_INVALID", "no such upload"))
    target_proxy.rules.append(first(1, _upload_of(layer), refused))
    retry, waits = recording()
    caplog.set_level(logging.WARNING, logger="ecr_mirror.mirror.blobs")
    result = one(run([job(desc.reference, f"{target_proxy.host}/m/refused:1")], retry=retry))
    assert result.status is Status.FAILED, result
    assert "no such upload" in (result.error or ""), result
    assert len(target_proxy.requests("PUT", layer[7:])) == 1
    assert waits == []
    assert _restarts(caplog) == []
    assert tag_digest(target_registry.host, "m/refused", "1") is None


def test_an_upload_whose_connection_breaks_is_restarted_like_a_server_error(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    target_proxy: InterposingProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    desc, layer = _image(source_registry, "broken")
    broken = Action(status=201, headers={"Content-Length": "100", "Connection": "close"})  # the body never comes
    target_proxy.rules.append(first(3, _upload_of(layer), broken))
    retry, waits = recording()
    caplog.set_level(logging.WARNING, logger="ecr_mirror.mirror.blobs")
    result = one(run([job(desc.reference, f"{target_proxy.host}/m/broken:1")], retry=retry))
    assert result.status is Status.FAILED, result
    assert (result.error or "").startswith(f"upload {target_proxy.host}/m/broken@{layer} failed: RemoteProtocolError")
    assert len(target_proxy.requests("PUT", layer[7:])) == 3
    assert waits == [0.2, 0.4]
    messages = _restarts(caplog)
    assert [m.startswith(f"blob {layer}: upload {target_proxy.host}/m/broken@{layer} failed: ") for m in messages] == [
        True,
        True,
    ], messages
    assert tag_digest(target_registry.host, "m/broken", "1") is None


def _redirected_to_itself(seen: Seen) -> Action:
    """A 307 to the same upload URL: the one-shot body would have to be sent again, so the blob restarts."""
    return Action(status=307, headers={"Location": seen.path})


@pytest.mark.parametrize("breaks", [2, 3])
def test_an_upload_that_would_send_its_body_twice_restarts_the_blob_up_to_three_times(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    target_proxy: InterposingProxy,
    caplog: pytest.LogCaptureFixture,
    breaks: int,
) -> None:
    desc, layer = _image(source_registry, f"again{breaks}")
    target_proxy.rules.append(first(breaks, _upload_of(layer), _redirected_to_itself))
    retry, waits = recording()
    caplog.set_level(logging.WARNING, logger="ecr_mirror.mirror.blobs")
    result = one(run([job(desc.reference, f"{target_proxy.host}/m/again:{breaks}")], retry=retry))
    assert len(target_proxy.requests("PUT", layer[7:])) == 3
    assert waits == [0.2, 0.4]
    restart = f"blob {source_registry.host}/lib/again{breaks}@{layer}: upload must restart"
    assert _restarts(caplog) == [
        f"blob {layer}: transfer broke ({restart}), restarting (1/3)",
        f"blob {layer}: transfer broke ({restart}), restarting (2/3)",
    ]
    if breaks == 2:
        assert result.status is Status.COPIED, result
        assert inspect_digest(f"{target_registry.host}/m/again:2") == desc.digest
    else:
        assert result.status is Status.FAILED, result
        assert result.error == f"blob {layer}: transfer broke 3 times, last: IncompleteBlobError: {restart}"
        assert tag_digest(target_registry.host, "m/again", "3") is None


class _BreakingSource:
    """Serves `layer` ignoring Range (a whole body each time), its n-th GET cut at the n-th fraction given."""

    def __init__(self, layer: str, fractions: list[float | None]) -> None:
        self.layer, self.fractions = layer, fractions
        self.gets = 0

    def __call__(self, seen: Seen) -> Action | None:
        if seen.method != "GET" or self.layer not in seen.path:
            return None
        self.gets += 1
        cut = self.fractions[self.gets - 1] if self.gets <= len(self.fractions) else None
        return Action(strip_range=True, cut_fraction=cut)


def test_a_source_ignoring_range_may_send_twice_the_blob_for_one_upload_and_no_more(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source_proxy: InterposingProxy
) -> None:
    _, layer = _image(source_registry, "budget")
    source_proxy.rules.append(_BreakingSource(layer, [0.5, 0.8]))  # then whole: 2.3 times the size in all
    result = one(run([job(f"{source_proxy.host}/lib/budget:1", f"{target_registry.host}/m/budget:1")]))
    assert result.status is Status.FAILED, result
    assert "at most twice the size is spent on one blob" in (result.error or ""), result
    assert tag_digest(target_registry.host, "m/budget", "1") is None


def test_a_restarted_upload_may_read_the_blob_once_more(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    source_proxy: InterposingProxy,
    target_proxy: InterposingProxy,
) -> None:
    desc, layer = _image(source_registry, "again")
    source_proxy.rules.append(_BreakingSource(layer, [0.5]))  # 1.5 times the size for the first upload
    failed = Action(status=500, body=error_body("UNKNOWN", "disk hiccup"))
    target_proxy.rules.append(first(1, _upload_of(layer), failed))  # the restart reads it whole: 2.5 in all
    result = one(run([job(f"{source_proxy.host}/lib/again:1", f"{target_proxy.host}/m/again:1")]))
    assert result.status is Status.COPIED, result
    assert inspect_digest(f"{target_registry.host}/m/again:1") == desc.digest
    assert len(source_proxy.requests("GET", layer)) == 3


def test_the_source_budget_of_a_blob_spans_the_restarts_of_its_upload(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    source_proxy: InterposingProxy,
    target_proxy: InterposingProxy,
) -> None:
    _, layer = _image(source_registry, "spans")
    # 1.5 times the size for the first upload, which the target fails; 1.8 more for the second: 3.3 in all, over
    # the three times the size allowed with one restart (each upload alone would be under twice the size).
    source_proxy.rules.append(_BreakingSource(layer, [0.5, None, 0.8]))
    failed = Action(status=500, body=error_body("UNKNOWN", "disk hiccup"))
    target_proxy.rules.append(first(1, _upload_of(layer), failed))
    result = one(run([job(f"{source_proxy.host}/lib/spans:1", f"{target_proxy.host}/m/spans:1")]))
    assert result.status is Status.FAILED, result
    assert "given up after" in (result.error or "") and layer in (result.error or ""), result
    assert len(source_proxy.requests("GET", layer)) == 4
    assert tag_digest(target_registry.host, "m/spans", "1") is None


def test_a_source_sending_other_bytes_fails_the_image_naming_the_blob_read(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source_proxy: InterposingProxy
) -> None:
    _, layer = _image(source_registry, "forged")
    source_proxy.rules.append(
        lambda s: Action(rewrite=lambda b: b[::-1]) if s.method == "GET" and layer in s.path else None
    )
    result = one(run([job(f"{source_proxy.host}/lib/forged:1", f"{target_registry.host}/m/forged:1")]))
    assert result.status is Status.FAILED, result
    assert (result.error or "").startswith(f"blob {source_proxy.host}/lib/forged@{layer}: bytes hash to sha256:"), (
        result
    )
    assert tag_digest(target_registry.host, "m/forged", "1") is None
