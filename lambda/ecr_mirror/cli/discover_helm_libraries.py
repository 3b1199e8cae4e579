"""The named templates of the library charts a chart of the tree depends on, when the library is in the tree too
(choose/discovery/helm_dependency_versions.py says whether its version is the one asked for).

Helm makes the named templates of a chart's dependencies the chart's own, and a library chart's run in the context
of the chart that calls them (https://helm.sh/docs/topics/library_charts/): New Relic's charts depend on
`common-library` 2.3.3 from their published repository, kept in the same repository under `library/common-library/`,
whose `_images.tpl` gives an empty tag `.imageRoot.tag | default .context.Chart.AppVersion`. A dependency is looked
up by name among the charts in the directory two levels above the chart and two levels below it (`charts/x` beside
`library/common-library`), or at its `file://` path, never above the top of the git checkout holding the chart; only
a chart of `type: library` is read so (an application subchart's templates run in its own context: its
`.Chart.AppVersion` is not the caller's), but for the named templates of an application chart the chart depends on
by a `file://` path of the tree: Helm compiles a dependency's templates with the chart's, "template names are global"
(https://helm.sh/docs/chart_template_guide/named_templates/), and the files whose name begins with `_` hold only those
(partials, never rendered as manifests): OpenStack-Helm's service charts depend on `file://../helm-toolkit`, an
application chart whose `templates/snippets/_image.tpl` picks each container's image from the caller's
`.Values.images.tags`."""

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


def _library(directory: Path, entry: dict[object, object]) -> tuple[Path, bool] | None:
    """(the directory of the chart of the tree a `dependencies:` entry names, whether it is a library) or None: a
    library, or an application chart at the entry's `file://` path; in a git checkout, never one outside it."""
    name, wanted, repository = str(entry.get("name") or ""), str(entry.get("version") or ""), entry.get("repository")
    top, checkout = _search_top(directory)
    candidates: list[tuple[str, str, Path]] = []
    is_library = False
    if isinstance(repository, str) and repository.startswith("file://"):
        there = (directory / repository.removeprefix("file://")).resolve()
        meta = _meta(there / "Chart.yaml") if (there / "Chart.yaml").is_file() else {}
        if meta and (checkout is None or there.is_relative_to(checkout)):
            candidates = [(str(meta.get("name")), str(meta.get("version")), there)]
            is_library = meta.get("type") == "library"
    else:
        candidates, is_library = list(_libraries_around(top)), True
    for have_name, version, place in candidates:
        if have_name == name and (not wanted or satisfies(wanted, version)):
            return place, is_library
    return None


def library_templates(directory: Path, meta: dict[object, object]) -> tuple[list[Path], list[Path]]:
    """(the template files of the library charts of the tree that the chart in `directory` (its Chart.yaml read as
    `meta`) depends on, the `_*` files of the application charts it depends on by a `file://` path)."""
    entries = meta.get("dependencies")
    files: tuple[list[Path], list[Path]] = ([], [])
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and (found := _library(directory, entry)) is not None:
            templates, is_library = found[0] / "templates", found[1]
            listed = sorted(path for path in templates.rglob("*") if path.is_file()) if templates.is_dir() else []
            files[0 if is_library else 1].extend(path for path in listed if is_library or path.name.startswith("_"))
    return files
