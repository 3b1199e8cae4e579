"""`ecr-mirror discover` lists the image a Makefile's `docker pull` fetches when a workflow step runs the target with
its own env, though the next line tags the pulled image under the very name the env gave it: `docker pull` fetches
from the registry whoever builds or tags that name elsewhere, with the step's env as without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
SIDECAR_VERSION ?= 0.9.2

.PHONY: load-sidecar
load-sidecar:
\tdocker pull ghcr.io/acme/sidecar:$(SIDECAR_VERSION)
\tdocker tag ghcr.io/acme/sidecar:$(SIDECAR_VERSION) ghcr.io/acme/sidecar:dev
\tkind load docker-image ghcr.io/acme/sidecar:dev
"""

WORKFLOW = """\
name: e2e
on: [pull_request]
env:
  SIDECAR_VERSION: dev
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: load the sidecar
        run: make load-sidecar
"""


def test_a_pull_with_a_steps_env_is_listed_though_a_tag_makes_the_same_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE, ".github/workflows/e2e.yml": WORKFLOW}, tmp_path, monkeypatch, capsys)
    pulls = {(row[3].split(" (")[0], row[4], row[5]) for row in rows if row[0] == "Makefile" and row[1] == 5}
    assert ("docker pull", "ghcr.io/acme/sidecar:0.9.2", "public") in pulls
    assert ("docker pull", "ghcr.io/acme/sidecar:dev", "public") in pulls
