"""A slow credential helper never blocks the event loop: other tasks keep running while it works."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Report, Status
from ecr_mirror.mirror.run import MirrorOptions
from ecr_mirror.mirror.run import mirror as run_mirror
from ecr_mirror.oci.credentials import CredentialStore
from tests.mirror.helpers import job

# The helper runs until the event loop has ticked while it runs (the test's signal), 30 s at most: a blocked loop
# never ticks, so the helper takes its 30 s and the test fails; a machine of any speed passes.
HELPER = """#!/bin/sh
touch "{marks}/started"
i=0
while [ ! -e "{marks}/ticked" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
touch "{marks}/done"
echo "credentials not found"
exit 1
"""


def test_the_loop_keeps_ticking_while_a_slow_credential_helper_runs(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    push_image(source_registry, "lib/a", oci_image(seed="slow-helper"), tags=["1"])
    marks, bin_dir = tmp_path / "marks", tmp_path / "bin"
    marks.mkdir()
    bin_dir.mkdir()
    helper = bin_dir / "docker-credential-slow"
    helper.write_text(HELPER.format(marks=marks))
    helper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{Path('/usr/bin')}:{Path('/bin')}")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"credHelpers": {source_registry.host: "slow"}}))
    store = CredentialStore.from_docker_config(config)

    async def scenario() -> tuple[Report, int]:
        ticks_during_helper = 0
        finished = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks_during_helper
            while not finished.is_set():
                if (marks / "started").exists() and not (marks / "done").exists():
                    ticks_during_helper += 1
                    (marks / "ticked").touch()
                await asyncio.sleep(0.01)

        task = asyncio.create_task(ticker())
        jobs = [job(f"{source_registry.host}/lib/a:1", f"{target_registry.host}/m/a:1")]
        report = await run_mirror(jobs, store, MirrorOptions(plain_http=True))
        finished.set()
        await task
        return report, ticks_during_helper

    report, ticks = asyncio.run(scenario())

    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()
    assert (marks / "done").exists(), "the helper was never asked"
    assert ticks > 0, "the event loop was blocked while the credential helper ran"
