"""Helpers for the fault-injection suite: run the engine, script proxy rules, look at what a registry holds."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import ImageResult, Report, Status
from ecr_mirror.mirror.run import Job, MirrorOptions, mirror
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import parse_reference
from ecr_mirror.oci.transport import RetryPolicy
from tests.support.proxy import Action, Rule, Seen

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)


def recording(policy: RetryPolicy = FAST) -> tuple[RetryPolicy, list[float]]:
    """`policy` with a sleep that records each wait the engine asks for and returns at once: tests assert the
    waits requested (a Retry-After honoured), never the time that passed."""
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(0)

    return dataclasses.replace(policy, sleep=sleep), waits


DIGEST_IN_PATH = re.compile(r"sha256:[a-f0-9]{64}")
ERRORS_JSON = '{{"errors":[{{"code":"{code}","message":"{message}"}}]}}'


def job(source: str, target: str) -> Job:
    return Job(parse_reference(source), parse_reference(target))


def run(jobs: Sequence[Job], credentials: CredentialStore | None = None, **options: Any) -> Report:
    """Run the engine with fast retries and --plain-http (loopback registries) unless told otherwise."""
    options.setdefault("plain_http", True)
    options.setdefault("retry", FAST)
    return asyncio.run(mirror(list(jobs), credentials or CredentialStore(), MirrorOptions(**options)))


def one(report: Report) -> ImageResult:
    assert len(report.images) == 1, report.to_dict()
    return report.images[0]


def error_body(code: str, message: str) -> bytes:
    return ERRORS_JSON.format(code=code, message=message).encode()


def tag_digest(host: str, repository: str, reference: str, auth: tuple[str, str] | None = None) -> str | None:
    """HEAD a manifest at a registry directly: its digest, or None when absent."""
    with httpx.Client(timeout=10, auth=auth) as client:
        response = client.head(
            f"http://{host}/v2/{repository}/manifests/{reference}", headers={"Accept": mediatypes.ACCEPT}
        )
    if response.status_code == 404:
        return None
    assert response.status_code == 200, (response.status_code, response.headers)
    return response.headers["docker-content-digest"]


def blob_file(registry: LocalRegistry, digest: str) -> Path:
    """Where the filesystem driver keeps a blob's bytes."""
    hexpart = digest.removeprefix("sha256:")
    return registry.storage_dir / "docker/registry/v2/blobs/sha256" / hexpart[:2] / hexpart / "data"


def is_blob_get(seen: Seen, digest: str | None = None) -> bool:
    return seen.method == "GET" and "/blobs/sha256:" in seen.path and (digest is None or digest in seen.path)


def is_manifest(seen: Seen, method: str | None = None) -> bool:
    return "/manifests/" in seen.path and (method is None or seen.method == method)


def is_tag_put(seen: Seen) -> bool:
    return seen.method == "PUT" and "/manifests/" in seen.path and not DIGEST_IN_PATH.search(seen.path)


def first(count: int, predicate: Callable[[Seen], bool], action: Callable[[Seen], Action | None] | Action) -> Rule:
    """A rule applying `action` to the first `count` requests matching `predicate` (thread-safe)."""
    lock = threading.Lock()
    left = [count]

    def rule(seen: Seen) -> Action | None:
        if not predicate(seen):
            return None
        with lock:
            if left[0] <= 0:
                return None
            left[0] -= 1
        return action(seen) if callable(action) else action

    return rule


def nothing_tagged(target: LocalRegistry, repository: str, tag: str = "1") -> None:
    assert tag_digest(target.host, repository, tag) is None, "something was tagged at the target"


def failed_with(result: ImageResult, *needles: str) -> None:
    assert result.status is Status.FAILED, result
    for needle in needles:
        assert needle in (result.error or ""), (needle, result.error)
