"""The images of a chart's values files under a top-level key no template of the chart reads, left out (I/O).

Helm renders only what a chart's templates read from its values
(https://helm.sh/docs/chart_template_guide/values_files/): a `klikkflow.image` left in `values.yaml` from an earlier
layout, beside the `backend.image` the deployment renders, is never deployed. Left out: an image of a chart's own
values file (`values.yaml` beside its `Chart.yaml`, or in its `ci/`) whose top-level key the text of the chart's
`templates/` never names as a word, or whose key under it (`klikkflow.image` of `klikkflow.image.repository`) the
templates never name as `.klikkflow.image` while they use `.Values.klikkflow` only through other dotted children
(`.Values.klikkflow.env.LOG_LEVEL`). Kept: `global` and the key of a subchart (a dependency's `name` or `alias` in
`Chart.yaml` or a Helm 2 chart's `requirements.yaml`, or a folder of `charts/`), whose templates read it; every key of
a chart whose templates hand the whole `.Values` on (`toYaml .Values`, `range ... .Values`, `include "x" .Values`), of
one that depends on a chart of the tree (`file://`, whose templates may read it), and of one whose templates are past
MAX_TEMPLATES_BYTES or unreadable, which cannot be told.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_values_keys import key_chain
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.cli.discover_memo import remembered
from ecr_mirror.errors import ConfigError

MAX_TEMPLATES_BYTES = 4 * 1024 * 1024
_SUFFIXES = (".yaml", ".yml", ".tpl", ".txt", ".json")
_VALUES_RE = re.compile(r"values[\w.-]*\.ya?ml$")
# `.Values` itself handed on or iterated, not one of its keys: `toYaml .Values`, `range $k, $v := .Values }}`
_WHOLE_RE = re.compile(r"\.Values\s*(?:\}\}|\)|\||-\}\})|\.Values\s*$", re.MULTILINE)


def _chart_reads(directory: Path) -> tuple[str, frozenset[str]] | None:
    """(the templates' text, the keys subcharts and `global` read) of the chart in `directory`; None when every key
    is to be kept (see the module). Read once per run (discover_memo.py)."""
    return remembered(("chart_reads", directory), lambda: _reads(directory))


def chart_reads(directory: Path) -> tuple[str, frozenset[str]] | None:
    """The text of the templates of the chart in `directory` and the keys its subcharts and `global` read (read once
    per run); None when it cannot be told what they read (none, past MAX_TEMPLATES_BYTES, unreadable, or handing the
    whole `.Values` on, or depending on a chart of the tree)."""
    return _chart_reads(directory.absolute())


def _reads(directory: Path) -> tuple[str, frozenset[str]] | None:
    kept = {"global"}
    dependencies: list[object] = []
    for name in ("Chart.yaml", "requirements.yaml"):  # Helm 2 charts list them in `requirements.yaml`
        file = directory / name
        try:
            text = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else ""
            documents = load_documents(text, name) if text else []
        except (OSError, ConfigError):
            return None
        meta = documents[0] if documents and isinstance(documents[0], dict) else {}
        listed = meta.get("dependencies")
        dependencies += listed if isinstance(listed, list) else []
    for dependency in dependencies:
        if not isinstance(dependency, dict):
            return None
        if str(dependency.get("repository", "")).startswith("file://"):
            return None  # a chart of the tree, whose templates may read any key
        kept |= {str(dependency[key]) for key in ("name", "alias") if dependency.get(key)}
    subcharts = directory / "charts"
    kept |= {child.name for child in subcharts.iterdir()} if subcharts.is_dir() else set()
    templates = directory / "templates"
    if not templates.is_dir():
        return None
    parts: list[str] = []
    size = 0
    for file in sorted(templates.rglob("*")):
        if file.is_file() and file.suffix in _SUFFIXES:
            try:
                text = file.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
            size += len(text)
            if size > MAX_TEMPLATES_BYTES:
                return None
            parts.append(text)
    text = "\n".join(parts)
    return None if not text or _WHOLE_RE.search(text) else (text, frozenset(kept))


def _key_path(text: str, line: int) -> tuple[str | None, str | None]:
    """The top-level key of the values text above (and at) `line`, and the key under it that holds the line (None
    when the line is the top key's own)."""
    keys, rooted = key_chain(text, line)
    if not rooted:
        return None, None
    return keys[0], keys[1] if len(keys) > 1 else None


def _read(key: str, second: str | None, templates: str) -> bool:
    """Whether the templates may read `key` (and `key.second`): they name `.Values.KEY.SECOND`, or use `.Values.KEY`
    otherwise than through a dotted child (`with .Values.KEY`, `toYaml .Values.KEY`), or name KEY as a word when no
    child is asked."""
    if not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", templates):
        return False
    if second is None:
        return True
    if re.search(rf"\.{re.escape(key)}\.{re.escape(second)}(?![\w-])", templates):
        return True
    whole = re.search(rf"\.Values\.{re.escape(key)}(?![\w.-])|(?<![\w.-]){re.escape(key)}\b(?!\.)", templates)
    return whole is not None


def without_unread_keys(path: Path, text: str, items: list[Found]) -> list[Found]:
    """`items` of the file at `path` (its `text`) without the values images under a key its chart's templates never
    name."""
    values = [item for item in items if item.use.startswith("values image") and item.line]
    if not values or not _VALUES_RE.search(path.name):
        return items
    chart = path.parent.parent if path.parent.name == "ci" else path.parent
    if not (chart / "Chart.yaml").is_file() or (reads := _chart_reads(chart.absolute())) is None:
        return items
    templates, kept = reads
    unread: set[int] = set()
    for item in values:
        key, second = _key_path(text, item.line or 0)
        if key is not None and key not in kept and not _read(key, second, templates):
            unread.add(id(item))
    return [item for item in items if id(item) not in unread]
