"""The images a tree's program sources pull: those its tests start with Testcontainers (Go, Java, Kotlin, Python,
JavaScript/TypeScript and C# sources) and the literal `docker run` / `docker pull` commands its JavaScript,
TypeScript, Python and Go files run (a jest setup's `execSync("docker run ...")`, a conftest's
`subprocess.run(["docker", "run", ...])`, a magefile's `sh.RunV("docker", "run", ...)`), and the images JavaScript
and TypeScript tests pull through dockerode (`docker.pull(image)`), Python and Go ones through the Docker SDK
(`client.containers.run("postgres:16")`, `&container.Config{Image: postgresImage}`), and Go tests through
ory/dockertest (`pool.Run("postgres", "15-alpine", nil)`, go_dockertest.py) and efficientgo/e2e
(`e2e.StartOptions{Image: "..."}`, go_efficientgo_e2e.py), Terratest's docker module (`docker.Run(t, image, opts)`,
go_terratest_docker.py) and the CRI image service (`PullImage`, go_cri_pulls.py), and the base images Dagger pipelines
start from (`dag.Container().From("redis:7")`, dagger_pipelines.py). Each source is opened only to look for the bytes
`testcontainers` (`Testcontainers` in C#), or in JavaScript/TypeScript/Python `docker` or `podman` (`"docker"` or
`"podman"` in Go, or the Docker SDK's import path), or `dagger`, and decoded only when they are there; the parsing is
choose/discovery/testcontainers.py, node_commands.py, dockerode.py, python_commands.py, python_sdk.py, go_commands.py
and go_docker_sdk.py. A Go package of the tree that imports Testcontainers is a helper its callers may hand images
(choose/discovery/go_helpers.py): the Go files that name its import path, or belong to it, are read for those calls;
so is a Java or Kotlin base class's method that starts a container from its first parameter, in the sources that
extend the class (choose/discovery/jvm_helpers.py); subclasses' overrides of the method a base class starts a
container from, and enum constants a container class joins its image from, are read by cli/discover_jvm_classes.py.
A JavaScript or TypeScript Testcontainers source, and each module
it imports by a relative path, is read for the images it takes from a JSON file it loads by a literal path
(choose/discovery/json_images.py). A Go package's own functions that run docker with a string parameter are read
through their calls in the package (choose/discovery/go_command_wrappers.py), and those taking a variadic `...string`
through their calls in the package and in the files importing it (cli/discover_go_variadic.py), and the Dockerfiles Go
tests write from raw strings through `WriteFile` as Dockerfiles (choose/discovery/go_dockerfile_strings.py). A test
class JUnit disables as a whole starts nothing: nothing in it is listed (choose/discovery/jvm_disabled_classes.py)."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ecr_mirror.choose.discovery.dockerode import dockerode_pulls
from ecr_mirror.choose.discovery.elixir_containers import called_constant_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_command_wrappers import Wrapper, command_wrappers, wrapper_runs
from ecr_mirror.choose.discovery.go_commands import go_docker_builds, go_docker_runs
from ecr_mirror.choose.discovery.go_commands import may_run_docker as may_run_docker_go
from ecr_mirror.choose.discovery.go_created_objects import MARK as CREATE_MARK
from ecr_mirror.choose.discovery.go_cri_pulls import MARK as CRI_MARK
from ecr_mirror.choose.discovery.go_cri_pulls import cri_pulls
from ecr_mirror.choose.discovery.go_crictl_pulls import MARK as CRICTL_MARK
from ecr_mirror.choose.discovery.go_docker_sdk import go_sdk_images
from ecr_mirror.choose.discovery.go_dockertest import MARK as DOCKERTEST_MARK
from ecr_mirror.choose.discovery.go_dockertest import dockertest_images, own_dockertest_images
from ecr_mirror.choose.discovery.go_e2e_images import e2e_images, is_suite
from ecr_mirror.choose.discovery.go_efficientgo_e2e import MARK as EFFICIENTGO_MARK
from ecr_mirror.choose.discovery.go_efficientgo_e2e import efficientgo_images
from ecr_mirror.choose.discovery.go_helpers import (
    helper_calls,
    helper_functions,
    helper_methods,
    image_structs,
    struct_images,
    unexported_helpers,
)
from ecr_mirror.choose.discovery.go_ignored import ignored_go
from ecr_mirror.choose.discovery.go_program_images import without_repeats
from ecr_mirror.choose.discovery.go_terratest_docker import MARK as TERRATEST_DOCKER_MARK
from ecr_mirror.choose.discovery.go_terratest_docker import terratest_docker_images
from ecr_mirror.choose.discovery.go_transport_copies import MARK as TRANSPORT_MARK
from ecr_mirror.choose.discovery.go_variadic_wrappers import MARK as VARIADIC_MARK
from ecr_mirror.choose.discovery.haskell_containers import imported_tag_images
from ecr_mirror.choose.discovery.json_images import json_images, json_loads, relative_imports
from ecr_mirror.choose.discovery.jvm_disabled_classes import disabled_sources
from ecr_mirror.choose.discovery.jvm_helpers import helper_images, image_helpers
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.node_commands import may_run_docker, node_docker_runs
from ecr_mirror.choose.discovery.python_cibuildwheel_env import MARK as CIBW_MARK
from ecr_mirror.choose.discovery.python_cibuildwheel_env import cibuildwheel_env_images
from ecr_mirror.choose.discovery.python_commands import may_run_docker as may_run_docker_py
from ecr_mirror.choose.discovery.python_commands import python_docker_builds, python_docker_runs
from ecr_mirror.choose.discovery.python_sdk import python_sdk_pulls
from ecr_mirror.choose.discovery.ruby_containers import selected_images
from ecr_mirror.choose.discovery.test_resources import MARK as TEST_RESOURCES_MARK
from ecr_mirror.choose.discovery.test_resources import source_test_resources_images
from ecr_mirror.choose.discovery.testcontainers import (
    language_of,
    mentions_testcontainers,
    started_images,
    uses_testcontainers,
)
from ecr_mirror.cli.discover_annotations import annotation_pulls
from ecr_mirror.cli.discover_csharp_classes import csharp_constant_pulls
from ecr_mirror.cli.discover_dotnet import dotnet_pulls
from ecr_mirror.cli.discover_go_copies import go_copy_pulls
from ecr_mirror.cli.discover_go_created import go_created_pulls
from ecr_mirror.cli.discover_go_crictl import go_crictl_pulls
from ecr_mirror.cli.discover_go_flags import go_flag_pulls
from ecr_mirror.cli.discover_go_helper_constants import imported_helper_constants
from ecr_mirror.cli.discover_go_image_parameters import go_image_parameter_pulls
from ecr_mirror.cli.discover_go_joined_constants import go_joined_constant_pulls
from ecr_mirror.cli.discover_go_options import go_option_pulls
from ecr_mirror.cli.discover_go_packages import package_value_pulls
from ecr_mirror.cli.discover_go_program_constants import go_program_constant_pulls
from ecr_mirror.cli.discover_go_run_args import go_run_arg_pulls
from ecr_mirror.cli.discover_go_suites import helper_e2e_images, import_path, suite_helpers
from ecr_mirror.cli.discover_go_variadic import go_variadic_pulls
from ecr_mirror.cli.discover_jvm_classes import class_pulls, enum_pulls, extends_of, override_pulls, tag_class_pulls
from ecr_mirror.cli.discover_pinned_tables import pinned_table_pulls
from ecr_mirror.cli.discover_rust import rust_apart
from ecr_mirror.cli.discover_small_files import small_bytes
from ecr_mirror.cli.discover_source_readers import other_readers

_GO_SDK_MARKS = (b'"github.com/docker/docker/', b'"github.com/moby/moby/')  # the Docker SDK for Go's packages
_DOCKERTEST_PACKAGE_RE = re.compile(rb"^package[ \t]+dockertest[ \t]*(?://[^\n]*)?$", re.MULTILINE)
_DOCKERTEST_MODULE_RE = re.compile(r"github\.com/ory/dockertest(?:/v(\d+))?")


@dataclass
class _Helper:
    """A Go package of the tree that imports Testcontainers: its import path, its exported functions taking a
    string, its exported methods taking an image (name -> places of the image parameters), and its unexported
    functions handing a string to Testcontainers (called by its own files only)."""

    imported: str
    functions: frozenset[str] = frozenset()
    unexported: frozenset[str] = frozenset()
    structs: frozenset[str] = frozenset()  # wrapper types whose `Image` reaches Testcontainers
    methods: dict[str, frozenset[int]] = field(default_factory=dict)


def _go_helpers(texts: dict[str, tuple[Path, str]]) -> dict[Path, _Helper]:
    """The tree's Go packages that wrap Testcontainers, by directory."""
    helpers: dict[Path, _Helper] = {}
    for shown, (path, text) in texts.items():
        if shown.endswith(".go") and not shown.endswith("_test.go") and uses_testcontainers(text):
            functions, methods, unexported = helper_functions(text), helper_methods(text), unexported_helpers(text)
            structs = image_structs(text)
            if (functions or methods or unexported or structs) and (imported := import_path(shown, path)):
                helper = helpers.setdefault(path.parent, _Helper(imported))
                helper.functions |= functions
                helper.unexported |= unexported
                helper.structs |= structs
                for name, places in methods.items():
                    helper.methods[name] = helper.methods.get(name, frozenset()) | places
    return helpers


def _helper_pulls(go_sources: list[tuple[str, Path]], helpers: dict[Path, _Helper]) -> list[Found]:
    """The images the Go files that import a helper package, or belong to one, hand it (each opened only then)."""
    found: list[Found] = []
    by_path = {helper.imported: helper.functions for helper in helpers.values()}
    methods = {helper.imported: helper.methods for helper in helpers.values()}
    structs = {helper.imported: helper.structs for helper in helpers.values() if helper.structs}
    marks = [f'"{imported}"'.encode() for imported in by_path]
    for shown, path in go_sources if marks else ():
        helper = helpers.get(path.parent)
        own = helper.imported if helper else None
        if (data := small_bytes(path)) is not None and (own or any(mark in data for mark in marks)):
            text = data.decode("utf-8-sig", errors="replace")
            callable_here = {**by_path, own: by_path[own] | helper.unexported} if helper and own else by_path
            found += helper_calls(text, shown, callable_here, own, methods)
            found += struct_images(text, shown, structs, own) if structs else []
    return found


def _wrapper_pulls(go_sources: list[tuple[str, Path]], wrappers: dict[Path, dict[str, list[Wrapper]]]) -> list[Found]:
    """The images the Go files of a package hand its functions that run docker with a parameter (each file of such
    a package opened again)."""
    found: list[Found] = []
    for shown, path in go_sources if wrappers else ():
        if (own := wrappers.get(path.parent)) and (data := small_bytes(path)) is not None:
            found += wrapper_runs(data.decode("utf-8-sig", errors="replace"), shown, own)
    return found


def _jvm_helper_pulls(decoded: dict[str, tuple[Path, str]], found: list[Found]) -> list[Found]:
    """The images Java and Kotlin tests hand their base classes' methods that start containers (jvm_helpers.py)."""
    jvm = {shown: text for shown, (_, text) in decoded.items() if language_of(shown) in ("Java", "Kotlin")}
    helpers = {helper for text in jvm.values() for helper in image_helpers(text)}
    out: list[Found] = []
    for shown, text in jvm.items() if helpers else ():
        out += [item for item in helper_images(text, shown, helpers) if item not in found and item not in out]
    return out


_JS_SUFFIXES = ("", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", "/index.js", "/index.ts")


def _module(path: Path, specifier: str) -> Path | None:
    """The file a relative import names (`./test-images.mjs`, `./images` for `images.ts`), or None."""
    for suffix in _JS_SUFFIXES:
        candidate = Path(os.path.normpath(path.parent / (specifier + suffix)))
        if candidate.is_file():
            return candidate
    return None


def _json_pulls(decoded: dict[str, tuple[Path, str]], found: list[Found]) -> list[Found]:
    """The images JavaScript and TypeScript Testcontainers sources, and the modules they import by a relative path,
    take from JSON files they load by literal paths."""
    modules: dict[Path, str] = {}
    for shown, (path, text) in decoded.items():
        if language_of(shown) in ("JavaScript", "TypeScript"):
            modules.setdefault(path.absolute(), shown)
            for specifier in relative_imports(text):
                if (module := _module(path, specifier)) is not None and language_of(module.name):
                    below = os.path.relpath(module, path.parent)
                    modules.setdefault(module.absolute(), os.path.normpath(os.path.join(os.path.dirname(shown), below)))
    out: list[Found] = []
    for path, shown in modules.items():
        data = small_bytes(path)
        text = data.decode("utf-8-sig", errors="replace") if data is not None and b".json" in data else ""
        for load in json_loads(text):
            json_path = Path(os.path.normpath(path.parent / load.file))
            if (raw := small_bytes(json_path)) is not None:
                document = raw.decode("utf-8-sig", errors="replace")
                images = json_images(text, shown, load, document, json_path.name)
                out += [item for item in images if item not in found and item not in out]
    return out


def _own_dockertest(shown: str, path: Path, data: bytes) -> Callable[[str, str], list[Found]] | None:
    """The reader of a file of dockertest's own package (`package dockertest` in the module github.com/ory/dockertest,
    any major version), which calls the library's names unqualified; None for any other file."""
    if _DOCKERTEST_PACKAGE_RE.search(data[:65536]) is None or (imported := import_path(shown, path)) is None:
        return None
    own = _DOCKERTEST_MODULE_RE.fullmatch(imported)
    return functools.partial(own_dockertest_images, major=int(own[1] or 0)) if own is not None else None


def _go_readers(shown: str, path: Path, data: bytes) -> list[Callable[[str, str], list[Found]]]:
    """The readers of a Go source's pulls through a library whose mark its bytes hold: the Docker SDK, dockertest
    (or dockertest's own package), efficientgo/e2e, Terratest's docker module, the CRI image service."""
    if not shown.endswith(".go"):
        return []
    readers: list[Callable[[str, str], list[Found]]] = []
    readers += [go_sdk_images] if any(mark in data for mark in _GO_SDK_MARKS) else []
    if (own := _own_dockertest(shown, path, data)) is not None:
        readers.append(own)
    elif DOCKERTEST_MARK in data:
        readers.append(dockertest_images)
    readers += [efficientgo_images] if EFFICIENTGO_MARK in data else []
    readers += [terratest_docker_images] if TERRATEST_DOCKER_MARK in data else []
    readers += [cri_pulls] if CRI_MARK.encode() in data and b"PullImageRequest" in data else []
    return readers


def source_pulls(
    sources: Iterable[tuple[str, Path]], warn: Callable[[str], None], builds: list[LocalBuild] | None = None
) -> list[Found]:
    """The literal Testcontainers images and docker commands of `sources` ((name shown, path)), and the images Go
    files hand the tree's own Testcontainers helpers; a file that mentions either but is not UTF-8 is a warning
    naming it. The images Python sources build (`docker build --tag`, the Docker SDK's `images.build(tag=...)`) and
    Go sources build (`exec.Command("docker", "build", "-t", ...)`) are added to `builds`."""
    sources, found = rust_apart(list(sources), small_bytes, warn, builds)
    go_sources: list[tuple[str, Path]] = []
    suites: list[tuple[str, Path, str]] = []  # e2e suites' files, for their helper packages
    decoded: dict[str, tuple[Path, str]] = {}
    wrappers: dict[Path, dict[str, list[Wrapper]]] = {}  # by package directory
    # the Go files that name a `docker://` source, create Kubernetes objects, or name crictl, by mark
    marked: dict[bytes, set[Path]] = {mark: set() for mark in (TRANSPORT_MARK, CREATE_MARK, CRICTL_MARK, VARIADIC_MARK)}
    extending: list[tuple[str, Path, str, str]] = []  # JVM sources' (shown, path, class, parent), for overrides
    for shown, path in sources:
        data = small_bytes(path)
        if data is None or ignored_go(shown, data):  # `//go:build ignore`: no build compiles it
            continue
        extending += extends_of(shown, path, data)
        if shown.endswith(".go"):
            go_sources.append((shown, path))  # read again only if the tree has a helper
            for mark, paths in marked.items():
                paths.update([path] if mark in data else [])
        testcontainers, commands = mentions_testcontainers(data, shown), may_run_docker(shown, data)
        python, go = may_run_docker_py(shown, data), may_run_docker_go(shown, data)
        resources = TEST_RESOURCES_MARK.encode() in data
        cibw = shown.endswith(".py") and CIBW_MARK in data  # cibuildwheel's image options in an environment dict
        head = data[:8192]  # an e2e or conformance build constraint, a suite's package name
        suite = shown.endswith(".go") and (
            b"e2e" in head or b"conformance" in head or "e2e" in shown or b"KubectlApplyFromString" in data
        )
        e2e = suite and (b"Image" in data or b"image" in data)  # a suite, its helpers, or manifests it applies
        go_readers = _go_readers(shown, path, data) + other_readers(shown, data)
        if not any((testcontainers, commands, python, go, resources, suite, go_readers, cibw)):
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            warn(f"{shown}: not UTF-8 text; skipped")
            continue
        if testcontainers:
            decoded[shown] = (path, text)
            found += started_images(text, shown)
        found += node_docker_runs(text, shown) + dockerode_pulls(text, shown) if commands else []
        found += (python_docker_runs(text, shown) + python_sdk_pulls(text, shown) if python else []) + (
            cibuildwheel_env_images(text, shown) if cibw else []
        )
        if python and builds is not None:
            builds += python_docker_builds(text, shown)
        found += go_docker_runs(text, shown) if go else []
        wrappers.setdefault(path.parent, {}).update(command_wrappers(text) if go else {})
        if go and builds is not None:
            builds += go_docker_builds(text, shown)
        found += source_test_resources_images(text, shown) if resources else []
        found += e2e_images(text, shown) if e2e else []
        suites += [(shown, path, text)] if suite and is_suite(text, shown) else []
        for reader in go_readers:
            found += reader(text, shown)
    disabled = disabled_sources(decoded)  # JUnit runs none of their tests: nothing they start is pulled
    found += (
        _jvm_helper_pulls(decoded, found)
        + _json_pulls(decoded, found)
        + annotation_pulls(sources, decoded, small_bytes)
        + override_pulls(decoded, extending, found, small_bytes)
        + enum_pulls(sources, decoded, small_bytes)
        + class_pulls(sources, decoded, found, small_bytes, extending)
        + csharp_constant_pulls(sources, found, small_bytes)
        + dotnet_pulls(sources, decoded, small_bytes)
        + selected_images({shown: text for shown, (_, text) in decoded.items()})
        + imported_tag_images({shown: text for shown, (_, text) in decoded.items()})
        + called_constant_images({shown: text for shown, (_, text) in decoded.items()})
    )
    found = tag_class_pulls(found, sources, decoded, small_bytes)
    found += pinned_table_pulls(sources, found)  # a tool's digest-pinned images its computed docker commands pull
    found = _go_tree_pulls(found, go_sources, suites, wrappers, (marked, decoded))
    return without_repeats(
        [item for item in found + _helper_pulls(go_sources, _go_helpers(decoded)) if item.origin not in disabled]
    )


def _go_tree_pulls(
    found: list[Found],
    go_sources: list[tuple[str, Path]],
    suites: list[tuple[str, Path, str]],
    wrappers: dict[Path, dict[str, list[Wrapper]]],
    known: tuple[dict[bytes, set[Path]], dict[str, tuple[Path, str]]],
) -> list[Found]:
    """`found` with the images Go files give across files and packages: e2e helpers, option structs' literals,
    docker wrappers, copies, created objects, flag defaults, crictl and variadic helpers; then a package's variables
    set in another file. `known`: the Go files by mark, and the decoded Testcontainers sources."""
    marked, decoded = known
    found = found + helper_e2e_images(go_sources, suite_helpers(suites), suites, small_bytes)
    found = imported_helper_constants(found, go_sources, small_bytes)  # a helper package no Go file imports
    found += go_option_pulls(go_sources, decoded, small_bytes)  # `options{image: "redis:6-alpine"}` for a helper
    found += go_run_arg_pulls(go_sources, small_bytes)  # `Run(RunArgs{Image: "..."})` of a framework running docker
    found += _wrapper_pulls(go_sources, {directory: own for directory, own in wrappers.items() if own})
    copying, creating = ({path.parent for path in marked[mark]} for mark in (TRANSPORT_MARK, CREATE_MARK))
    found += go_copy_pulls(go_sources, copying, small_bytes) + go_created_pulls(go_sources, creating, small_bytes)
    found += go_flag_pulls(go_sources, small_bytes) + go_program_constant_pulls(go_sources, small_bytes)
    found += go_joined_constant_pulls(go_sources, small_bytes)  # `Image = config.Registry + "/" + ...`
    found += go_image_parameter_pulls(
        go_sources, small_bytes
    )  # `DeployPod(c, ns, "quay.io/x/probe:1")`, `Image: image`
    found += go_crictl_pulls(go_sources, marked[CRICTL_MARK], small_bytes) + go_variadic_pulls(
        go_sources, marked[VARIADIC_MARK], small_bytes
    )
    return package_value_pulls(found, go_sources, suites, small_bytes)  # a package's variables set in another file
