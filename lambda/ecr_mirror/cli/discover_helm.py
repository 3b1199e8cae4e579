"""The values files of the Helm charts in the tree, read with what their chart says (choose/discovery/helm_values.py).

A values file is `values*.y*ml` beside a `Chart.yaml`, or in the chart's `ci/` directory (chart-testing's
`ci/*-values.yaml`). The chart's `appVersion`, its `version` and the text of its templates tell how an empty tag
defaults. A values file with no `Chart.yaml` beside it, named as values files are (`grafana-values.yaml`,
`values-prod.yml`), belongs to a chart elsewhere and is read without one (helm_outside_values.py: an empty tag is
unresolved). A template's `image:` line that reads no values but names its image and gives the tag the chart's version
(`{{ printf "acme/api:%s" (default .Chart.AppVersion (.Values.image).tag) }}`, the values setting no image tag) is
rendered with the chart's `values.yaml` and versions, at the template's line (chart_version_lines); so is one whose
lookups the values leave unset, each with a literal default, reading the variables the template sets above it
(`{{- $digest := "sha256:..." }}`, `image: {{ .Values.cli_image_repo | default "quay.io/acme/cli" }}@{{ $digest }}`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path, PurePosixPath

import yaml

from ecr_mirror.choose.discovery.collect import TEMPLATE_EXPRESSION, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_branches import taken_branches
from ecr_mirror.choose.discovery.helm_called_blocks import called_definitions
from ecr_mirror.choose.discovery.helm_outside_values import outside_values_images, values_named
from ecr_mirror.choose.discovery.helm_subcharts import handed_down, with_handed_down
from ecr_mirror.choose.discovery.helm_template_lines import rendered_images
from ecr_mirror.choose.discovery.helm_values import helm_values_images
from ecr_mirror.choose.discovery.yaml_loader import load_documents, located
from ecr_mirror.choose.discovery.yaml_sources import TEMPLATE_LINE
from ecr_mirror.cli.discover_helm_archives import archive_images
from ecr_mirror.cli.discover_helm_libraries import library_templates
from ecr_mirror.cli.discover_helm_subchart_lines import subchart_image_lines
from ecr_mirror.errors import ConfigError

MAX_TEMPLATE_BYTES = 4 * 1024 * 1024  # of all the templates of one chart
_VALUES_RE = re.compile(r"values.*\.ya?ml$", re.IGNORECASE)
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".tpl", ".txt")


# directories below a chart whose values files are not given to it: its templates, subcharts, and tests' inputs
_NOT_GIVEN = frozenset({"templates", "charts", "tests", "test", "unittests", "testdata", "fixtures", "__snapshots__"})


def _chart_of(path: Path) -> Path | None:
    """The chart a values file is given to: the one beside it, above its `ci/` (chart-testing's `ci/*-values.yaml`),
    or the chart whose directory holds it up to three levels down, as a chart keeps the values of its examples
    (elastic's `filebeat/examples/oss/values.yaml`, which the example's Makefile gives `helm upgrade --install
    --values values.yaml helm-filebeat-oss ../../`); not below its templates, subcharts or tests."""
    if not _VALUES_RE.search(path.name):
        return None
    candidates = [path.parent, path.parent.parent] if path.parent.name == "ci" else [path.parent]
    beside = next((directory for directory in candidates if (directory / "Chart.yaml").is_file()), None)
    if beside is not None:
        return beside
    for directory in path.parents[1:4]:
        if (directory / "Chart.yaml").is_file():
            below = path.parent.relative_to(directory).parts
            return None if any(part.lower() in _NOT_GIVEN for part in below) else directory
    return None


def own_chart_values(path: Path) -> bool:
    """Whether `path` is a chart's own values file, beside its `Chart.yaml` or in its `ci/`: Helm gives it to the
    chart's templates whatever keys it holds (https://helm.sh/docs/chart_template_guide/values_files/), and a mapping
    with a `script` in it (an init container's) is no GitLab job."""
    candidates = [path.parent, path.parent.parent] if path.parent.name == "ci" else [path.parent]
    return bool(_VALUES_RE.search(path.name)) and any((each / "Chart.yaml").is_file() for each in candidates)


def _as_written(text: str, meta: dict[object, object], key: str) -> str | None:
    """`key` of Chart.yaml as written: `version: 1.10` is "1.10", not the float YAML makes of it."""
    value = meta.get(key)
    if value is None or value == "" or isinstance(value, str):
        return value or None
    written = re.search(rf"^{key}:\s*([^\s#]+)", text, re.MULTILINE)
    return written.group(1) if written else str(value)


@functools.lru_cache(maxsize=64)
def _chart(directory: Path) -> tuple[str | None, str | None, str]:
    """(appVersion, version, the templates' text) of the chart in `directory`, with those of the library charts of
    the tree it depends on (discover_helm_libraries.py)."""
    app_version: str | None = None
    version: str | None = None
    libraries: list[Path] = []
    partials: list[Path] = []  # of application charts it depends on: only the named templates the chart calls
    try:
        text = (directory / "Chart.yaml").read_text(encoding="utf-8", errors="replace")
        documents = load_documents(text, "Chart")
        meta = documents[0] if documents else None
        if isinstance(meta, dict):
            app_version, version = (_as_written(text, meta, key) for key in ("appVersion", "version"))
            libraries, partials = library_templates(directory, meta)
    except (OSError, ConfigError):
        pass
    parts: list[str] = []
    size = 0
    templates = directory / "templates"
    for file in [*(sorted(templates.rglob("*")) if templates.is_dir() else ()), *libraries]:
        if file.suffix in _TEMPLATE_SUFFIXES and file.is_file() and size < MAX_TEMPLATE_BYTES:
            text = file.read_text(encoding="utf-8", errors="replace")
            size += len(text)
            parts.append(text)
    lent = "\n".join(
        file.read_text(encoding="utf-8", errors="replace") for file in partials if file.suffix in _TEMPLATE_SUFFIXES
    )
    parts += [called_definitions(lent, "\n".join(parts))] if lent else []
    return app_version, version, "\n".join(parts)


@functools.lru_cache(maxsize=64)
def _values_templates(directory: Path) -> str:
    """The chart's templates and the `image:` lines of its subcharts, read once for all its values files (its
    `ci/` ones too): what it sets for its subcharts is rendered by those lines."""
    return _chart(directory)[2] + "\n" + subchart_image_lines(directory, MAX_TEMPLATE_BYTES)


def in_chart_templates(path: Path) -> bool:
    """Whether `path` is a template of a chart in the tree (under a `templates/` beside a `Chart.yaml`)."""
    parents = path.absolute().parents
    return any(p.name == "templates" and (p.parent / "Chart.yaml").is_file() for p in parents)


def beside_templates(path: Path) -> bool:
    """Whether `path` is in a folder of a chart's directory (the nearest one above it holding a `Chart.yaml`) other than
    its `templates/`: Helm renders only those (https://helm.sh/docs/topics/charts/#templates-and-values), so a template
    kept elsewhere (a `tests/` pod beside `templates/`) is never rendered nor applied."""
    absolute = path.absolute()
    chart = next((p for p in absolute.parents if (p / "Chart.yaml").is_file()), None)
    parts = absolute.relative_to(chart).parts if chart is not None else ()
    # a folder of the chart's other than `templates/`; not a values file (`ci/test-values.yaml`), whose strings
    # the templates may render with `tpl`
    return len(parts) > 1 and parts[0] != "templates" and "values" not in parts[-1].lower()


def chart_version_lines(path: Path, lines: list[Found]) -> list[Found]:
    """The images of a chart template's `image:` lines (`lines`, unresolved as written) that the chart's default
    values render reading none of them, the tag its appVersion or version: the template's own images."""
    directory = next((p.parent for p in path.absolute().parents if p.name == "templates"), None)
    if directory is None or not lines:
        return []
    app_version, version, templates = _chart(directory)
    try:
        defaults = next(iter(load_documents(_defaults(directory, directory / "Chart.yaml") or "", "values.yaml")), None)
    except ConfigError:
        return []
    try:  # the variables the template sets above each line (`{{- $digest := "sha256:..." }}`)
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    above = text.splitlines(keepends=True)
    # the branches the defaults take (`{{- if eq $mirror "none" }}` on `$mirror := .Values.mirror | default "none"`)
    taken = taken_branches(text, defaults or {}, complete=True, variables=True).splitlines()
    found: list[Found] = []
    for line in lines:
        index = (line.line or 0) - 1
        if 0 <= index < len(taken) and not taken[index].strip() and above[index].strip():
            continue  # in a branch the defaults do not take
        versions = {"AppVersion": app_version, "Version": version}
        before = "".join(above[: max((line.line or 1) - 1, 0)])
        for rendered in rendered_images(
            f"image: {line.text}", defaults or {}, versions, definitions=templates, before=before
        ):
            if all(value is None for value in rendered.read):
                item = found_item(located(rendered.text, line.line or 0), line.origin, line.use)
                found += [dataclasses.replace(item, kind=line.kind)] if item else []
    return found


def in_chart_tests(path: Path) -> bool:
    """Whether `path` is in the tests of a chart in the tree (a `tests/` beside a `Chart.yaml`): the values a unit
    test renders the chart with (terratest, helm-unittest), fixtures never installed."""
    parents = path.absolute().parents
    return any(p.name == "tests" and (p.parent / "Chart.yaml").is_file() for p in parents)


def chart_values(shown: str, path: Path, text: str) -> list[Found] | None:
    """The images of a chart's values file; None when `path` is not one. ConfigError when it does not parse."""
    directory = _chart_of(path.absolute())
    if directory is None:
        return None
    app_version, version, _ = _chart(directory)
    templates = _values_templates(directory)
    defaults = _defaults(directory, path)
    own = path.absolute().parent == directory and path.name in _DEFAULTS
    handed = _handed(directory) if own else None
    found = helm_values_images(
        text,
        shown,
        app_version=app_version,
        chart_version=version,
        templates=templates,
        defaults=defaults,
        handed=handed,
    )
    if own:  # the subcharts vendored as archives, with these values (discover_helm_archives.py)
        parent = with_handed_down(next(iter(load_documents(text, shown)), None), handed)
        found += archive_images(directory, str(PurePosixPath(shown).parent), parent)
    return found


_DEFAULTS = ("values.yaml", "values.yml")


def given_values_images(directory: Path, values: dict[str, object], origin: str) -> list[Found]:
    """The images of `values` given over the defaults of the chart in `directory` (a command line's `--set`,
    cli/discover_helm_set.py), as a values file given with `-f` is read: what they make otherwise than the defaults;
    their lines are those of the text they are written in here, for the caller to place."""
    app_version, version, templates = _chart(directory)
    text = yaml.safe_dump(values, default_flow_style=False)
    try:
        return helm_values_images(
            text,
            origin,
            app_version=app_version,
            chart_version=version,
            templates=templates,
            defaults=_defaults(directory, directory / "Chart.yaml"),
        )
    except ConfigError:
        return []


def _document(file: Path) -> object:
    """The first document of a YAML file; None when it is missing or does not parse (its own reading says so)."""
    try:
        return next(iter(load_documents(file.read_text(encoding="utf-8", errors="replace"), file.name)), None)
    except (OSError, ConfigError):
        return None


@functools.lru_cache(maxsize=64)
def _handed(directory: Path, depth: int = 0) -> dict[str, object] | None:
    """What the chart above a subchart in its `charts/` directory gives it (helm_subcharts.py): the parent's
    `global:` and its values under the subchart's name, or under the alias the parent's `dependencies:` give it; the
    parent's values being its own `values.yaml` with what its own parent gives it, a few levels up."""
    parent = directory.parent.parent
    if directory.parent.name != "charts" or not (parent / "Chart.yaml").is_file() or depth > 4:
        return None
    meta, above = _document(directory / "Chart.yaml"), _document(parent / "Chart.yaml")
    name = str(meta.get("name") or directory.name) if isinstance(meta, dict) else directory.name
    entries = above.get("dependencies") if isinstance(above, dict) else None
    keys = tuple(
        str(entry.get("alias") or name)
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and entry.get("name") == name
    )
    own = next((_document(parent / each) for each in _DEFAULTS if (parent / each).is_file()), None)
    return handed_down(with_handed_down(own, _handed(parent, depth + 1)), keys or (name,))


def outside_chart_values(shown: str, path: Path, text: str) -> list[Found] | None:
    """The images of a values file of a chart that is not in the tree (no `Chart.yaml` beside it), known by its
    name; None when `path` is not named so. ConfigError when it does not parse."""
    if not values_named(path.name) or in_chart_templates(path) or in_fixtures(shown):
        return None
    return outside_values_images(text, shown)


_FIXTURE_DIRECTORIES = frozenset({"fixtures", "testdata", "test-fixtures", "__fixtures__"})


def in_fixtures(shown: str) -> bool:
    """Whether a file lies in a tool's test inputs (`fixtures/`, `testdata/`): a values-named file there is what the
    tool reads in its tests (consul-k8s' `hack/helm-reference-gen/fixtures/full-values.yaml`), not values anyone
    hands `helm install -f`; and YAML there that is no Kubernetes object but wraps container specs is a case a unit
    test feeds its own code (karmada's resource interpreter cases, `desiredObj:` holding a custom resource), never
    applied. The go tool ignores `testdata/`, "available to hold ancillary data needed by the tests"
    (https://pkg.go.dev/cmd/go#hdr-Test_packages)."""
    return any(part in _FIXTURE_DIRECTORIES for part in PurePosixPath(shown).parts[:-1])


def _defaults(directory: Path, path: Path) -> str | None:
    """The text of the chart's `values.yaml`, which Helm merges a values file given with `-f` over; None when
    `path` is that file or the chart has none."""
    for name in ("values.yaml", "values.yml"):
        candidate = directory / name
        if candidate.is_file():
            if candidate.absolute() == path.absolute():
                return None
            try:
                return candidate.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
    return None


def untemplated(shown: str, path: Path, items: list[Found], templates: list[str]) -> list[Found]:
    """A YAML file that is a template until rendered is named once in `templates`; in a chart of the tree (its
    values files are read), its template expressions are those values, and are not unresolved lines of their own."""
    if not any(item.use == TEMPLATE_LINE or (item.problem or "").startswith(TEMPLATE_EXPRESSION) for item in items):
        return items
    templates.append(shown)
    if not in_chart_templates(path):
        return [] if beside_templates(path) else items  # a chart's file Helm never renders
    lines = [item for item in items if (item.problem or "").startswith(TEMPLATE_EXPRESSION)]
    return [item for item in items if item not in lines] + chart_version_lines(path, lines)
