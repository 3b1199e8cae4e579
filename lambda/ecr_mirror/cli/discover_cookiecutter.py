"""Cookiecutter templates (https://cookiecutter.readthedocs.io): the files under the template directory (the one
named with a `{{ cookiecutter.x }}` expression, `{{cookiecutter.project_slug}}/`) are Jinja templates of the project
it generates, read as the texts they render (choose/discovery/jinja_branches.py: each `if` chain once per branch;
jinja_text.py: `{{ cookiecutter.x }}` replaced by the value `cookiecutter --no-input` gives it). The values are those
of `cookiecutter.json` beside the template directory: a string as written (itself rendered when it is a template), a
choice's first value. An expression with no value (a name the file lacks, a method call such as `.lower()`) is a
hole: an image holding one is unresolved, as written. Files matching `_copy_without_render` are read as they are; a
`cookiecutter.json` that is not JSON is a warning naming it, and its values are not used.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jinja_branches import branch_texts, unprotected
from ecr_mirror.choose.discovery.jinja_text import restored, untemplated
from ecr_mirror.choose.discovery.yaml_loader import is_template
from ecr_mirror.errors import ConfigError

Reader = Callable[..., str | None]  # (shown, path, quiet_missing=) -> text, as discover_found.read_file
Read = Callable[[str], tuple[list[Found], list[ComposeBuild]]]  # one text's images and compose builds
_ROOT_RE = re.compile(r"\{\{-?\s*cookiecutter\.")
_UNSET = "has no value in cookiecutter.json"
Holes = dict[str, tuple[str, str]]


def _default(value: object) -> object:
    """The value `cookiecutter --no-input` takes: a choice's first."""
    return value[0] if isinstance(value, list) and value else value


def _put_back(text: str | None, holes: Holes) -> tuple[str | None, list[str]]:
    return (None, []) if text is None else restored(text, holes)


def _found(item: Found, holes: Holes) -> Found:
    text, reasons = restored(item.text, holes)
    built, _ = _put_back(item.built, holes)
    if reasons:
        problem = "; ".join([*([item.problem] if item.problem else []), *reasons])
        return dataclasses.replace(item, text=text, problem=problem, built=built)
    return dataclasses.replace(item, built=built) if built != item.built else item


def _build(build: ComposeBuild, holes: Holes) -> ComposeBuild:
    built, _ = _put_back(build.built, holes)
    return dataclasses.replace(build, dockerfile=restored(build.dockerfile, holes)[0], built=built)


def _built_beside(found: list[Found], builds: list[ComposeBuild]) -> list[Found]:
    """`found` without the uses of a name a compose service of the same text builds, its holes written back alike
    (`image: {{ cookiecutter.project_slug }}_backend` is what the `backend` service builds): not pulled, and no
    reference until the template is rendered."""
    names = {b.built for b in builds if b.built and is_template(b.built)}
    return [item for item in found if item.built is not None or item.text not in names]


class Cookiecutter:
    """The context of each template directory, read once; warnings for `cookiecutter.json` files that are not JSON."""

    def __init__(self, read: Reader) -> None:
        self.reader = read
        self.cache: dict[Path, tuple[dict[str, object], list[str]]] = {}
        self.warnings: list[str] = []

    def _context(self, root: Path) -> tuple[dict[str, object], list[str]]:
        if root not in self.cache:
            path = root.parent / "cookiecutter.json"
            text = self.reader(str(path), path, quiet_missing=True)
            try:
                given = json.loads(text) if text is not None else {}
            except ValueError as exc:
                self.warnings.append(f"{path}: not valid JSON ({exc}); its values are not used for {root.name}")
                given = {}
            given = given if isinstance(given, dict) else {}
            verbatim = given.get("_copy_without_render")
            patterns = [str(p) for p in verbatim] if isinstance(verbatim, list) else []
            self.cache[root] = ({"cookiecutter": {str(k): _default(v) for k, v in given.items()}}, patterns)
        return self.cache[root]

    def texts(self, path: Path, text: str) -> list[tuple[str, Holes]] | None:
        """The texts the file at `path` renders, each with its holes; None when it is no file of a template."""
        root = next((directory for directory in reversed(path.parents) if _ROOT_RE.search(directory.name)), None)
        if root is None:
            return None
        values, verbatim = self._context(root)
        inside = path.relative_to(root).as_posix()
        if any(fnmatch(inside, pattern) or fnmatch(path.name, pattern) for pattern in verbatim):
            return None
        out: list[tuple[str, Holes]] = []
        for branch in branch_texts(text):
            rendered, holes = untemplated(branch, values, _UNSET)
            out.append((unprotected(rendered), holes))
        return out

    def rendered(self, shown: str, path: Path, *, quiet_missing: bool = False) -> str | None:
        """The file's text as `Reader` gives it, the first text it renders when it is a file of a template (its
        holes written back): a Dockerfile a compose service of the template builds."""
        text = self.reader(shown, path, quiet_missing=quiet_missing)
        texts = self.texts(path, text) if text is not None else None
        return text if not texts else restored(*texts[0])[0]

    def read(self, path: Path, text: str, read: Read) -> tuple[list[Found], list[ComposeBuild]]:
        """What `read` finds in the file's text, or in each text it renders when it is a file of a template."""
        rendered = self.texts(path, text)
        return read(text) if rendered is None else self.read_all(rendered, read)

    @staticmethod
    def read_all(texts: list[tuple[str, Holes]], read: Read) -> tuple[list[Found], list[ComposeBuild]]:
        """What `read` finds in each text, the expressions of the holes put back; the first error when no text can
        be read."""
        items: list[Found] = []
        builds: list[ComposeBuild] = []
        errors: list[ConfigError] = []
        for text, holes in texts:
            try:
                found, built = read(text)
            except ConfigError as exc:
                errors.append(exc)
                continue
            written = [_build(build, holes) for build in built]
            items += [
                item for item in _built_beside([_found(item, holes) for item in found], written) if item not in items
            ]
            builds += [build for build in written if build not in builds]
        if errors and len(errors) == len(texts):
            raise errors[0]
        return items, builds
