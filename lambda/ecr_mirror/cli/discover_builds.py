"""The Dockerfiles compose files build, read again with the build arguments compose passes them.

`FROM ${BASE_IMAGE}` with `ARG BASE_IMAGE` and no default is unresolved on its own; built by a compose service with
`args: {BASE_IMAGE: "altinity/clickhouse-server:25.8"}` (or `args: [BASE_IMAGE]` and the value in `.env`), it names
that image. A reference to an image another service of the same file builds is local, not pulled, and left out, and
so is one to a named context of the service's `additional_contexts` (`COPY --from=docs` with `docs: ../../docs`). So
is an image a Kubernetes manifest names without a tag that a Skaffold config of the tree builds
(`build.artifacts[].image`, `image: adservice`): Skaffold deploys what it built in its place. The Dockerfiles a
script or CI step builds with `--build-arg` (`docker build`, kaniko's `executor`) are read again with those
arguments too (choose/discovery/command_builds.py), found from the file's directory or one above it, and so are
those a workflow's `docker/build-push-action` steps build with `build-args` (choose/discovery/build_push_args.py),
those a Tiltfile's `docker_build` builds with `build_args` (choose/discovery/tilt.py), those a GoReleaser
configuration's `dockers:` entries build with `--build-arg` flags (choose/discovery/goreleaser_dockers.py)
and those Go tests build with dockertest's `BuildOptions` (choose/discovery/go_dockertest_builds.py). The Earthfile
targets a script or CI step runs with `earthly +target --NAME=value` (over a workflow job's matrix too) are read again
with those values (choose/discovery/earthly_commands.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ecr_mirror.choose.discovery.build_push_args import build_push_builds, build_push_contexts
from ecr_mirror.choose.discovery.carvel_configs import kbld_sources
from ecr_mirror.choose.discovery.command_builds import CommandBuild, command_builds
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild, repository
from ecr_mirror.choose.discovery.devspace import devspace_built_images
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.earthfile import earthfile_images
from ecr_mirror.choose.discovery.earthly_commands import EarthlyCall, earthly_calls
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_dockertest_builds import dockertest_builds
from ecr_mirror.choose.discovery.goreleaser_dockers import goreleaser_docker_builds
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.ko import GORELEASER_NAMES
from ecr_mirror.choose.discovery.make_exports import exported_env
from ecr_mirror.choose.discovery.reusable_workflows import called_inputs, declared_inputs
from ecr_mirror.choose.discovery.skaffold_builds import skaffold_artifacts
from ecr_mirror.choose.discovery.step_directories import StepDirectories
from ecr_mirror.choose.discovery.step_shell_env import step_env_runs
from ecr_mirror.choose.discovery.taskgraph import is_docker_image_kind, taskgraph_builds
from ecr_mirror.choose.discovery.tilt import tilt_build_args
from ecr_mirror.choose.discovery.workflow_steps import matrix_runs
from ecr_mirror.cli.discover_workflow_calls import workflow_call_inputs
from ecr_mirror.errors import ConfigError

Reader = Callable[[str, Path], str | None]


def _key(item: Found) -> tuple[str, int | None]:
    return os.path.normpath(item.origin), item.line


def built_images(compose: str, builds: list[ComposeBuild], read: Reader) -> list[Found]:
    """The images the builds of the compose file shown as `compose` pull, with their arguments."""
    built = {build.built for build in builds if build.built}
    found: list[Found] = []
    for build in builds:
        shown = os.path.normpath(os.path.join(os.path.dirname(compose), build.dockerfile))
        text = build.inline if build.inline is not None else read(shown, Path(shown))
        origin = f"{compose} (dockerfile_inline)" if build.inline is not None else shown
        if text is None:
            continue
        for item in dockerfile_images(text, origin, build.args):
            if item.text not in built and item.text not in build.named_contexts:
                found.append(dataclasses.replace(item, use=f"{item.use} (built by {compose})", kind="Dockerfile"))
    return found


def context_names(compose: list[tuple[str, ComposeBuild]], read: Reader) -> set[tuple[str, int | None, str]]:
    """(Dockerfile, line, name) of each `FROM NAME` / `COPY --from=NAME` of a Dockerfile a compose service builds
    where NAME is one of the service's `additional_contexts`: the context, no image (read alone, it is one)."""
    shadowed: set[tuple[str, int | None, str]] = set()
    for shown, build in compose:
        if not build.named_contexts or build.inline is not None:
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(shown), build.dockerfile))
        shadowed |= _context_uses(path, build.named_contexts, read)
    return shadowed


def step_context_names(texts: dict[str, str], read: Reader) -> set[tuple[str, int | None, str]]:
    """As `context_names`, for the Dockerfiles the `docker/build-push-action` steps of the workflows among `texts`
    (name shown -> text) build with `build-contexts`."""
    shadowed: set[tuple[str, int | None, str]] = set()
    for shown, text in texts.items():
        if kind_of(shown) is not Kind.WORKFLOW or "build-contexts" not in text:
            continue
        with contextlib.suppress(ConfigError):  # a workflow that does not parse is reported by its own reader
            for dockerfile, names in build_push_contexts(text, shown):
                path = locate_dockerfile(shown, dockerfile)
                shadowed |= _context_uses(path, names, read) if path is not None else set()
    return shadowed


def _context_uses(path: str, names: Iterable[str], read: Reader) -> set[tuple[str, int | None, str]]:
    """(Dockerfile, line, name) of the uses of the Dockerfile at `path` that name one of the named contexts `names`."""
    text = read(path, Path(path))
    names = frozenset(names)
    images = dockerfile_images(text, path, {}) if text is not None else []
    return {(os.path.normpath(item.origin), item.line, item.text) for item in images if item.text in names}


def locate_dockerfile(origin: str, dockerfile: str) -> str | None:
    """The Dockerfile a command of `origin` names: from the file's directory, or up to three above it (a script
    run from the repository's top, a workflow under `.github/workflows`)."""
    if os.path.isabs(dockerfile):
        return dockerfile if Path(dockerfile).is_file() else None
    directory = os.path.dirname(origin)
    for _ in range(4):
        name = os.path.normpath(os.path.join(directory, dockerfile))
        if Path(name).is_file():
            return name
        if not directory or directory == os.path.dirname(directory):
            return None
        directory = os.path.dirname(directory)
    return None


def _builds(
    shown: str, text: str, calls: list[dict[str, Any]] | None = None, files: dict[str, str] | None = None
) -> list[CommandBuild]:
    """The builds with arguments of a file: its build commands, and a workflow's build-push steps (`calls`: the
    inputs of each call of a reusable workflow)."""
    if shown.endswith(".go"):
        return dockertest_builds(text, shown)  # a Go test's dockertest `BuildOptions`
    builds = command_builds(text, shown, yaml=shown.endswith((".yml", ".yaml")))
    if kind_of(shown) is Kind.WORKFLOW and "build-arg" in text and ("${{" in text or "env" in text):
        builds += [build for build in _matrix_builds(shown, text) if build not in builds]
    if kind_of(shown) is Kind.WORKFLOW and builds and "working-directory" in text:
        builds = _in_step_directories(shown, text, builds)
    if is_docker_image_kind(shown):
        with contextlib.suppress(ConfigError):  # a file that does not parse is reported by its own reader
            builds += taskgraph_builds(text, shown)  # taskgraph's `docker-image` tasks and their `args`
    if kind_of(shown) is Kind.TILT and "build_args" in text:
        builds += tilt_build_args(text, shown)  # a Tiltfile's docker_build(..., build_args={...})
    if os.path.basename(shown) in GORELEASER_NAMES and ("--build-arg" in text or "build_args" in text):
        with contextlib.suppress(ConfigError):  # a configuration that does not parse is reported by its own reader
            builds += goreleaser_docker_builds(text, shown, exported_env(shown, files))  # `dockers:`, `dockers_v2:`
    if kind_of(shown) is Kind.WORKFLOW and "build-args" in text:
        with contextlib.suppress(ConfigError):  # a workflow that does not parse is reported by its own reader
            declared = declared_inputs(text, shown) if calls else None
            given = called_inputs(declared, calls) if declared is not None and calls else None
            builds += build_push_builds(text, shown, given)
    return builds


def _in_step_directories(shown: str, text: str, builds: list[CommandBuild]) -> list[CommandBuild]:
    """A workflow's build commands with their Dockerfile taken from the `working-directory` their step runs in
    (step_directories.py), where that file exists; else as written (a path from `$GITHUB_WORKSPACE`)."""
    try:
        directories = StepDirectories(text, shown)
    except ConfigError:
        return builds  # a workflow that does not parse is reported by its own reader
    top = os.path.dirname(os.path.dirname(os.path.dirname(shown)))  # above .github/workflows
    out: list[CommandBuild] = []
    for build in builds:
        directory = directories.at(build.line)
        candidate = os.path.normpath(os.path.join(top, directory, build.dockerfile))
        moved = directory and not os.path.isabs(build.dockerfile) and Path(candidate).is_file()
        relative = os.path.relpath(candidate, os.path.dirname(shown) or ".")
        out.append(dataclasses.replace(build, dockerfile=relative) if moved else build)
    return out


def _matrix_builds(shown: str, text: str) -> list[CommandBuild]:
    """A workflow's build commands over its jobs' matrices (`-f "./mod/Dockerfile.${{ matrix.arch }}"`): each
    combination builds its own file with the arguments its command passes (workflow_steps.matrix_runs); and with the
    variables of a step's `env:` its commands read (`--build-arg BASE` alone, step_shell_env.step_env_runs)."""
    builds: list[CommandBuild] = []
    with contextlib.suppress(ConfigError):  # a workflow that does not parse is reported by its own reader
        for first, commands in matrix_runs(text, shown) + step_env_runs(text, shown):
            if "build-arg" in commands:
                builds += [dataclasses.replace(b, line=first + b.line - 1) for b in command_builds(commands, shown)]
    return builds


def command_built_images(files: dict[str, str], read: Reader, sources: list[tuple[str, Path]]) -> list[Found]:
    """The images the Dockerfiles that `files` (scripts, CI files: name shown -> text) build with `--build-arg`
    (or a `docker/build-push-action` step's `build-args`), and the Go `sources` with dockertest's `BuildOptions`,
    pull with those arguments; and those of the Earthfile targets `files` run with build arguments."""
    found: list[Found] = []
    for shown, path in sources:
        if shown.endswith(".go") and (text := read(shown, path)) is not None and "BuildOptions" in text:
            files = {**files, shown: text}
    calls = workflow_call_inputs(files)  # also through reusable workflows passing their inputs on
    for shown, text in files.items():
        for build in _builds(shown, text, calls.get(os.path.normpath(shown)), files):
            name = locate_dockerfile(shown, build.dockerfile)
            dockerfile = read(name, Path(name)) if name is not None else None
            if name is None or dockerfile is None:
                continue
            for pulled in dockerfile_images(dockerfile, name, dict(build.args)):
                use = f"{pulled.use} (built by {shown}:{build.line})"
                if (pulled.origin, pulled.line, pulled.text) not in {(i.origin, i.line, i.text) for i in found}:
                    found.append(dataclasses.replace(pulled, use=use, kind="Dockerfile"))
    return found + earthly_run_images(files, read)


def _earthly_calls(shown: str, text: str) -> list[EarthlyCall]:
    """The Earthly runs of a file that give values: its commands as written, and a workflow's over its matrix."""
    calls = earthly_calls(text)
    if kind_of(shown) is Kind.WORKFLOW:
        with contextlib.suppress(ConfigError):  # a workflow that does not parse is reported by its own reader
            for first, commands in matrix_runs(text, shown):
                calls += [dataclasses.replace(c, line=first + c.line - 1) for c in earthly_calls(commands)]
    return [call for call in calls if call.values]


def earthly_run_images(files: dict[str, str], read: Reader) -> list[Found]:
    """The images the Earthfile targets that `files` (scripts, CI files) run with build arguments pull with them."""
    found: list[Found] = []
    for shown, text in files.items():
        for call in _earthly_calls(shown, text) if "earthly" in text else ():
            name = locate_dockerfile(shown, os.path.join(call.directory, "Earthfile"))
            earthfile = read(name, Path(name)) if name is not None else None
            if name is None or earthfile is None:
                continue
            for pulled in earthfile_images(earthfile, name, [(call.target, dict(call.values))]):
                use = f"{pulled.use} (run by {shown}:{call.line})"
                if (pulled.origin, pulled.line, pulled.text) not in {(i.origin, i.line, i.text) for i in found}:
                    found.append(dataclasses.replace(pulled, use=use))
    return found


def merge_builds(found: list[Found], from_builds: list[Found]) -> list[Found]:
    """`found` with the uses the builds resolved replacing their unresolved reading, and the builds' new uses."""
    resolved = {_key(item) for item in from_builds if item.problem is None}
    seen = {(_key(item), item.text) for item in found}
    kept = [item for item in found if item.problem is None or _key(item) not in resolved]
    extra = [i for i in from_builds if (i.problem is None or _key(i) not in resolved) and (_key(i), i.text) not in seen]
    return kept + extra


# the kinds of the files a Skaffold, DevSpace or kbld deploy hands its images to: manifests, and the container specs of
# YAML it renders into them (a ytt overlay's `initContainers`)
_DEPLOYED = frozenset({"Kubernetes manifest", "container spec in YAML"})


def _placeholder(item: Found, built: set[str]) -> bool:
    untagged = "@" not in item.text and ":" not in item.text.rsplit("/", 1)[-1]
    return item.kind in _DEPLOYED and not item.problem and untagged and repository(item.text) in built


def without_skaffold_builds(found: list[Found], artifacts: set[str]) -> list[Found]:
    """`found` without the manifests' untagged uses of images Skaffold builds (`image: adservice`): placeholders
    Skaffold fills with what it built. A tagged use (`app:1.4`) names a published image and is kept."""
    built = {repository(name) for name in artifacts}
    return [item for item in found if not _placeholder(item, built)]


def built_artifacts(kind: Kind, text: str, shown: str) -> set[str]:
    """The images a Skaffold config (`build.artifacts[].image`), a DevSpace configuration (`images.NAME.image`) or a
    kbld `Config` (`sources[].image`, carvel_configs.py) builds: each deploys its manifests with those names replaced
    by what it built."""
    if kind is Kind.DEVSPACE:
        return devspace_built_images(text, shown)
    kbld = kbld_sources(text, shown) if kind is Kind.YAML and "kbld." in text else set()  # kbld's `sources`
    return kbld | (skaffold_artifacts(text, shown) if kind is Kind.YAML and "skaffold/" in text else set())
