"""Shared helpers for engine tests: run the engine against real local registries."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from ecr_mirror.credentials import CredentialStore
from ecr_mirror.engine import Job, MirrorOptions, mirror
from ecr_mirror.reference import parse_reference
from ecr_mirror.report import Report


def job(source: str, target: str) -> Job:
    return Job(parse_reference(source), parse_reference(target))


def run(jobs: Sequence[Job], credentials: CredentialStore | None = None, **options: Any) -> Report:
    options.setdefault("plain_http", True)
    return asyncio.run(mirror(list(jobs), credentials or CredentialStore(), MirrorOptions(**options)))
