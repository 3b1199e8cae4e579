"""Ansible task files (choose/discovery/ansible_tasks.py) read with the values Ansible gives them: for a role's
`roles/NAME/tasks/*.yml` (or `handlers/`), the role's `defaults/` then, per host of the project's inventory, the
host's variables, then the role's `vars/`; for a playbook, the inventory beside it. The project is the directory
holding `roles/` (the playbook's own directory); its inventory is `inventory.y*ml`, `hosts.y*ml` and the YAML files
under `inventory/` or `inventories/`, in Ansible's YAML inventory form (`all: {vars, hosts, children}`, a top-level
group beside `all` being in it), with `group_vars/GROUP.y*ml` and `host_vars/HOST.y*ml` beside it. A host's
variables: its groups' from the outermost (`all`) in, then its own. A file that is not YAML gives no values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ecr_mirror.choose.discovery.ansible_role_variables import role_variable_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

Reader = Callable[..., str | None]  # (shown, path, quiet_missing=) -> text, as discover_found.read_file
_YAML = ("*.yml", "*.yaml")


def _role_and_project(path: Path) -> tuple[Path | None, Path]:
    """(the role's directory or None, the project's directory) of a task file: `roles/NAME/tasks/main.yml`,
    `roles/NAME/handlers/main.yml`, also a role named by its path under `roles/` (`role: custom/matrix-synapse`,
    whose `tasks/` is in `roles/custom/matrix-synapse/`)."""
    for directory in path.parents:
        top = next((above for above in directory.parents if above.name == "roles"), None)
        if top is not None and (directory.parent == top or (directory / "tasks").is_dir()):
            return directory, top.parent
    return None, path.parent


def _yamls(directory: Path) -> list[Path]:
    return [p for pattern in _YAML for p in sorted(directory.glob(pattern))] if directory.is_dir() else []


def role_variable_files(directory: Path) -> list[Path]:
    """A role's `defaults/` or `vars/` files: `main.yml` (and the others beside it), then the files of a `main/`
    directory, which Ansible reads in alphabetical order ("Directories defaults and vars may also include nested
    directories", https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_reuse_roles.html)."""
    main = directory / "main"
    nested = sorted(p for p in main.rglob("*") if p.suffix in (".yml", ".yaml")) if main.is_dir() else []
    return _yamls(directory) + nested


def variables_owner(path: Path) -> Path | None:
    """The directory whose variables the YAML file `path` holds: the role of `ROLE/defaults/` or `ROLE/vars/` (a
    file there or in their `main/` directory; a role being a directory under `roles/` or one holding `tasks/`), the
    `group_vars/` or `host_vars/` directory of an inventory; None for any other file."""
    for directory in (path.parent, path.parent.parent):
        if directory.name in ("group_vars", "host_vars"):
            return directory
        role = directory.parent
        held = directory.name in ("defaults", "vars") and (directory == path.parent or path.parent.name == "main")
        if held and (role.parent.name == "roles" or (role / "tasks").is_dir()):
            return role
    return None


class AnsibleValues:
    """The values of each role and project, read once."""

    def __init__(self, read: Reader) -> None:
        self.read = read
        self.files: dict[Path, dict[str, object]] = {}
        self.inventories: dict[Path, list[dict[str, object]]] = {}

    def _file(self, path: Path) -> dict[str, object]:
        if path not in self.files:
            text = self.read(str(path), path, quiet_missing=True)
            try:
                documents = load_documents(text, str(path)) if text is not None else []
            except ConfigError:
                documents = []
            first = documents[0] if documents else None
            self.files[path] = {str(k): v for k, v in first.items()} if isinstance(first, dict) else {}
        return self.files[path]

    def _named(self, directory: Path, name: str) -> dict[str, object]:
        values: dict[str, object] = {}
        for suffix in (".yml", ".yaml"):
            values.update(self._file(directory / f"{name}{suffix}"))
        return values

    def _hosts(
        self, group: str, node: object, outer: tuple[dict[str, object], ...], home: Path
    ) -> Iterator[dict[str, object]]:
        if not isinstance(node, dict):
            node = {}
        own = node.get("vars")
        scope = (*outer, self._named(home / "group_vars", group), own if isinstance(own, dict) else {})
        hosts = node.get("hosts")
        for host, given in hosts.items() if isinstance(hosts, dict) else ():
            values: dict[str, object] = {}
            for layer in (*scope, self._named(home / "host_vars", str(host)), given if isinstance(given, dict) else {}):
                values.update({str(k): v for k, v in layer.items()})
            yield values
        children = node.get("children")
        for name, child in children.items() if isinstance(children, dict) else ():
            yield from self._hosts(str(name), child, scope, home)

    def _inventory(self, project: Path) -> list[dict[str, object]]:
        if project not in self.inventories:
            files = [p for name in ("inventory", "hosts") for p in _yamls(project) if p.stem == name]
            files += [p for d in ("inventory", "inventories") for p in sorted((project / d).rglob("*.y*ml"))]
            hosts: list[dict[str, object]] = []
            for path in files:
                document = self._file(path)
                top = document.get("all")
                common = top.get("vars") if isinstance(top, dict) else None
                every = (self._named(path.parent / "group_vars", "all"), common if isinstance(common, dict) else {})
                for group, node in document.items():  # a top-level group beside `all` is still in it
                    hosts += self._hosts(group, node, () if group == "all" else every, path.parent)
            self.inventories[project] = hosts
        return self.inventories[project]

    def bases(self, path: Path) -> list[dict[str, Any]]:
        """The sets of values a task file at `path` is run with: one per host of its inventory (one when none)."""
        role, project = _role_and_project(path)
        defaults: dict[str, object] = {}
        role_vars: dict[str, object] = {}
        if role is not None:
            for file in role_variable_files(role / "defaults"):
                defaults.update(self._file(file))
            for file in role_variable_files(role / "vars"):
                role_vars.update(self._file(file))
        return [{**defaults, **host, **role_vars} for host in self._inventory(project) or [{}]]

    def variable_images(self, shown: str, path: Path, text: str) -> list[Found] | None:
        """The images the variables of a role or inventory name (choose/discovery/ansible_role_variables.py),
        rendered with its role's defaults, then vars (an inventory's file with its own values); None for another
        file or when they name none."""
        if (owner := variables_owner(path)) is None:
            return None
        values: dict[str, object] = {}
        if owner.name in ("group_vars", "host_vars"):
            values = self._file(path)
        for file in [] if values else role_variable_files(owner / "defaults") + role_variable_files(owner / "vars"):
            values.update(self._file(file))
        return role_variable_images(text, shown, values) or None
