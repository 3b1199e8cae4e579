"""The Terraform modules of the tree: the `.tf` files of one directory read as one module
(choose/discovery/terraform.py), as Terraform reads them, once per call of it by another module of the tree
(`source = "./service"`: choose/discovery/terraform_calls.py); a file the reader cannot read is a warning naming it."""

from __future__ import annotations

import os
import posixpath

from ecr_mirror.choose.discovery.hcl import HclSyntax
from ecr_mirror.choose.discovery.terraform import TerraformModule, terraform_module
from ecr_mirror.choose.discovery.terraform_calls import module_inputs
from ecr_mirror.choose.discovery.terraform_hcl import Body, parse_terraform


def _bodies(group: list[tuple[str, str]]) -> list[Body]:
    """The files of one module that this reader can read (terraform_module warns of the others)."""
    out: list[Body] = []
    for shown, text in group:
        try:
            out.append(parse_terraform(text, shown))
        except HclSyntax:
            continue
    return out


def terraform_modules(files: list[tuple[str, str]]) -> TerraformModule:
    """`files`: (shown, text) of every `.tf` file walked."""
    by_directory: dict[str, list[tuple[str, str]]] = {}
    for shown, text in files:
        by_directory.setdefault(os.path.dirname(shown), []).append((shown, text))
    normal = {posixpath.normpath(directory or "."): directory for directory in by_directory}
    inputs = module_inputs({key: _bodies(sorted(by_directory[directory])) for key, directory in normal.items()})
    out = TerraformModule()
    for key, directory in sorted(normal.items(), key=lambda item: item[1]):
        module = terraform_module(sorted(by_directory[directory]), inputs.get(key))
        out.found += module.found
        out.warnings += module.warnings
    return out
