"""Compose files written as Jinja templates (choose/discovery/jinja_compose.py), read with the values of the Ansible
role or playbook they belong to: the YAML files of `defaults/` and `default.config.yml` (defaults), then of `vars/`
(which Ansible gives precedence over defaults), in the directory above the `templates/` directory holding the
template (the template's own directory when none does). Two files of one precedence giving a name different values
(`vars/Debian.yml`, `vars/RedHat.yml`, included by the host's OS) make it ambiguous: unresolved, naming them. A
values file that is not YAML is a warning naming it, and its values are not used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jinja_compose import jinja_compose_images, rendered_images, unrendered_compose_images
from ecr_mirror.choose.discovery.jinja_text import Ambiguous
from ecr_mirror.choose.discovery.kinds import Kind, images_in
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.cli.discover_ansible import role_variable_files
from ecr_mirror.cli.discover_compose_includes import included_images
from ecr_mirror.errors import ConfigError

Reader = Callable[..., str | None]  # (shown, path, quiet_missing=) -> text, as discover_found.read_file
_YAML = ("*.yml", "*.yaml")


def _home(path: Path) -> Path:
    """The role's or playbook's directory: above the nearest `templates/` holding the template."""
    for directory in path.parents:
        if directory.name == "templates":
            return directory.parent
    return path.parent


def _levels(home: Path) -> list[list[Path]]:
    defaults = role_variable_files(home / "defaults")
    defaults += [p for name in ("default.config.yml", "default.config.yaml") if (p := home / name).is_file()]
    return [defaults, role_variable_files(home / "vars")]


def _in_role(path: Path) -> bool:
    """Whether `path` is under the `templates/` directory of an Ansible role (a directory under `roles/`, or one
    holding `tasks/`)."""
    home = _home(path)
    templated = any(directory.name == "templates" for directory in path.parents)
    return templated and (home.parent.name == "roles" or (home / "tasks").is_dir())


def unrendered_compose(kind: Kind, shown: str, text: str) -> list[Found]:
    """A compose template's images, read as the file it renders (jinja_compose.py); other kinds: none."""
    found = unrendered_compose_images(text, shown) if kind is Kind.COMPOSE else []
    return [dataclasses.replace(item, kind=kind.value) for item in found]


class TemplateValues:
    """The values of each role or playbook directory, read once; warnings for values files that are not YAML."""

    def __init__(self, read: Reader) -> None:
        self.read = read
        self.cache: dict[Path, dict[str, object]] = {}
        self.warnings: list[str] = []

    def _file(self, path: Path) -> dict[str, object]:
        text = self.read(str(path), path, quiet_missing=True)
        if text is None:
            return {}
        try:
            documents = load_documents(text, str(path))
        except ConfigError as exc:
            self.warnings.append(f"{exc}; its values are not used for the templates beside it")
            return {}
        first = documents[0] if documents else None
        return {str(key): value for key, value in first.items()} if isinstance(first, dict) else {}

    def of(self, template: Path) -> dict[str, object]:
        home = _home(template)
        if home not in self.cache:
            values: dict[str, object] = {}
            for level in _levels(home):
                given: dict[str, tuple[object, Path]] = {}
                for path in level:
                    for name, value in self._file(path).items():
                        if name in given and given[name][0] != value:
                            why = f"{name} has different values in {given[name][1]} and {path}"
                            given[name] = (Ambiguous(why), path)
                        elif name not in given:
                            given[name] = (value, path)
                values.update({name: value for name, (value, _) in given.items()})
            self.cache[home] = values
        return self.cache[home]

    def role_template(self, kind: Kind, shown: str, path: Path, text: str) -> list[Found] | None:
        """The images of a YAML template of an Ansible role's `templates/` (a manifest given to
        `kubernetes.core.k8s` with `template:`), read as the file it renders with the role's values; None for other
        files, and for a template with no `image:` line to read."""
        if kind is not Kind.YAML or not _in_role(path) or ("{{" not in text and "{%" not in text):
            return None
        try:
            found = rendered_images(text, shown, self.of(path), lambda rendered: images_in(kind, rendered, shown))
        except ConfigError:
            return None
        return [item if item.kind else dataclasses.replace(item, kind=kind.value) for item in found] or None

    def images(self, shown: str, path: Path, text: str, kind: str) -> list[Found]:
        """The images of the compose template `shown` and of the fragments it includes, marked with the file's
        `kind`; ConfigError naming it when it cannot be read."""
        own = [dataclasses.replace(item, kind=kind) for item in jinja_compose_images(text, shown, self.of(path))]
        return own + included_images(shown, path, text, kind, self.read)
