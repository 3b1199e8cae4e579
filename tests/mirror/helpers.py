"""Shared helpers for engine tests: run the engine against real local registries."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from ecr_mirror.mirror.report import Report
from ecr_mirror.mirror.run import Job, MirrorOptions, mirror
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import parse_reference


def job(source: str, target: str) -> Job:
    return Job(parse_reference(source), parse_reference(target))


def run(jobs: Sequence[Job], credentials: CredentialStore | None = None, **options: Any) -> Report:
    options.setdefault("plain_http", True)
    return asyncio.run(mirror(list(jobs), credentials or CredentialStore(), MirrorOptions(**options)))
