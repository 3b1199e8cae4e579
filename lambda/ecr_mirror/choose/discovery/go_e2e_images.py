"""Images a Go end-to-end test suite deploys to the cluster it runs against (pure).

Go projects that test against a real cluster (kind in CI) keep those tests behind a build constraint, `//go:build e2e`
(kubebuilder's scaffold, `go test -tags=e2e`), and write the Kubernetes objects they create in Go:
`corev1.Container{Image: EchoServerImage}` (or a `fmt.Sprintf` of names and literals, go_sprintf.py), or with
client-go's apply configurations, `corev1ac.Container().WithImage("redis:7.4")` (the builder's method after a `.`, read
as the field; not when the chain sets the pull policy `Never` after it, `.WithPullPolicy(corev1.PullNever)`: an image
loaded first). The cluster pulls each of those images when the suite runs. Read, in a file whose build constraint
requires the `e2e` tag (`//go:build e2e`, `//go:build e2e && linux`; not `!e2e`; or the `conformance` tag, a conformance
suite run against the cluster the same way, Tekton's `test/conformance`): every `Image:` field (and every field named
for an image, a custom resource's `HotUpgradeEmptyImage:` or `SidecarImage:`, which the controller under test has the
cluster pull, when written with a tag or a digest: an untagged `ToolImage: "gcr.io/x/br"` is tagged by the operator; not
`ImagePullPolicy:`) whose value is a literal string that is an image reference, or a name the same file binds to one
(`EchoServerImage = "gcr.io/.../echoserver:v2022..."` in a `const` or `var` block, `const X = "..."`), a comment after
it on its line or not (`instance.Spec.Image = "emqx/emqx-enterprise:latest-elixir" // ...`); the use is at the field's
line. A file of `package e2e` (or `e2e_test`) in a directory `e2e`, `test` or `tests` without the constraint is such a
suite too (Ginkgo suites under `tests/e2e/` often have none): there, only an image that names a registry, a namespace or
a tag is read (`Image: "registry.k8s.io/pause:3.9"`; a bare `test1` is most often one the suite builds and loads first),
and so is a file of `package e2eX` in a directory `e2eX` (kuberay's `test/e2erayservice`, one suite a package). So is Go
code under a directory named `e2e`, `e2etest` or `e2e-tests` (any depth) that imports Ginkgo, the Kubernetes end-to-end
framework (MetalLB's `e2etest/` module: helpers of any package), and so is one under such a directory whose build
constraint requires the `integration` tag (camel-k's `e2e/common/...`, `//go:build integration`, run with `go test -tags
integration` against the cluster its CI starts; https://pkg.go.dev/cmd/go#hdr-Build_constraints), and a helper package
of the suite's own test tree, read as that second kind (discover_sources.py finds it from the suite's imports:
cloudnative-pg's `tests/utils/objectstore`, `rustfsImage = "docker.io/rustfs/rustfs:..."`, imported by `tests/e2e`). In
a suite, a constant or variable named for an image (`AgnhostImage`, `probeImg`; also for the variant a platform's nodes
run, `echoheadersImageWindows`, `pauseImageArm64`) bound to a literal image reference is read at its line too, where no
`Image:` field takes it: the suite hands it to a helper (`executor.ForPodDebug(cs, ns, pod, "prometheus",
AgnhostImage)`, `j.Image = agnhostImage`), also one bound with `:=` in a test's body (`newBaseImage :=
"eclipse-temurin:17.0.8.1_1-jdk-ubi9-minimal"`, formatted into an argument); not one a line of the file builds or loads
(kubebuilder's `projectImage`, given to `make docker-build IMG=%s` and `LoadImageToKindClusterWithName`; a local tag
built from a Dockerfile; a line naming a builder, `builder.base-image=%s`, builds nothing). The images a suite hands the
command it runs against its cluster as arguments are read too, at their line (`image argument (e2e test)`), when they
name a registry, a namespace or a tag: a flag and its value as two literals (camel-k's `KamelRun(t, ctx, ns, "--image",
"docker.io/squakez/my-camel-main:1.0.0")`, the integration's container image), `"--image=..."`, and a setting whose key
ends in `image` (`"-t", "builder.base-image=gcr.io/distroless/java17-debian12"`, the trait that sets the base image the
cluster's builds start from); a unit test's `"--image", "docker.io/my-org/my-app:1.0.0"` is a flag parsed, not read. A
call given a literal program first is read by its program (go_commands.py), but not a suite's own helper named for
kubectl, whose first literal is kubectl's verb (`e.kubectlOperatorNS("debug", "-it", pod, "--image=...")`). The
Kubernetes objects a suite writes as YAML in raw strings are read by go_e2e_manifests.py, the images its JSON Patches
set on a container by go_e2e_json_patches.py, and so are those of any Go file that hands YAML strings to Terratest's
`k8s.KubectlApplyFromString` (its `E`/`Context` forms too), which creates them in the test's cluster (terratest's own
`modules/k8s` tests, `//go:build kubernetes`). Not read: unit tests and other test code (their `Image:` fields are
fixtures compared, not pulled: `Image: "test-image:main"`), a suite's file whose every write is a dry run
(go_dry_runs.py), values from flags, functions or other files; a program's own code is read by go_program_images.py.
"""

from __future__ import annotations

import re
from pathlib import PurePath, PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_dry_runs import only_dry_runs
from ecr_mirror.choose.discovery.go_e2e_json_patches import json_patch_images
from ecr_mirror.choose.discovery.go_e2e_manifests import raw_manifest_images
from ecr_mirror.choose.discovery.go_image_structs import struct_image
from ecr_mirror.choose.discovery.go_literal_bindings import literal_bindings
from ecr_mirror.choose.discovery.go_sprintf import sprintf_values
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

_CONSTRAINT_RE = re.compile(r"^//go:build (.+)$", re.MULTILINE)
# `e2e`, or `conformance`: a suite run against a real cluster as e2e ones are (Tekton's `test/conformance`, Gateway
# API conformance suites, `go test -tags conformance`)
_E2E_RE = re.compile(r"(?<![!\w])(?:e2e|conformance)(?!\w)")
_INTEGRATION_RE = re.compile(r"(?<![!\w])integration(?!\w)")
_PACKAGE_RE = re.compile(r"^package (e2e\w*?)(?:_test)?[ \t]*$", re.MULTILINE)
_HEAD_END_RE = re.compile(r"^(?:func|var|const|type)\b", re.MULTILINE)
_IMPORT_RE = re.compile(r"^[ \t]*(?:import[ \t]+)?(?:[\w.]+[ \t]+)?\"([^\"\s]+)\"", re.MULTILINE)
# an `Image:` field (or one named for an image, `HotUpgradeEmptyImage:`), an assignment to one (`obj.Spec.Image = ...`),
# or client-go's apply configuration
# `corev1ac.Container().WithImage("redis:7.4")` (also a functional option with type arguments, `WithImage[S](...)`)
_FIELD_RE = re.compile(
    r"(?:(?<![\w.])(?:[A-Z]\w*)?Image:|(?<=\.)Image[ \t]*=(?!=)|(?<![\w])(WithImage)(?:\[[^\]\n]*\])?\()[ \t]*"
)
# the value: a pointer helper around it (`ptr.To(...)`, `pointer.String(...)`), literals and names joined with `+`
_WRAPPER_RE = re.compile(r"(?:ptr\.To|pointer\.String(?:Ptr)?|lo\.ToPtr)(?:\[\w+\])?\([ \t]*")
_TERM_RE = re.compile(r"\"([^\"\\\n]*)\"|`([^`\n]*)`|([A-Za-z_]\w*)(?![\w.(\[])")
_JOIN_RE = re.compile(r"[ \t]*\+[ \t]*")
# the value ends at a `,`, a closing bracket, the line's end or a comment after it (`obj.Spec.Image = "..." // why`;
# https://go.dev/ref/spec#Comments)
_END_RE = re.compile(r"[ \t]*(?:[,})\n]|//|/\*)")
_TEST_DIRECTORIES = frozenset({"test", "tests"})
# `e2e`, `e2etest`, `e2e-tests`, and `e2e-` or `e2e_` and more (`tests/e2e-kubernetes/`, a CSI driver's suite)
_E2E_DIRECTORY_RE = re.compile(r"e2e(?:[-_]?tests?|[-_][a-z0-9]+(?:[-_][a-z0-9]+)*)?", re.IGNORECASE)
# Ginkgo, or Kubernetes' e2e-framework (https://pkg.go.dev/sigs.k8s.io/e2e-framework/pkg/features): cluster suites
_GINKGO_RE = re.compile(r"\"github\.com/onsi/ginkgo(?:/v\d+)?\"|\"sigs\.k8s\.io/e2e-framework/pkg/features\"")
_BUILDS_RE = re.compile(r"build(?!er)|\bLoad\w*Image|\bload\b|dockerfile", re.IGNORECASE)  # not `builder.base-image`
_TAGGED_RE = re.compile(r"@|:[^/]*$")  # a reference written with a tag or a digest
# a name for an image, also of the variant for one platform's nodes (`echoheadersImageWindows`, `pauseImageArm64`)
_IMAGE_NAME_RE = re.compile(
    r"\w*(?:Image|Img)(?:For)?(?:Windows|Win|Linux|Arm64|Arm|Amd64|X86|Ppc64le|S390x)?", re.IGNORECASE
)
# Terratest's k8s module, `k8s.KubectlApplyFromString(t, options, configData)` (`E`, `Context`, `ContextE` forms):
# the test creates the objects of a YAML string in its cluster
APPLIES_STRINGS_RE = re.compile(r"\bk8s\.KubectlApplyFromString(?:Context)?E?\(")
# an image handed to the command a suite runs against its cluster (the project's CLI, kubectl): a flag and its value
# as two literal arguments, `"--image", "docker.io/acme/app:1.0.0"`, or one, `"--image=..."`, or a setting whose key
# ends in `image`, `"builder.base-image=gcr.io/distroless/java17-debian12"` (a `%s` in it is filled in when it runs)
_ARGUMENT_RE = re.compile(
    r"\"--?image\"[ \t]*,\s*\"(?P<flag>[^\"\\\s%]+)\"|\"(?:--?)?(?:[\w-]+\.)*[\w-]*image=(?P<setting>[^\"\\\s%]+)\"",
    re.IGNORECASE,
)


def _value(text: str, at: int, bound: dict[str, set[str]]) -> tuple[set[str], set[str], bool] | None:
    """The values of the expression at `at` (a literal, a name the file binds, or a `+` join of them, in a pointer
    helper or not), the names it uses, and whether it is a join; None when it is another expression."""
    if (formatted := sprintf_values(text, at, bound)) is not None:  # `fmt.Sprintf("%s:%s", image, version)`
        return (formatted[0], formatted[1], True) if _END_RE.match(text, formatted[2]) else None
    wrapper = _WRAPPER_RE.match(text, at)
    at = wrapper.end() if wrapper else at
    values, names, terms = {""}, set(), 0
    while (term := _TERM_RE.match(text, at)) is not None:
        literal = term.group(1) if term.group(1) is not None else term.group(2)
        names |= {term.group(3)} if term.group(3) else set()
        parts = {literal} if literal is not None else bound.get(term.group(3), set())
        values, terms, at = {value + part for value in values for part in parts}, terms + 1, term.end()
        if (join := _JOIN_RE.match(text, at)) is None:
            break
        at = join.end()
    if terms == 0 or (wrapper and (at := _skip_close(text, at)) < 0) or _END_RE.match(text, at) is None:
        return None
    return values, names, terms > 1


def _struct(text: str, at: int, bound: dict[str, set[str]]) -> tuple[str, int] | None:
    """The image of a struct of a repository and a tag given to an image field at `at` (go_image_structs.py), when
    it is an image reference."""

    def values(start: int) -> set[str] | None:
        value_of = _value(text, start, bound)
        return value_of[0] if value_of is not None else None

    image = struct_image(text, at, values)
    return image if image is not None and reference_or_none(image[0]) is not None else None


def _skip_close(text: str, at: int) -> int:
    """The offset past the `)` of a pointer helper at `at` (blanks before it allowed), -1 when there is none."""
    while at < len(text) and text[at] in " \t":
        at += 1
    return at + 1 if text.startswith(")", at) else -1


# a builder's pull policy `Never` (`.WithPullPolicy(corev1.PullNever)`, client-go's `.WithImagePullPolicy(...)`)
_NEVER_RE = re.compile(r"\.\s*With(?:Image)?PullPolicy\(\s*(?:\w+\.)?PullNever\s*\)")
_CHAIN_LINES = 20


def _chain_never_pulls(text: str, at: int) -> bool:
    """Whether the builder chain a `WithImage(` at `at` is in sets the pull policy `Never` after it, on the lines the
    chain continues over (a line ending with `.`, or the next starting with one): the kubelet never pulls such an
    image, which the suite loads into its cluster (https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy)."""
    end = at
    for _ in range(_CHAIN_LINES):
        newline = text.find("\n", end)
        if newline < 0:
            end = len(text)
            break
        following = text[newline + 1 : newline + 200].lstrip()
        if not (text[end:newline].rstrip().endswith(".") or following.startswith(".")):
            end = newline
            break
        end = newline + 1
    return _NEVER_RE.search(text, at, end) is not None


def is_e2e(text: str) -> bool:
    """Whether a Go file builds only with the `e2e` tag."""
    constraint = _CONSTRAINT_RE.search(text[:4096])
    return constraint is not None and _E2E_RE.search(constraint.group(1)) is not None


def _qualified(value: str) -> bool:
    """Whether an image names a registry, a namespace or a tag (not a bare `test1`)."""
    return "/" in value or ":" in value or "@" in value


def _after_dot(text: str, at: int) -> bool:
    """Whether the code before `at` ends with a `.`, spaces and line breaks aside (a builder chain wrapped after its
    dot)."""
    while at > 0 and text[at - 1] in " \t\r\n":
        at -= 1
    return at > 0 and text[at - 1] == "."


def _built(building: list[str], name: str) -> bool:
    """Whether a line of the file that uses `name` builds or loads it (`building`: the lines that build or load
    anything): kubebuilder's scaffold builds `projectImage` (`exec.Command("make", "docker-build",
    fmt.Sprintf("IMG=%s", projectImage))`) and loads it into kind."""
    lines = [line for line in building if name in line]
    use = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)") if lines else None
    return use is not None and any(use.search(line) for line in lines)


def _suite(text: str, origin: str) -> bool:
    """Whether a Go file that is not e2e-tagged belongs to a suite: `package e2e` in a directory `e2e` (`e2eX` in
    `e2eX`), or in a directory of tests, `test` or `tests` (the package's name marks the suite), or a file under an
    `e2e` directory (`e2etest`, `e2e-tests`) that imports Ginkgo or e2e-framework's
    `features` package (tetragon's `tests/e2e/tests/...`; also `e2e-` or `e2e_` and more: mountpoint-s3-csi-driver's
    `tests/e2e-kubernetes/testsuites/`)."""
    path = PurePosixPath(origin.replace("\\", "/"))
    package = _PACKAGE_RE.search(text[:4096])
    if package is not None and path.parent.name == package.group(1):
        return True
    if package is not None and package.group(1) == "e2e" and path.parent.name in _TEST_DIRECTORIES:
        return True  # security-profiles-operator's `test/`, `package e2e_test`: the package's name marks the suite
    under = any(_E2E_DIRECTORY_RE.fullmatch(part) for part in path.parts[:-1])
    constraint = _CONSTRAINT_RE.search(text[:4096]) if under else None
    if constraint is not None and _INTEGRATION_RE.search(constraint.group(1)):  # camel-k's `go test -tags integration`
        return True
    return under and _GINKGO_RE.search(text[:8192]) is not None


def e2e_directory(path: PurePath) -> PurePath | None:
    """The nearest directory above a Go file named as a suite's (`e2e`, `e2etest`, `e2e-tests`), None when none is."""
    for directory in path.parents:
        if _E2E_DIRECTORY_RE.fullmatch(directory.name):
            return directory
    return None


def is_suite(text: str, origin: str) -> bool:
    """Whether a Go file is e2e-tagged or belongs to a suite."""
    return is_e2e(text) or _suite(text, origin)


def imports(text: str) -> list[str]:
    """The import paths a Go file names (in its head, before its first declaration)."""
    end = _HEAD_END_RE.search(text)
    return _IMPORT_RE.findall(text[: end.start() if end else len(text)])


def e2e_images(text: str, origin: str, helper: bool = False, package: dict[str, set[str]] | None = None) -> list[Found]:
    """The images the `Image:` fields, the image constants and the raw-string manifests of an e2e-tagged Go file
    (or one of a suite, or of a suite's helper package: `helper`) name, in order; a field's names not bound in the
    file take the values `package` (the bindings of the package's other files) gives them."""
    tagged = is_e2e(text)
    if only_dry_runs(text) or not (tagged or helper or _suite(text, origin)):  # a dry run pulls nothing
        return raw_manifest_images(text, origin) if APPLIES_STRINGS_RE.search(text) else []
    bound: dict[str, set[str]] = {}
    starts: dict[str, int] = {}  # where each name is first bound (its line counted only for a name listed)
    for name, values, start in literal_bindings(text):
        bound.setdefault(name, set()).update(values)
        starts.setdefault(name, start)
    found: list[Found] = []
    taken: set[str] = set()
    lines = LineIndex(text)
    for field in _FIELD_RE.finditer(text):
        if lines.led_by(field.start(), "//"):
            continue
        if field.group(1) and not _after_dot(text, field.start()):
            continue  # a function of the project's own, not the builder's method
        if field.group(1) and _chain_never_pulls(text, field.end()):
            continue  # `.WithPullPolicy(corev1.PullNever)` later in the chain: an image loaded into the cluster
        if (value_of := _value(text, field.end(), {**(package or {}), **bound})) is None:
            if field.group(1) is None and (struct := _struct(text, field.end(), {**(package or {}), **bound})):
                found.append(Found(struct[0], origin, lines.line(struct[1]), None, "Image (e2e test)", "Go source"))
            continue
        values, names, joined = value_of
        taken |= names
        if len(values) != 1 or not (tagged or _qualified(next(iter(values)))):
            continue
        value = next(iter(values))
        if field.group(1) is None and not text.startswith("Image", field.start()) and not _TAGGED_RE.search(value):
            continue  # a field named for an image without a tag (`ToolImage: "gcr.io/x/br"`): tagged when it runs
        if joined and ":" not in value.rpartition("/")[2] and "@" not in value:
            continue  # a registry joined with a bare name: the tag comes from elsewhere (a `Version` field)
        if reference_or_none(value) is not None and value.strip():
            found.append(Found(value, origin, lines.line(field.start()), None, "Image (e2e test)", "Go source"))
    building = [line for line in text.split("\n") if _BUILDS_RE.search(line)]
    line, counted = 1, 0  # the names in the order they are first bound: each line counted from the one before
    for name, values in bound.items():
        if name in taken or len(values) != 1 or not _IMAGE_NAME_RE.fullmatch(name) or _built(building, name):
            continue
        if not _TAGGED_RE.search(next(iter(values))) and _as_repository(text, name):
            continue  # a repository the file joins with a tag given elsewhere (`{Key: "image.repository", Value: N}`)
        if _qualified(value := next(iter(values))) and reference_or_none(value) is not None:
            line, counted = line + text.count("\n", counted, starts[name]), starts[name]
            found.append(Found(value, origin, line, None, "image constant (e2e test)", "Go source"))
    patched = json_patch_images(text, origin)  # go_e2e_json_patches.py
    return found + _argument_images(text, origin, lines) + raw_manifest_images(text, origin) + patched


def _as_repository(text: str, name: str) -> bool:
    """Whether `text` hands `name` on as a repository: a line naming it, or the line before, names a `repository`
    key or field (`Key: "webhook.image.repository",` then `Value: esoImage,`), or the file joins a tag to it
    (`standardImage + ":" + k8sVersion`: the image is the join, its tag known when the suite runs)."""
    word = re.compile(r"(?<![\w.])" + re.escape(name) + r"(?!\w)")
    if re.search(word.pattern + r"[ \t]*\+[ \t]*\"[:@]", text):
        return True
    lines = text.split("\n")
    return any(
        word.search(line) and "repository" in (lines[index - 1] + line).lower()
        for index, line in enumerate(lines)
        if name in line and index
    )


def _argument_images(text: str, origin: str, lines: LineIndex) -> list[Found]:
    """The images a suite hands the commands it runs as arguments (`_ARGUMENT_RE`), each naming a registry, a
    namespace or a tag (`"--image", "someString"` is a placeholder a test compares), at the argument's line."""
    found: list[Found] = []
    for argument in _ARGUMENT_RE.finditer(text):
        value = argument.group("flag") or argument.group("setting")
        if lines.led_by(argument.start(), "//") or not _qualified(value) or reference_or_none(value) is None:
            continue
        if _program_call(text, argument.start()):
            continue  # `Exec("kubectl", []string{..., "--image", ...})`: go_commands.py reads it by its program
        found.append(Found(value, origin, lines.line(argument.start()), None, "image argument (e2e test)", "Go source"))
    return found


_OPENERS, _CLOSERS = "([{", ")]}"
_PROGRAM_RE = re.compile(r"\s*\"[^\"\\\n]*\"\s*,")
# a suite's own helper named for kubectl (`e.kubectl(`, `kubectlOperatorNS(`): its first literal is kubectl's verb
_KUBECTL_CALLEE_RE = re.compile(r"(?<![\w\"])kubectl\w*[ \t]*$", re.IGNORECASE)


def _program_call(text: str, at: int) -> bool:
    """Whether the call whose arguments hold offset `at` (also inside a slice literal among them) is given a
    literal program first (`exec.Command("echo", ...)`, `Exec("printf", []string{...})`): a command read by its
    program, not by its flags. Looked for within the 2,000 characters before `at`."""
    depth = 0
    for position in range(at - 1, max(at - 2000, 0) - 1, -1):
        character = text[position]
        if character in _CLOSERS:
            depth += 1
        elif character in _OPENERS:
            if depth:
                depth -= 1
            elif character == "(":
                if _KUBECTL_CALLEE_RE.search(text, max(position - 80, 0), position):
                    return False  # `e.kubectlOperatorNS("debug", ..., "--image=...")`: kubectl's verb, not a program
                return _PROGRAM_RE.match(text, position + 1) is not None
    return False
