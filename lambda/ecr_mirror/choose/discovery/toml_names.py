"""Which TOML configurations are read, by name (pure): the kind (a `kinds.Kind` value) of each.

`pyproject.toml` and `cibuildwheel.toml` (cibuildwheel's `[tool.cibuildwheel]` Linux images, cibuildwheel_config.py);
`Cross.toml` and `Cargo.toml` (cross's build images; Cargo.toml's `metadata.cross` tables, cross_toml.py); Fly.io's
`fly.toml`, `fly.*.toml`, `fly-*.toml` (`[build] image`, fly_toml.py); containerd's `config.toml` as installed and
files named for it (`containerd_config.toml`), templates too (its CRI plugin's sandbox image, containerd_config.py).
Other TOML gives nothing.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.fly_toml import NAME_RE as _FLY_RE

_CONTAINERD_RE = re.compile(r"(?:^config|containerd.*)\.toml(?:\.(?:j2|jinja2?|tmpl|tpl))?$")
_NAMED = {
    "pyproject.toml": "cibuildwheel config",
    "cibuildwheel.toml": "cibuildwheel config",
    "cross.toml": "cross config",
    "cargo.toml": "cross config",
}


def toml_kind(name: str) -> str | None:
    """The kind of the TOML file named `name` (lower case), as a `kinds.Kind` value; None for another file."""
    if name in _NAMED:
        return _NAMED[name]
    if _FLY_RE.match(name):
        return "Fly.io configuration"
    return "containerd config" if _CONTAINERD_RE.search(name) else None
