"""What the tree's GitHub Actions workflows add to the images of other files: the images compose pulls in a step
whose `env:` overrides a compose default (`POSTGRES_VERSION: 15` over `${POSTGRES_VERSION:-17}`), the names
`docker/build-push-action` builds (not pulled), and the inputs a job gives a reusable workflow of the repository it
calls (`uses: ./.github/workflows/x.yml`, `with:`; choose/discovery/reusable_workflows.py). The parsing is
choose/discovery/workflow_steps.py. A Makefile's recipe that runs compose with exported variables
(`IMAGE?=redis:8.6.2`, `export IMAGE`) is read the same way (choose/discovery/make_compose.py), so is a shell
script's with the names it and the libraries it sources export (choose/discovery/script_compose.py), and so is a Gradle
build's `dockerCompose { }` block, with the values of the project's `gradle.properties`
(choose/discovery/gradle_compose.py). A Makefile's recipe that picks the compose file's env file by a variable
(`--env-file env/.env.v$$version`) gives it each such env file of the tree (cli/discover_env_files.py).

A compose file read with a workflow's values names the images of that CI job; read alone (`docker compose up` on a
laptop), its defaults. Both are pulled somewhere, so both are listed: the CI one with the step that sets it. An
image a service of the same file builds with those values (`build:` with `image: app:${TAG:-latest}`) is made in
that job, not pulled, and is not listed; unless the command starts the services without building (`up`, `run`,
`create`, not `--build`) and its values move that image to another repository (`IMAGE_REGISTRY=ghcr.io/acme/` over
`${IMAGE_REGISTRY:-}acme-api:latest`, a Makefile's "run the published images"): compose pulls it before building
(compose_build_specs.moved_builds).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.compose_build_specs import compose_builds, moved_builds
from ecr_mirror.choose.discovery.compose_extends import Load
from ecr_mirror.choose.discovery.compose_shape import looks_like_compose
from ecr_mirror.choose.discovery.env_expressions import uses_names
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.choose.discovery.gradle_compose import gradle_compose_runs, gradle_properties
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.make_compose import makefile_compose_runs
from ecr_mirror.choose.discovery.make_includes import is_makefile
from ecr_mirror.choose.discovery.reusable_workflows import called_inputs, declared_inputs
from ecr_mirror.choose.discovery.script_compose import script_compose_runs
from ecr_mirror.choose.discovery.tilt import tilt_compose_files
from ecr_mirror.choose.discovery.workflow_steps import DEFAULT_FILES, ComposeRun, compose_runs, pushed_tags
from ecr_mirror.choose.discovery.workflow_written_env import service_lines, written_compose_runs
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.discovery.yaml_sources import compose_images
from ecr_mirror.cli.discover_env_files import env_file_runs
from ecr_mirror.cli.discover_run_builds import run_built_images
from ecr_mirror.cli.discover_scripts import script_kind
from ecr_mirror.cli.discover_step_compose import step_make_compose_runs
from ecr_mirror.cli.discover_submodule_actions import with_submodule_actions
from ecr_mirror.cli.discover_workflow_calls import contexts_of, workflow_call_inputs, workflow_root
from ecr_mirror.errors import ConfigError

DotEnv = Callable[[str], dict[str, str] | None]
MAX_PROJECT_DEPTH = 5  # directories looked up from a Gradle build file for the root project's gradle.properties


def _files(run: ComposeRun, composes: dict[str, str]) -> list[str]:
    """The compose files (normalised names shown) `run` reads, among those the walk found: a workflow's from the
    repository's top, a Makefile's from its own directory (`run.directory`)."""
    workflow = kind_of(run.origin) is Kind.WORKFLOW
    directory = os.path.join(workflow_root(run.origin), run.directory) if workflow else run.directory
    while run.files is not None:  # a script's `-f` paths from its directory, else from one above (run from there)
        named = [name for file in run.files if (name := os.path.normpath(os.path.join(directory, file))) in composes]
        if named or not run.upward or directory in ("", os.path.dirname(directory)):
            return named
        directory = os.path.dirname(directory)
    while True:
        defaults = [os.path.normpath(os.path.join(directory, name)) for name in DEFAULT_FILES]
        if found := [name for name in defaults if name in composes][:1]:
            return found
        if not run.upward or directory in ("", os.path.dirname(directory)):
            return []
        directory = os.path.dirname(directory)


def _line(composes: dict[str, str], item: Found) -> str:
    """The text of the compose file line `item` was read on ("" when the file is not among `composes`)."""
    lines = composes.get(os.path.normpath(item.origin), "").splitlines()
    return lines[item.line - 1] if item.line is not None and 0 < item.line <= len(lines) else ""


def _runs(texts: dict[str, str], scripts: dict[str, str]) -> list[ComposeRun]:
    """The workflow steps and the Makefile recipes that run compose, with the values they give it."""
    runs: list[ComposeRun] = []
    calls = workflow_call_inputs(texts)
    for shown, text in texts.items():
        if kind_of(shown) is Kind.WORKFLOW and ("compose" in text or "tilt" in text):
            try:
                runs += compose_runs(text, shown, [None, *contexts_of(text, shown, calls)])
                if "GITHUB_ENV" in text or "compose-action" in text:
                    runs += [run for run in written_compose_runs(text, shown) if run not in runs]
            except ConfigError:
                continue  # a workflow that does not parse is reported by its own reader
    for shown, text in scripts.items():
        name = os.path.basename(shown).lower()
        if is_makefile(name):
            runs += makefile_compose_runs(text, shown) + env_file_runs(text, shown)
        elif script_kind(shown) == "shell script":
            runs += script_compose_runs(text, shown)
    runs += step_make_compose_runs(texts, scripts)
    for shown, text in texts.items():
        if os.path.basename(shown) in ("build.gradle", "build.gradle.kts") and "dockerCompose" in text:
            runs += gradle_compose_runs(text, shown, _gradle_properties(shown))
    return _through_tilt(runs, texts)


def _through_tilt(runs: list[ComposeRun], texts: dict[str, str]) -> list[ComposeRun]:
    """`runs`, a workflow step's `tilt up|ci` in place of a run of the compose files its Tiltfile's `docker_compose()`
    calls load (choose/discovery/tilt.py), with the step's env; one whose Tiltfile is not in the tree, or loads
    none, starts none the files say."""
    out: list[ComposeRun] = []
    for run in runs:
        if run.tilt is None:
            out += [run]
            continue
        root = workflow_root(run.origin)
        tiltfile = os.path.normpath(os.path.join(root, run.directory, run.tilt))
        files = tilt_compose_files(texts.get(tiltfile, "")) if kind_of(run.origin) is Kind.WORKFLOW else ()
        directory = os.path.relpath(os.path.dirname(tiltfile) or ".", root or ".")
        moved = dataclasses.replace(run, files=files, directory="" if directory == "." else directory, tilt=None)
        out += [moved] if files and moved not in out else []
    return out


def _gradle_properties(build_file: str) -> dict[str, str]:
    """The properties of the project of `build_file`: its directory's `gradle.properties` over those of the
    directories above it, up to the root project's (the one holding `settings.gradle`), as Gradle gives a
    subproject its root project's properties."""
    properties: dict[str, str] = {}
    directory = Path(build_file).parent
    for _ in range(MAX_PROJECT_DEPTH):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            properties = {**gradle_properties((directory / "gradle.properties").read_text("utf-8")), **properties}
        if any((directory / name).is_file() for name in ("settings.gradle", "settings.gradle.kts")):
            break
        if directory.parent == directory:
            break
        directory = directory.parent
    return properties


def _shaped(runs: list[ComposeRun], texts: dict[str, str]) -> dict[str, str]:
    """The YAML files of no compose name (`ci/services.yml`) that a run names with `-f` and that are shaped like a
    compose file (compose_shape.py): compose reads any file it is given so, with the run's environment."""
    yamls = {os.path.normpath(shown): text for shown, text in texts.items() if kind_of(shown) is Kind.YAML}
    out: dict[str, str] = {}
    for run in runs if yamls else ():
        for name in _files(run, yamls) if run.files is not None else ():
            with contextlib.suppress(ConfigError):
                if name not in out and any(looks_like_compose(doc) for doc in load_documents(yamls[name], name)):
                    out[name] = yamls[name]
    return out


def compose_pulls(texts: dict[str, str], scripts: dict[str, str], composes: set[str]) -> dict[str, frozenset[str]]:
    """compose file (normalised name shown, among `composes`) -> the services with `build:` whose images a
    `docker compose pull` of a workflow step or a Makefile recipe pulls (`*`: all of them)."""
    pulled: dict[str, frozenset[str]] = {}
    for run in _runs(texts, scripts) if composes else ():
        for name in _files(run, dict.fromkeys(composes, "")) if run.pulls else ():
            pulled[name] = pulled.get(name, frozenset()) | run.pulls
    return pulled


def ci_compose_images(
    texts: dict[str, str],
    dotenv: DotEnv,
    scripts: dict[str, str] | None = None,
    pulled: dict[str, frozenset[str]] | None = None,
    load: Load | None = None,
) -> list[Found]:
    """The compose images a workflow step's `env:` (or a Makefile's exported variables, among `scripts`) changes
    from the file's own reading (`.env`, defaults); `pulled`: compose_pulls; `load`: the files services extend."""
    composes = {os.path.normpath(shown): text for shown, text in texts.items() if kind_of(shown) is Kind.COMPOSE}
    runs = _runs(texts, scripts or {})
    composes.update(_shaped(runs, texts))
    found: list[Found] = []
    seen: set[tuple[str, int | None, str]] = set()
    if composes:
        for run in runs:
            for name in _files(run, composes):
                base = dotenv(name) or {}
                pulls = (pulled or {}).get(name, frozenset())
                try:
                    alone = {(item.line, item.text) for item in compose_images(composes[name], name, base, pulls, load)}
                    values = {**base, **dict(run.env)}
                    if run.pulls_first:  # an image the run moves to a registry: pulled before it is built
                        moved = compose_builds(composes[name], name, values, pulls)
                        pulls |= moved_builds(moved, compose_builds(composes[name], name, base, pulls))
                    with_env = compose_images(composes[name], name, values, pulls, load)
                    builds = compose_builds(composes[name], name, values, pulls)
                    built = {build.built for build in builds if build.built}
                    started = service_lines(composes[name], name, run.services) if run.services else None
                except ConfigError:
                    continue
                for item in with_env:
                    if started is not None and item.line not in started:
                        continue  # a service `up SERVICES` does not start
                    if (item.line, item.text) in alone or item.text in built:
                        continue  # the file's own reading, or an image a service builds with those values
                    if run.unknown and uses_names(_line(composes, item), run.unknown):
                        continue  # a name the step sets to an expression: known only when the job runs
                    if (key := (name, item.line, item.text)) in seen:
                        continue
                    seen.add(key)
                    use = f"{item.use} (with the env of {run.origin}:{run.line})"
                    found.append(dataclasses.replace(item, use=use, kind=Kind.COMPOSE.value))
                if load is not None:  # the Dockerfiles its services build, with the run's build arguments
                    known = {key: value for key, value in values.items() if key not in run.unknown}
                    for item in run_built_images(composes[name], name, (base, known), pulls, load):
                        if (key := (item.origin, item.line, item.text)) not in seen:
                            seen.add(key)
                            found.append(
                                dataclasses.replace(item, use=f"{item.use} (with the env of {run.origin}:{run.line})")
                            )
    return found


def workflow_builds(texts: dict[str, str]) -> list[LocalBuild]:
    """The literal names the docker/build-push-action steps of the workflows and composite actions build."""
    builds: list[LocalBuild] = []
    for shown, text in texts.items():
        if kind_of(shown) in (Kind.WORKFLOW, Kind.ACTION) and "build-push-action" in text:
            try:
                builds += pushed_tags(text, shown)
            except ConfigError:
                continue
    return builds


def with_workflow_calls(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found`, a reusable workflow that jobs of the tree call read again with the inputs of each call
    (choose/discovery/reusable_workflows.py) in place of its reading alone, where an input is not known."""
    found, calls = with_submodule_actions(found, texts), workflow_call_inputs(texts)
    for shown, text in texts.items():
        given = calls.get(os.path.normpath(shown))
        if not given or kind_of(shown) is not Kind.WORKFLOW:
            continue
        try:
            declared = declared_inputs(text, shown)
            if declared is None:
                continue
            alone = {(item.line, item.text, item.use) for item in workflow_images(text, shown)}
            called = workflow_images(text, shown, called_inputs(declared, given))
        except ConfigError:
            continue
        found = _replaced(found, shown, alone, [dataclasses.replace(item, kind=Kind.WORKFLOW.value) for item in called])
    return found


def _replaced(found: list[Found], shown: str, alone: set[tuple[int | None, str, str]], new: list[Found]) -> list[Found]:
    """`found` with the uses of `shown` read alone replaced by `new`, where the first of them was."""
    out: list[Found] = []
    for item in found:
        if item.origin != shown or (item.line, item.text, item.use) not in alone:
            out.append(item)
        elif new:
            out += new
            new = []
    return out + new
