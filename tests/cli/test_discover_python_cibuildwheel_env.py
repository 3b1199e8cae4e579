"""`discover` on a Python test of a project that runs cibuildwheel with its Linux image options in the environment
it passes (choose/discovery/python_cibuildwheel_env.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows


def test_a_cibuildwheel_image_option_a_python_test_passes_is_read_and_a_pinned_name_or_other_file_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "test/test_custom_image.py": (
            "from . import utils\n"
            "def test(tmp_path, policy):\n"
            "    utils.cibuildwheel_run(\n"
            "        tmp_path,\n"
            "        add_env={\n"
            '            "CIBW_MANYLINUX_X86_64_IMAGE": "acme/manylinux2014-x64",\n'
            '            "CIBW_MUSLLINUX_AARCH64_IMAGE": "ghcr.io/acme/musllinux:1.2",\n'
            '            "CIBW_MANYLINUX_I686_IMAGE": "manylinux_2_28",\n'
            '            "CIBW_MUSLLINUX_X86_64_IMAGE": policy,\n'
            '            "CIBW_BUILD": "cp312-*",\n'
            "        },\n"
            "    )\n"
        ),
        # the same option names in a file that runs no cibuildwheel: a settings table of another tool
        "tools/table.py": 'NAMES = {"CIBW_MANYLINUX_X86_64_IMAGE": "acme/other-image:1"}\n',
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert rows == [
        (
            "test/test_custom_image.py",
            6,
            "Python source",
            "CIBW_MANYLINUX_X86_64_IMAGE (cibuildwheel)",
            "acme/manylinux2014-x64:latest",
            "public",
        ),
        (
            "test/test_custom_image.py",
            7,
            "Python source",
            "CIBW_MUSLLINUX_AARCH64_IMAGE (cibuildwheel)",
            "ghcr.io/acme/musllinux:1.2",
            "public",
        ),
    ]
