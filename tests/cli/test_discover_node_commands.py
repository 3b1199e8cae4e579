"""`ecr-mirror discover` reads the `docker run` a JavaScript or TypeScript test setup runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main

JEST_SETUP = """\
import { execSync } from "child_process";

execSync(
  "docker run -d -p 8080:80 --rm ghcr.io/acme/embedder:cpu-2.1 --model-id small",
  { stdio: "inherit" },
);
"""


def test_a_test_setup_docker_run_is_listed_and_node_modules_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "clients/js/node_modules/tool").mkdir(parents=True)
    (tmp_path / "clients/js/jest.setup.ts").write_text(JEST_SETUP)
    (tmp_path / "clients/js/node_modules/tool/index.js").write_text('execSync("docker pull busybox:1");\n')
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = [(r["file"], r["line"], r["kind"], r["use"], r["reference"]) for r in json.loads(capsys.readouterr().out)]
    assert records == [
        ("clients/js/jest.setup.ts", 4, "TypeScript source", "docker run", "ghcr.io/acme/embedder:cpu-2.1")
    ]
