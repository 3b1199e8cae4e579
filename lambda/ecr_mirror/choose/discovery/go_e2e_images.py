"""Images a Go end-to-end test suite deploys to the cluster it runs against (pure).

Go projects that test against a real cluster (kind in CI) keep those tests behind a build constraint, `//go:build
e2e` (kubebuilder's scaffold, `go test -tags=e2e`), and write the Kubernetes objects they create in Go:
`corev1.Container{Image: EchoServerImage}`. The cluster pulls each of those images when the suite runs. Read, in a
file whose build constraint requires the `e2e` tag (`//go:build e2e`, `//go:build e2e && linux`; not `!e2e`): every
`Image:` field whose value is a literal string that is an image reference, or a name the same file binds to one
(`EchoServerImage = "gcr.io/.../echoserver:v2022..."` in a `const` or `var` block, `const X = "..."`); the use is at
the field's line. A file of `package e2e` (or `e2e_test`) in a directory `e2e` without the constraint is such a suite
too (Ginkgo suites under `tests/e2e/` often have none): there, only an image that names a registry, a namespace or a
tag is read (`Image: "registry.k8s.io/pause:3.9"`; a bare `test1` is most often one the suite builds and loads
first). Not read: unit tests and other Go files (their `Image:` fields are fixtures compared, not pulled: `Image:
"test-image:main"`), values from flags, functions or other files.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

_CONSTRAINT_RE = re.compile(r"^//go:build (.+)$", re.MULTILINE)
_E2E_RE = re.compile(r"(?<![!\w])e2e(?!\w)")
_PACKAGE_RE = re.compile(r"^package e2e(?:_test)?[ \t]*$", re.MULTILINE)
_FIELD_RE = re.compile(r"(?<![\w.])Image:[ \t]*(?:\"([^\"\\\n]*)\"|`([^`\n]*)`|([A-Za-z_]\w*))[ \t]*[,}\n]")
_BINDING_RE = re.compile(r"^[ \t]*(?:(?:const|var)[ \t]+)?([A-Za-z_]\w*)[ \t]*(?:string[ \t]*)?=[ \t]*\"([^\"\\\n]*)\"",
                         re.MULTILINE)  # fmt: skip


def is_e2e(text: str) -> bool:
    """Whether a Go file builds only with the `e2e` tag."""
    constraint = _CONSTRAINT_RE.search(text[:4096])
    return constraint is not None and _E2E_RE.search(constraint.group(1)) is not None


def _qualified(value: str) -> bool:
    """Whether an image names a registry, a namespace or a tag (not a bare `test1`)."""
    return "/" in value or ":" in value or "@" in value


def e2e_images(text: str, origin: str) -> list[Found]:
    """The images the `Image:` fields of an e2e-tagged Go file (or one of `package e2e`) name, in order."""
    tagged = is_e2e(text)
    suite = PurePosixPath(origin.replace("\\", "/")).parent.name == "e2e" and _PACKAGE_RE.search(text[:4096])
    if "Image:" not in text or not (tagged or suite):
        return []
    bound: dict[str, set[str]] = {}
    for binding in _BINDING_RE.finditer(text):
        bound.setdefault(binding.group(1), set()).add(binding.group(2))
    found: list[Found] = []
    for field in _FIELD_RE.finditer(text):
        start = text.rfind("\n", 0, field.start()) + 1
        if text[start : field.start()].lstrip().startswith("//"):
            continue
        literal = field.group(1) if field.group(1) is not None else field.group(2)
        values = {literal} if literal is not None else bound.get(field.group(3), set())
        if len(values) != 1 or not (tagged or _qualified(next(iter(values)))):
            continue
        if reference_or_none(value := next(iter(values))) is not None and value.strip():
            line = text.count("\n", 0, field.start()) + 1
            found.append(Found(value, origin, line, None, "Image (e2e test)", "Go source"))
    return found
