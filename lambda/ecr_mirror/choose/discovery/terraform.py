"""Images of ECS container definitions written in Terraform (pure). The `.tf` files of one directory are one module.

Read, and only these (an `image` elsewhere is often no container image: a Compute Engine disk image, `image_id`):
- `container_definitions` anywhere (an `aws_ecs_task_definition`'s, a module input as terraform-aws-modules/ecs
  takes it): a list of container definitions (`jsonencode([{ image = "..." }])`), a map of name to definition
  (`container_definitions = { app = { image = "..." } }`), or JSON text (a heredoc, `"image": "..."` lines);
- any object or block shaped like a container definition: an `image` and a key only a container definition has
  (`essential`, `portMappings`, `logConfiguration`, ...: a `locals` entry that is concatenated into a task
  definition, a module built on the container-definition module);
- a `container_definitions` rendered from a template file of the module, `templatefile("${path.module}/x.json.tpl",
  { image = var.image })` (https://developer.hashicorp.com/terraform/language/functions/templatefile): each
  `"image": "${NAME}"` of the template is the value the call gives NAME, at the call's line, and a literal
  `"image": "..."` is read at its line in the template (the template read through `read`, when given);
- a `nomad_job`'s `jobspec` rendered the same way (`jobspec = templatefile("${path.module}/jobs/x.hcl", {...})`,
  https://registry.terraform.io/providers/hashicorp/nomad/latest/docs/resources/job): each `image = "..."` line of
  the template, a `${NAME}` in it the value the call gives NAME (one the call does not give is Nomad's own
  interpolation, filled when the job runs: no image); its `%{ if }` directives are not decided (both sides read);
- `primary_container` (ECS Express services): its `image`;
- the images of resources that run containers (terraform_resources.py: `docker_container`, `docker_image`, Azure
  Container Instances and Container Apps, Cloud Run, the Kubernetes provider's workloads);
- the docker commands of `remote-exec` and `local-exec` provisioners (terraform_provisioners.py);
- a `helm_release`'s `set` of an image's repository and tag (terraform_helm_releases.py).
Values: terraform_values.py (`var.x` from the variable's default here, `local.x`); others unresolved with the reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import Expr, HclSyntax, Text
from ecr_mirror.choose.discovery.step_scripts import StepCall
from ecr_mirror.choose.discovery.terraform_hcl import Body, Call, parse_terraform
from ecr_mirror.choose.discovery.terraform_helm_releases import USE as HELM_USE
from ecr_mirror.choose.discovery.terraform_helm_releases import helm_release_images
from ecr_mirror.choose.discovery.terraform_local_exec import local_exec_runs
from ecr_mirror.choose.discovery.terraform_provisioners import provisioner_images
from ecr_mirror.choose.discovery.terraform_resources import KIND as RESOURCE_KIND
from ecr_mirror.choose.discovery.terraform_resources import resource_images
from ecr_mirror.choose.discovery.terraform_values import ModuleValues, compact

KIND = "ECS task definition (Terraform)"
NOMAD_KIND = "Nomad job (Terraform)"
_DEFINITIONS = "container_definitions image"
_SHAPED = "image (container definition)"
_PRIMARY = "primary_container image"
_JOBSPEC = "nomad_job jobspec image"
# Keys of an ECS container definition that no other object with an `image` has (the API's, and the snake_case
# inputs of modules that build one); not `name`, `cpu`, `memory`, `command`, `environment`: any container has them
_CONTAINER_KEYS = frozenset(
    {
        "essential", "portMappings", "logConfiguration", "memoryReservation", "firelensConfiguration",
        "readonlyRootFilesystem", "healthCheck", "mountPoints", "volumesFrom", "dependsOn", "linuxParameters",
        "entryPoint", "workingDirectory", "repositoryCredentials", "dockerLabels", "ulimits", "systemControls",
        "startTimeout", "stopTimeout", "resourceRequirements", "environmentFiles", "restartPolicy",
        "port_mappings", "log_configuration", "memory_reservation", "firelens_configuration",
        "readonly_root_filesystem", "mount_points", "volumes_from", "linux_parameters", "working_directory",
        "repository_credentials", "docker_labels", "enable_cloudwatch_logging",
    }
)  # fmt: skip
_JSON_IMAGE_RE = re.compile(r'"image"\s*:\s*"((?:[^"\\]|\\.)*)"')
_HCL_IMAGE_RE = re.compile(r'^\s*image\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$')  # a Nomad docker task's config


@dataclass
class TerraformModule:
    found: list[Found] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # files this reader cannot read, named
    # (file, call) of the module's scripts its local commands run with an environment (terraform_local_exec.py)
    runs: list[tuple[str, StepCall]] = field(default_factory=list)


def _attributes(value: Any) -> dict[str, Any] | None:
    """An object's entries, or a block's attributes; None for anything else."""
    if isinstance(value, Body):
        return {name: item for name, labels, item, _ in value if not labels and not isinstance(item, Body)}
    return value if isinstance(value, dict) else None


def _children(value: Any) -> Iterator[tuple[str, Any]]:
    """(key, value) of what an object, a block or a list holds."""
    if isinstance(value, Body):
        yield from ((name, item) for name, _, item, _ in value)
    elif isinstance(value, dict):
        yield from value.items()
    elif isinstance(value, list):
        yield from (("", item) for item in value)
    elif isinstance(value, Call):
        yield from (("", item) for item in value.arguments)


def _definitions(value: Any) -> Iterator[Any]:
    """The container definitions of a `container_definitions` value: a list's items or a map's values."""
    if isinstance(value, list) and not isinstance(value, Body):
        yield from value
    elif isinstance(value, dict):
        yield from value.values()
    elif isinstance(value, Call):  # `merge(var.extra, { app = {...} })`, `concat([...], [...])`
        for argument in value.arguments:
            yield from _definitions(argument)


_TEMPLATE_PATH_RE = re.compile(r"\$\{path\.module\}/(?P<path>[^$%{}\\]+)")
_VARIABLE_RE = re.compile(r"\$\{\s*(?P<name>[A-Za-z_][\w-]*)\s*\}")
_INTERPOLATION_RE = re.compile(r"\$\{[^{}]*\}")
_LOCAL_RE = re.compile(r"local\.(?P<name>[A-Za-z_][\w-]*)")
Read = Callable[[str], str | None]  # a file of the module's directory, by its path from there -> its text


class _Reader:
    def __init__(self, values: ModuleValues, directory: str, read: Read | None = None) -> None:
        self.values = values
        self.found: dict[tuple[str, int], Found] = {}
        self.directory, self.read = directory, read

    def add(self, value: Any, use: str, kind: str = KIND) -> None:
        resolved = self.values.text(value)
        if resolved is None or not resolved[0].strip():
            return
        text, problem = resolved
        origin, line = value.origin, value.line
        self.found.setdefault((origin, line), Found(text.strip(), origin, line, problem, use, kind))

    def json_text(self, value: Text) -> None:
        """Container definitions as JSON text (a heredoc: its body starts on the line after `<<EOT`)."""
        first = value.line + 1 if "\n" in value.raw else value.line
        for offset, line in enumerate(value.raw.split("\n")):
            for match in _JSON_IMAGE_RE.finditer(line):
                raw = match.group(1).replace('\\"', '"')
                self.add(Text(raw, first + offset, value.origin), _DEFINITIONS)

    def template(
        self, call: Call, image_re: re.Pattern[str] = _JSON_IMAGE_RE, use: str = _DEFINITIONS, kind: str = KIND
    ) -> None:
        """`templatefile("${path.module}/PATH", {NAME = VALUE, ...})`: the images of the template at PATH, its image
        lines those `image_re` finds."""
        path = call.arguments[0] if call.arguments else None
        written = _TEMPLATE_PATH_RE.fullmatch(path.raw) if isinstance(path, Text) else None
        given = self._given(call.arguments[1]) if len(call.arguments) > 1 else None
        text = self.read(written["path"]) if written is not None and self.read is not None else None
        if text is None or written is None:
            return
        shown = os.path.normpath(os.path.join(self.directory, written["path"]))
        for number, line in enumerate(text.split("\n"), start=1):
            for match in image_re.finditer(line):
                raw = match.group(1)
                if (variable := _VARIABLE_RE.fullmatch(raw)) is not None:
                    if given is not None and variable["name"] in given:
                        self.add(given[variable["name"]], use, kind)
                elif "%{" not in raw and (filled := self._filled(raw, given or {})) is not None:
                    self.add(Text(filled, number, shown), use, kind)

    def _given(self, value: Any) -> dict[str, Any] | None:
        """A template's variables: an object written in the call, or a local holding one (`local.job_vars`)."""
        if isinstance(value, Expr) and (local := _LOCAL_RE.fullmatch(compact(value.text))) is not None:
            value = self.values.locals.get(local["name"])
        return _attributes(value)

    def _filled(self, raw: str, given: dict[str, Any]) -> str | None:
        """A template string with each `${NAME}` the value the call gives NAME; None when one is not given (Nomad's
        own interpolation) or not known here, or another expression is interpolated."""
        parts: list[str] = []
        last = 0
        for match in _INTERPOLATION_RE.finditer(raw):
            name = _VARIABLE_RE.fullmatch(match.group(0))
            resolved = self.values.text(given[name["name"]]) if name is not None and name["name"] in given else None
            if resolved is None or resolved[1] is not None:
                return None
            parts += [raw[last : match.start()], resolved[0]]
            last = match.end()
        return "".join(parts) + raw[last:]

    def visit(self, key: str, value: Any) -> None:
        attributes = _attributes(value)
        if key == "container_definitions":
            if isinstance(value, Text):
                self.json_text(value)
            elif isinstance(value, Call) and value.text.lstrip().startswith("templatefile"):
                self.template(value)
                return
            for definition in _definitions(value):
                entries = _attributes(definition)
                if entries is not None and "image" in entries:
                    self.add(entries["image"], _DEFINITIONS)
        elif key == "jobspec" and isinstance(value, Call) and value.text.lstrip().startswith("templatefile"):
            self.template(value, _HCL_IMAGE_RE, _JOBSPEC, NOMAD_KIND)
            return
        elif key == "primary_container" and attributes is not None and "image" in attributes:
            self.add(attributes["image"], _PRIMARY)
        elif attributes is not None and "image" in attributes and _CONTAINER_KEYS & attributes.keys():
            self.add(attributes["image"], _SHAPED)
        for child_key, child in _children(value):
            self.visit(child_key, child)


def terraform_module(
    files: list[tuple[str, str]], inputs: list[dict[str, Any]] | None = None, read: Read | None = None
) -> TerraformModule:
    """The images of the module made of `files` (shown name, text), all of one directory (ValueError otherwise); a
    file this reader cannot read is a warning naming it, and the others are read. `inputs`: the values each call of
    the module by another module of the tree gives its variables (terraform_calls.py): the module is read once per
    call, an image of one line listed once per value it gets. `read`: the module's other files (templates)."""
    if len({os.path.dirname(shown) for shown, _ in files}) > 1:
        raise ValueError("the files of a Terraform module are those of one directory")
    out = TerraformModule()
    bodies: list[Body] = []
    for shown, text in files:
        try:
            bodies.append(parse_terraform(text, shown))
        except HclSyntax as exc:
            out.warnings.append(f"{shown}: {exc} (this reader knows a subset of HCL); skipped")
    found: dict[tuple[str, int, str], Found] = {}
    directory = os.path.normpath(os.path.dirname(files[0][0])) if files else "."
    for given in inputs or [{}]:
        values = ModuleValues(bodies, given)
        out.runs += [run for run in local_exec_runs(bodies, values, directory) if run not in out.runs]
        reader = _Reader(values, directory, read)
        for body in bodies:
            reader.visit("", body)
            for value, use in resource_images(body):
                reader.add(value, use, RESOURCE_KIND)
            for image in helm_release_images(body):  # a release's `set` of `image.repository` and `image.tag`
                reader.add(image, HELM_USE, RESOURCE_KIND)
            for item in provisioner_images(body, reader.values):
                reader.found.setdefault((item.origin, item.line or 0), item)
        for item in reader.found.values():
            found.setdefault((item.origin, item.line or 0, item.text), item)
    out.found = sorted(found.values(), key=lambda item: (item.origin, item.line or 0))
    return out
