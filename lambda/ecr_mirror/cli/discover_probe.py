"""`discover --probe`: ask each registry not known to be public whether it serves a found image to anyone.

Offline by default, discover lists images only on registries known to hold public images (docs/discover.md); an
image on another registry (GitLab's, a vendor's, cgr.dev) may be public or private, and only its registry knows; so
is a bare Docker Hub name that is no official image (docker_official.py), which Docker Hub is asked about.
With --probe each such image, those under --mirror excepted, is asked for with a manifest HEAD and no credentials,
whatever the user's Docker configuration holds: the registry's answer decides. A HEAD pulls nothing (no layer, no
quota), and link-local or metadata addresses are never reached (the engine's address guard).
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import Probed, classify, under_mirror
from ecr_mirror.choose.naming import split_destination
from ecr_mirror.errors import MirrorError, RegistryError
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.reference import Reference
from ecr_mirror.oci.transport import RetryPolicy, Transport

PROBES_AT_ONCE = 8
PROBE_TIMEOUT = 20.0  # seconds per request: a registry that does not answer is "the probe failed", not a hang
PROBE_ATTEMPTS = 2  # one retry of a 5xx or a dropped connection


def probe_left_out(
    found: Iterable[Found], *, public: frozenset[str], mirror: str | None, plain_http: bool
) -> dict[Reference, Probed]:
    """The registry's answer for each found image not known to be served to anyone (not under `mirror`): on a registry
    not known to be public, or a bare Docker Hub name that is no official image."""
    destination = split_destination(mirror) if mirror else None
    asked: set[Reference] = set()
    for item in found:
        verdict = classify(item, public=public)
        ref = verdict.ref
        if verdict.status == "left-out" and ref is not None and not under_mirror(ref, destination):
            asked.add(ref)
    if not asked:
        return {}
    answers = asyncio.run(_probe_all(sorted(asked, key=str), plain_http))
    served = sum(answer.served for answer in answers.values())
    registries = len({ref.registry for ref in asked})
    print(
        f"ecr-mirror: probed {len(asked)} image{'' if len(asked) == 1 else 's'} not known to be served to anyone "
        f"(on {registries} registr{'y' if registries == 1 else 'ies'}): {served} served to anyone",
        file=sys.stderr,
    )
    return answers


async def _probe_all(refs: list[Reference], plain_http: bool) -> dict[Reference, Probed]:
    transport = Transport(
        policy=UrlPolicy(plain_http=plain_http), retry=RetryPolicy(attempts=PROBE_ATTEMPTS), timeout=PROBE_TIMEOUT
    )
    clients: dict[str, RegistryClient] = {}
    slots = asyncio.Semaphore(PROBES_AT_ONCE)

    async def one(ref: Reference) -> Probed:
        client = clients.get(ref.api_host)
        if client is None:  # no credentials: an anonymous token, if the registry asks for one
            client = clients[ref.api_host] = RegistryClient(
                ref.api_host, transport, RegistryAuth(ref.api_host, None, transport)
            )
        async with slots:
            return await _ask(client, ref)

    try:
        answers = await asyncio.gather(*(one(ref) for ref in refs))
    finally:
        await transport.aclose()
    return dict(zip(refs, answers, strict=True))


async def _ask(client: RegistryClient, ref: Reference) -> Probed:
    registry = ref.registry
    try:
        head = await client.head_manifest(ref.repository, ref.digest or ref.tag or "latest")
    except RegistryError as exc:
        if exc.status in (401, 403):
            return Probed(False, f"{registry} refused an anonymous pull (--probe: HTTP {exc.status})")
        return Probed(False, f"{registry}: the probe failed ({exc})")
    except (MirrorError, OSError) as exc:
        return Probed(False, f"{registry}: the probe failed ({exc})")
    if head is None:
        return Probed(False, f"{registry} has no such image (--probe: HTTP 404)")
    return Probed(True, f"{registry} serves it to anyone (--probe)")
