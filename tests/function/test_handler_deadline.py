"""The function's hard deadline: the Lambda's remaining time minus a flush margin; the report and metrics survive."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from tests.support.proxy import Action, InterposingProxy, Seen

from .conftest import Invoke
from .helpers import SCHEDULED_EVENT, FakeContext, emf_metrics

STALL = 120.0  # far longer than the deadline: only the deadline can end the run in time


def _stall_blobs(seen: Seen) -> Action | None:
    if seen.method == "GET" and "/blobs/sha256:" in seen.path:
        return Action(stall_after=512, stall=STALL)
    return None


def test_images_still_copying_when_the_lambda_nears_its_end_are_deferred_and_reported(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with InterposingProxy(seeded_registry.registry.host) as hub:
        hub.rules.append(_stall_blobs)
        function_env(hub.host, ecr_registry.host)
        monkeypatch.setenv("ECR_MIRROR_TIME_MARGIN_SECONDS", "0")  # images start: only the hard deadline stops them
        put_list("busybox:1.36\n")

        # 31 s left and a 30 s flush margin: one second of copying, then the image is cut off.
        out = invoke(SCHEDULED_EVENT, FakeContext(remaining_ms=[31_000]))

    (image,) = out["images"]
    assert image["status"] == "deferred", out
    assert "run deadline reached" in image["detail"]
    assert out["summary"]["deferred"] == 1
    metrics = emf_metrics(capsys.readouterr().out)
    assert (metrics["ImagesDeferred"], metrics["ImagesCopied"], metrics["ImagesFailed"]) == (1, 0, 0)
    counts = ecr_registry.request_counts()
    assert counts[("PUT", "manifest")] == 0, counts  # nothing tagged
