"""A file git tracks inside a directory a `.gitignore` ignores (`hack/` ignored, its kind resources added with `git
add --force`): discover reads it, as git does, and still skips the untracked files beside it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: echo}
spec:
  template:
    spec:
      containers:
        - name: netcat
          image: alpine
"""


def test_tracked_files_under_an_ignored_directory_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = {
        ".gitignore": "# ignore hack/ except what is added with --force\nhack/\n",
        "compose.yml": "services:\n  web: {image: 'nginx:1.27-alpine'}\n",
        "hack/kind/resources/default/deployment.yaml": DEPLOYMENT,
        "hack/kind/resources/default/local.yaml": DEPLOYMENT.replace("alpine", "local-only:dev"),
        "hack/scratch/compose.yml": "services:\n  tmp: {image: 'scratch-only:dev'}\n",
    }
    write_tree(tmp_path, tree)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "compose.yml", ".gitignore"], check=True)
    subprocess.run([*git, "add", "-f", "hack/kind/resources/default/deployment.yaml"], check=True)
    assert main(["discover", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    listed = [line.split()[0] for line in out.splitlines() if not line.startswith("#")]
    assert listed == ["alpine:latest", "nginx:1.27-alpine"]
    assert "2 ignored by .gitignore" in err
