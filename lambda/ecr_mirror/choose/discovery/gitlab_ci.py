"""Images named by GitLab CI files, with what GitLab resolves inside one file resolved (pure).

`image` (a string or a mapping with `name`) and `services` entries (strings or mappings with `name`) at the top,
under `default:` and in every job (https://docs.gitlab.com/ci/yaml/). Within the file:
- `!reference [job, key, ...]` is replaced by what it points to; one that points outside the file (an `include:`)
  is reported unresolved with its path;
- `extends:` is followed (hashes merged deeply, other values replaced, as GitLab does); a hidden job (`.name`)
  that other jobs extend is read through them, with their variables; in a pipeline read whole (the caller passes
  the hidden jobs its files use), a hidden job no job extends or references is not read: it never runs;
- the `image` of a job on GitLab's hosted macOS runners (`tags: [saas-macos-...]`) is the VM they boot, not read;
- variables are expanded recursively (`PY_IMAGE: "python:${PY_VERSION}-slim"`, `image: $PY_IMAGE`), the job's over
  the file's, `expand: false` kept literal; each `parallel: matrix:` combination is read with its values.
Across files, the caller may pass the top-level `variables:` of the pipeline's other files (`include: local:`, see
`pipeline_parts`): GitLab merges them into one pipeline, so they apply under the file's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import NestedValues, expand
from ecr_mirror.choose.discovery.yaml_loader import Reference, load_documents

MAX_DEPTH = 10  # GitLab's nesting limit for !reference and extends
MAX_MATRIX = 200  # GitLab's limit of jobs per parallel matrix
KEYWORDS = frozenset(
    {"default", "include", "stages", "variables", "workflow", "image", "services", "before_script", "after_script"}
    | {"cache", "spec"}
)


def _values(raw: dict[str, str | None], literal: frozenset[str]) -> NestedValues:
    """The file's variables, a value naming others expanded when read, as GitLab does."""
    return NestedValues(raw, limit=MAX_DEPTH, dollar_escape=True, literal=literal)


def _variables(raw: object) -> tuple[dict[str, str | None], set[str]]:
    """(name -> value, names with `expand: false`)."""
    values: dict[str, str | None] = {}
    literal: set[str] = set()
    for name, raw_value in raw.items() if isinstance(raw, dict) else ():
        value = raw_value.get("value") if isinstance(raw_value, dict) else raw_value
        if isinstance(raw_value, dict) and raw_value.get("expand") is False:
            literal.add(str(name))
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            values[str(name)] = str(value)
    return values, literal


def _unset(name: str) -> str:
    if name.startswith(("CI_", "GITLAB_")):
        return f"${name} is set by GitLab when the job runs"
    return f"${name} is not set in the file's variables (it may come from the project's CI/CD settings)"


def _lookup(doc: Mapping[Any, Any], path: tuple[str, ...]) -> object:
    node: object = doc
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _resolve(value: object, doc: Mapping[Any, Any], depth: int = 0) -> object:
    """`value` with each `!reference` it holds replaced; one pointing outside the file stays a Reference."""
    if depth > MAX_DEPTH:
        return value
    if isinstance(value, Reference):
        target = _lookup(doc, value.path)
        return value if target is None else _resolve(target, doc, depth + 1)
    if isinstance(value, dict):
        return {key: _resolve(child, doc, depth) for key, child in value.items()}
    if isinstance(value, list):
        out: list[object] = []
        for child in value:
            resolved = _resolve(child, doc, depth)
            out += resolved if isinstance(child, Reference) and isinstance(resolved, list) else [resolved]
        return out
    return value


def _merge(base: dict[Any, Any], over: dict[Any, Any]) -> dict[Any, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _parents(job: Mapping[Any, Any]) -> list[str]:
    extends = job.get("extends")
    names = extends if isinstance(extends, list) else [extends]
    return [str(name) for name in names if isinstance(name, str)]


def _effective(job: dict[Any, Any], jobs: Mapping[str, dict[Any, Any]], depth: int = 0) -> dict[Any, Any]:
    merged: dict[Any, Any] = {}
    for parent in _parents(job):
        if parent in jobs and depth < MAX_DEPTH:
            merged = _merge(merged, _effective(jobs[parent], jobs, depth + 1))
    return _merge(merged, job)


def _matrix(job: Mapping[Any, Any]) -> list[dict[str, str | None]]:
    parallel = job.get("parallel")
    entries = parallel.get("matrix") if isinstance(parallel, dict) else None
    if not isinstance(entries, list):
        return [{}]
    combos: list[dict[str, str | None]] = []
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict):
            continue
        names = [str(name) for name in entry]
        lists = [value if isinstance(value, list) else [value] for value in entry.values()]
        for values in itertools.product(*lists):
            combos.append({n: None if v is None else str(v) for n, v in zip(names, values, strict=True)})
    return combos[:MAX_MATRIX] or [{}]


def _on_macos(job: Mapping[Any, Any]) -> bool:
    """A job for GitLab's hosted macOS runners (`tags: [saas-macos-medium-m1]`): its `image` names the VM they boot
    (`macos-14-xcode-15`), not a container image."""
    tags = job.get("tags")
    return isinstance(tags, list) and any(isinstance(tag, str) and tag.startswith("saas-macos-") for tag in tags)


def _images(job: Mapping[Any, Any]) -> Iterator[tuple[object, str]]:
    image = job.get("image")
    if not _on_macos(job):
        yield (image.get("name") if isinstance(image, dict) else image), "image"
    services = job.get("services")
    for service in services if isinstance(services, list) else ():
        for entry in service if isinstance(service, list) else [service]:
            yield (entry.get("name") if isinstance(entry, dict) else entry), "services"


def _read(found: list[Found], job: Mapping[Any, Any], values: NestedValues, origin: str) -> None:
    resolve: Resolver = lambda t: expand(t, values, dollar_escape=True)  # noqa: E731
    for value, use in _images(job):
        if (item := found_item(value, origin, use, resolve, _unset)) is not None and item not in found:
            found.append(item)


def _references(value: object) -> Iterator[str]:
    if isinstance(value, Reference):
        yield value.path[0]
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _references(item)


def _used(doc: dict[Any, Any]) -> set[str]:
    jobs = [job for name, job in doc.items() if name not in KEYWORDS and isinstance(job, dict)]
    return {parent for job in jobs for parent in _parents(job)} | set(_references(doc))


def hidden_used(text: str, origin: str) -> set[str]:
    """The hidden jobs (`.name`) the jobs of a pipeline file extend or `!reference`."""
    used: set[str] = set()
    for doc in load_documents(text, origin):
        used |= _used(doc) if isinstance(doc, dict) else set()
    return {name for name in used if name.startswith(".")}


def _document(
    doc: dict[Any, Any], origin: str, inherited: Mapping[str, str | None], pipeline_used: frozenset[str] | None
) -> list[Found]:
    used = _used(doc) | pipeline_used if pipeline_used is not None else None
    doc = _resolve(doc, doc)  # type: ignore[assignment]
    own_top, top_literal = _variables(doc.get("variables"))
    top = {**inherited, **own_top}
    jobs = {str(name): job for name, job in doc.items() if name not in KEYWORDS and isinstance(job, dict)}
    extended = {parent for job in jobs.values() for parent in _parents(job)}
    found: list[Found] = []
    _read(found, doc, _values(top, frozenset(top_literal)), origin)
    if isinstance(doc.get("default"), dict):
        _read(found, doc["default"], _values(top, frozenset(top_literal)), origin)
    for name, job in jobs.items():
        if name.startswith(".") and name in extended:
            continue  # read through the jobs that extend it, with their variables
        if name.startswith(".") and used is not None and name not in used:
            continue  # a hidden job no job of the pipeline extends or references never runs
        effective = _effective(job, jobs)
        own, own_literal = _variables(effective.get("variables"))
        for combo in _matrix(effective):
            values = {**top, **own, **combo}
            _read(found, effective, _values(values, frozenset(top_literal | own_literal)), origin)
    return found


def gitlab_documents(
    documents: list[Any],
    origin: str,
    inherited: Mapping[str, str | None] | None = None,
    pipeline_used: frozenset[str] | None = None,
) -> list[Found]:
    found: list[Found] = []
    for doc in documents:
        if isinstance(doc, dict):
            found += _document(doc, origin, inherited or {}, pipeline_used)
    return found


def gitlab_images(
    text: str,
    origin: str,
    inherited: Mapping[str, str | None] | None = None,
    pipeline_used: frozenset[str] | None = None,
) -> list[Found]:
    """`pipeline_used`, for a file of a pipeline read whole: the hidden jobs its other files extend or reference; a
    hidden job none uses is not read. None (a file read alone, which another project may include): all are read."""
    return gitlab_documents(load_documents(text, origin), origin, inherited, pipeline_used)


def _local_include(entry: object) -> str | None:
    if isinstance(entry, dict):
        local = entry.get("local")
        return str(local) if isinstance(local, str) else None
    if isinstance(entry, str) and "://" not in entry:
        return entry  # `include: path.yml` is a local file
    return None


def pipeline_parts(text: str, origin: str) -> tuple[dict[str, str | None], list[str]]:
    """(the top-level `variables:`, the `include: local:` paths, from the project's root) of a GitLab CI file."""
    values: dict[str, str | None] = {}
    paths: list[str] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        values.update(_variables(doc.get("variables"))[0])
        include = doc.get("include")
        for entry in include if isinstance(include, list) else [include]:
            if (path := _local_include(entry)) is not None:
                paths.append(path.lstrip("/"))
    return values, paths
