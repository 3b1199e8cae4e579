"""A Tiltfile's build named by a string joined with `+` from literals and names the Tiltfile binds once to a literal
(`repo = 'gcr.io/acme-test'`, `docker_build(repo + '/common', 'common')`), and a build of the `restart_process`
extension's `docker_build_with_restart(ref, context, entrypoint, ...)`, which takes docker_build's arguments
(https://github.com/tilt-dev/tilt-extensions/tree/master/restart_process), make the manifests naming that image
built here. A name bound twice, or not bound in the Tiltfile, leaves the build unknown (a warning) and its
manifests listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: app\n    image: {image}\n"

TILTFILE = """\
load('ext://restart_process', 'docker_build_with_restart')
repo = 'gcr.io/acme-test'
docker_build(repo + '/common', 'common')
docker_build(repo + "/common:stretch", 'common-stretch')
docker_build_with_restart('rpdu', '.', entrypoint=['/src/main.sh'])
tag = 'a'
tag = 'b'
docker_build('acme/app-' + tag, 'app')
docker_build(prefix + '/worker', 'worker')
k8s_yaml(['common.yaml', 'stretch.yaml', 'rpdu.yaml', 'app.yaml', 'worker.yaml'])
"""

TREE = {
    "Tiltfile": TILTFILE,
    "common.yaml": _POD.format(name="common", image="gcr.io/acme-test/common"),
    "stretch.yaml": _POD.format(name="stretch", image="gcr.io/acme-test/common:stretch"),
    "rpdu.yaml": _POD.format(name="rpdu", image="rpdu"),
    "app.yaml": _POD.format(name="app", image="acme/app-b"),
    "worker.yaml": _POD.format(name="worker", image="gcr.io/acme-test/worker"),
}


def test_tilt_builds_named_by_joined_literals_and_restart_builds_are_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("app.yaml", 8, "acme/app-b:latest", "public"),
        ("common.yaml", 8, "gcr.io/acme-test/common:latest", "built-here"),
        ("rpdu.yaml", 8, "rpdu:latest", "built-here"),
        ("stretch.yaml", 8, "gcr.io/acme-test/common:stretch", "built-here"),
        ("worker.yaml", 8, "gcr.io/acme-test/worker:latest", "public"),
    ]


def test_a_tilt_build_in_the_dockerfile_of_another_build_of_the_tiltfile_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tilt puts the image it built in place of the references of the Dockerfiles its other builds build (their
    `context` directory, or `dockerfile=`: https://docs.tilt.dev/dependent_images.html); a Dockerfile no build of
    the Tiltfile uses keeps the name, the published image."""
    tiltfile = (
        "repo = 'gcr.io/acme-test'\ndocker_build(repo + '/common', 'common')\n"
        "docker_build(repo + '/app', context='app')\ndocker_build('tool', '.', dockerfile='tools/tool.Dockerfile')\n"
        "k8s_yaml('app.yaml')\n"
    )
    tree = {
        "Tiltfile": tiltfile,
        "app.yaml": _POD.format(name="app", image="gcr.io/acme-test/app"),
        "common/Dockerfile": "FROM busybox:1.36\n",
        "app/Dockerfile": "FROM busybox:1.36\nCOPY --from=gcr.io/acme-test/common /src /src\n",
        "tools/tool.Dockerfile": "FROM gcr.io/acme-test/common\n",
        "other/Dockerfile": "FROM gcr.io/acme-test/common\n",
    }
    write_tree(tmp_path, tree)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("app.yaml", 8, "gcr.io/acme-test/app:latest", "built-here"),
        ("app/Dockerfile", 1, "busybox:1.36", "public"),
        ("app/Dockerfile", 2, "gcr.io/acme-test/common:latest", "built-here"),
        ("common/Dockerfile", 1, "busybox:1.36", "public"),
        ("other/Dockerfile", 1, "gcr.io/acme-test/common:latest", "public"),
        ("tools/tool.Dockerfile", 1, "gcr.io/acme-test/common:latest", "built-here"),
    ]
