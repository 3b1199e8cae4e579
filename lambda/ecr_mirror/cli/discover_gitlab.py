"""GitLab CI pipelines made of several files: what a `.gitlab-ci.yml` includes is read as one pipeline.

GitLab merges the files `include: local:` names (globs too, and the includes of included files) into the pipeline
of the `.gitlab-ci.yml` at the project's root, so the top-level `variables:` of any of them apply to the jobs of all
(`image: ruby:${RUBY_VERSION}-alpine` in `.gitlab/ci/docs.yml`, `RUBY_VERSION` in `.gitlab/ci/common.yml`); an
included file's own variables come first, then those of the file including it. Each file of such a pipeline is read
again as GitLab CI with the pipeline's variables under its own (an included file is GitLab CI whatever its shape).
Files no `.gitlab-ci.yml` of the tree includes are left as they were read.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images, hidden_used, pipeline_parts
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.errors import ConfigError

Reader = Callable[[str, Path], str | None]
MAX_INCLUDES = 150  # GitLab's limit of included files per pipeline
_GITLAB = Kind.GITLAB.value


def _included(
    path: Path, root: Path, files: dict[str, tuple[str, Path]], read: Reader, seen: dict[Path, str]
) -> dict[str, str | None]:
    """The variables `path` and what it includes give the pipeline; `seen` collects the files (path -> text)."""
    if path in seen or len(seen) >= MAX_INCLUDES:
        return {}
    shown = next((name for name, p in files.values() if p == path), str(path))
    text = read(shown, path)
    if text is None:
        return {}
    seen[path] = text
    try:
        own, includes = pipeline_parts(text, shown)
    except ConfigError:
        return {}
    values: dict[str, str | None] = {}
    for pattern in includes:
        for relative in sorted(files):
            if fnmatch.fnmatchcase(relative, pattern):
                values.update(_included(files[relative][1], root, files, read, seen))
    return {**values, **own}


def with_pipelines(found: list[Found], walked: list[tuple[str, Path, Kind]], read: Reader) -> list[Found]:
    """`found`, the files of each pipeline read again with the variables of the whole pipeline."""
    replaced: dict[str, list[Found]] = {}
    for _, root_path, _ in (entry for entry in walked if entry[1].name == ".gitlab-ci.yml"):
        root = root_path.absolute().parent
        files = {
            path.absolute().relative_to(root).as_posix(): (shown, path.absolute())
            for shown, path, kind in walked
            if kind in (Kind.GITLAB, Kind.YAML) and path.absolute().is_relative_to(root)
        }
        seen: dict[Path, str] = {}
        variables = _included(root_path.absolute(), root, files, read, seen)
        shown_of = {path: shown for shown, path in files.values()}
        used: set[str] = set()
        for path, text in seen.items():
            try:
                used |= hidden_used(text, shown_of.get(path, str(path)))
            except ConfigError:
                continue
        for path, text in seen.items():
            shown = shown_of.get(path, str(path))
            try:
                items = gitlab_images(text, shown, variables, frozenset(used))
            except ConfigError:
                continue
            replaced[shown] = [dataclasses.replace(item, kind=_GITLAB) for item in items]
    out: list[Found] = []
    placed: set[str] = set()
    for item in found:  # each file's new reading where its old one was, in file order
        if item.origin not in replaced:
            out.append(item)
        elif item.origin not in placed:
            placed.add(item.origin)
            out += replaced[item.origin]
    return out + [item for shown, items in replaced.items() if shown not in placed for item in items]
