"""Which target answers count as refusing a referrer (skipped, the image copied) and which fail it: every 4xx but
the ones that say something else (authentication, absence, timeouts, rate limits); a 5xx is never a refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.registry import LocalRegistry
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import push

SRC = "library/app"
ANSWER = b'{"errors":[{"code":"UNSUPPORTED","message":"no"}]}'


def _sync(tmp_path: Path, source: str, target: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    images = tmp_path / "images.yaml"
    images.write_text('images:\n  - source: app\n    tags: ["1"]\n    referrers: true\n')
    argv = ["sync", "--images", str(images), "--to", f"{target}/m", "--plain-http", "--json"]
    code = main([*argv, "--registry-endpoint", f"docker.io={source}"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, report


@pytest.mark.parametrize("status", [400, 499, 500])
def test_a_4xx_to_a_referrer_is_a_refusal_and_a_5xx_is_a_failure(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    status: int,
) -> None:
    image = oci_index(seed=f"refusal-{status}")
    push(source_registry, SRC, image, tag="1")
    sboms = [artifacts.artifact(image.top, seed=f"sbom-{status}-{n}") for n in range(2)]
    for sbom in sboms:
        artifacts.push_referrer(source_registry, SRC, sbom)
    refused = {f"/manifests/{sbom.digest}" for sbom in sboms}
    target = proxy_factory(target_registry.host)

    def refuse(seen: Seen) -> Action | None:
        if seen.method == "PUT" and any(seen.path.endswith(path) for path in refused):
            return Action(status=status, body=ANSWER, headers={"Content-Type": "application/json"})
        return None

    target.rules.append(refuse)
    code, report = _sync(tmp_path, source_registry.host, target.host, capsys)
    (result,) = report["images"]
    if status < 500:
        assert code == 0 and result["status"] == "copied", result
        assert "referrers: 2 found, 0 copied, 0 present, 2 skipped" in result["detail"]
    else:
        assert code != 0 and result["status"] == "failed", result
        assert "skipped" not in (result.get("detail") or "")
