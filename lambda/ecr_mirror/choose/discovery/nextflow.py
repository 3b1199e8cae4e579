"""The containers a Nextflow pipeline runs its processes in (pure).

Nextflow runs each process in the container its `container` directive names
(https://www.nextflow.io/docs/latest/reference/process.html#container), written in the process of a `*.nf` script
(`container 'rnacentral/cpat:3.0.5'`) or in a configuration file, `process { container = '...' }`, a `withName:` or
`withLabel:` selector's, or a `params` value a directive names (`container params.r2dt.container`,
https://www.nextflow.io/docs/latest/config.html#process-selectors); docker, podman and singularity pull it when the
process runs. Read: in a `*.nf` file, each `container` directive's value, over lines while a quoted string or a
`${ ... }` it opens is not closed (nf-core's `container "${ workflow.containerEngine == 'singularity' && ... ?
'https://depot.galaxyproject.org/singularity/multiqc:1.21--pyhdfd78af_0' : 'biocontainers/multiqc:1.21--pyhdfd78af_0'
}"`); in a configuration file (`nextflow.config`, and a `*.config` beside it or in its directory's `conf/`,
`config/` or `configs/`: `is_nextflow_file`), each `container = VALUE` line. Of a value, each quoted literal that
is an image reference: `oras://` and `docker://` name the image after them, a URL of another scheme (a Singularity
file's `https://`, `shub://`, `library://`) or a path is no image, a literal compared (`== 'singularity'`) is none, a
literal with an interpolation (`"ezlabgva/busco:${params.v}"`) is known only when the pipeline runs, an empty one
(`container ''`) runs none. A name without a registry host is pulled from the registry the pipeline's
`nextflow.config` sets, `docker.registry` (nf-core's `quay.io`: `quay.io/biocontainers/fastqc:...`). `use`
`container`, `kind` `Nextflow`; a selector whose label no process has is read all the same (Known limits).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import names_registry_host, reference_or_none

KIND = "Nextflow"
USE = "container"
_DIRECTIVE_RE = re.compile(r"^[ \t]*container[ \t]+(?=[\"'$])", re.MULTILINE)
_SETTING_RE = re.compile(r"^[ \t]*(?:process\.)?container[ \t]*=[ \t]*", re.MULTILINE)
_LITERAL_RE = re.compile(r"'(?P<single>[^'\\\n]*)'|\"(?P<double>(?:[^\"\\\n$]|\\.)*)\"")
_VALUE_END_RE = re.compile(r"\"|'|\$\{|\}|\n")
_SCHEMES = ("oras://", "docker://")
_COMPARISONS = ("==", "!=", "=~", "==~")
_CONFIG_FOLDERS = frozenset({"conf", "config", "configs"})
_REGISTRY_RE = re.compile(r"^[ \t]*docker\.registry[ \t]*=[ \t]*['\"](?P<registry>[^'\"\n]*)['\"]", re.MULTILINE)
_REGISTRY_BLOCK_RE = re.compile(
    r"^[ \t]*docker[ \t]*\{[^{}]*?^[ \t]*registry[ \t]*=[ \t]*['\"](?P<registry>[^'\"\n]*)['\"]", re.MULTILINE
)
_MAX_VALUE = 4096  # a directive's value read at most this far: nf-core's longest choices are a few hundred characters


def is_nextflow_script(shown: str) -> bool:
    return shown.endswith(".nf")


def is_nextflow_file(path: PurePath) -> bool:
    """Whether a file is a Nextflow script (`*.nf`) or configuration: `nextflow.config`, or a `*.config` beside one
    or in a `conf/`, `config/` or `configs/` folder of its directory (nf-core's `conf/base.config`; looked for on disk
    when `path` is a `Path`)."""
    if path.name.endswith(".nf") or path.name == "nextflow.config":
        return True
    if not path.name.endswith(".config") or not isinstance(path, Path):
        return False
    if (path.parent / "nextflow.config").is_file():
        return True
    return path.parent.name in _CONFIG_FOLDERS and (path.parent.parent / "nextflow.config").is_file()


def _value_end(text: str, start: int) -> int:
    """Where a directive's value ends: its line's end, past any quoted string or `${ ... }` it opens there."""
    depth, quote, at = 0, "", start
    limit = min(len(text), start + _MAX_VALUE)
    while at < limit:
        match = _VALUE_END_RE.search(text, at, limit)
        if match is None:
            return limit
        mark, at = match.group(0), match.end()
        if quote:
            quote = "" if mark == quote else quote
        elif mark in ("'", '"'):
            quote = mark
        elif mark == "${":
            depth += 1
        elif mark == "}" and depth:
            depth -= 1
        elif mark == "\n" and not depth:
            return match.start()
    return limit


def _images(value: str) -> list[tuple[int, str]]:
    """(offset in `value`, image) of each quoted literal of a container value that is an image reference."""
    images: list[tuple[int, str]] = []
    for literal in _LITERAL_RE.finditer(value):
        written = literal["single"] if literal["single"] is not None else literal["double"]
        if written is None or not written.strip() or "${" in written:
            continue
        before, after = value[: literal.start()].rstrip(), value[literal.end() :].lstrip()
        if before.endswith(_COMPARISONS) or after.startswith(_COMPARISONS):
            continue  # `workflow.containerEngine == 'singularity'`: a word compared, no image
        image = written.strip()
        for scheme in _SCHEMES:
            image = image.removeprefix(scheme)
        if "://" in image or image.startswith(("/", ".", "~")) or reference_or_none(image) is None:
            continue
        images.append((literal.start(), image))
    return images


def registry_of(config: str) -> str | None:
    """The registry a Nextflow configuration's `docker.registry` (or `docker { registry = ... }`) names."""
    match = _REGISTRY_RE.search(config) or _REGISTRY_BLOCK_RE.search(config)
    return match["registry"].strip().rstrip("/") if match is not None and match["registry"].strip() else None


def _with_registry(image: str, registry: str | None) -> str:
    """`image` pulled from `registry` when it names no registry host of its own, as Nextflow puts it before."""
    return image if registry is None or names_registry_host(image) else f"{registry}/{image}"


def nextflow_images(text: str, origin: str, registry: str | None = None) -> list[Found]:
    """The containers a Nextflow script's directives or a configuration's settings name, in the file's order;
    `registry`: the one the pipeline's `nextflow.config` sets for Docker (`docker.registry`), put before a name
    without one (https://www.nextflow.io/docs/latest/reference/config.html#docker)."""
    if "container" not in text:
        return []
    lines = LineIndex(text)
    pattern = _DIRECTIVE_RE if is_nextflow_script(origin) else _SETTING_RE
    found: list[Found] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() < at:
            continue
        at = _value_end(text, match.end())
        for offset, image in _images(text[match.end() : at]):
            found.append(
                Found(_with_registry(image, registry), origin, lines.line(match.end() + offset), use=USE, kind=KIND)
            )
    return found
