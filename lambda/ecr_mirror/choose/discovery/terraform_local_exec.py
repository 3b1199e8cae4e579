"""The scripts a Terraform module runs on the machine that runs Terraform, with the environment it gives them (pure).

A `provisioner "local-exec"` block (in any resource) runs its `command` with `environment` added to Terraform's
own; HashiCorp's enos provider's `enos_local_exec` resource runs its `inline` commands and its `scripts` with its
`environment` (https://github.com/hashicorp-forge/terraform-provider-enos). Such a command often runs a script of the
module, `bash ./${path.module}/init.sh`, that pulls an image it is given in the environment
(`MINIO_CLIENT_IMAGE = var.image_name_client`): that script, read with those values, pulls the image the variable's
default names. A call is read only when its path is the module's own: under `${path.module}`, or relative to a
`working_dir` of `path.module` (a path relative to wherever Terraform runs is not followed). An environment value
is a literal or what the module's values give it (terraform_values.py); one known only when Terraform plans
(`var.networks[0]` without a default, `data.x.id`) is left out. The calls are StepCall values, as a workflow step's,
read by cli/discover_step_scripts.py.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, Text
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated, template
from ecr_mirror.choose.discovery.step_scripts import StepCall, calls_in
from ecr_mirror.choose.discovery.terraform_hcl import Body
from ecr_mirror.choose.discovery.terraform_values import ModuleValues

_MODULE = "__terraform_path_module__"  # `${path.module}` while the command's words are read
_PATH_MODULE_RE = re.compile(r"\$\{\s*path\s*\.\s*module\s*\}")
_INTERPOLATION_RE = re.compile(r"\$\{[^{}]*\}")


def _attributes(body: Body) -> dict[str, Any]:
    return {name: value for name, labels, value, _ in body if not labels and not isinstance(value, Body)}


def _environment(value: Any, values: ModuleValues) -> dict[str, str]:
    """The names of an `environment` map with a value known here, each as a string."""
    out: dict[str, str] = {}
    for name, given in value.items() if isinstance(value, dict) else ():
        try:
            plain = values.plain(given)
        except NotEvaluated:
            continue
        if isinstance(plain, str | int | float) and not isinstance(plain, bool):
            out[str(name)] = str(plain)
    return out


def _command(value: Text, values: ModuleValues) -> str:
    """A command with `${path.module}` marked and its other `${...}` evaluated (an unknown one a placeholder word)."""
    raw = _PATH_MODULE_RE.sub(_MODULE, value.raw)
    try:
        return template(raw, values.scope)
    except NotEvaluated:
        return _INTERPOLATION_RE.sub("_", raw)


def _anchored(path: str, directory: str) -> str | None:
    """`path` from the tree's root when it is under the module's directory (marked), else None."""
    if path != _MODULE and not path.startswith(_MODULE + "/"):
        return None
    return posixpath.normpath(posixpath.join(directory, path[len(_MODULE) :].lstrip("/") or "."))


def _calls(
    commands: list[Text], values: ModuleValues, directory: str, base: str, env: tuple[tuple[str, str], ...]
) -> Iterator[tuple[str, StepCall]]:
    """(the file, the call) of each script or make call of `commands` that is the module's own."""
    for value in commands:
        for line, kind, names, where in calls_in(_command(value, values), value.line, base):
            if kind == "script":
                script = _anchored(posixpath.join(where, names[0]) if where else names[0], directory)
                if script is not None:
                    relative = (posixpath.relpath(script, directory or "."),)
                    yield value.origin, StepCall("script", relative, directory, env, line)
            elif (at := _anchored(where, directory)) is not None:
                yield value.origin, StepCall("make", names, at, env, line)


def _texts(value: Any) -> list[Text]:
    if isinstance(value, Text):
        return [value]
    return [item for item in value if isinstance(item, Text)] if isinstance(value, list) else []


def _runs(body: Body) -> Iterator[tuple[dict[str, Any], list[Text]]]:
    """(attributes, commands or script paths) of each local command of a module's body."""
    for name, labels, value, _ in body:
        if name != "resource" or not labels or not isinstance(value, Body):
            continue
        attributes = _attributes(value)
        if labels[0] == "enos_local_exec":
            yield attributes, _texts(attributes.get("inline")) + _texts(attributes.get("scripts"))
        for item, item_labels, block, _ in value:
            if item == "provisioner" and item_labels == ["local-exec"] and isinstance(block, Body):
                inner = _attributes(block)
                yield inner, _texts(inner.get("command"))


def local_exec_runs(bodies: list[Body], values: ModuleValues, directory: str) -> list[tuple[str, StepCall]]:
    """(the file, the call) of the scripts (and make targets) of the module in `directory` (from the tree's root)
    that its local commands run with a known environment, each with that environment, at the command's line."""
    out: list[tuple[str, StepCall]] = []
    for body in bodies:
        for attributes, commands in _runs(body):
            env = _environment(attributes.get("environment"), values)
            working = attributes.get("working_dir")
            at_module = isinstance(working, Expr) and re.fullmatch(r"path\s*\.\s*module", working.text.strip())
            at_module = at_module or (isinstance(working, Text) and _PATH_MODULE_RE.fullmatch(working.raw.strip()))
            if not env or (working is not None and not at_module):
                continue
            base = _MODULE if at_module else ""
            for run in _calls(commands, values, directory, base, tuple(sorted(env.items()))):
                if run not in out:
                    out.append(run)
    return out
