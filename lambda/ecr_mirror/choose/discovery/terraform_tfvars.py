"""The variable definitions files a tree's Terraform root modules run with (pure).

Terraform loads a root module's `terraform.tfvars` and its `*.auto.tfvars` (in lexical order, later files winning)
by itself, and a run names any other with `-var-file=FILE`
(https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files): a
project keeps one per environment, `env/dev/terraform.tfvars` beside `env/prod/terraform.tfvars`, which its deploy
script or CI gives the run. Each file here is one environment's values for one module:
- in a module's own directory: `terraform.tfvars` and `*.auto.tfvars` are the values of every run there; another
  `.tfvars` is one environment's;
- elsewhere (a folder of its own): the module of the nearest directory above it that declares every variable the
  file sets, else the one module of the tree that does (a deploy folder beside the stack it applies); a file setting
  a name no such module declares (a `backend.tfvars`, given with `-backend-config`) is no environment's.
A root module with environments is read once per environment, each over the files its directory loads by itself
(a variable an environment leaves out keeps its default); the values are literals and what the literal subset of
the HCL evaluator makes of them (a `var.` or a function of the run is not known: that name is left out).
"""

from __future__ import annotations

import posixpath
from typing import Any

from ecr_mirror.choose.discovery.hcl import HclSyntax
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated
from ecr_mirror.choose.discovery.terraform_hcl import Body, parse_terraform
from ecr_mirror.choose.discovery.terraform_values import ModuleValues

Inputs = dict[str, Any]


def is_tfvars(shown: str) -> bool:
    """Whether a file is a Terraform variable definitions file (HCL), by its name."""
    return shown.endswith(".tfvars")


def tfvars_values(text: str, shown: str) -> Inputs:
    """The variables a `.tfvars` file sets, each as a plain value (one this reader cannot evaluate left out); empty
    when the file is not HCL this reader knows."""
    try:
        body = parse_terraform(text, shown)
    except HclSyntax:
        return {}
    values = ModuleValues([])
    out: Inputs = {}
    for name, labels, value, _ in body:
        if labels or isinstance(value, Body):
            continue
        try:
            out[name] = values.plain(value)
        except NotEvaluated:
            continue
    return out


def _declared(bodies: list[Body]) -> set[str]:
    return {labels[0] for body in bodies for name, labels, value, _ in body if name == "variable" and labels}


def _auto(name: str) -> bool:
    return name == "terraform.tfvars" or name.endswith(".auto.tfvars")


def root_inputs(modules: dict[str, list[Body]], files: dict[str, Inputs]) -> dict[str, list[Inputs]]:
    """Module directory (normalised) -> the variable values of each environment it runs with (see the module), for
    the modules some `.tfvars` file (shown path -> its values) is for; a module no file is for is absent."""
    declared = {directory: _declared(bodies) for directory, bodies in modules.items()}
    base: dict[str, Inputs] = {}
    environments: dict[str, list[Inputs]] = {}
    by_load = sorted(files, key=lambda item: (posixpath.dirname(item), not item.endswith("/terraform.tfvars"), item))
    for shown in by_load:  # `terraform.tfvars`, then `*.auto.tfvars` by name, as Terraform loads them
        values = files[shown]
        directory, name = posixpath.split(posixpath.normpath(shown))
        directory = directory or "."
        if directory in modules and _auto(name):
            base.setdefault(directory, {}).update(values)
            continue
        if not values:
            continue
        covering = sorted(module for module, names in declared.items() if values.keys() <= names)
        above = [module for module in covering if module == "." or (directory + "/").startswith(module + "/")]
        target = max(above, key=len) if above else covering[0] if len(covering) == 1 else None
        if target is not None:
            environments.setdefault(target, []).append(values)
    out: dict[str, list[Inputs]] = {}
    for directory in sorted(base.keys() | environments.keys()):
        loaded = base.get(directory, {})
        runs = [{**loaded, **values} for values in environments.get(directory, [])] or [loaded]
        out[directory] = [run for index, run in enumerate(runs) if run not in runs[:index]]
    return out
