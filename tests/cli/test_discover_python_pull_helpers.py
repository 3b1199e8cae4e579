"""`ecr-mirror discover` on Python scripts that start a container through a helper of their project that pulls the
image it is given: `def start_docker_zap(docker_image, port, ...)` in `zap_common.py` runs `subprocess.check_output(
['docker', 'pull', docker_image])`, and the scan scripts beside it, which `from zap_common import *`, call
`start_docker_zap('ghcr.io/zaproxy/zaproxy:weekly', port, params, mount_dir)`. Shaped after a security scanner's
packaged-scan scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

COMMON = """import logging
import subprocess


def start_docker_zap(docker_image, port, extra_zap_params, mount_dir):
    try:
        logging.debug('Pulling ZAP Docker image: ' + docker_image)
        ls_output = subprocess.check_output(['docker', 'pull', docker_image])
    except OSError as err:
        raise err
    params = ['docker', 'run', '-d', docker_image]
    return subprocess.check_output(params)


def describe(image):
    return ['docker', 'inspect', image]
"""

BASELINE = """from zap_common import *


def main(port, params, mount_dir):
    cid = start_docker_zap('ghcr.io/zaproxy/zaproxy:weekly', port, params, mount_dir)
    describe('not/pulled:1')
    return cid
"""

OTHER = """import zap_common


def run():
    zap_common.start_docker_zap(docker_image="acme/zap:2.15", port=8080, extra_zap_params=[], mount_dir=None)


def unrelated():
    start_docker_zap('acme/elsewhere:1', 1, [], None)
"""

STRANGER = """def start_docker_zap(image, port):
    return image


start_docker_zap('stranger/not-pulled:1', 1)
"""


def test_the_images_python_files_give_a_pulling_helper_of_their_project_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "docker/zap_common.py": COMMON,
            "docker/zap-baseline.py": BASELINE,
            "docker/zap_other.py": OTHER,
            "tools/stranger.py": STRANGER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    # the helper's own lines stay unresolved (any caller may give it any image); a bare call in a file that only
    # imports the module names another function, and a stranger's function of the same name pulls nothing
    assert {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"} == {
        ("docker/zap-baseline.py", 5, "ghcr.io/zaproxy/zaproxy:weekly"),
        ("docker/zap_other.py", 5, "acme/zap:2.15"),
    }
