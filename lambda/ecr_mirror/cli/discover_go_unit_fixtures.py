"""Manifests under a Go package's `testdata/` that only its unit tests read, offline: not read.

The go tool ignores a directory named `testdata`, "making it available to hold ancillary data needed by the tests"
of the package holding it, which run in the package's directory (https://pkg.go.dev/cmd/go#hdr-Test_packages). A
unit test of a health check, a differ or a chart renderer loads a manifest from there and hands the object to the
code under test (argo-cd's `gitops-engine/pkg/health/health_test.go`, `assertAppHealth(t,
"./testdata/pod-crashloop.yaml", ...)`: `alpine:latest`, `does-not-exist:latest`; `util/helm/helm_test.go`,
`NewHelmApp("./testdata/minio", ...)`, which `helm template` renders): no cluster, nothing pulled. A YAML file under
`DIR/testdata/` (its nearest one) is left out when

- a `_test.go` file directly in `DIR` holds a Go string literal naming it from `DIR`: its path
  (`"./testdata/job-failed.yaml"`, also as a command-line flag's value, `"--filename=./testdata/task.yaml"`), a
  directory above it (`"testdata/redis"`), or the `testdata/` directory itself (`"./testdata/"+name`; bare,
  `srcFile := "testdata"` then a copy of the whole directory or `os.ReadDir` over its cases, as jenkins-x's
  gitops plugin's `pkg/cmd/rename` test does; but not as an element of a `filepath.Join`, which names only the
  path it joins, below); or a Go file under that `testdata/` embeds it (`//go:embed NAME`, a
  package of fixtures the tests import: gitops-engine's `pkg/diff/testdata/data.go`), and
- `DIR` is program code, not under a directory of tests (`test`, `tests`, `e2e*`, `integration`, `testutil`, ...,
  go_created_objects.is_test_code: linkerd2's `test/integration/deep/`, whose tests apply their `testdata/` through
  a helper package running kubectl), and
- no Go file of `DIR` reaches a real cluster: none is an end-to-end suite (go_e2e_images.is_suite: the `e2e` build
  tag, `package e2e` in a directory `e2e`) and none names a kubeconfig or a cluster's client (`clientcmd`,
  `InClusterConfig`, `GetConfig` but not knative's `injection.GetConfig(ctx)`, the config a caller put in the
  context, `KUBECONFIG`, `UseExistingCluster`, `envtest`, e2e-framework, or a `"kubectl"`
  command), as an end-to-end test applying its `testdata/` does (argo-cd's `test/e2e`, whose testdata apps are read);
  a name in a comment or in a raw string spanning lines (a command's help text: kumactl's `install control-plane`
  says `This command requires that the KUBECONFIG environment is set` and only prints manifests) is no such code.

A test of a package above `DIR` that globs the `testdata/` of the packages below it names them too, under the same
conditions on its own package: a `filepath.Join` (or `path.Join`) of literal elements, one of them `testdata`, after
at most a first non-literal one (the test's working directory, its package's, as `os.Getwd()` gives it), matched
element by element against the file's path from that package (kwok's `kustomize/stage/stage_test.go`,
`filepath.Glob(filepath.Join(pwd, "*", "*", "testdata", "*.input.yaml"))`: the pods of
`pod/general/testdata/pod-create-with-init.input.yaml`, `image: init-image`, are inputs of its stage tests). So does
a test that joins a data directory: its own package's (`filepath.Join(filepath.Dir(file), "testdata")`, the first
element a call one level deep, names the whole directory: kustomize's `kyaml/kio/filters/merge3_test.go`) or one
below it, the last element a variable standing for any path under it (kustomize's `cmd/config/internal/commands`,
`filepath.Join("test", "testdata", test.dataset)`); there the files' own package may be a test directory's
(`commands/test/`), the reading test's package may not.

A Dockerfile so named is left out too where no Go file of the package naming it can build an image (no
testcontainers-go, dockertest, Docker, Moby or BuildKit client, no `"docker"`, `"podman"`, `"buildah"`, `"kaniko"`
command: cli/discover_go_image_builds.py): jenkins-x's gitops plugin's `pkg/cmd/variables/testdata/*/Dockerfile*`,
which its test reads to find a preview Dockerfile (`gcr.io/jenkinsxio/jx-cli-base:latest`). A file no test of its
package names, a Dockerfile a test may build, a script under `testdata/`, and a file another package's test names
(`"../../util/kustomize/testdata/x"`) are read.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from ecr_mirror.choose.discovery.go_comments import without_prose
from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.go_e2e_images import is_suite
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_go_golden import testdata_package
from ecr_mirror.cli.discover_go_image_builds import builds_images
from ecr_mirror.cli.discover_small_files import head_bytes

GO_UNIT_FIXTURES = "manifests only a Go package's unit tests read (testdata/ named by its _test.go, no cluster)"
# a Go string literal (interpreted or raw) that starts with testdata (`./` before it allowed; so does a command-line
# flag's value written in the same word, `"--filename=./testdata/task.yaml"`, which cobra reads as `--flag=value`,
# https://pkg.go.dev/github.com/spf13/pflag), and what follows it
_LITERAL_RE = re.compile(
    r'"(?:--?[A-Za-z][\w-]*=)?(?:\./)?(testdata(?:/[^"\\\n]*)?)"(\s*\+)?'
    r"|`(?:--?[A-Za-z][\w-]*=)?(?:\./)?(testdata(?:/[^`\n]*)?)`(\s*\+)?"
)
# a `filepath.Join(...)` or `path.Join(...)` call, calls one level deep in it (`filepath.Dir(file)`): its arguments
_JOIN_RE = re.compile(r"\b(?:filepath|path)\.Join\(((?:[^()]|\([^()]*\))*)\)")
_BELOW = "**"  # a pattern's last element written with a variable (`test.dataset`): any path below
_GO_STRING_RE = re.compile(r'^"([^"\\]*)"$|^`([^`]*)`$')
# a `//go:embed` directive, at a line's start or indented: gofmt indents those of a `var ( ... )` block, and the go
# tool reads them there too (https://pkg.go.dev/embed#hdr-Directives: "a line comment ... immediately preceding a
# line containing the declaration of a single variable")
_EMBED_RE = re.compile(r"^[ \t]*//go:embed[ \t]+(.+)$", re.MULTILINE)
# the names of a cluster's client, each a word of its own: controller-runtime's `ctrl.GetConfigOrDie()`, not a
# test function `TestRuleBaseSetGetConfig` of a linter's own configuration getter, nor `injection.GetConfig(ctx)`,
# which returns the REST config a caller stored in the context (knative.dev/pkg/injection, karpenter's
# operator/injection: "func GetConfig(ctx context.Context) *rest.Config" beside "func WithConfig"): a knative-style
# reconciler package's, whose unit tests transform their `testdata/` offline (tektoncd/operator's
# `pkg/reconciler/common`)
_CLUSTER_RE = re.compile(
    r"clientcmd|\bInClusterConfig\b|(?<!\binjection\.)\bGetConfig\b|\bGetConfigOrDie\b|KUBECONFIG|\bUseExistingCluster\b"
    r'|controller-runtime/pkg/envtest|sigs\.k8s\.io/e2e-framework|"kubectl"'
)

Files = list[tuple[str, Path, Kind]]
# YAML files, and GitHub action metadata (`action.yml`): GitHub runs an action only where a workflow of the
# repository's `.github/workflows/` uses it (https://docs.github.com/en/actions/sharing-automations/creating-actions/
# metadata-syntax-for-github-actions), so one under a package's `testdata/` that its unit tests name is a linter's
# input (rhysd/actionlint's `testdata/projects/*/action.yaml`, `runs.image: docker://debian:stretch-slim`)
# and Dockerfiles, in a package that builds no image (cli/discover_go_image_builds.py): jenkins-x's gitops plugin's
# `pkg/cmd/variables/testdata/*/Dockerfile`, which its test reads to find a preview Dockerfile
_KINDS = frozenset({Kind.YAML, Kind.ACTION, Kind.DOCKERFILE})


def reaches_a_cluster(text: str) -> bool:
    """Whether a Go file's code names a kubeconfig or a cluster's client: not in a comment or a raw string that
    spans lines, the help a command prints (kumactl's `install control-plane`, `This command requires that the
    KUBECONFIG environment is set`, which only prints manifests)."""
    return _CLUSTER_RE.search(text) is not None and _CLUSTER_RE.search(without_prose(text)) is not None


def read_head(source: Path) -> str:
    data = head_bytes(source)
    return data.decode("utf-8", "replace") if data is not None else ""


def _names(literal: str, joined: bool, relative: str) -> bool:
    """Whether a literal of a test names the file at `relative` (from the package): the file, a directory above
    it, or `testdata/` itself, unless it is an element of a `filepath.Join` (`_globbed` reads those)."""
    literal = literal.rstrip("/")
    if literal == "testdata":
        return not joined
    return relative == literal or relative.startswith(literal + "/")


def _test_literals(text: str) -> list[tuple[str, bool]]:
    """The literals of a test's text that start with `testdata`, each with whether a bare `"testdata"` is an
    element of a `filepath.Join` (or `path.Join`) call, where it names only the path the call joins."""
    joins = [call.span(1) for call in _JOIN_RE.finditer(text)]
    out: list[tuple[str, bool]] = []
    for match in _LITERAL_RE.finditer(text):
        literal = match.group(1) or match.group(3)
        joined = any(start <= match.start() < end for start, end in joins)
        concatenated = bool(match.group(2) or match.group(4))
        out.append((literal, joined and not concatenated))
    return out


def _embedded(go_file: Path, text: str) -> set[Path]:
    """The files a Go file embeds by `//go:embed` patterns (names and globs, relative to its directory)."""
    embedded: set[Path] = set()
    for directive in _EMBED_RE.finditer(text):
        for written in directive.group(1).split():
            pattern = written.strip('"`')
            if not any(mark in pattern for mark in "*?["):
                embedded.add((go_file.parent / pattern).resolve())
            else:
                embedded |= {path.resolve() for path in go_file.parent.glob(pattern)}
    return embedded


def _program_package(path: Path, top: Path) -> tuple[Path, str] | None:
    """The package of a file under `testdata/` and its path from there, when that package is no test directory's
    (its path from `top`)."""
    if (package := testdata_package(path)) is None:
        return None
    try:
        shown = package[0].relative_to(top).as_posix()
    except ValueError:
        shown = package[0].as_posix()
    return None if is_test_code(f"{shown}/x.go") else package


def go_unit_fixtures(files: Files, sources: list[tuple[str, Path]], top: Path) -> Files:
    """The YAML files of `files` under a Go package's `testdata/` that only that package's unit tests name (see the
    module's docstring); `sources` are the walk's source files, `top` the directory walked."""
    anywhere = {item[1]: at for item in files if item[2] in _KINDS and (at := testdata_package(item[1]))}
    placed = {path: at for path in anywhere if (at := _program_package(path, top))}
    if not anywhere:
        return []
    directories = {directory for directory, _ in placed.values()}
    go_files: dict[Path, list[Path]] = {}
    embedded: set[Path] = set()
    for _, source in sources:
        if source.suffix != ".go":
            continue
        if source.parent in directories:
            go_files.setdefault(source.parent, []).append(source)
        elif "testdata" in source.parts and (text := read_head(source)) and "//go:embed" in text:
            embedded |= _embedded(source, text)
    literals: dict[Path, list[tuple[str, bool]]] = {}
    building: set[Path] = set()
    for directory, sources_of in go_files.items():
        texts = {source: read_head(source) for source in sources_of}
        if any(reaches_a_cluster(text) or is_suite(text, str(source)) for source, text in texts.items()):
            continue
        if builds_images(texts.values()):
            building.add(directory)
        tests = [text for source, text in texts.items() if source.name.endswith("_test.go")]
        literals[directory] = [found for text in tests for found in _test_literals(text)]
    dockerfiles = {item[1] for item in files if item[2] is Kind.DOCKERFILE}
    globbed = _globbed(anywhere, sources, top, dockerfiles)
    left_out: Files = []
    for item in files:
        if item[1] in globbed:
            left_out.append(item)
            continue
        if (at := placed.get(item[1])) is None or (named := literals.get(at[0])) is None:
            continue  # not under a testdata/, or a package with no Go file or reaching a cluster
        if item[2] is Kind.DOCKERFILE and at[0] in building:
            continue
        if any(_names(literal, plus, at[1]) for literal, plus in named) or item[1].resolve() in embedded:
            left_out.append(item)
    return left_out


def _join_patterns(text: str) -> list[list[str]]:
    """The element lists of the `filepath.Join` calls of `text` whose elements are literals (after at most a first
    other one, and before at most a last other one, `_BELOW`) and hold `testdata`."""
    patterns: list[list[str]] = []
    for call in _JOIN_RE.finditer(text):
        words = [word.strip() for word in call.group(1).split(",") if word.strip()]
        matches = [_GO_STRING_RE.match(word) for word in words]
        if matches and matches[0] is None:
            matches = matches[1:]
        below = len(matches) > 1 and matches[-1] is None  # `filepath.Join("test", "testdata", test.dataset)`
        matches = matches[:-1] if below else matches
        if not matches or any(match is None for match in matches):
            continue
        elements = [part for match in matches if match for part in (match.group(1) or match.group(2) or "").split("/")]
        elements = [part for part in elements if part not in ("", ".")]
        if "testdata" in elements:
            patterns.append([*elements, _BELOW] if below else elements)
    return patterns


def _globbed(
    placed: dict[Path, tuple[Path, str]], sources: list[tuple[str, Path]], top: Path, dockerfiles: set[Path]
) -> set[Path]:
    """The files of `placed` that a unit test of their package or of one above globs or joins (see the module's
    docstring); the files' own package may be a test directory's (`test/testdata/`), the test's may not; one of
    `dockerfiles` only where the test's package builds no image."""
    above: dict[Path, list[Path]] = {}
    for _, source in sources:
        if source.suffix == ".go" and any(_at_or_above(source.parent, package) for package, _ in placed.values()):
            above.setdefault(source.parent, []).append(source)
    out: set[Path] = set()
    for directory, go_files in above.items():
        if is_test_code(f"{_shown(directory, top)}/x.go"):
            continue
        texts = {source: read_head(source) for source in go_files}
        if any(reaches_a_cluster(text) or is_suite(text, str(source)) for source, text in texts.items()):
            continue
        tests = [text for source, text in texts.items() if source.name.endswith("_test.go")]
        patterns = [pattern for text in tests for pattern in _join_patterns(text)]
        building = builds_images(texts.values())
        for path, (package, _) in placed.items():
            if building and path in dockerfiles:
                continue
            if patterns and _at_or_above(directory, package):
                parts = path.relative_to(directory).parts
                if any(_matches(parts, pattern) for pattern in patterns):
                    out.add(path)
    return out


def _at_or_above(directory: Path, package: Path) -> bool:
    return directory == package or directory in package.parents


def _matches(parts: tuple[str, ...], pattern: list[str]) -> bool:
    """Whether a file's path (`parts`) is the pattern's, or under the directory it names (`filepath.Join(dir,
    "testdata")`, the data directory of a test that joins its cases' names to it)."""
    if pattern and pattern[-1] == _BELOW:
        pattern = pattern[:-1]
        return len(parts) > len(pattern) and _matches(parts[: len(pattern)], pattern)
    head = parts[: len(pattern)]
    directory = len(parts) > len(pattern) and not any(mark in pattern[-1] for mark in "*?[")
    if len(head) != len(pattern) or (len(parts) > len(pattern) and not directory):
        return False
    return all(fnmatch.fnmatchcase(p, q) for p, q in zip(head, pattern, strict=True))


def _shown(directory: Path, top: Path) -> str:
    try:
        return directory.relative_to(top).as_posix()
    except ValueError:
        return directory.as_posix()
