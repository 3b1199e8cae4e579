"""The images of the Kubernetes objects Go code creates in a real cluster through client-go or controller-runtime
(choose/discovery/go_created_objects.py): the packages whose files call `.Create(` are read again, all their files,
for the functions that build the objects and for the fake clients and envtest that keep them from a kubelet, and so
are the packages of the same module (the nearest `go.mod`) they import, for the functions that build objects there
and those that create the object they are given (a framework's `CreateJob(client, job)`: go_create_wrappers.py).
envtest without `UseExistingCluster` runs on the kubeconfig's cluster where the tree's workflows or makefiles, in a
package's directory or one above it, set `USE_EXISTING_CLUSTER` to true (envtest_environment.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.envtest_environment import sets_existing_cluster
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_create_wrappers import creating_functions, wrapped_created_images
from ecr_mirror.choose.discovery.go_created_objects import (
    MARK,
    CreatingPackage,
    created_images,
    creating_package,
    lend,
)
from ecr_mirror.choose.discovery.go_helpers import imports, module_path

Read = Callable[[Path], bytes | None]
# the files of a directory that may give a test run its environment: a CI file's `env:`, a makefile's assignment
_ENVIRONMENT_GLOBS = ("Makefile", "GNUmakefile", "makefile", "*.mk", ".gitlab-ci.yml", ".github/workflows/*.y*ml")


def module_of(shown: str, path: Path) -> tuple[str, Path] | None:
    """The nearest `go.mod` in the tree above a Go file: its module path and its directory."""
    directory = path.parent
    for _ in range(len(PurePath(shown).parts)):
        if (go_mod := directory / "go.mod").is_file():
            module = module_path(go_mod.read_text(errors="replace"))
            return (module, directory) if module is not None else None
        directory = directory.parent
    return None


def existing_cluster_env(shown: str, path: Path, read: Read, seen: dict[tuple[Path, str], bool]) -> bool:
    """Whether a workflow or makefile of the directory of the Go file `path` (`shown` in the tree), or of one above
    it up to the tree's top, sets `USE_EXISTING_CLUSTER` to true for the file's package (a `go test` of other
    packages leaves it unset for this one); `seen`: the (directory, package) pairs already looked at."""
    directory = path.parent
    for _ in range(len(PurePath(shown).parts)):
        package = path.parent.relative_to(directory).as_posix().removeprefix(".")
        if (directory, package) not in seen:
            texts = (read(each) for pattern in _ENVIRONMENT_GLOBS for each in sorted(directory.glob(pattern)))
            seen[directory, package] = any(
                sets_existing_cluster(text.decode(errors="replace"), package) for text in texts if text
            )
        if seen[directory, package]:
            return True
        directory = directory.parent
    return False


def _imported_directories(
    package: list[tuple[str, str]],
    first: tuple[str, Path],
    by_directory: dict[Path, list[tuple[str, Path]]],
) -> dict[str, Path]:
    """The directories of the module's packages the files of `package` import, by the name they call them."""
    if (module := module_of(*first)) is None:
        return {}
    lent: dict[str, Path] = {}
    for _, text in package:
        for name, imported in imports(text).items():
            if name not in lent and imported.startswith(module[0] + "/"):
                lent[name] = module[1] / imported[len(module[0]) + 1 :]
    return lent


def go_created_pulls(go_sources: Iterable[tuple[str, Path]], packages: set[Path], read: Read) -> list[Found]:
    """The images of the objects the Go files of `packages` (directories) create in a cluster."""
    by_directory: dict[Path, list[tuple[str, Path]]] = {}
    for shown, path in go_sources if packages else ():
        if not shown.endswith("_test.go") or path.parent in packages:
            by_directory.setdefault(path.parent, []).append((shown, path))
    imported: dict[Path, CreatingPackage] = {}  # each imported package read once, however many packages import it
    seen: dict[tuple[Path, str], bool] = {}  # whether a directory's workflows or makefiles set USE_EXISTING_CLUSTER

    def existing(directory: Path) -> bool:
        return any(existing_cluster_env(shown, path, read, seen) for shown, path in by_directory[directory][:1])

    def parsed(directory: Path) -> CreatingPackage:
        if directory not in imported:
            sources = by_directory.get(directory, [])
            texts = [(shown, data.decode("utf-8-sig", errors="replace")) for shown, p in sources if (data := read(p))]
            imported[directory] = creating_package(texts, bool(sources) and existing(directory))
        return imported[directory]

    found: dict[Found, None] = {}  # in order, each once
    for directory in [each for each in by_directory if each in packages]:
        sources, creating = [], []
        for shown, path in by_directory.get(directory, []):
            if (data := read(path)) is not None:
                sources.append((shown, data.decode("utf-8-sig", errors="replace")))
                creating += [shown] if MARK in data else []
        if not creating:
            continue
        package = creating_package(sources, existing(directory))
        for name, lent in _imported_directories(sources, by_directory[directory][0], by_directory).items():
            lend(package, name, parsed(lent))
        for shown in creating:
            found.update(dict.fromkeys(created_images(shown, package)))
        functions = creating_functions(package)  # a framework's `CreateJob(client, job)` (go_create_wrappers.py)
        for shown, _ in sources if functions else ():
            found.update(dict.fromkeys(wrapped_created_images(shown, package, functions)))
    return list(found)
