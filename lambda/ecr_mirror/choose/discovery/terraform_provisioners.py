"""The commands of Terraform's exec provisioners (pure): `remote-exec`'s `inline` list, run on the machine the
resource creates (a `docker run ... zookeeper:3.5` there pulls it), and `local-exec`'s `command`, run where Terraform
runs (https://developer.hashicorp.com/terraform/language/resources/provisioners). Each string, its `${var.x}` and
`${local.x}` known from the module's values (terraform_values.py), is read by the scripts' rules (docker_run.py);
`use` is the reader's (`docker run`, `docker pull`), `kind` `Terraform provisioner`. Not read: `remote-exec`'s
`script`/`scripts` (files, named by path) and the `file` provisioner (what it copies is not run).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import Text
from ecr_mirror.choose.discovery.terraform_hcl import Body
from ecr_mirror.choose.discovery.terraform_values import ModuleValues

KIND = "Terraform provisioner"
_COMMAND_KEYS = {"remote-exec": "inline", "local-exec": "command"}


def _commands(body: Body) -> Iterator[Text]:
    for name, labels, value, _ in body:
        if not isinstance(value, Body):
            continue
        if name == "provisioner" and labels and labels[0] in _COMMAND_KEYS:
            for key, _, item, _ in value:
                if key == _COMMAND_KEYS[labels[0]]:
                    yield from (each for each in (item if isinstance(item, list) else [item]) if isinstance(each, Text))
        else:
            yield from _commands(value)


def provisioner_images(body: Body, values: ModuleValues) -> list[Found]:
    """The images the exec provisioners of the blocks of `body` (at any depth) run or pull, at their lines."""
    found: list[Found] = []
    for command in _commands(body):
        if "docker" not in command.raw and "podman" not in command.raw:
            continue
        resolved: Any = values.text(command)
        text = resolved[0] if resolved is not None and resolved[1] is None else command.raw
        for item in docker_runs(text, command.origin):
            line = command.line + (item.line or 1) - 1
            found.append(dataclasses.replace(item, line=line, kind=KIND))
    return found
