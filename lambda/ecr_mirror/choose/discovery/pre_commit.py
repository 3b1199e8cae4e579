"""The images pre-commit runs hooks in: hooks of `language: docker_image` (pure).

https://pre-commit.com/#docker_image: such a hook's `entry` names an existing image, which pre-commit runs with
`docker run` (pulling it first), the entry's words placed after pre-commit's own options: `entry:
mvdan/shfmt:v3.5.1 -w`, `entry: --entrypoint my-exe registry.example.com/tool:1`, `entry: --net none
koalaman/shellcheck`. The image is the first word that is not a `docker run` option or an option's value, read as
the scripts' `docker run` lines are (docker_run.py). Read in `.pre-commit-config.yaml` (`repos[].hooks[]`, local
hooks and remote hooks whose config sets both `language` and `entry`) and in `.pre-commit-hooks.yaml`, the hooks a
repository publishes (a list of hooks), whose images their users pull, as the image of a GitHub action the tree
publishes. A remote hook that leaves `entry` to its repository names nothing here. `language: docker` builds the hook
repository's Dockerfile (for a local hook, the tree's, which the walk reads anyway): no image is named.

A hook of `language: system` (or `script`) runs its `entry` as a command (https://pre-commit.com/#system): an entry
that runs `docker run|pull IMAGE`, alone or as a shell's `bash -c '...'` string (OpenLineage's Go lint hook, `bash -c
'docker run --rm ... golangci/golangci-lint:v2.10.1 golangci-lint run ...'`), is read as a script's line is
(docker_run.py), at the entry's line; a `docker run` the entry only echoes is not. Another language's entry is a
program of the hook's own environment, not a shell command, and is not read.
"""

from __future__ import annotations

import dataclasses
import posixpath
import shlex

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.docker_run import docker_runs, image_word, unknown_option
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

USE = "entry (docker_image)"
_SHELLS = frozenset({"bash", "sh", "zsh", "dash", "ksh"})
_COMMAND_LANGUAGES = frozenset({"system", "script"})


def _hooks(doc: object) -> list[object]:
    """The hooks of a config (`repos[].hooks[]`) or of a hooks file (a list of hooks)."""
    if isinstance(doc, list):
        return list(doc)
    repos = doc.get("repos") if isinstance(doc, dict) else None
    hooks: list[object] = []
    for repo in repos if isinstance(repos, list) else ():
        listed = repo.get("hooks") if isinstance(repo, dict) else None
        hooks += listed if isinstance(listed, list) else []
    return hooks


def _image(entry: object, origin: str) -> Found | None:
    line = line_of(entry)
    if not isinstance(entry, str) or not entry.strip():
        return None
    try:
        words = shlex.split(entry)
    except ValueError as exc:
        return Found(entry.strip(), origin, line, f"the entry is not shell words pre-commit can split: {exc}", USE)
    image, _ = image_word(words)
    if image is None or unknown_option(image):
        why = "no image in the entry: pre-commit gives its words to `docker run` after its own options"
        return Found(entry.strip(), origin, line, why, USE)
    return found_item(located(image, line), origin, USE)


def _command_runs(entry: object, origin: str) -> list[Found]:
    """The images a `system` or `script` hook's entry runs with docker, at the entry's line: the entry as a command,
    or the string a shell's `-c` runs."""
    if not isinstance(entry, str) or "docker" not in entry:
        return []
    command = " ".join(entry.split("\n"))
    try:
        words = shlex.split(command)
    except ValueError:
        words = []
    if len(words) >= 3 and posixpath.basename(words[0]) in _SHELLS and words[1] == "-c":
        command = words[2]
    line = line_of(entry)
    return [dataclasses.replace(item, line=line, use=f"entry ({item.use})") for item in docker_runs(command, origin)]


def pre_commit_images(text: str, origin: str) -> list[Found]:
    """The image of each hook of `language: docker_image`, and those a `system` or `script` hook's entry runs with
    docker, at its entry's line, in the file's order."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        for hook in _hooks(doc):
            if isinstance(hook, dict) and hook.get("language") == "docker_image":
                item = _image(hook.get("entry"), origin)
                found += [item] if item else []
            elif isinstance(hook, dict) and hook.get("language") in _COMMAND_LANGUAGES:
                found += _command_runs(hook.get("entry"), origin)
    return found
