"""The images of a chart's values.yaml that only a component the chart turns off by default uses (I/O).

A chart ships options its users turn on: `features.debugTools.enabled: false` in its `values.yaml`, and the debug
container's `image: {{ .Values.features.debugTools.image.repository }}:...` inside `{{- if
.Values.features.debugTools.enabled }}` in its templates. An install with the chart's defaults renders no such
container and pulls nothing for it (https://helm.sh/docs/chart_template_guide/control_structures/). Such an image is
`optional`: reported apart, and listed with the others under `--with-optional` by whoever turns the option on.

Read: each values image of a chart's own `values.yaml` (beside its `Chart.yaml`) whose key (the nearest key above
its line that is no `image`, `repository`, `registry`, `tag`...: `debugTools`, `grafana`), as the longest chain of the
keys above it the chart's templates name outside `if` conditions (`.features.debugTools`; `.debugTools` alone under
a `with`), is named no longer once the branches the values leave untaken are blanked
(helm_branches.taken_branches with `lone`: a lone `if` whose condition the values decide false, Go's `and`/`or` of
such conditions too), with the chart's defaults and with each other values file of the chart (its `ci/` and
`values-*.yaml`, `values.*.yaml`, as CI installs it: each merged over the defaults) alike. Kept as used: an image
whose key the templates name outside such a branch (`observability.minio` rendered outside `if
.Values.observability.enabled`), or in a `define` (a helper another template may include anywhere), and every image
of a chart whose templates cannot be told (discover_helm_unread_keys.chart_reads), and the keys of subcharts and
`global`, which other templates read.

And an image written in a chart's template itself (`image: quay.io/curl/curl:8.2.1` in a CronJob under `{{- if
.Values.alerts.enabled }}`) on a line that no install with the chart's values files renders (blanked with `lone`, as
above, with the defaults and with each other values file) is `optional` too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_branches import taken_branches
from ecr_mirror.choose.discovery.helm_values_keys import key_chain
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.cli.discover_helm_unread_keys import chart_reads
from ecr_mirror.cli.discover_memo import remembered
from ecr_mirror.errors import ConfigError

_GENERIC = frozenset(
    ["image", "images", "repository", "registry", "tag", "name", "digest", "pullPolicy", "imageName", "imageTag"]
)
_CONDITION_RE = re.compile(r"\{\{-?\s*(?:else\s+)?if\b.*?-?\}\}", re.S)
_OTHER_VALUES = ("ci/*.yaml", "ci/*.yml", "values-*.yaml", "values-*.yml", "values.*.yaml", "values.*.yml")


def _named(chain: str, templates: str) -> bool:
    return re.search(rf"\.{re.escape(chain)}(?![\w-])", templates) is not None


def _chain(keys: list[str], templates: str) -> str | None:
    """The longest chain of `keys` ending at the last that names no part of an image the templates name, or None."""
    owner = max((index for index, key in enumerate(keys) if key not in _GENERIC), default=None)
    if owner is None:
        return None
    for first in range(owner + 1):
        chain = ".".join(keys[first : owner + 1])
        if _named(chain, templates):
            return chain
    return None


def _merged(base: Mapping[Any, Any], over: Mapping[Any, Any]) -> dict[Any, Any]:
    out = dict(base)
    for key, value in over.items():
        below = out.get(key)
        out[key] = _merged(below, value) if isinstance(below, Mapping) and isinstance(value, Mapping) else value
    return out


def _mapping(text: str, name: str) -> Mapping[Any, Any] | None:
    try:
        documents = load_documents(text, name)
    except ConfigError:
        return None
    first = documents[0] if documents else {}
    return first if isinstance(first, Mapping) else None


def _install_values(chart: Path) -> tuple[Mapping[Any, Any], ...]:
    """The values each install of the chart in `chart` renders with: its `values.yaml` (`.yml`), then each other
    values file of the chart merged over it; none when the defaults cannot be read. Read once per run per chart."""
    return remembered(("install_values", chart.absolute()), lambda: _read_install_values(chart))


def _read_install_values(chart: Path) -> tuple[Mapping[Any, Any], ...]:
    defaults: Mapping[Any, Any] | None = None
    for name in ("values.yaml", "values.yml"):
        with contextlib.suppress(OSError):
            defaults = _mapping((chart / name).read_text(encoding="utf-8", errors="replace"), name)
            break
    if defaults is None:
        return ()
    installs = [defaults]
    for pattern in _OTHER_VALUES:
        for other in sorted(chart.glob(pattern)):
            with contextlib.suppress(OSError):
                if (given := _mapping(other.read_text(encoding="utf-8", errors="replace"), other.name)) is not None:
                    installs.append(_merged(defaults, given))
    return tuple(installs)


def _renders(chart: Path, templates: str) -> list[str]:
    """The templates as each install renders their branches (`_install_values`)."""
    return [taken_branches(templates, values, complete=True, lone=True) for values in _install_values(chart)]


def _template_lines(path: Path, shown: str, text: str, items: list[Found]) -> list[Found]:
    """`items` of a chart template (`path`), those on a line no install with the chart's values files renders (inside
    a lone `if` they all leave false) marked `optional`."""
    chart = next((parent.parent for parent in path.absolute().parents if parent.name == "templates"), None)
    if chart is None or "if" not in text or not (chart / "Chart.yaml").is_file():
        return items
    if not (renders := [render.splitlines() for render in _renders(chart, text)]):
        return items  # no defaults to render with
    written = text.splitlines()
    off = {
        id(item)
        for item in items
        if item.line
        and item.line <= len(written)
        and written[item.line - 1].strip()
        and all(item.line <= len(render) and not render[item.line - 1].strip() for render in renders)
    }
    why = f"off by default: on a line of {shown} inside an `if` the chart's values leave false"
    return [dataclasses.replace(item, optional=why) if id(item) in off else item for item in items]


def with_optional_components(path: Path, shown: str, text: str, items: list[Found]) -> list[Found]:
    """`items` of the file at `path` (`shown`, its `text`), the values images only a component off by default uses
    and a template's images on lines no install renders marked `optional`."""
    if items and "templates" in path.parts[:-1]:
        return _template_lines(path, shown, text, items)
    values = [item for item in items if item.use.startswith("values image") and item.line and not item.problem]
    if not values or path.name not in ("values.yaml", "values.yml") or not (path.parent / "Chart.yaml").is_file():
        return items
    if (reads := chart_reads(path.parent)) is None or "if" not in reads[0]:
        return items
    templates, subcharts = reads
    full = _CONDITION_RE.sub(" ", templates)
    renders: list[str] | None = None
    off: dict[int, str] = {}
    for item in values:
        keys = key_chain(text, item.line or 0, list_items=True)[0]
        if not keys or keys[0] in subcharts or (chain := _chain(keys, full)) is None:
            continue
        if renders is None:
            renders = [_CONDITION_RE.sub(" ", render) for render in _renders(path.parent, templates)]
        if renders and not any(_named(chain, render) for render in renders):
            off[id(item)] = (
                f"off by default: the templates of the chart in {shown.rsplit('/', 1)[0] if '/' in shown else '.'} "
                f"read `{chain}` only inside an `if` its values leave false (no values file of the chart turns it on)"
            )
    return [dataclasses.replace(item, optional=off[id(item)]) if id(item) in off else item for item in items]
