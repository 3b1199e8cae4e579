"""The images of the YAML file a tree's own Go tool reads and hands docker, when a Makefile or script runs the tool
with `go run` (I/O).

The pure reading is choose/discovery/go_yaml_configs.py. The evidence, all of it in the tree: a docker command of a
Go source (`docker pull`, `docker create`, `docker run`) whose image is computed (unresolved among `found`), taking a
struct field (`image.Reference`, or a parameter the calls of its function pass it in) whose `yaml:"KEY"` tag the
tool declares; a Makefile or script that runs the program holding the source with `go run DIR` (not `_test.go`
files: a test's fixture is not the program's input); and a file the program names (`"config.yaml"`) in the
directory the command runs it in. The values of KEY there that are image references are pulled, at their lines
(anchore/syft's binary fixture manager, `go run ../internal/manager download` in
`syft/pkg/cataloger/binary/testdata/Makefile`, reading that directory's `config.yaml` of `ref:` images).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_yaml_configs import config_images, fields_pulled, go_runs, named_yaml, tagged_keys
from ecr_mirror.cli.discover_small_files import small_text

_COMMANDS = tuple(f"{engine} {verb}" for engine in ("docker", "podman") for verb in ("pull", "create", "run"))


def _computed(found: list[Found]) -> list[Found]:
    """The Go sources' docker commands of an image known only when they run."""
    return [
        item
        for item in found
        if item.kind == "Go source" and item.problem is not None and item.use.startswith(_COMMANDS) and item.line
    ]


def _within(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def _program_texts(go_sources: list[tuple[str, Path]], directory: Path) -> dict[Path, str]:
    """The texts of the program's Go files below `directory` (resolved), test files left out."""
    texts: dict[Path, str] = {}
    for shown, path in go_sources:
        if shown.endswith("_test.go") or not _within(path.resolve(), directory):
            continue
        if shown.endswith(".go") and (text := small_text(path)) is not None:
            texts[path.resolve()] = text
    return texts


def _keys(command: Found, texts: dict[Path, str]) -> set[str]:
    """The YAML keys of the struct fields whose values `command` takes as its image."""
    source = Path(command.origin).resolve()
    if source not in texts or command.line is None:
        return set()
    package = [text for path, text in texts.items() if path.parent == source.parent]
    fields = fields_pulled(texts[source], command.line, command.text, package)
    keys: set[str] = set()
    for text in texts.values():
        keys |= {key for field, key in tagged_keys(text).items() if field in fields}
    return keys


def go_yaml_config_pulls(
    found: list[Found], go_sources: Iterable[tuple[str, Path]], scripts: dict[str, str]
) -> list[Found]:
    """The images of the YAML files the tree's Go tools read and pull (see the module's docstring); each file once."""
    if not (computed := _computed(found)):
        return []
    sources = [(shown, path) for shown, path in go_sources if shown.endswith(".go")]
    images: list[Found] = []
    seen: set[Path] = set()
    for script, text in scripts.items():
        for line, working, target in go_runs(text):
            program = (Path(script).parent / target).resolve()
            commands = [item for item in computed if _within(Path(item.origin).resolve(), program)]
            if not commands:
                continue
            texts = _program_texts(sources, program)
            keys = set().union(*(_keys(command, texts) for command in commands))
            names = set().union(*(named_yaml(source) for source in texts.values()))
            for name in sorted(names) if keys else ():
                shown = os.path.normpath(Path(script).parent / working / name)
                if (path := Path(shown)).resolve() in seen or (config := small_text(path)) is None:
                    continue
                seen.add(path.resolve())
                images += config_images(config, keys, shown, f"image (read by the Go tool `go run` at {script}:{line})")
    return images
