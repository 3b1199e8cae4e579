"""An Azure Container Instances container group file (`az container create --file group.yaml`: a mapping with
`apiVersion` and `properties.containers[].properties.image`, and init containers the same way) runs each container's
image: read at the image's line. A mapping that only shares a key (`properties:` of another tool's config) is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_GROUP = """\
name: 'loadtest'
apiVersion: '2021-10-01'
location: westeurope
properties:
  initContainers:
  - name: fetch
    properties:
      image: 'mcr.microsoft.com/azure-cli:2.61.0'
      command: ['/bin/sh', '-c', 'echo fetched']
  containers:
  - name: runner
    properties:
      image: 'mcr.microsoft.com/dotnet/sdk:8.0'
      command:
      - '/bin/bash'
      - '-c'
      - './run.sh'
      resources:
        requests:
          memoryInGB: 4
          cpu: 2
  osType: Linux
  restartPolicy: Never
type: Microsoft.ContainerInstance/containerGroups
"""

_OTHER = """\
properties:
  containers:
  - name: not-a-group
    properties:
      image: acme/not-pulled:1
"""


def test_a_container_group_file_s_images_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"deploy/aci/loadtest.yml": _GROUP, "config/settings.yml": _OTHER})
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert got == [
        ("deploy/aci/loadtest.yml", 8, "mcr.microsoft.com/azure-cli:2.61.0", "public"),
        ("deploy/aci/loadtest.yml", 13, "mcr.microsoft.com/dotnet/sdk:8.0", "public"),
    ]
