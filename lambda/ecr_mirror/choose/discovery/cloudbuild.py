"""Google Cloud Build configs: the image each build step runs (pure).

`steps[].name` is the image of the step (https://cloud.google.com/build/docs/build-config-file-schema): a Docker Hub
name such as `bash` or `node:22`, or `gcr.io/cloud-builders/docker`. `$_NAME` and `${_NAME}` take the defaults of
the file's `substitutions:`; the built-in ones (`$PROJECT_ID`, `$SHORT_SHA`, ...) are set when the build runs and
stay unresolved; `$$` is a literal `$`. The top-level `images:` are what the build pushes, not what it pulls; a step
run from an image an earlier step builds (`args: ["build", "-t", "make-docker", "."]` in the docker builder, then
`name: make-docker`) is built here.
Files named `cloudbuild*.yaml` (or `.json`) are read as such, and any other YAML shaped like one: a `steps` list
whose every step has a `name` and none an `image`, `uses`, `run`, `commands` (Drone, Woodpecker, GitHub) or an
Azure Pipelines key (`displayName`, `bash`, `task`, ...), in a file without `trigger`, `pool`, `jobs` or `stages`, with
`args`, `entrypoint` or `script` in a step or Cloud Build's `timeout`, `options` or `substitutions` at the top.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import built_names
from ecr_mirror.choose.discovery.pack_builds import pack_build_words
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.oci.reference import Reference, reference_or_none

KIND = "Cloud Build config"
# Drone, Woodpecker, GitHub, Buildkite, and Azure Pipelines (whose steps may have a `name` and a `script` too)
_OTHER_CI_STEP_KEYS = (
    *("image", "uses", "run", "commands", "command", "task"),
    *("displayName", "bash", "pwsh", "powershell", "checkout", "template", "condition", "inputs"),
)
_OTHER_CI_TOP_KEYS = ("trigger", "pr", "pool", "jobs", "stages", "pipeline", "kind")
_STEP_KEYS = ("args", "entrypoint", "script")
_DOCKER_BUILDER = "cloud-builders/docker"
_TOP_KEYS = ("timeout", "options", "substitutions", "availableSecrets", "logsBucket", "serviceAccount")


def _explain(name: str) -> str:
    if name.startswith("_"):
        return f"${name} has no default in `substitutions:` (a trigger or `--substitutions` may set it)"
    return f"${name} is set by Cloud Build when the build runs"


def looks_like_cloudbuild(doc: object) -> bool:
    steps = doc.get("steps") if isinstance(doc, dict) and "apiVersion" not in doc else None
    if not isinstance(doc, dict) or not isinstance(steps, list) or not steps:
        return False
    if not all(isinstance(s, dict) and isinstance(s.get("name"), str) for s in steps):
        return False
    if any(key in step for step in steps for key in _OTHER_CI_STEP_KEYS) or any(k in doc for k in _OTHER_CI_TOP_KEYS):
        return False
    return any(key in step for step in steps for key in _STEP_KEYS) or any(key in doc for key in _TOP_KEYS)


def _built_tags(step: dict[Any, Any], builder: str) -> list[str]:
    """The tags a step's `docker build` gives (`args: ["build", "-t", NAME, "."]` in the docker builder, or with
    `entrypoint: docker`); none for any other step (a shell's `docker build` in `-c` is not read)."""
    entrypoint, args = step.get("entrypoint"), step.get("args")
    if entrypoint != "docker" and (entrypoint is not None or not builder.endswith(_DOCKER_BUILDER)):
        return []
    words = [str(word) for word in args] if isinstance(args, list) else []
    words = words[1:] if words[:1] == ["buildx"] else words
    if words[:1] != ["build"]:
        return []
    return built_names(words)


def _pack_pulls(step: dict[Any, Any], item: Found, resolve: Resolver) -> list[Found]:
    """The images a step running `pack build` pulls (`entrypoint: pack`, or a pack image's own entrypoint, such as
    `buildpacksio/pack`'s, with `args: [build, ...]`), at the step's line (pack_builds.py)."""
    entrypoint, args = step.get("entrypoint"), step.get("args")
    repository = item.text.split("@", 1)[0].rsplit("/", 1)[-1].split(":", 1)[0]
    if (entrypoint != "pack" and (entrypoint is not None or repository != "pack")) or not isinstance(args, list):
        return []
    words = [str(word) for word in args]
    if words[:1] != ["build"]:
        return []
    pulls = [found_item(image, item.origin, use, resolve, _explain) for use, image in pack_build_words(words[1:])]
    return [dataclasses.replace(pull, line=item.line, kind=KIND) for pull in pulls if pull is not None]


def cloudbuild_document(doc: dict[Any, Any], origin: str) -> list[Found]:
    """The image of each step; one an earlier step builds (`docker build -t NAME`, in the build's own workspace) is
    built here, not pulled."""
    raw = doc.get("substitutions")
    values: dict[str, str | None] = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    resolve: Resolver = lambda text: expand(text, values, dollar_escape=True)  # noqa: E731
    found: list[Found] = []
    built: dict[Reference, str] = {}
    steps = doc.get("steps")
    for step in steps if isinstance(steps, list) else ():
        item = found_item(step.get("name") if isinstance(step, dict) else None, origin, "step", resolve, _explain)
        if item is None or not isinstance(step, dict):
            continue
        ref = reference_or_none(item.text) if not item.problem else None
        found.append(dataclasses.replace(item, kind=KIND, built=built.get(ref) if ref else None))
        found += _pack_pulls(step, item, resolve)
        for tag in _built_tags(step, item.text):
            try:
                made = reference_or_none(resolve(tag))
            except (Unset, Malformed):
                continue
            if made is not None:
                built.setdefault(made, f"docker build -t in a step at {origin}:{item.line}")
    return found


def cloudbuild_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        found += cloudbuild_document(doc, origin) if isinstance(doc, dict) else []
    return found
