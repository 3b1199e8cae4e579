"""The files a tree's other files name, read by the kind their naming gives them: taskfiles a taskfile includes
(discover_taskfiles.py), cargo-make task files a `Makefile.toml` extends (discover_cargo_make.py), compose files a
command runs with `-f` and compose templates a script renders with envsubst (discover_compose_files.py)."""

from __future__ import annotations

from ecr_mirror.cli.discover_cargo_make import with_extended_task_files
from ecr_mirror.cli.discover_compose_files import Read, with_named_compose_files, with_rendered_templates
from ecr_mirror.cli.discover_taskfiles import with_included_taskfiles
from ecr_mirror.cli.discover_walk import Walk


def with_named_files(walk: Walk, read: Read) -> Walk:
    """`walk` with the files its taskfiles include, then those its commands run as compose files or render."""
    walk = with_extended_task_files(with_included_taskfiles(walk, read), read)
    return with_rendered_templates(with_named_compose_files(walk, read), read)
