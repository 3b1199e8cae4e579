"""The environment a Makefile gives the goreleaser it runs (pure).

GNU make passes an `export`ed variable to the commands of its recipes (https://www.gnu.org/software/make/manual/
html_node/Variables_002fRecursion.html): `export ENVOY_IMAGE ?= quay.io/solo-io/envoy-gloo:1.34.0-patch0` is in the
environment of `$(GORELEASER) release`, where a GoReleaser template reads it as `{{ .Env.ENVOY_IMAGE }}`. Read: the
`Makefile` (or `GNUmakefile`) in the configuration's directory, when a recipe of it names goreleaser; each name it
exports on the assignment's line with one literal value (no other reference), and no other assignment.
"""

from __future__ import annotations

import os
import re

_EXPORT_RE = re.compile(r"^export[ \t]+([A-Za-z_]\w*)[ \t]*(?:\?=|:=|::=|=)[ \t]*([^\s$#]+)[ \t]*(?:#.*)?$", re.M)
_NAMES = ("Makefile", "GNUmakefile", "makefile")


def exported_env(config: str, files: dict[str, str] | None) -> dict[str, str]:
    """NAME -> value of each literal `export NAME ?= value` of the Makefile beside `config` that runs goreleaser."""
    directory = os.path.dirname(os.path.normpath(config))
    for name in _NAMES if files else ():
        text = (files or {}).get(os.path.join(directory, name) if directory else name)
        if text is None or "goreleaser" not in text.lower():
            continue
        exported = {match.group(1): match.group(2) for match in _EXPORT_RE.finditer(text)}
        counts = {key: len(re.findall(rf"^[ \t]*(?:export[ \t]+)?{key}[ \t]*[?:]*=", text, re.M)) for key in exported}
        return {key: value for key, value in exported.items() if counts[key] == 1}
    return {}
