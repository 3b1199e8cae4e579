"""Kubernetes manifests a Go package keeps in `testdata/` for tests that apply them to envtest: not read.

envtest (https://book.kubebuilder.io/reference/envtest) starts a Kubernetes API server and etcd for a package's
tests, with no kubelet and no container runtime: what they create there is stored, never scheduled, and no image
is pulled. The go tool ignores a directory named `testdata`, "making it available to hold ancillary data needed by
the tests" (https://pkg.go.dev/cmd/go#hdr-Test_packages), so the YAML files under the `testdata/` of a package (the
directory holding it) are those tests' inputs: fluxcd's kustomize-controller serves
`internal/controller/testdata/*/deployment.yaml` (`image: podinfo`, `image: ghcr.io/fluxcd/flagger`) to the
controller under test, which applies them to the envtest its `suite_test.go` starts. Such a file is left out when a
Go file of its package starts envtest (imports `sigs.k8s.io/controller-runtime/pkg/envtest`) and none tells envtest
to use the kubeconfig's cluster (`UseExistingCluster` set to anything but a literal `false`: a real cluster, whose
kubelets pull; flux2's `cmd/flux` tests run on kind so, and their `testdata/` is read; so is a field left unset
where the tree's workflows or makefiles set `USE_EXISTING_CLUSTER` to true), as go_created_objects.py
reads a package's Go objects. Only YAML files: a Dockerfile or a script under such a `testdata/` is read.
"""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.go_created_objects import starts_envtest
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_go_created import existing_cluster_env
from ecr_mirror.cli.discover_small_files import head_bytes

ENVTEST_FIXTURES = "manifests applied to envtest, no kubelet (testdata/ of a Go package whose tests start it)"
Files = list[tuple[str, Path, Kind]]


def _package(path: Path, top: Path) -> Path | None:
    """The directory holding the outermost `testdata` directory above `path` below `top`, None outside one."""
    try:
        parts = path.relative_to(top).parts[:-1]
    except ValueError:
        parts = path.parts[:-1]
        top = Path(path.anchor)
    return top.joinpath(*parts[: parts.index("testdata")]) if "testdata" in parts else None


def _envtest_only(sources: list[tuple[str, Path]], seen: dict[tuple[Path, str], bool]) -> bool:
    """Whether the Go files `sources` ((shown, path)) of one package start envtest's own control plane and none uses
    a real cluster (`seen`: existing_cluster_env's directories)."""
    started: list[bool] = []
    existing = bool(sources) and existing_cluster_env(*sources[0], head_bytes, seen)
    for _, source in sources:
        if (data := head_bytes(source)) is None:
            continue
        text = data.decode("utf-8", errors="replace")
        if (starts := starts_envtest(without_comments(text), existing)) is not None:
            started.append(starts)
    return bool(started) and all(started)


def envtest_fixtures(files: Files, sources: list[tuple[str, Path]], top: Path) -> Files:
    """The YAML files of `files` under the `testdata/` of a Go package (among `sources`, the walk's source files)
    whose tests apply them to envtest."""
    packages = {item[1]: package for item in files if item[2] is Kind.YAML and (package := _package(item[1], top))}
    if not packages:
        return []
    go_files: dict[Path, list[tuple[str, Path]]] = {}
    for shown, source in sources:
        if source.suffix == ".go" and source.parent in packages.values():
            go_files.setdefault(source.parent, []).append((shown, source))
    seen: dict[tuple[Path, str], bool] = {}
    envtest = {package for package, texts in go_files.items() if _envtest_only(texts, seen)}
    return [item for item in files if packages.get(item[1]) in envtest]
