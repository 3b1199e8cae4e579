"""`ecr-mirror discover` reads the script a Terraform module's local command runs (`enos_local_exec`, a
`local-exec` provisioner) with the command's `environment`: the client image a module's variable default gives the
script that pulls it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

MAIN = """\
variable "image_name_client" {
  type    = string
  default = "minio/mc:RELEASE.2025-01-01T00-00-00Z"
}

resource "enos_local_exec" "init_minio" {
  environment = {
    MINIO_CLIENT_IMAGE = var.image_name_client,
  }
  inline = ["bash ./${path.module}/init.sh"]
}
"""

SCRIPT = """\
#!/usr/bin/env bash
docker pull $MINIO_CLIENT_IMAGE
docker run --rm --entrypoint bash $MINIO_CLIENT_IMAGE -c 'mc ready local'
docker run --rm $HELPER_IMAGE true
"""


def test_a_module_s_local_command_gives_its_script_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "enos/modules/minio").mkdir(parents=True)
    (tmp_path / "enos/modules/minio/main.tf").write_text(MAIN)
    (tmp_path / "enos/modules/minio/init.sh").write_text(SCRIPT)
    records = {
        (r["file"], r["line"], r["use"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    run = "(with the env of enos/modules/minio/main.tf:10)"
    image = "minio/mc:RELEASE.2025-01-01T00-00-00Z"
    assert records == {
        ("enos/modules/minio/init.sh", 2, "docker pull", "$MINIO_CLIENT_IMAGE", "unresolved"),
        ("enos/modules/minio/init.sh", 3, "docker run", "$MINIO_CLIENT_IMAGE", "unresolved"),
        ("enos/modules/minio/init.sh", 4, "docker run", "$HELPER_IMAGE", "unresolved"),
        ("enos/modules/minio/init.sh", 2, f"docker pull {run}", image, "public"),
        ("enos/modules/minio/init.sh", 3, f"docker run {run}", image, "public"),
    }
