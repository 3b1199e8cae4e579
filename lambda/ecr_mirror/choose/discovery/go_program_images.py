"""Images a Go program's own code gives the containers it creates (pure).

A Kubernetes operator's reconciler writes the pods it deploys in Go, often with its sidecars' images as literals:
vitess-operator's `corev1.Container{Name: "vtctld", Image: "vitess/vtctld:helm-1.0.3", ...}`; so do other programs
that run containers from a spec they write (skaffold's kpt functions, `Image: "ghcr.io/kptdev/...:v0.4.1"`). The
kubelet (or the program's runtime) pulls each of those images when the program runs. Read, in a Go file that is no
test code (not `_test.go`, not under a directory of tests, see go_created_objects.py, nor `testdata/`) and no fake
(a file or directory named `fake...` or `mock...`, whose objects stand in for a cluster's): every `Image:` field whose
value is a literal string, or a name the same file binds to one literal (`const sidecarImage = "..."`), that is an
image reference naming a registry, a namespace or a tag (`Image: "builder"` is most often a name the program's users
replace); the use is at the field's line, `Image (Go program)`. A commented-out field is not read. Test code's
`Image:` fields are fixtures a unit test compares, not pulls (go_e2e_images.py reads the suites that deploy theirs);
so are a test helper file's (named as tests' directories are, `test_util.go`, `testing_helpers.go`) and the example
object a knative duck type's `Populate()` method fills for the package's conformance tests
(https://pkg.go.dev/knative.dev/pkg/apis/duck#Populatable).

So is the base image a program's code gives the images it builds, a `BaseImage` field (`Options{BaseImage: ...}`)
or an assignment to one (`cfg.BaseImage = chainguardStatic`, a default when the user's configuration gives none),
with the same values: the program's build pulls it (goreleaser's ko pipe, handing it to ko's
`build.WithBaseImages`, https://pkg.go.dev/github.com/google/ko/pkg/build#WithBaseImages; camel-k's Quarkus native
builds' `packageTask.BaseImage = QuarkusNativeDefaultBaseImageName`); and a `FromImage` the same way, the image a
sandbox orchestrator's template build starts from and pulls (e2b's `create-build` command, `tmpl.FromImage =
baseImage` with `const baseImage = "e2bdev/base:latest"`). A comparison (`==`) is not an assignment. So is a
`DockerImage:` or `ContainerImage:` field, the image of a task the program runs in a container: an MCP proxy's
bundled security scanners, `DockerImage: "ghcr.io/smart-mcp-proxy/scanner-cisco:latest"`, which it pulls and runs
when its user turns one on.

A field whose value is an exported name of another package (`Image: config.DefaultSystemdLogsImage`) is resolved
across files, in the package of the module the import names (`qualified_fields`; cli/discover_go_program_constants.py).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.go_e2e_images import is_e2e
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b"Image"  # `Image:`, `BaseImage:`, `.BaseImage =`, `FromImage`, `DockerImage:`, `ContainerImage:`
_FIELD_RE = re.compile(
    r"(?<![\w.])(?:Base|From|Docker|Container)?Image:[ \t]*(?:\"([^\"\\\n]*)\"|`([^`\n]*)`|([A-Za-z_]\w*))[ \t]*[,}\n]"
)
_BINDING_RE = re.compile(r"^[ \t]*(?:(?:const|var)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:string[ \t]*)?=[ \t]*\"([^\"\\\n]*)\"",
                         re.MULTILINE)  # fmt: skip
# `cfg.BaseImage = defaultBase`, `opts.BaseImage = "cgr.dev/chainguard/static"`
_ASSIGNED_RE = re.compile(
    r"(?<![\w.])[A-Za-z_][\w.]*\.(?:Base|From)Image[ \t]*=(?!=)[ \t]*(?:\"([^\"\\\n]*)\"|`([^`\n]*)`|([A-Za-z_]\w*))[ \t]*(?://.*)?$",
    re.MULTILINE,
)
_USE = "Image (Go program)"
# `Image: config.DefaultSystemdLogsImage,`: an exported name of another package (go_program_constant_pulls)
_QUALIFIED_FIELD_RE = re.compile(
    r"(?<![\w.])(?:Base|From)?Image:[ \t]*(?P<package>[A-Za-z_]\w*)\.(?P<name>[A-Z]\w*)[ \t]*[,}\n]"
)
DEFAULT_USE = "default image (Go program)"  # go_default_images.py's
_STAND_IN_RE = re.compile(r"fake|mock", re.IGNORECASE)
_HELPER_FILE_RE = re.compile(r"(?:[\w.]*[-_])?(?:tests?|testing|testutils?)(?:[-_][\w.]*)?\.go", re.IGNORECASE)
_POPULATE_RE = re.compile(r"^func[ \t]*\([^)]*\)[ \t]*Populate\(\)[ \t]*\{[ \t]*$", re.MULTILINE)
_FUNC_RE = re.compile(r"^func[ \t]", re.MULTILINE)


def is_program_code(origin: str) -> bool:
    """Whether a Go file is a program's own code: no test's, no fake's or mock's, not under `testdata/`."""
    parts = origin.replace("\\", "/").split("/")
    stand_in = any(_STAND_IN_RE.search(part) for part in parts)
    helper = _HELPER_FILE_RE.fullmatch(parts[-1]) is not None
    return not is_test_code(origin) and "testdata" not in parts[:-1] and not stand_in and not helper


def _examples(text: str) -> list[tuple[int, int]]:
    """The spans of a duck type's `Populate()` methods, from their line to the next top-level `func`."""
    spans = []
    for method in _POPULATE_RE.finditer(text):
        following = _FUNC_RE.search(text, method.end())
        spans.append((method.start(), following.start() if following else len(text)))
    return spans


def _qualified(value: str) -> bool:
    """Whether an image names a registry, a namespace, a tag or a digest (not a bare `builder`)."""
    return "/" in value or ":" in value or "@" in value


def program_images(text: str, origin: str) -> list[Found]:
    """The images the `Image:` fields of a Go program's own code name, in order (see the module)."""
    if not is_program_code(origin) or is_e2e(text):
        return []
    bound: dict[str, set[str]] = {}
    for binding in _BINDING_RE.finditer(text):
        bound.setdefault(binding.group(1), set()).add(binding.group(2))
    lines = LineIndex(text)
    found: list[Found] = []
    examples = _examples(text)
    fields = sorted([*_FIELD_RE.finditer(text), *_ASSIGNED_RE.finditer(text)], key=lambda match: match.start())
    for field in fields:
        if lines.led_by(field.start(), "//") or any(start <= field.start() < end for start, end in examples):
            continue
        literal = field.group(1) if field.group(1) is not None else field.group(2)
        values = {literal} if literal is not None else bound.get(field.group(3), set())
        if len(values) != 1 or not _qualified(value := next(iter(values))) or reference_or_none(value) is None:
            continue
        found.append(Found(value, origin, lines.line(field.start()), None, _USE, "Go source"))
    return found


def qualified_fields(text: str, origin: str) -> list[tuple[str, str]]:
    """(package, name) of each `Image:` (`BaseImage:`) field of a Go program's own code whose value is an exported
    name of another package (`Image: config.DefaultSystemdLogsImage`), not commented out, each once."""
    if not is_program_code(origin) or is_e2e(text):
        return []
    lines = LineIndex(text)
    fields = [field for field in _QUALIFIED_FIELD_RE.finditer(text) if not lines.led_by(field.start(), "//")]
    return list(dict.fromkeys((field["package"], field["name"]) for field in fields))


def without_repeats(found: list[Found]) -> list[Found]:
    """`found` without the program fields (`Image (Go program)`) whose image a library's reader gives in the same file
    (the Docker SDK's `container.Config{Image: ...}`, at its constant's line; a Testcontainers request), nor the
    package-level defaults (go_default_images.py) whose image another reader of the file gives (a flag's default)."""
    others = {(item.origin, item.text) for item in found if item.use not in (_USE, DEFAULT_USE)}
    fields = {(item.origin, item.text) for item in found if item.use == _USE}
    return [
        item
        for item in found
        if item.use not in (_USE, DEFAULT_USE)
        or ((item.origin, item.text) not in others and (item.use == _USE or (item.origin, item.text) not in fields))
    ]
