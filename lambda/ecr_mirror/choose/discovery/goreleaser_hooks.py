"""The images a GoReleaser configuration's hooks run with docker (pure).

GoReleaser runs the commands of its global `before: hooks:` before the release (and GoReleaser Pro's `after: hooks:`
after it: https://goreleaser.com/customization/hooks/), and each build's `hooks: pre:` and `post:` around it
(https://goreleaser.com/customization/builds/go/#build-hooks). A hook is a command string, or a mapping whose `cmd`
is one (beside `dir`, `env`, `output`); a build's `pre`/`post` is one hook or a list of them. A hook that runs
`docker run|pull IMAGE` (slo-exporter's `docker run --rm --privileged multiarch/qemu-user-static --reset -p yes`,
which registers QEMU for the multi-arch images the configuration builds) is read as a script's line is
(docker_run.py), at the hook's line. GoReleaser applies its templates before it splits the command into words, so
a template (`-v {{ .Env.PWD }}:/src`) is read as one word, a value known only when goreleaser runs (an image that is
one is unresolved, naming it).
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

TEMPLATE = "${GORELEASER_TEMPLATE}"  # what a `{{ ... }}` template stands for in a hook's words


def _untemplated(command: str) -> str:
    """`command` with each `{{ ... }}` template one word, TEMPLATE (an unclosed `{{` kept as written)."""
    parts = command.split("{{")
    out = [parts[0]]
    for part in parts[1:]:
        _, closed, rest = part.partition("}}")
        out.append(TEMPLATE + rest if closed else "{{" + part)
    return "".join(out)


def _commands(hooks: object) -> list[str]:
    """The command strings of one hook or a list of hooks (a string, or a mapping's `cmd`)."""
    out: list[str] = []
    for hook in hooks if isinstance(hooks, list) else [hooks]:
        command = hook.get("cmd") if isinstance(hook, dict) else hook
        out += [command] if isinstance(command, str) else []
    return out


def _hook_commands(doc: dict[object, object]) -> list[tuple[str, str]]:
    """(where, command) of each hook of a configuration, in the file's order of sections."""
    out: list[tuple[str, str]] = []
    for section in ("before", "after"):
        block = doc.get(section)
        out += (
            [(f"{section} hooks", command) for command in _commands(block.get("hooks"))]
            if isinstance(block, dict)
            else []
        )
    builds = doc.get("builds")
    for build in builds if isinstance(builds, list) else ():
        hooks = build.get("hooks") if isinstance(build, dict) else None
        if isinstance(hooks, dict):
            out += [
                (f"build {stage} hook", command) for stage in ("pre", "post") for command in _commands(hooks.get(stage))
            ]
    return out


def goreleaser_hook_images(text: str, origin: str) -> list[Found]:
    """The images the hooks of a GoReleaser configuration run or pull with docker, at each hook's line."""
    if "hooks" not in text or "docker" not in text:
        return []
    found: list[Found] = []
    for doc in load_documents(text, origin):
        for where, command in _hook_commands(doc) if isinstance(doc, dict) else ():
            if "docker" not in command:
                continue
            line = line_of(command)
            joined = _untemplated(" ".join(command.split("\n")))
            found += [
                dataclasses.replace(item, line=line, use=f"{where} ({item.use})")
                for item in docker_runs(joined, origin)
            ]
    return found
