"""`discover` on a Python tool's table of digest-pinned images, which its own code reads and hands a container
engine (choose/discovery/pinned_image_tables.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_DIGEST_A = "a" * 64
_DIGEST_B = "b" * 64
_TABLE = (
    "[x86_64]\n"
    f"glibc = quay.io/acme/builder_x86_64@sha256:{_DIGEST_A}  # 2026.01.02-1\n"
    "\n"
    "[aarch64]\n"
    f"glibc = quay.io/acme/builder_aarch64@sha256:{_DIGEST_B}  # 2026.01.02-1\n"
)
_RESOURCES = (
    'from pathlib import Path\nPATH = Path(__file__).parent / "resources"\nPINNED_IMAGES = PATH / "pinned_images.cfg"\n'
)
_WARMUP = (
    "import subprocess\n"
    "def warm_up(image):\n"
    '    subprocess.run(["docker", "create", image.source_name, "true"], check=True)\n'
)


def test_a_pinned_table_the_tools_code_names_is_read_when_its_python_runs_docker_with_a_computed_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "acmetool/resources/pinned_images.cfg": _TABLE,
        "acmetool/resources.py": _RESOURCES,
        "test/conftest.py": _WARMUP,
    }
    rows = [row for row in tree_rows(tree, tmp_path, monkeypatch, capsys) if row[5] != "unresolved"]
    assert rows == [
        (
            "acmetool/resources/pinned_images.cfg",
            2,
            "pinned image table",
            "pinned image (named by acmetool/resources.py)",
            f"quay.io/acme/builder_x86_64@sha256:{_DIGEST_A}",
            "public",
        ),
        (
            "acmetool/resources/pinned_images.cfg",
            5,
            "pinned image table",
            "pinned image (named by acmetool/resources.py)",
            f"quay.io/acme/builder_aarch64@sha256:{_DIGEST_B}",
            "public",
        ),
    ]


_NOT_READ = {
    # named and pinned, but no Python of the tree runs a container engine with an image it computes
    "no computed image": {
        "tool/resources/pinned_images.cfg": _TABLE,
        "tool/resources.py": _RESOURCES,
        "test/conftest.py": 'import subprocess\nsubprocess.run(["docker", "pull", "alpine:3.20"])\n',
    },
    # a table with a value that is no digest-pinned image: a settings file
    "partly pinned": {
        "tool/resources/pinned_images.cfg": _TABLE + "[settings]\nretries = 3\n",
        "tool/resources.py": _RESOURCES,
        "test/conftest.py": _WARMUP + 'subprocess.run(["docker", "pull", "alpine:3.20"])\n',
    },
    # a pinned table no source names
    "not named": {
        "tool/data/other_images.cfg": _TABLE,
        "test/conftest.py": _WARMUP + 'subprocess.run(["docker", "pull", "alpine:3.20"])\n',
    },
}


@pytest.mark.parametrize("case", sorted(_NOT_READ))
def test_a_pinned_table_is_not_read_without_a_docker_command_of_computed_image_nor_unnamed_nor_partly_pinned(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row for row in tree_rows(_NOT_READ[case], tmp_path, monkeypatch, capsys) if row[5] != "unresolved"]
    assert [row[4] for row in rows] == ["alpine:3.20"]
