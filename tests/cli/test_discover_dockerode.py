"""`ecr-mirror discover` reads the images a JavaScript or TypeScript test pulls through dockerode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

SETUP = """\
import Docker from 'dockerode';

export async function createDockerDB() {
  const docker = new Docker();
  const image = 'acme/graphdb:6';
  const stream = await docker.pull(image);
  return docker.createContainer({ Image: image });
}
"""


def test_a_dockerode_test_setup_is_listed_and_node_modules_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "integration-tests/tests/db").mkdir(parents=True)
    (tmp_path / "node_modules/dockerode/lib").mkdir(parents=True)
    (tmp_path / "integration-tests/tests/db/createInstance.ts").write_text(SETUP)
    (tmp_path / "node_modules/dockerode/lib/docker.js").write_text(SETUP.replace("acme/graphdb:6", "busybox:1"))
    records = [
        (r["file"], r["line"], r["kind"], r["use"], r["reference"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("integration-tests/tests/db/createInstance.ts", 5, "TypeScript source", "dockerode", "acme/graphdb:6")
    ]
