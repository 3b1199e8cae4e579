"""cibuildwheel's Linux build images from its configuration file: `pyproject.toml`'s `[tool.cibuildwheel]` tables
(also `.linux` and `[[tool.cibuildwheel.overrides]]`) and a `cibuildwheel.toml` given with `--config-file`."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.errors import ConfigError

PYPROJECT = """\
[project]
name = "fastgeo"

[tool.cibuildwheel]
build = "cp3*"
manylinux-x86_64-image = "ghcr.io/acme/manylinux:2_28_vcpkg"
manylinux-aarch64-image = "manylinux_2_28"
musllinux-x86_64-image = "quay.io/pypa/musllinux_1_2_x86_64:2025.01.11-1"

[tool.cibuildwheel.linux]
manylinux-i686-image = "ghcr.io/acme/manylinux:2_28_i686"

[[tool.cibuildwheel.overrides]]
select = "cp313-*"
manylinux-x86_64-image = "ghcr.io/acme/manylinux:2_28_py313"
"""


def _found(text: str, name: str) -> list[tuple[str, int]]:
    kind = kind_of(name)
    assert kind is not None
    return [(item.text, item.line or 0) for item in images_in(kind, text, name) if item.problem is None]


def test_pyproject_images_are_read_at_their_lines_pinned_names_left_to_the_tool() -> None:
    assert _found(PYPROJECT, "pyproject.toml") == [
        ("ghcr.io/acme/manylinux:2_28_vcpkg", 6),
        ("quay.io/pypa/musllinux_1_2_x86_64:2025.01.11-1", 8),
        ("ghcr.io/acme/manylinux:2_28_i686", 11),
        ("ghcr.io/acme/manylinux:2_28_py313", 15),
    ]


def test_a_config_file_of_its_own_is_read_and_other_pyprojects_give_nothing() -> None:
    assert _found(PYPROJECT, "ci/cibuildwheel.toml")[0] == ("ghcr.io/acme/manylinux:2_28_vcpkg", 6)
    assert _found('[project]\nname = "x"\n[tool.ruff]\nline-length = 120\n', "pyproject.toml") == []
    assert _found('[project\nname = "x"\n', "pyproject.toml") == []  # no cibuildwheel: not read, no error


def test_a_broken_cibuildwheel_table_is_an_error_naming_the_file() -> None:
    with pytest.raises(ConfigError, match=r"pyproject\.toml"):
        images_in(Kind.CIBUILDWHEEL, '[tool.cibuildwheel]\nmanylinux-x86_64-image = "a\n', "pyproject.toml")
