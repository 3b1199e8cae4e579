"""The local Sigstore (tests/support/sigstore_world.py) and its trust root, for the keyless tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.trust.keyless import TrustedRootSource
from tests.support.sigstore_world import SigstoreWorld


@pytest.fixture
def world() -> SigstoreWorld:
    return SigstoreWorld()


@pytest.fixture
def root(world: SigstoreWorld, tmp_path: Path) -> TrustedRootSource:
    return TrustedRootSource.from_file(world.write_trusted_root(tmp_path / "trusted_root.json"))
