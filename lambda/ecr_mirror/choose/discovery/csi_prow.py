"""The kind node images the Prow jobs of the Kubernetes CSI repositories boot (pure).

The kubernetes-csi repositories (external-provisioner, livenessprobe, csi-driver-host-path, ...) share `release-tools/`
(a git subtree: https://github.com/kubernetes-csi/csi-release-tools). Prow runs the repository's `.prow.sh`, which sets
some `CSI_PROW_*` variables, sources `release-tools/prow.sh` and calls its `main`. When the tests it enables need a
cluster (`CSI_PROW_TESTS` holds a test other than `unit`: prow.sh's `tests_need_kind`), `start_cluster` runs
`kind create cluster --image` with the entry of `CSI_PROW_KIND_IMAGES` (a `configvar` default:
`kindest/node:vX.Y.Z@sha256:...` one per line) whose version is the job's `CSI_PROW_KUBERNETES_VERSION`. The
repository's Prow jobs (defined in kubernetes/test-infra) run several Kubernetes versions, so each listed image is one
a job pulls. A `.prow.sh` that
only runs unit tests (csi-driver-nfs's `: ${CSI_PROW_TESTS:="unit"}`) or never calls `main` boots no cluster: nothing.
The `.prow.sh`'s own value of `CSI_PROW_KIND_IMAGES` or `CSI_PROW_TESTS` (`X=...`, `: ${X:=...}`, `export X=...`) comes
before the library's default, as `configvar` keeps a value already set.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found

LIBRARY = "release-tools/prow.sh"
KIND_IMAGES = "CSI_PROW_KIND_IMAGES"
_TESTS = "CSI_PROW_TESTS"
_SOURCE_RE = re.compile(r"^[ \t]*(?:\.|source)[ \t]+[\"']?(?:\./)?release-tools/prow\.sh[\"']?[ \t]*(?:#.*)?$", re.M)
_MAIN_RE = re.compile(r"^[ \t]*main(?:[ \t].*)?$", re.M)
_NEEDS_CLUSTER = frozenset({"parallel", "serial", "parallel-alpha", "serial-alpha", "sanity"})


def _value_re(name: str, library: bool) -> re.Pattern[str]:
    """`configvar NAME "value"` in the library; `NAME="value"`, `export NAME=...`, `: ${NAME:="value"}` in the
    `.prow.sh`."""
    if library:
        return re.compile(rf"^configvar[ \t]+{name}[ \t]+\"([^\"]*)\"", re.M)
    assigned = rf"^[ \t]*(?:export[ \t]+)?{name}=(?:\"([^\"]*)\"|'([^']*)'|(\S*))"
    defaulted = rf"^[ \t]*:[ \t]+\"?\$\{{{name}:?=\"?([^\"}}]*)"
    return re.compile(f"{assigned}|{defaulted}", re.M)


def _value(text: str, name: str, library: bool) -> tuple[str, int] | None:
    """The value `text` gives `name` and the offset where it starts; None when it gives none."""
    match = _value_re(name, library).search(text)
    if not match:
        return None
    group = next(index for index in range(1, (match.lastindex or 1) + 1) if match.group(index) is not None)
    return match.group(group), match.start(group)


def _needs_cluster(tests: str) -> bool:
    words = re.sub(r"\$\([^)]*\)", " ", tests).split()  # `$(if ...; then echo parallel-alpha ...; fi)` left out
    return any(word in _NEEDS_CLUSTER for word in words)


def _images(text: str, value: tuple[str, int], shown: str) -> list[Found]:
    found: list[Found] = []
    words, start = value
    for match in re.finditer(r"\S+", words):
        line = text.count("\n", 0, start + match.start()) + 1
        found.append(Found(match.group(), shown, line, use=f"kind create cluster --image (${KIND_IMAGES})"))
    return found


def csi_prow_images(entry: str, library: str, entry_shown: str, library_shown: str) -> list[Found]:
    """The kind node images the Prow jobs running `entry` (a `.prow.sh`) boot, from `library` (the
    `release-tools/prow.sh` it sources): none when it does not source it, call `main`, or enable a cluster test."""
    if not _SOURCE_RE.search(entry) or not _MAIN_RE.search(entry):
        return []
    tests = _value(entry, _TESTS, library=False) or _value(library, _TESTS, library=True)
    if tests is None or not _needs_cluster(tests[0]):
        return []
    own = _value(entry, KIND_IMAGES, library=False)
    if own is not None:
        return _images(entry, own, entry_shown)
    listed = _value(library, KIND_IMAGES, library=True)
    return _images(library, listed, library_shown) if listed else []
