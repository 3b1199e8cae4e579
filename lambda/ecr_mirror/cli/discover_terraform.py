"""The Terraform modules of the tree: the `.tf` files of one directory read as one module
(choose/discovery/terraform.py), as Terraform reads them; a file the reader cannot read is a warning naming it."""

from __future__ import annotations

import os

from ecr_mirror.choose.discovery.terraform import TerraformModule, terraform_module


def terraform_modules(files: list[tuple[str, str]]) -> TerraformModule:
    """`files`: (shown, text) of every `.tf` file walked."""
    by_directory: dict[str, list[tuple[str, str]]] = {}
    for shown, text in files:
        by_directory.setdefault(os.path.dirname(shown), []).append((shown, text))
    out = TerraformModule()
    for _, group in sorted(by_directory.items()):
        module = terraform_module(sorted(group))
        out.found += module.found
        out.warnings += module.warnings
    return out
