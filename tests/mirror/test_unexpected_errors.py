"""An error the engine does not expect (here from the caller's `create_repository`) fails that image only: the report
names its type and message, the log names the image with the traceback, and the run's other images are copied."""

from __future__ import annotations

import logging

import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import job, run

MISSING = b'{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}'


def _missing_broken_repository(seen: Seen) -> Action | None:
    if seen.method in ("POST", "PUT", "PATCH") and "/m/broken/" in seen.path:
        return Action(status=404, body=MISSING, headers={"Content-Type": "application/json"})
    return None


async def _creator_that_breaks(repository: str) -> None:
    raise RuntimeError(f"creator broke on {repository}")


def test_an_unexpected_error_fails_its_image_logged_with_its_source_and_the_others_go_on(
    source_registry: LocalRegistry,
    target_proxy: InterposingProxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = push_image(source_registry, "lib/broken", oci_image(seed="unexpected-broken"), tags=["1"])
    fine = push_image(source_registry, "lib/fine", oci_image(seed="unexpected-fine"), tags=["1"])
    target_proxy.rules.append(_missing_broken_repository)

    with caplog.at_level(logging.ERROR, logger="ecr_mirror.mirror.run"):
        report = run(
            [
                job(broken.reference, f"{target_proxy.host}/m/broken:1"),
                job(fine.reference, f"{target_proxy.host}/m/fine:1"),
            ],
            create_repository=_creator_that_breaks,
        )

    first, second = report.images
    assert first.status is Status.FAILED
    assert first.error == "unexpected RuntimeError: creator broke on m/broken"
    assert second.status is Status.COPIED, second
    assert second.digest == fine.digest
    (record,) = [r for r in caplog.records if r.name == "ecr_mirror.mirror.run"]
    assert record.getMessage() == f"unexpected error mirroring {broken.reference}"
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)
