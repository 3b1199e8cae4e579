"""The `image:` lines of a parent chart's subcharts in the tree, read as lines of the parent's templates (pure but
for reading the charts' files; cli/discover_helm.py adds them to the parent's templates for helm_values.py).

A parent chart sets values for a subchart under the subchart's name, or the alias its dependencies give it
(`dependencies:` in `Chart.yaml`, or in `requirements.yaml` for an `apiVersion: v1` chart,
https://helm.sh/docs/topics/charts/#the-chart-file), and Helm renders them with the subchart's templates, the
parent's `global:` values being the subchart's too (https://helm.sh/docs/chart_template_guide/subcharts_and_globals/).
IBM's `ibm-apm-ema-prod` sets `emaAdminConsole.image: {repository: ema-admin-console, tag: 1.1.1}` for its
subchart `charts/ema-admin-console`, aliased `emaAdminConsole`, whose line `image: "{{ .Values.global.icpDockerRepo
}}{{ .Values.image.repository }}:{{ .Values.image.tag }}"` puts the parent's registry before it: read in the parent
as `{{ .Values.global.icpDockerRepo }}{{ .Values.emaAdminConsole.image.repository }}:...`, the parent's mapping is
`docker-registry.default.svc:5000/ema/ema-admin-console:1.1.1`, not `ema-admin-console:1.1.1` on Docker Hub. Only
the subcharts' `image:` lines made of values lookups are taken (no named template call, no chart version, which are
the subchart's own), no `define` block, and the lines holding only `if`/`else`/`end` (also `with`, `range`) actions
around them, so that the branch the parent's values take is the one read (IBM's blockchain charts choose `{{ .Values.
app.image }}` or `{{ .Values.app.image }}-{{ .Values.app.arch }}` by `{{- if .Values.global.multiarch }}`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.go_template_blocks import defines
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_SUFFIXES = (".yaml", ".yml", ".tpl")
_IMAGE_LINE_RE = re.compile(r"^[ \t-]*image:[^\n]*\{\{[^\n]*$", re.MULTILINE)
_BLOCKS_RE = re.compile(r"[ \t]*(?:\{\{-?\s*(?:if|else|end|with|range)\b[^{}]*?-?\}\}[ \t]*)+")
_OWN_RE = re.compile(r"\b(?:include|template)\b|\.Chart\.|\.Release\.|\.Capabilities\.")
# `.Values.x` of the subchart is `.Values.<key>.x` of the parent; `.Values.global.x` is the same in both
_VALUES_RE = re.compile(r"(?P<root>(?:\$\w*)?\.Values)\.(?!global\b)(?=[A-Za-z_])")


def _document(file: Path) -> object:
    try:
        return next(iter(load_documents(file.read_text(encoding="utf-8", errors="replace"), file.name)), None)
    except (OSError, ConfigError):
        return None


def dependency_keys(parent: Path, name: str) -> tuple[str, ...]:
    """The keys under which the chart in `parent` gives values to its dependency `name`: the alias of each of its
    entries in `Chart.yaml`'s or `requirements.yaml`'s `dependencies` (the name where an entry has none)."""
    entries: list[object] = []
    for file in ("Chart.yaml", "requirements.yaml", "requirements.yml"):
        document = _document(parent / file) if (parent / file).is_file() else None
        listed = document.get("dependencies") if isinstance(document, dict) else None
        entries += listed if isinstance(listed, list) else []
    keys = (str(each.get("alias") or name) for each in entries if isinstance(each, dict) and each.get("name") == name)
    return tuple(dict.fromkeys(keys)) or (name,)


def _without_defines(text: str) -> str:
    """`text` without its `define` blocks, each to its own `{{ end }}` (the blocks inside it closing first)."""
    kept: list[str] = []
    position = 0
    for define, end in defines(text):
        if end is not None and define.start() >= position:
            kept.append(text[position : define.start()])
            position = end[1]
    return "".join(kept) + text[position:]


def _image_line(line: str) -> bool:
    return _IMAGE_LINE_RE.fullmatch(line) is not None and _OWN_RE.search(line) is None


def subchart_image_lines(directory: Path, limit: int) -> str:
    """The `image:` lines of the subcharts in `charts/` of the chart in `directory`, as lines of its own templates
    (at most `limit` characters of them)."""
    lines: list[str] = []
    size = 0
    for chart in sorted((directory / "charts").glob("*/Chart.yaml")) if (directory / "charts").is_dir() else ():
        meta = _document(chart)
        name = str(meta.get("name") or chart.parent.name) if isinstance(meta, dict) else chart.parent.name
        keys = dependency_keys(directory, name)
        templates = chart.parent / "templates"
        for file in sorted(templates.rglob("*")) if templates.is_dir() else ():
            if file.suffix not in _SUFFIXES or not file.is_file() or size > limit:
                continue
            text = _without_defines(file.read_text(encoding="utf-8", errors="replace"))
            kept = [line for line in text.splitlines() if _BLOCKS_RE.fullmatch(line) or _image_line(line)]
            if any(_image_line(line) for line in kept):
                added = [_VALUES_RE.sub(rf"\g<root>.{key}.", line) for key in keys for line in kept]
                size += sum(len(each) for each in added)
                lines += added
    return "\n".join(lines)
