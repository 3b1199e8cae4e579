"""The images a Go program's files hand their package's function that writes a parameter into a container's `Image:`
field (choose/discovery/go_image_parameters.py): kube-burner's `DeployPodInNamespace(..., image string, ...)` in
`pkg/measurements/common.go`, called with `"quay.io/cloud-bulldozer/netpolproxy:latest"` in `netpol_latency.go`. The
functions are read from the program's own Go files holding `Image:`; the calls from the program files of the same
directory and package clause (a package's files, https://go.dev/ref/spec#Packages)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_image_parameters import MARK, image_parameter_calls, image_parameters
from ecr_mirror.cli.discover_go_program_constants import Read, program_texts

_PACKAGE_RE = re.compile(r"^package[ \t]+(\w+)", re.MULTILINE)


def _package(path: Path, text: str) -> tuple[Path, str]:
    clause = _PACKAGE_RE.search(text)
    return path.parent, clause.group(1) if clause is not None else ""


def go_image_parameter_pulls(go_sources: Iterable[tuple[str, Path]], read: Read) -> list[Found]:
    """The literal images the program's calls hand its packages' image-parameter functions, in order, each once."""
    sources = list(go_sources)
    functions: dict[tuple[Path, str], dict[str, int]] = {}
    for _, path, text in program_texts(sources, read, MARK):
        if own := image_parameters(text):
            functions.setdefault(_package(path, text), {}).update(own)
    directories = {directory for directory, _ in functions}
    found: dict[Found, None] = {}
    for shown, path, text in program_texts([s for s in sources if s[1].parent in directories], read, b"("):
        for item in image_parameter_calls(text, shown, functions.get(_package(path, text), {})):
            found.setdefault(item)
    return list(found)
