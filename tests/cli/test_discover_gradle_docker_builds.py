"""The Gradle Docker plugin (com.bmuschko.docker-remote-api) builds images in the tree: a `DockerBuildImage` task's
`tag = "photon/servicebase"` (the plugin's older API), `tags = [...]`, `images = [...]` or `images.add(...)`. A
Dockerfile of the tree `FROM photon/servicebase`, built after it, uses what the build made: built here, not pulled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONTAINERS = """\
import com.bmuschko.gradle.docker.tasks.image.*

task servicebaseimage(type: DockerBuildImage) {
  inputDir = file("servicebase")
  tag = "photon/servicebase"
}

task coreimage(type: DockerBuildImage) {
  inputDir = file("core")
  images = ['photon/core:latest', "photon/core:1.2"]
}

task agentimage(type: DockerBuildImage) {
  inputDir = file("agent")
  images.add("photon/agent:dev")
}
"""


def test_the_names_a_gradle_docker_build_gives_are_built_in_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "containers/build.gradle": CONTAINERS,
            "containers/servicebase/Dockerfile": "FROM photon/base:3.0\n",
            "containers/zookeeper/Dockerfile": "FROM photon/servicebase\n",
            "containers/core-debug/Dockerfile": "FROM photon/core:1.2\n",
            "containers/agent-debug/Dockerfile": "FROM photon/agent:dev\n",
        },
    )
    statuses = {(r["file"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert statuses == {
        ("containers/servicebase/Dockerfile", "photon/base:3.0", "public"),
        ("containers/zookeeper/Dockerfile", "photon/servicebase:latest", "built-here"),
        ("containers/core-debug/Dockerfile", "photon/core:1.2", "built-here"),
        ("containers/agent-debug/Dockerfile", "photon/agent:dev", "built-here"),
    }
