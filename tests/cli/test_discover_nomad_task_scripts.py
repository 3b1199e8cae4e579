"""`ecr-mirror discover` reads the script a Nomad task renders with a `template` block and runs as its command
(`config { command = "bash" args = ["local/seed.sh"] }`, the template's `destination`): the docker and podman
pulls of the template's `data`, at their lines in the job file. A template the task does not run (a config file)
is not read so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

SEED_JOB = """\
job "registry" {
  group "registry" {
    task "registry" {
      driver = "docker"
      config {
        image = "registry:2.8.3"
      }
    }

    task "seed" {
      driver = "raw_exec"
      lifecycle {
        hook = "poststart"
      }
      template {
        data        = <<EOH
docker pull alpine:3.20
EOH
        destination = "local/notes.txt"
      }
      template {
        data        = <<EOH
set -eu
podman pull docker.io/library/redis:7.2
podman push --tls-verify=false docker.io/library/redis:7.2 {{ env "NOMAD_ADDR_http" }}/redis:seeded
EOH
        destination = "local/seed.sh"
      }
      config {
        command = "bash"
        args    = ["local/seed.sh"]
      }
    }

    task "direct" {
      driver = "exec"
      template {
        data        = "docker pull busybox:1.36"
        destination = "${NOMAD_TASK_DIR}/pull.sh"
      }
      config {
        command = "local/pull.sh"
      }
    }
  }
}
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[int, str, str, str]]:
    return {(r["line"], r["kind"], r["reference"] or r["written"], r["status"]) for r in records}


def test_the_script_a_task_renders_and_runs_pulls_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"jobs/registry.nomad.hcl": SEED_JOB}, tmp_path, capsys)
    assert _seen(records) == {
        (6, "Nomad job file", "registry:2.8.3", "public"),
        (24, "Nomad job file", "redis:7.2", "public"),
        (38, "Nomad job file", "busybox:1.36", "public"),
    }
