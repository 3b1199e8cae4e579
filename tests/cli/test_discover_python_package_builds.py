"""`ecr-mirror discover` on a test package whose `__init__.py` (run when any module of the package is imported) or
`conftest.py` (loaded by pytest before the tests of its directory) builds an image: the compose files and
Dockerfiles under that directory, which those tests run, use the image built there, not a published one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

TREE = {
    "tests/integration/__init__.py": (
        "import os\nimport subprocess\n\n\ndef create_base_image() -> None:\n"
        '    here = os.path.join(os.path.dirname(__file__), "base_image")\n'
        "    subprocess.check_call(\n        ['podman', 'build', '-t', 'localtest/compose-base', '.'],\n"
        "        cwd=here,\n    )\n\n\ncreate_base_image()\n"
    ),
    "tests/integration/base_image/Dockerfile": "FROM alpine:3.20\n",
    "tests/integration/ports/docker-compose.yml": "services:\n  web:\n    image: localtest/compose-base\n",
    "tests/integration/extends/Dockerfile": "FROM localtest/compose-base\nRUN true\n",
    "tests/unit/conftest.py": (
        "import subprocess\n\n\ndef pytest_sessionstart(session):\n"
        '    subprocess.run(["docker", "build", "-t", "acme/unit-fixture", "fixture"], check=True)\n'
    ),
    "tests/unit/data/compose.yaml": "services:\n  fixture:\n    image: acme/unit-fixture:latest\n",
    # a near shape: a module that is neither a package's __init__.py nor a conftest.py builds the image; the
    # example beside it, which no test runs after that build, pulls the published image
    "tools/release.py": (
        'import subprocess\n\nsubprocess.run(["docker", "build", "-t", "acme/tool:latest", "."], check=True)\n'
    ),
    "tools/example/compose.yaml": "services:\n  tool:\n    image: acme/tool:latest\n",
    # outside the package's directory, a use of the published name pulls it
    "examples/compose.yaml": "services:\n  web:\n    image: localtest/compose-base:latest\n",
}


def test_a_test_package_build_is_the_image_its_directory_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    base = "localtest/compose-base:latest"
    assert ("tests/integration/ports/docker-compose.yml", 3, base, "built-here") in rows
    assert ("tests/integration/extends/Dockerfile", 1, base, "built-here") in rows
    assert ("tests/unit/data/compose.yaml", 3, "acme/unit-fixture:latest", "built-here") in rows
    assert ("tests/integration/base_image/Dockerfile", 1, "alpine:3.20", "public") in rows
    assert ("tools/example/compose.yaml", 3, "acme/tool:latest", "public") in rows
    assert ("examples/compose.yaml", 3, base, "public") in rows
