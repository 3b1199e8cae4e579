"""The Terraform modules of the tree: the `.tf` files of one directory read as one module
(choose/discovery/terraform.py), as Terraform reads them, once per call of it by another module of the tree
(`source = "./service"`: choose/discovery/terraform_calls.py), a root module once per environment its `.tfvars` files
give (choose/discovery/terraform_tfvars.py); a file the reader cannot read is a warning naming it."""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_terraform_templates import MARK, VERB_RE, filled_templates
from ecr_mirror.choose.discovery.hcl import HclSyntax
from ecr_mirror.choose.discovery.terraform import TerraformModule, terraform_module
from ecr_mirror.choose.discovery.terraform_calls import module_inputs
from ecr_mirror.choose.discovery.terraform_hcl import Body, parse_terraform
from ecr_mirror.choose.discovery.terraform_tfvars import is_tfvars, root_inputs, tfvars_values
from ecr_mirror.cli.discover_small_files import small_bytes, small_text


def _bodies(group: list[tuple[str, str]]) -> list[Body]:
    """The files of one module that this reader can read (terraform_module warns of the others)."""
    out: list[Body] = []
    for shown, text in group:
        try:
            out.append(parse_terraform(text, shown))
        except HclSyntax:
            continue
    return out


def terraform_modules(files: list[tuple[str, str]], paths: dict[str, Path] | None = None) -> TerraformModule:
    """`files`: (shown, text) of every `.tf` file walked; `paths`: where each is, for the files of its module's
    directory its calls read (`templatefile("${path.module}/...")`, small text files only)."""
    by_directory: dict[str, list[tuple[str, str]]] = {}
    for shown, text in files:
        if not is_tfvars(shown):
            by_directory.setdefault(os.path.dirname(shown), []).append((shown, text))
    normal = {posixpath.normpath(directory or "."): directory for directory in by_directory}
    modules = {key: _bodies(sorted(by_directory[directory])) for key, directory in normal.items()}
    environments = {shown: tfvars_values(text, shown) for shown, text in files if is_tfvars(shown)}
    inputs = module_inputs(modules, root_inputs(modules, environments))
    out = TerraformModule()
    for key, directory in sorted(normal.items(), key=lambda item: item[1]):
        first = (paths or {}).get(by_directory[directory][0][0])
        read = functools.partial(_module_file, first.parent) if first is not None else None
        module = terraform_module(sorted(by_directory[directory]), inputs.get(key), read)
        out.found += module.found
        out.warnings += module.warnings
        out.runs += module.runs
    return out


def _module_file(directory: Path, relative: str) -> str | None:
    return small_text(directory / relative)


def go_filled_templates(files: list[tuple[str, str]], sources: Iterable[tuple[str, Path]]) -> list[Found]:
    """The images Go sources fill into `.tf` templates of the tree with `fmt.Sprintf`
    (choose/discovery/go_terraform_templates.py), at each call's line; a Go file is opened for it only when its bytes
    hold `fmt.Sprintf(` and the quoted name of a template."""
    templates = {shown: text for shown, text in files if VERB_RE.search(text)}
    marks = {f'"{PurePosixPath(shown).stem}"'.encode() for shown in templates}
    found: list[Found] = []
    for shown, path in sources if templates else ():
        if not shown.endswith(".go") or (data := small_bytes(path)) is None or MARK not in data:
            continue
        if not any(mark in data for mark in marks):
            continue
        for filled in filled_templates(data.decode("utf-8-sig", errors="replace"), templates):
            module = terraform_module([(filled.template, filled.text)])
            lines = templates[filled.template].splitlines()
            filled_lines = {number for number, line in enumerate(lines, 1) if VERB_RE.search(line)}
            found += [
                dataclasses.replace(item, origin=shown, line=filled.line)
                for item in module.found
                if item.problem is None and item.line in filled_lines
            ]
    return found
