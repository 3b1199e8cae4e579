"""The images of a chart's dependencies vendored as archives, `CHART/charts/NAME-VERSION.tgz` (what `helm dependency
update` writes, https://helm.sh/docs/helm/helm_dependency_update/), read with the parent's values
(cli/discover_helm.py reads them with the parent's `values.yaml`).

`helm install` of the parent renders every chart in its `charts/` directory with it
(https://helm.sh/docs/topics/charts/#the-chart-file-structure): the subchart's `values.yaml` defaults under the
parent's values under its name, or the alias its `dependencies:` entry gives it, and the parent's `global:`
(helm_subcharts.py); a dependency whose `condition:` names a value false in the parent's values is not rendered ("the
first valid path found is evaluated and if no paths exist then the condition has no effect",
https://helm.sh/docs/topics/charts/#tags-and-condition-fields-in-dependencies). The archive is read in memory, never
extracted: one gzip stream, read once in order, at most MAX_ARCHIVE_BYTES on disk, MAX_UNPACKED_BYTES unpacked and
MAX_MEMBERS members; of its members only the chart's `Chart.yaml`, `values*.yaml` and `templates/*` are kept (each at
most MAX_MEMBER_BYTES); an archive past a limit, or not a gzip'd tar, is skipped whole. The subcharts of the
archive's chart (its own `charts/` inside) lend it their named templates only; their values are not read.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_subcharts import handed_down, with_handed_down
from ecr_mirror.choose.discovery.helm_values import helm_values_images
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

MAX_ARCHIVE_BYTES = 16 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 2 * 1024 * 1024
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".tpl", ".txt")


class _TooLarge(Exception):
    """An archive past one of the limits."""


class _Bounded(io.RawIOBase):
    """The unpacked bytes of a gzip stream, failing past MAX_UNPACKED_BYTES (a bomb is not unpacked further)."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self._stream = stream
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), MAX_UNPACKED_BYTES + 1 - self._read))
        self._read += len(data)
        if self._read > MAX_UNPACKED_BYTES:
            raise _TooLarge
        buffer[: len(data)] = data
        return len(data)


def _kept(name: str) -> bool:
    """Whether a member is one read: a chart's `Chart.yaml`, `values*.yaml`, or under its `templates/`."""
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or ".." in parts or parts[0] == "/":
        return False
    base = parts[-1]
    return (
        base == "Chart.yaml"
        or (base.startswith("values") and base.endswith((".yaml", ".yml")))
        or ("templates" in parts[:-1] and base.endswith(_TEMPLATE_SUFFIXES))
    )


def archive_files(path: Path) -> dict[str, str]:
    """The kept members of the chart archive `path` (name in the archive: text); empty when it is past a limit or
    not a gzip'd tar."""
    try:
        if path.stat().st_size > MAX_ARCHIVE_BYTES:
            return {}
        files: dict[str, str] = {}
        with path.open("rb") as raw, gzip.GzipFile(fileobj=raw) as unpacked:
            stream = io.BufferedReader(_Bounded(unpacked))
            with tarfile.open(fileobj=stream, mode="r|") as tar:
                for count, member in enumerate(tar, start=1):
                    if count > MAX_MEMBERS:
                        raise _TooLarge
                    if member.isfile() and _kept(member.name):
                        if member.size > MAX_MEMBER_BYTES:
                            raise _TooLarge
                        data = tar.extractfile(member)
                        files[member.name] = data.read().decode("utf-8", errors="replace") if data else ""
        return files
    except (_TooLarge, OSError, EOFError, tarfile.TarError, zlib.error):
        return {}


def _document(text: str | None, name: str) -> object:
    try:
        return next(iter(load_documents(text, name)), None) if text is not None else None
    except ConfigError:
        return None


def _condition(values: object, condition: object) -> bool:
    """Whether a dependency's `condition:` (comma-separated value paths) lets it render: the first path that is a
    boolean in the parent's values decides; none, and it renders."""
    for each in str(condition or "").split(","):
        node = values
        for key in each.strip().split(".") if each.strip() else ():
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, bool):
            return node
    return True


def _instances(parent_meta: object, name: str) -> list[tuple[str, object]]:
    """(key, condition) of each entry of the parent's dependencies for the chart `name` (its name when none)."""
    entries = parent_meta.get("dependencies") if isinstance(parent_meta, dict) else None
    listed: list[tuple[str, object]] = [
        (str(entry.get("alias") or name), entry.get("condition"))
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and entry.get("name") == name
    ]
    return listed or [(name, None)]


def _disabled_lines(node: object, off: bool = False) -> Iterator[int]:
    """The lines of the values inside a section the values turn off (`enabled: false` beside them): a vendored
    chart's optional parts (`initContainers.init.enabled: false`) are not rendered by the parent's install."""
    if isinstance(node, Mapping):
        off = off or node.get("enabled") is False
        for value in node.values():
            yield from _disabled_lines(value, off)
    elif isinstance(node, list):
        for value in node:
            yield from _disabled_lines(value, off)
    elif off and (line := line_of(node)):
        yield line


def _version(meta: dict[object, object], key: str) -> str | None:
    value = meta.get(key)
    return None if value is None or value == "" else str(value)


def _chart_images(files: dict[str, str], shown: str, parent: object, parent_meta: object) -> list[Found]:
    """The images of the chart at the top of an archive's `files`, as `parent` (the parent's values) gives it."""
    tops = sorted(name.split("/")[0] for name in files if name.count("/") == 1 and name.endswith("/Chart.yaml"))
    if not tops:
        return []
    top = tops[0]
    meta = _document(files[f"{top}/Chart.yaml"], "Chart.yaml")
    if not isinstance(meta, dict):
        return []
    name = str(meta.get("name") or top)
    values_name = f"{top}/values.yaml" if f"{top}/values.yaml" in files else f"{top}/values.yml"
    if values_name not in files:
        return []
    # its own templates, and the named templates of the charts inside it (a library chart's helpers)
    own = [text for each, text in sorted(files.items()) if each.startswith(f"{top}/templates/")]
    lent = [text for each, text in sorted(files.items()) if each.startswith(f"{top}/charts/") and each.endswith(".tpl")]
    found: list[Found] = []
    for key, condition in _instances(parent_meta, name):
        if not _condition(parent, condition):
            continue
        handed = handed_down(parent, (key,))
        off = set(_disabled_lines(with_handed_down(_document(files[values_name], values_name), handed)))
        try:
            found += [
                each
                for each in helm_values_images(
                    files[values_name],
                    f"{shown}/{values_name}",
                    app_version=_version(meta, "appVersion"),
                    chart_version=_version(meta, "version"),
                    templates="\n".join(own + lent),
                    handed=handed,
                )
                if each.line not in off
            ]
        except ConfigError:
            continue
    # an image with no line is made of what the parent sets alone: the parent's values file reports it
    return [each for each in dict.fromkeys(found) if each.line]


def archive_images(directory: Path, shown: str, parent: object) -> list[Found]:
    """The images of the archives in `charts/` of the chart in `directory` (`shown` as the user sees it), given the
    parent's values `parent` (its `values.yaml` with what its own parent gives it)."""
    archives = sorted((directory / "charts").glob("*.tgz")) if (directory / "charts").is_dir() else []
    if not archives:
        return []
    try:
        parent_meta = _document((directory / "Chart.yaml").read_text(encoding="utf-8", errors="replace"), "Chart")
    except OSError:
        parent_meta = None
    found: list[Found] = []
    for archive in archives:
        files = archive_files(archive)
        found += _chart_images(files, f"{shown}/charts/{archive.name}", parent, parent_meta) if files else []
    return found
