"""The images a Go program's own code joins from package constants where it writes an image
(choose/discovery/go_joined_constants.py): `spec.Image = config.Registry + "/" + config.ProxyName + ":" +
config.Tag`. A name is read in the file's own package (the non-test Go files of its directory), `pkg.Name` in the
package its import names (the nearest `go.mod`'s module path, then the directory below it); a package of another
module is not read, and a join with a name it does not know is no image."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_helpers import imports
from ecr_mirror.choose.discovery.go_joined_constants import JOIN_USE, MARK, image_joins, join_image, package_constants
from ecr_mirror.cli.discover_go_created import module_of
from ecr_mirror.cli.discover_go_flags import package_texts
from ecr_mirror.cli.discover_go_program_constants import program_texts

Read = Callable[[Path], bytes | None]


def go_joined_constant_pulls(go_sources: Iterable[tuple[str, Path]], read: Read) -> list[Found]:
    """The images Go programs' own files join from the constants of their module's packages, at the joins."""
    sources = list(go_sources)
    constants: dict[Path, dict[str, str]] = {}

    def of(directory: Path) -> dict[str, str]:
        if directory not in constants:
            constants[directory] = package_constants(text for _, text in package_texts(sources, directory, read))
        return constants[directory]

    found: dict[Found, None] = {}  # in order, each once
    for shown, path, text in program_texts(sources, read, MARK):
        joins = image_joins(text, shown)
        named, module = (imports(text), module_of(shown, path)) if joins else ({}, None)
        value = functools.partial(_value, of, path.parent, named, module)
        for join in joins:
            image = join_image(join.operands, value)
            if image:
                found.setdefault(Found(image, shown, join.line, use=JOIN_USE, kind="Go source"))
    return list(found)


def _value(
    of: Callable[[Path], dict[str, str]],
    directory: Path,
    named: dict[str, str],
    module: tuple[str, Path] | None,
    operand: str,
) -> str | None:
    """The value of a join's name operand: a constant of the file's package (`directory`), or `pkg.Name` of the
    package of the module the file's import `pkg` names."""
    package, _, name = operand.rpartition(".")
    if not package:
        return of(directory).get(name)
    imported = named.get(package, "")
    if module is None or not imported.startswith(module[0] + "/"):
        return None
    return of(module[1] / imported[len(module[0]) + 1 :]).get(name)
