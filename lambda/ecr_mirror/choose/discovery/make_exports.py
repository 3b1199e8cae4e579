"""The environment a Makefile gives the goreleaser it runs (pure).

GNU make passes an `export`ed variable to the commands of its recipes (https://www.gnu.org/software/make/manual/
html_node/Variables_002fRecursion.html): `export ENVOY_IMAGE ?= quay.io/solo-io/envoy-gloo:1.34.0-patch0` is in the
environment of `$(GORELEASER) release`, where a GoReleaser template reads it as `{{ .Env.ENVOY_IMAGE }}`. Read: the
`Makefile` (or `GNUmakefile`) in the configuration's directory, when a recipe of it names goreleaser; each name it
exports on an assignment's line (`export NAME ?= v`) that the file gives one literal value (shell_words.ShellValues).
"""

from __future__ import annotations

import os
import re

from ecr_mirror.choose.discovery.shell_words import ShellValues

_EXPORT_RE = re.compile(r"^export[ \t]+([A-Za-z_]\w*)[ \t]*(?:\?=|:=|::=|=)", re.MULTILINE)
_NAMES = ("Makefile", "GNUmakefile", "makefile")


def exported_env(config: str, files: dict[str, str] | None) -> dict[str, str]:
    """NAME -> value of each literal `export NAME ?= value` of the Makefile beside `config` that runs goreleaser."""
    directory = os.path.dirname(os.path.normpath(config))
    for makefile in _NAMES if files else ():
        text = (files or {}).get(os.path.join(directory, makefile) if directory else makefile)
        if text is None or "goreleaser" not in text.lower():
            continue
        values = ShellValues.of(text).values
        exported = {match.group(1) for match in _EXPORT_RE.finditer(text)}
        given = {name: next(iter(values[name])) for name in exported if len(values.get(name, ())) == 1}
        return {name: value for name, value in given.items() if value and "$" not in value}
    return {}
