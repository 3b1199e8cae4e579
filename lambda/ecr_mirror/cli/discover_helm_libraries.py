"""The named templates of the library charts a chart of the tree depends on, when the library is in the tree too
(choose/discovery/helm_dependency_versions.py says whether its version is the one asked for).

Helm makes the named templates of a chart's dependencies the chart's own, and a library chart's run in the context
of the chart that calls them (https://helm.sh/docs/topics/library_charts/): New Relic's charts depend on
`common-library` 2.3.3 from their published repository, kept in the same repository under `library/common-library/`,
whose `_images.tpl` gives an empty tag `.imageRoot.tag | default .context.Chart.AppVersion`. A dependency is looked
up by name among the charts in the directory two levels above the chart and two levels below it (`charts/x` beside
`library/common-library`), or at its `file://` path, never above the top of the git checkout holding the chart; only
a chart of `type: library` is read so (an application subchart's templates run in its own context: its
`.Chart.AppVersion` is not the caller's)."""

from __future__ import annotations

import functools
from pathlib import Path

from ecr_mirror.choose.discovery.helm_dependency_versions import satisfies
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_MAX_CHARTS = 400  # Chart.yaml files looked at around one chart


def _meta(chart_yaml: Path) -> dict[object, object]:
    try:
        documents = load_documents(chart_yaml.read_text(encoding="utf-8", errors="replace"), "Chart")
    except (OSError, ConfigError):
        return {}
    return documents[0] if documents and isinstance(documents[0], dict) else {}


@functools.lru_cache(maxsize=16)
def _libraries_around(top: Path) -> tuple[tuple[str, str, Path], ...]:
    """(name, version, directory) of each library chart up to two levels below `top`."""
    found: list[tuple[str, str, Path]] = []
    for chart_yaml in [*sorted(top.glob("*/Chart.yaml")), *sorted(top.glob("*/*/Chart.yaml"))][:_MAX_CHARTS]:
        meta = _meta(chart_yaml)
        if meta.get("type") == "library" and meta.get("name") and meta.get("version") is not None:
            found.append((str(meta["name"]), str(meta["version"]), chart_yaml.parent))
    return tuple(found)


def _search_top(directory: Path) -> tuple[Path, Path | None]:
    """(where library charts are looked for: two levels above the chart, not above its git checkout's top; that top,
    None outside a checkout)."""
    chart = directory.resolve()
    checkout = next((place for place in (chart, *chart.parents) if (place / ".git").exists()), None)
    top = chart.parent.parent
    return (checkout if checkout is not None and not top.is_relative_to(checkout) else top), checkout


def _library(directory: Path, entry: dict[object, object]) -> Path | None:
    """The directory of the library chart of the tree a `dependencies:` entry names, or None; in a git checkout,
    never one outside it."""
    name, wanted, repository = str(entry.get("name") or ""), str(entry.get("version") or ""), entry.get("repository")
    top, checkout = _search_top(directory)
    candidates: list[tuple[str, str, Path]] = []
    if isinstance(repository, str) and repository.startswith("file://"):
        there = (directory / repository.removeprefix("file://")).resolve()
        meta = _meta(there / "Chart.yaml") if (there / "Chart.yaml").is_file() else {}
        if meta.get("type") == "library" and (checkout is None or there.is_relative_to(checkout)):
            candidates = [(str(meta.get("name")), str(meta.get("version")), there)]
    else:
        candidates = list(_libraries_around(top))
    for have_name, version, place in candidates:
        if have_name == name and (not wanted or satisfies(wanted, version)):
            return place
    return None


def library_templates(directory: Path, meta: dict[object, object]) -> list[Path]:
    """The template files of the library charts of the tree that the chart in `directory` (its Chart.yaml read as
    `meta`) depends on."""
    entries = meta.get("dependencies")
    files: list[Path] = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and (place := _library(directory, entry)) is not None:
            templates = place / "templates"
            files += sorted(path for path in templates.rglob("*") if path.is_file()) if templates.is_dir() else []
    return files
