"""The images of the YAML files a tree's own programs read and hand docker: a Go tool's (discover_go_yaml_configs.py)
and a Rust tool's (discover_rust_yaml_configs.py); and of the manifest templates a Go program embeds and applies
(discover_go_embeds.py)."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.cli.discover_go_embeds import embedded_template_pulls
from ecr_mirror.cli.discover_go_yaml_configs import go_yaml_config_pulls
from ecr_mirror.cli.discover_rust_yaml_configs import rust_yaml_config_pulls
from ecr_mirror.cli.discover_walk import Walk


def config_pulls(found: list[Found], walk: Walk, scripts: dict[str, str], warn: Callable[[str], None]) -> list[Found]:
    """The images of the YAML files the tree's Go tools (run by `scripts`) and Rust tools read and pull, and of the
    manifest templates Go programs embed (a template that cannot be read is a warning through `warn`)."""
    configs = go_yaml_config_pulls(found, walk.sources, scripts) + rust_yaml_config_pulls(walk.sources, walk.tops)
    return configs + embedded_template_pulls(walk.sources, warn)
