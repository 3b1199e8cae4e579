"""The Dockerfiles GoReleaser builds with build arguments, and those arguments (pure).

A GoReleaser configuration's `dockers:` entries each run `docker build` (or `docker buildx build`) on their
`dockerfile` (default `Dockerfile`, from the project's root: the configuration's directory) with the flags of
`build_flag_templates` (https://goreleaser.com/customization/docker/); a `dockers_v2:` entry passes its `build_args`
mapping (https://goreleaser.com/customization/package/dockers_v2/). So an entry of opentelemetry-collector-releases
gives `--build-arg=WIN_VERSION=2022` to a `Windows.dockerfile` whose `ARG WIN_VERSION=2019` defaults the other: `FROM
mcr.microsoft.com/windows/nanoserver:ltsc${WIN_VERSION}` pulls `ltsc2022` for that entry. A flag
`--build-arg=NAME=VALUE`, or `--build-arg` then `NAME=VALUE` as the next item, is read; a value with a GoReleaser
template (`{{ .Env.WIN }}`) is known only when goreleaser runs and is not passed, so the Dockerfile's default stands
for it, unless the Makefile beside the configuration runs goreleaser and exports the name with one literal value
(`export ENVOY_IMAGE ?= quay.io/solo-io/envoy-gloo:1.34.0-patch0`, kgateway's): the environment it runs with. An
entry with no literal argument is no build of its own here: its Dockerfile is read as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ecr_mirror.choose.discovery.command_builds import CommandBuild
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

_FLAG = "--build-arg"


def _pair(written: str) -> tuple[str, str] | None:
    """`NAME=VALUE` as a pair, when VALUE is no GoReleaser template."""
    name, equals, value = written.partition("=")
    if not equals or not name.strip() or "{{" in written:
        return None
    return name.strip(), value.strip()


_ENV_RE = re.compile(r"\{\{-?\s*\.Env\.([A-Za-z_]\w*)\s*-?\}\}")  # https://goreleaser.com/customization/templates/


def _flag_args(flags: object) -> list[tuple[str, str]]:
    """The literal build arguments of a `build_flag_templates` list."""
    items = [str(item).strip() for item in flags] if isinstance(flags, list) else []
    args: list[tuple[str, str]] = []
    for at, item in enumerate(items):
        if item.startswith(_FLAG + "="):
            pair = _pair(item[len(_FLAG) + 1 :])
        elif item == _FLAG and at + 1 < len(items):
            pair = _pair(items[at + 1])
        else:
            continue
        args += [pair] if pair is not None else []
    return args


def _mapping_args(mapping: object) -> list[tuple[str, str]]:
    """The literal build arguments of a `build_args` mapping."""
    pairs = (_pair(f"{name}={value}") for name, value in mapping.items()) if isinstance(mapping, dict) else ()
    return [pair for pair in pairs if pair is not None]


def goreleaser_docker_builds(text: str, origin: str, env: Mapping[str, str] | None = None) -> list[CommandBuild]:
    """The builds of a GoReleaser configuration's `dockers:` and `dockers_v2:` entries that pass literal build
    arguments, at the entry's `dockerfile` line (its first key's without one); `{{ .Env.NAME }}` is `env`'s value
    where it has one (what the Makefile running goreleaser exports)."""
    builds: list[CommandBuild] = []
    if env:
        text = _ENV_RE.sub(lambda match: env.get(match.group(1), match.group(0)), text)
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        for key, read in (("dockers", "build_flag_templates"), ("dockers_v2", "build_args")):
            entries = doc.get(key)
            for entry in entries if isinstance(entries, list) else ():
                if not isinstance(entry, dict):
                    continue
                given: Any = entry.get(read)
                args = _flag_args(given) if key == "dockers" else _mapping_args(given)
                dockerfile = entry.get("dockerfile", "Dockerfile")
                if not args or not isinstance(dockerfile, str) or "{{" in dockerfile:
                    continue
                line = line_of(dockerfile) or line_of(next(iter(entry), None)) or 1
                builds.append(CommandBuild(dockerfile.strip(), tuple(args), origin, line))
    return builds
