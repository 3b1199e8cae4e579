"""`ecr-mirror discover` on a demo script that builds with buildah and hands the image to Docker: `podman push IMAGE
docker-daemon:NAME` (`buildah push`) copies it into the local Docker daemon under NAME, so a later `docker run NAME`
runs that copy, made here, not pulled; a push to a registry (`docker://`) keeps nothing locally."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TREE = {
    "demos/daemon-demo.sh": (
        "#!/usr/bin/env bash\ndemoimg=compatdemo\nquayuser=acmeuser\n"
        "ctr=$(buildah from alpine:3.20)\nbuildah commit $ctr $demoimg\n"
        "podman push $demoimg docker-daemon:$quayuser/${demoimg}:latest\n"
        "docker run -d -p 80:80 $quayuser/$demoimg\n"
        "buildah push $demoimg docker-daemon:acmeuser/other-demo:1.0\n"
        "docker run --rm acmeuser/other-demo:1.0\n"
        # a near shape: a push to a registry copies nothing into the daemon
        "podman push $demoimg docker://quay.io/acmeuser/pushed-demo:2.0\n"
        "docker run --rm quay.io/acmeuser/pushed-demo:2.0\n"
    ),
}


def test_a_push_to_the_docker_daemon_is_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    script = "demos/daemon-demo.sh"
    assert not [row for row in rows if row[0] == script and row[1] == 7]  # made here: `$quayuser/$demoimg`
    assert (script, 9, "acmeuser/other-demo:1.0", "built-here") in rows
    assert (script, 11, "quay.io/acmeuser/pushed-demo:2.0", "public") in rows
