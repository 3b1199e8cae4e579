"""The function keeps 30 s of the invocation back from the run's hard deadline (to log the report and flush the
metrics): the deadline is the remaining time minus 30 s, and with only 30 s left no image starts copying."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.session import mirror_options
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from tests.support.proxy import InterposingProxy

from .conftest import Invoke
from .helpers import SCHEDULED_EVENT, FakeContext, emf_metrics


@pytest.mark.parametrize(("remaining_ms", "deadline"), [(900_000, 870.0), (45_500, 15.5), (30_000, 0.0), (10_000, 0.0)])
def test_the_run_deadline_is_the_remaining_time_less_30_seconds(remaining_ms: int, deadline: float) -> None:
    context = FakeContext(remaining_ms=[remaining_ms])
    options = mirror_options(FunctionSettings(), None, context, concurrency=1)  # type: ignore[arg-type]
    assert options.deadline == deadline
    assert options.time_left is not None and options.time_left() == remaining_ms / 1000


def test_with_only_the_flush_margin_left_nothing_is_fetched_and_the_image_is_deferred(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with InterposingProxy(seeded_registry.registry.host) as hub:
        function_env(hub.host, ecr_registry.host)
        monkeypatch.setenv("ECR_MIRROR_TIME_MARGIN_SECONDS", "0")  # only the hard deadline can hold the image back
        put_list("busybox:1.36\n")

        out = invoke(SCHEDULED_EVENT, FakeContext(remaining_ms=[30_000]))

    (image,) = out["images"]
    assert image["status"] == "deferred", out
    assert "run deadline reached" in image["detail"]
    assert not hub.requests("GET", "/blobs/"), "a blob was fetched with no time left for it"
    metrics = emf_metrics(capsys.readouterr().out)
    assert (metrics["ImagesDeferred"], metrics["ImagesCopied"]) == (1, 0)
    assert ecr_registry.request_counts()[("PUT", "manifest")] == 0
