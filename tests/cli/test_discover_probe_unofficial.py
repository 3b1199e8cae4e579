"""`discover --probe` also asks Docker Hub about a bare name that is no official image (docker_official.py): the
name is left out offline, and the registry's answer decides, as for a registry not known to be public. The answer is
stubbed here (no Docker Hub in tests); tests/cli/test_discover_probe.py asks a real registry on loopback."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import Probed, build_listing, familiar
from ecr_mirror.choose.discovery.public_hosts import DEFAULT_PUBLIC
from ecr_mirror.cli import discover_probe
from ecr_mirror.oci.reference import Reference


def test_an_unofficial_bare_name_is_probed_and_listed_when_served(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[Reference] = []

    async def answer(refs: list[Reference], plain_http: bool) -> dict[Reference, Probed]:
        asked.extend(refs)
        return {ref: Probed(served=True, reason="docker.io serves it to anyone (--probe)") for ref in refs}

    monkeypatch.setattr(discover_probe, "_probe_all", answer)
    found = [Found("valkey:8", "compose.yaml", 3), Found("redis:7", "compose.yaml", 5)]
    probed = discover_probe.probe_left_out(found, public=DEFAULT_PUBLIC, mirror=None, plain_http=False)
    assert [familiar(ref) for ref in asked] == ["valkey:8"]  # an official image is not asked
    err = capsys.readouterr().err
    assert "probed 1 image not known to be served to anyone (on 1 registry): 1 served to anyone" in err
    listing = build_listing(found, public=DEFAULT_PUBLIC, probed=probed)
    assert [familiar(ref) for ref in listing.images] == ["redis:7", "valkey:8"]
