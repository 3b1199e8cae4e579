"""The Go constant readers (cli/discover_go_program_constants.py, cli/discover_go_joined_constants.py) stay linear
in the images a program names: each image kept once, in order, without comparing it with every image kept before,
and each file of a package read for its names once, not once for each name asked of it."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.cli.discover_go_joined_constants import go_joined_constant_pulls
from ecr_mirror.cli.discover_go_program_constants import go_program_constant_pulls
from tests.support.hang_guard import finishes
from tests.support.trees import write_tree


def _operator(top: str, images: int) -> list[tuple[str, Path]]:
    """A module whose `config` package binds `images` image constants, and whose renderer writes each into a pod
    by its name, and joins as many images from the package's registry and tag: the tree's Go sources."""
    root = Path(top)
    constants = "".join(f'\tImage{index} = "acme/image-{index}:v1"\n' for index in range(images))
    fields = "".join(f"\t_ = Container{{Image: config.Image{index}}}\n" for index in range(images))
    joins = "".join(
        f'\tspec.Containers[0].Image = config.Registry + "/c{index}:" + config.Tag\n' for index in range(images)
    )
    files = {
        "go.mod": "module example.com/acme/observer\n\ngo 1.24\n",
        "pkg/config/config.go": f'package config\n\nconst (\n\tRegistry = "quay.io/acme"\n\tTag = "1"\n{constants})\n',
        "pkg/rendering/render.go": (
            'package rendering\n\nimport "example.com/acme/observer/pkg/config"\n\n'
            f"func render() {{\n{fields}{joins}}}\n"
            f"func again() {{\n{fields}}}\n"  # the same images named again: kept once
        ),
    }
    write_tree(root, files)
    return [(name, root / name) for name in files if name.endswith(".go")]


def _program_constants(top: str, images: int) -> list[str]:
    return [item.text for item in go_program_constant_pulls(_operator(top, images), Path.read_bytes)]


def _joined_constants(top: str, images: int) -> list[str]:
    return [item.text for item in go_joined_constant_pulls(_operator(top, images), Path.read_bytes)]


def test_each_image_is_kept_once_in_order(tmp_path: Path) -> None:
    assert _program_constants(str(tmp_path), 3) == ["acme/image-0:v1", "acme/image-1:v1", "acme/image-2:v1"]
    assert _joined_constants(str(tmp_path), 2) == ["quay.io/acme/c0:1", "quay.io/acme/c1:1"]


def test_many_program_constants_are_read_in_linear_time(tmp_path: Path) -> None:
    # each name read the package's files again, and each image was compared with every one kept: 2,000 took 109 s
    assert len(finishes(_program_constants, str(tmp_path), 40_000)) == 40_000


def test_many_joins_are_read_in_linear_time(tmp_path: Path) -> None:
    # each image was compared with every one kept: 8,000 joins took 28 s
    assert len(finishes(_joined_constants, str(tmp_path), 60_000)) == 60_000
