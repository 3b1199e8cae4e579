"""The images of the YAML files a tree's own programs read and hand docker: a Go tool's (discover_go_yaml_configs.py)
and a Rust tool's (discover_rust_yaml_configs.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.cli.discover_go_yaml_configs import go_yaml_config_pulls
from ecr_mirror.cli.discover_rust_yaml_configs import rust_yaml_config_pulls
from ecr_mirror.cli.discover_walk import Walk


def config_pulls(found: list[Found], walk: Walk, scripts: dict[str, str]) -> list[Found]:
    """The images of the YAML files the tree's Go tools (run by `scripts`) and Rust tools read and pull."""
    return go_yaml_config_pulls(found, walk.sources, scripts) + rust_yaml_config_pulls(walk.sources, walk.tops)
