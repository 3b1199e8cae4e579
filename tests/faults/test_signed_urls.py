"""Debug output carries no signed URL: a CDN's presigned Location is a credential for as long as it lives."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import DIGEST_IN_PATH, first, is_blob_get, tag_digest

ROOT = Path(__file__).resolve().parents[2]
SIGNATURE = "9c1e5a7b3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a"
CREDENTIAL = "ASIAEXAMPLEKEY7Q2Z"
PRESIGNED = (
    "X-Amz-Algorithm=AWS4-HMAC-SHA256"
    f"&X-Amz-Credential={CREDENTIAL}%2F20261202%2Fus-east-1%2Fs3%2Faws4_request"
    "&X-Amz-Date=20261202T070000Z&X-Amz-Expires=1200&X-Amz-SignedHeaders=host"
    f"&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE&X-Amz-Signature={SIGNATURE}"
)


def test_verbose_output_never_shows_a_presigned_blob_url(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    tmp_path: Path,
) -> None:
    desc = push_image(source_registry, "lib/signed", oci_image(layers=(300_000,), seed="presigned"), tags=["1"])
    cdn = proxy_factory(source_registry.host)  # serves the blobs by their path; the query is the "signature"
    cdn.rules.append(first(1, lambda s: s.method == "GET", Action(cut_fraction=0.5)))  # a resume at the CDN too
    source = proxy_factory(source_registry.host)

    def presign(seen: Seen) -> Action | None:
        found = DIGEST_IN_PATH.search(seen.path)
        if not is_blob_get(seen) or not found:
            return None
        return Action(status=307, headers={"Location": f"{cdn.url}{seen.path}?{PRESIGNED}"})

    source.rules.append(presign)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), HOME=str(tmp_path))
    argv = ["copy", f"{source.host}/lib/signed:1", f"{target_registry.host}/m/signed:1", "--plain-http", "-v"]
    result = subprocess.run(
        [sys.executable, "-m", "ecr_mirror", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert tag_digest(target_registry.host, "m/signed", "1") == desc.digest
    assert len(cdn.requests("GET")) == len(desc.blobs) + 1, "the blobs did not come from the CDN"
    assert "DEBUG ecr_mirror" in result.stderr, "debug logging was not on"
    assert "redirected" in result.stderr, "the redirect was not logged"
    output = result.stdout + result.stderr
    for secret in (SIGNATURE, CREDENTIAL, "FwoGZXIvYXdzEXAMPLE", "X-Amz-Signature="):
        assert secret not in output, f"{secret[:16]} appeared in the output"
