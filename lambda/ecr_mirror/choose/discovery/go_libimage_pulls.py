"""Images Go code pulls through containers/common's libimage, the image library of Podman and Buildah (pure).

`func (r *Runtime) Pull(ctx context.Context, name string, pullPolicy config.PullPolicy, options *PullOptions)`
"pulls the specified image": a name without a transport is a registry image (`docker://` assumed), resolved with the
registries' short-name configuration, and the policy says when to pull (https://pkg.go.dev/github.com/containers/
common/libimage#Runtime.Pull; `config.PullPolicyAlways`, `Missing`, `Newer`, `Never`,
https://pkg.go.dev/github.com/containers/common/pkg/config#PullPolicy). libimage's own tests and its users' tests
pull their fixtures so (`runtime.Pull(ctx, "quay.io/libpod/alpine:latest", config.PullPolicyAlways, pullOptions)`).

Read, in any Go file (a test's pull is as real as a program's: libimage has no fake), a `.Pull(` call whose third
argument is a `PullPolicy` constant other than `PullPolicyNever` (which only looks the image up locally), its second
argument a literal string or a name the same file binds to literals, or to literals and names joined with `+`
(`busybox := "docker.io/library/busybox"`, `busyboxLatest := busybox + ":latest"`; source_names.py), or a field of
the rows of a table the call loops over (`test.input` in `for _, test := range []struct{ input string; ...
}{{"quay.io/libpod/alpine@sha256:...", ...}}`, positional or keyed rows; go_test_tables.py), at the
literal's line, `use` `libimage Runtime.Pull`. A `docker://` prefix is dropped, and so is a tag beside a digest
(libimage pulls the digest and names the image without the tag); a name of another transport of
containers/image (`docker-archive:`, `oci:`, `dir:`, `containers-storage:`, ...: https://github.com/containers/image/
blob/main/docs/containers-transports.5.md) is a local file or store, not read; neither is a name the file gives an
image with `.Tag(NAME)` (a tag made locally, which a later `PullPolicyMissing` finds in the store). A pull of any
other signature (go-git's `repo.Pull(ctx, "origin", ...)`) has no pull policy there and is not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_test_tables import field_values, loops_over_rows, positional_values
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b".PullPolicy"
USE = "libimage Runtime.Pull"
_PULL_RE = re.compile(
    r"\.Pull\(\s*[\w.]+(?:\(\s*\))?\s*,\s*(?:\"(?P<literal>[^\"\\\n]+)\"|(?P<row>[A-Za-z_]\w*)\.(?P<field>\w+)"
    r"|(?P<name>[A-Za-z_]\w*))\s*,"
    r"\s*[A-Za-z_]\w*\.PullPolicy(?P<policy>\w+)\s*[,)]"
)
_TAG_RE = re.compile(r"\.Tag\(\s*(?:\"(?P<literal>[^\"\\\n]+)\"|(?P<name>[A-Za-z_]\w*))\s*\)")
# a tag beside a digest (after the last `/`, not a registry's port): libimage pulls by the digest and names the image
# without the tag (its own test: `quay.io/libpod/alpine:pleaseignorethistag@sha256:...` is pulled as
# `quay.io/libpod/alpine@sha256:...`)
_TAG_BESIDE_DIGEST_RE = re.compile(r":[\w][\w.-]*(?=@sha256:[0-9a-f]{64}$)(?!.*/)")
# the transports of containers/image other than `docker`: a local archive, directory, daemon or store
_TRANSPORT_RE = re.compile(
    r"(?:docker-archive|docker-daemon|oci|oci-archive|dir|containers-storage|sif|tarball|ostree):(?!//)"
)


def may_pull_with_libimage(shown: str, data: bytes) -> bool:
    """Whether a file may pull through libimage: a Go source naming a pull policy and a `.Pull(` call."""
    return shown.endswith(".go") and MARK in data and b".Pull(" in data


def _values(
    match: re.Match[str], names: SourceNames, text: str, rows: dict[tuple[str, str], list[tuple[int, str]]]
) -> list[tuple[int, str]]:
    if match["literal"] is not None:
        return [(match.start("literal"), match["literal"])]
    if match.groupdict().get("row") is not None:  # `test.input` over a table's rows, each (row, field) read once
        key = (match["row"], match["field"])
        if key not in rows:
            keyed = field_values(text, match["field"]) if loops_over_rows(text, match["row"]) else []
            rows[key] = keyed + positional_values(text, match["row"], match["field"])
        return rows[key]
    return names.values(match["name"])


def libimage_pulls(text: str, origin: str) -> list[Found]:
    """The images a Go source pulls with libimage's `Runtime.Pull`, in the file's order."""
    if not origin.endswith(".go"):
        return []
    lines = LineIndex(text)
    names = SourceNames.of(text)
    rows: dict[tuple[str, str], list[tuple[int, str]]] = {}  # a file's many pulls of one table's field: read once
    tagged = {value for tag in _TAG_RE.finditer(text) for _, value in _values(tag, names, text, rows)}
    given: set[tuple[int, str]] = set()
    for pull in _PULL_RE.finditer(text):
        if pull["policy"] == "Never" or lines.led_by(pull.start(), "//"):
            continue
        given |= {(at, value) for at, value in _values(pull, names, text, rows) if value not in tagged}
    found: list[Found] = []
    for at, value in sorted(given):
        image = _TAG_BESIDE_DIGEST_RE.sub("", value.removeprefix("docker://"))
        if _TRANSPORT_RE.match(image) is None and reference_or_none(image) is not None:
            found.append(Found(image, origin, lines.line(at), use=USE, kind="Go source"))
    return found
