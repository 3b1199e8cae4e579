"""Nomad job files and Nomad Pack templates with the variables files they are run with.

A job file's `var.NAME` takes the job's own `variable` default, else a value from a `variables.hcl` or `vars.hcl`
beside it (its `variable` defaults, or `NAME = value` as `-var-file` gives it). A pack template
(`PACK/templates/*.nomad.tpl`) takes the defaults of its pack's `PACK/variables.hcl`. A variables file that cannot
be read is a warning naming it, and the references to its variables are unresolved. The scripts a job's task
renders with a `template` block and runs (nomad_jobs.task_scripts) are read as scripts are, at their lines in the
job file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.nomad_jobs import nomad_job_images, task_scripts
from ecr_mirror.choose.discovery.nomad_packs import pack_images, pack_name
from ecr_mirror.choose.discovery.nomad_variables import Variables, read_variables
from ecr_mirror.cli.discover_scripts import command_pulls
from ecr_mirror.errors import ConfigError

Reader = Callable[[str, Path], str | None]
Warn = Callable[[str], None]
JOB_VARIABLE_FILES = ("variables.hcl", "vars.hcl")


def _variables(shown: str, path: Path, read: Reader, warn: Warn) -> Variables | None:
    """The variables file at `path`, None when there is none; a warning when it cannot be read."""
    if not path.is_file():
        return None
    text = read(shown, path)
    if text is None:
        return Variables.none(f"{shown} could not be read")
    try:
        return read_variables(text, shown)
    except ConfigError as exc:
        warn(f"{exc}; its variables are unresolved")
        return Variables.none(f"{shown} could not be read")


def _beside(shown: str, path: Path, read: Reader, warn: Warn) -> Variables | None:
    found: Variables | None = None
    for name in JOB_VARIABLE_FILES:
        variables = _variables(str(Path(shown).parent / name), path.parent / name, read, warn)
        found = variables.over(found) if variables is not None else found
    return found


def nomad_images(kind: Kind, shown: str, path: Path, text: str, read: Reader, warn: Warn) -> list[Found]:
    """The images of a Nomad job file or pack template; ConfigError naming a job file that does not parse."""
    if kind is Kind.NOMAD:
        found = nomad_job_images(text, shown, _beside(shown, path, read, warn)) + _script_pulls(text, shown)
    else:
        pack = pack_name(shown)
        variables = None
        if pack:
            pack_directory = Path(shown).parent.parent
            variables = _variables(
                str(pack_directory / "variables.hcl"), path.parent.parent / "variables.hcl", read, warn
            )
        absent = f"no variables.hcl in {Path(shown).parent.parent}" if pack else "not in a pack's templates/"
        found = pack_images(text, shown, variables or Variables.none(absent), pack)
    return [dataclasses.replace(item, kind=kind.value) for item in found]


def _script_pulls(text: str, shown: str) -> list[Found]:
    """The pulls of the scripts the job's tasks render and run, at their lines in the job file."""
    return [
        dataclasses.replace(item, line=(item.line or 1) + before, use=f"{item.use} (a template the task runs)")
        for before, script in task_scripts(text, shown)
        for item in command_pulls(script, shown)
    ]
