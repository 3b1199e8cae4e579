"""The images the commands of a tree pull: `docker run` / `docker pull` (and `kubectl run --image`, `kubectl create
deployment`, `kubectl set image`) in its Makefiles, scripts (PowerShell too), `justfile`, `package.json` and in the
steps of its CI files (workflow `run:`, GitLab `script:`, Jenkinsfile `sh`, CircleCI `run:`, Azure Pipelines
`script:`/`bash:`, Woodpecker and Drone `commands:`, Buildkite `command:`, the `commands` of a CodeBuild buildspec's
phases; a folded `>` block as the line YAML makes of it, folded_commands.py), the `cmds` of a Taskfile's tasks, the
commands of a Gitpod workspace's tasks and the `script:` contents of Kyverno Chainsaw tests, and the Dockerfiles they
write in heredocs (`docker build -f - . <<EOF`); the parsing is choose/discovery/docker_run.py, kubectl.py,
image_copies.py and heredoc_dockerfiles.py, after the bodies of loops over literal words are written once per word
(shell_loops.py), a justfile's `{{ }}` rendered (justfile_text.py), and the calls of a script's own wrapper functions
as the command they run (shell_functions.py); the images given by option to a script of the tree that runs them
(wrapper_runs.py); and the image defaults a test suite's shell scripts export (shell_test_defaults.py) when the
script's own commands do not already name them; Kustomizations rendered with envsubst and applied."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from pathlib import PurePath

from ecr_mirror.choose.discovery.azure_macros import with_macros
from ecr_mirror.choose.discovery.batch_files import batch_lines, is_batch
from ecr_mirror.choose.discovery.buildah_pulls import buildah_pulls
from ecr_mirror.choose.discovery.buildx_builders import buildx_builder_images
from ecr_mirror.choose.discovery.cargo_make import script_lines
from ecr_mirror.choose.discovery.circleci_steps import circleci_env_runs
from ecr_mirror.choose.discovery.cmake_commands import is_cmake
from ecr_mirror.choose.discovery.codebuild import is_buildspec
from ecr_mirror.choose.discovery.containerd_cli_pulls import containerd_cli_pulls
from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.document_heredocs import without_document_heredocs
from ecr_mirror.choose.discovery.echo_dockerfiles import echoed_dockerfiles
from ecr_mirror.choose.discovery.folded_commands import folded_commands
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import action_images
from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles
from ecr_mirror.choose.discovery.image_copies import image_copies
from ecr_mirror.choose.discovery.image_scans import image_scan_pulls
from ecr_mirror.choose.discovery.jenkins_sh_env import sh_env_variants
from ecr_mirror.choose.discovery.jib_flags import jib_flag_images
from ecr_mirror.choose.discovery.justfile_text import justfile_lines
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.kustomize_set_images import kustomize_set_images
from ecr_mirror.choose.discovery.make_includes import is_makefile
from ecr_mirror.choose.discovery.make_loops import recipe_loops
from ecr_mirror.choose.discovery.make_recipe_variables import RecipeText, recipe_variables
from ecr_mirror.choose.discovery.minikube_addons import minikube_addon_images
from ecr_mirror.choose.discovery.named_contexts import image_contexts
from ecr_mirror.choose.discovery.pack_builds import pack_images
from ecr_mirror.choose.discovery.powershell import is_powershell, shell_lines
from ecr_mirror.choose.discovery.program_variables import paths_named
from ecr_mirror.choose.discovery.script_unrolled import unrolled
from ecr_mirror.choose.discovery.script_yamls import script_yaml_kind
from ecr_mirror.choose.discovery.shell_functions import unwrapped
from ecr_mirror.choose.discovery.shell_test_defaults import shell_test_defaults
from ecr_mirror.choose.discovery.step_shell_env import step_env_runs
from ecr_mirror.choose.discovery.step_texts import step_text
from ecr_mirror.choose.discovery.taskfile_vars import task_variants
from ecr_mirror.choose.discovery.testscript import is_testscript, testscript_lines
from ecr_mirror.choose.discovery.workflow_steps import matrix_runs
from ecr_mirror.choose.discovery.wrapper_runs import argument_runners, argument_runs, runner_scripts, wrapper_runs
from ecr_mirror.cli.discover_action_calls import with_action_calls
from ecr_mirror.cli.discover_csi_prow import csi_prow_pulls
from ecr_mirror.cli.discover_handed_files import handed_file_images
from ecr_mirror.cli.discover_helm_set import helm_set_images
from ecr_mirror.cli.discover_kustomize_envsubst import kustomize_envsubst_images
from ecr_mirror.cli.discover_memo import remembered
from ecr_mirror.cli.discover_sed_fills import sed_filled_images, sed_rendered_dockerfiles
from ecr_mirror.cli.discover_stdin_builds import stdin_builds
from ecr_mirror.cli.discover_workflow_calls import with_called_runs
from ecr_mirror.errors import ConfigError

# CI files whose steps are commands; compose files, manifests and values are not scanned for `docker run`
STEP_KINDS = frozenset(
    {Kind.WORKFLOW, Kind.ACTION, Kind.GITLAB, Kind.JENKINS, Kind.CIRCLECI, Kind.AZURE, Kind.WOODPECKER, Kind.TASKFILE}
    | {Kind.GITPOD, Kind.BUILDKITE}  # Gitpod tasks' `before`, `init` and `command`; Buildkite steps' `command`
    | {Kind.DRONE, Kind.CODEBUILD, Kind.TRAVIS}  # Drone steps' `commands`; CodeBuild's and Travis' phases' commands
    | {Kind.BITBUCKET, Kind.SEMAPHORE}  # Bitbucket Pipelines steps' `script`; Semaphore jobs' `commands`
    | {Kind.DEVCONTAINER}  # lifecycle scripts (https://containers.dev/implementors/json_reference/#lifecycle-scripts)
)

CARGO_MAKE = "cargo-make file"


def script_kind(shown: str) -> str:
    """A script's kind, by its name: `cargo-make file`, `Makefile`, `PowerShell script`, `justfile`, `testscript`,
    `package.json`, `shell script`."""
    name = PurePath(shown).name.lower()
    if name.endswith(".toml"):
        return CARGO_MAKE  # `Makefile.toml` and the task files it extends (cli/discover_cargo_make.py)
    if is_makefile(name):
        return "Makefile"
    if is_powershell(name):
        return "PowerShell script"
    if is_batch(name):
        return "batch file"
    if is_cmake(name):
        return "CMake file"
    if name in ("justfile", ".justfile"):
        return "justfile"
    if is_testscript(name):
        return "testscript"
    return name if name == "package.json" else "shell script"


def _action_commands(text: str, shown: str) -> list[Found]:
    """What an action's text pulls that its inputs may change: its steps' commands, and the image inputs of the
    well-known actions its steps run (`helm/kind-action`'s `node_image: kindest/node:${{ inputs.k8s_version }}`)."""
    found = command_pulls(folded_commands(text), shown) + action_images(text, shown)
    return [dataclasses.replace(item, kind=Kind.ACTION.value) for item in found]


Variants = list[tuple[str, frozenset[int]]]  # a file's text read again, and the lines it may resolve
_SHELL_SUFFIXES = ("", ".sh", ".bash")
_CONTEXTS_RE = re.compile(r"matrix|env\.|needs\.|steps\.|inputs\.")  # the contexts workflow_steps.matrix_runs evaluates


def command_pulls(text: str, shown: str) -> list[Found]:
    """The images the commands of a script or a CI file pull (docker, kubectl, kind, heredoc Dockerfiles, the
    BuildKit image of `docker buildx create --driver-opt image=...`); read once per text and file in a run."""
    return list(remembered(("command_pulls", text, shown), lambda: tuple(_command_pulls(text, shown))))


def _command_pulls(text: str, shown: str) -> list[Found]:
    found = kustomize_envsubst_images(text, shown, make=script_kind(shown) == "Makefile")  # `kustomize build|envsubst`
    if script_kind(shown) == "justfile":
        text = justfile_lines(text)  # `{{ VERSION }}` as just renders it
    elif script_kind(shown) == CARGO_MAKE:
        text = script_lines(text)  # only its tasks' shell scripts
    text = testscript_lines(text) if is_testscript(shown) else text
    text = without_document_heredocs(text)  # release notes, a job summary: text for a reader, at their lines
    makefile = script_kind(shown) == "Makefile"
    recipes = recipe_variables(text) if makefile else RecipeText(text, {})
    text = batch_lines(text) if is_batch(shown) else recipe_loops(recipes.text) if makefile else recipes.text
    text = shell_lines(text) if is_powershell(shown) else unrolled(text)
    text = paths_named(text)  # `./bin/kind create cluster` in a CI step (a script's were named with its variables)
    found += docker_runs(text, shown) + kubectl_images(text, shown) + containerd_cli_pulls(text, shown)  # ctr, crictl
    found += heredoc_dockerfiles(text, shown, stdin_builds(shown)) + buildah_pulls(text, shown)
    found += echoed_dockerfiles(text, shown)  # `echo "FROM rockylinux:8" > Dockerfile.tmp`
    found += image_scan_pulls(text, shown) + jib_flag_images(text, shown)  # trivy, grype; -Djib.from.image
    found += kustomize_set_images(text, shown) + minikube_addon_images(text, shown) + pack_images(text, shown)
    if PurePath(shown).suffix in _SHELL_SUFFIXES and script_kind(shown) == "shell script":
        found += sed_filled_images(text, shown)  # the manifests it fills in with `sed -i`, at their lines
        found += handed_file_images(text, shown)  # a Kustomization it copies in, values it gives `helm -f`
    if makefile or script_kind(shown) == "shell script":
        found += sed_rendered_dockerfiles(text, shown)  # `sed -e 's|{ARG_FROM}|$(BASE_IMAGE)|g' Dockerfile.in > F`
    found += helm_set_images(text, shown)  # a chart of the tree installed with `--set image.tag=...`
    found += buildx_builder_images(text, shown) + image_contexts(text, shown) + image_copies(text, shown)
    return [_noted(item, recipes.notes) for item in found] if recipes.notes else found


def _noted(item: Found, notes: dict[int, tuple[str, int]]) -> Found:
    """A pull of a recipe line that runs a variable's command, its use naming the variable and its line."""
    if (note := notes.get(item.line or 0)) is None:
        return item
    return dataclasses.replace(item, use=f"{item.use} (the {note[0]} variable of line {note[1]})")


def _step_pulls(runs: list[tuple[int, str]], shown: str) -> list[Found]:
    """The pulls of `run:` steps' commands (each step's first line and its commands), at their lines in the
    workflow, each once."""
    pulls: list[Found] = []
    for first, commands in runs:
        for pulled in command_pulls(commands, shown):
            item = dataclasses.replace(pulled, line=(pulled.line or 1) + first - 1)
            pulls += [item] if item not in pulls else []
    return pulls


def _over_matrix(found: list[Found], text: str, shown: str) -> list[Found]:
    """A workflow's pulls with those of `run:` steps read once per matrix combination: the unexpanded use of a line
    (`${{ matrix.X }}`, `env.X`, `needs.JOB.outputs.X`, `steps.ID.outputs.X`, `inputs.X`) replaced by its expansions
    if any."""
    if not _CONTEXTS_RE.search(text):
        return found
    try:
        runs = matrix_runs(text, shown)
    except ConfigError:
        return found  # reported by the workflow's own reader
    expanded = _step_pulls(runs, shown)
    lines = {item.line for item in expanded}
    over = {item.line for item in found if _CONTEXTS_RE.search(item.text)}
    # a line the whole file's reading resolved whole without an expression (`docker pull "$RUNTIME_IMAGE"`, the
    # step's `env:` giving the value, which the step's text alone lacks) is not read again
    read = {item.line for item in found} - over - {item.line for item in found if item.problem is not None}
    expanded = [item for item in expanded if item.line not in read]
    kept = [item for item in found if not (item.line in over and item.line in lines)]
    # a line the whole file's reading already leaves unresolved as written (`docker run ${image_tag}`) once
    unresolved = {(item.line, item.text) for item in kept if item.problem is not None}
    return kept + [item for item in expanded if item.problem is None or (item.line, item.text) not in unresolved]


def _workflow_steps(text: str, shown: str) -> list[Found]:
    """The pulls of a workflow's `run:` steps, over its matrices and its steps' env (as written: PowerShell)."""
    pulls = command_pulls(folded_commands(step_text(Kind.WORKFLOW, text)), shown)
    return [
        dataclasses.replace(item, kind=Kind.WORKFLOW.value)
        for item in _over_matrix(_over_step_env(pulls, text, shown), text, shown)
    ]


def _over_variants(found: list[Found], text: str, shown: str, variants: Callable[[str, str], Variants]) -> list[Found]:
    """Pulls with the lines left unresolved read again in each variant of the file's text that may resolve them: a
    Taskfile's task with the values of each call and of its `vars:` (taskfile_vars.py), a Jenkinsfile with each
    value its stages give the environment of its `sh` steps (jenkins_sh_env.py)."""
    unresolved = {item.line for item in found if item.problem is not None}
    again: list[Found] = []
    for variant, lines in variants(text, shown) if unresolved else ():
        pulls = command_pulls(folded_commands(variant), shown)
        again += [item for item in pulls if item.line in unresolved & lines and item.problem is None]
    resolved = {item.line for item in again}
    kept = [item for item in found if not (item.problem is not None and item.line in resolved)]
    return kept + [item for index, item in enumerate(again) if item not in again[:index]]


def _over_step_env(
    found: list[Found], text: str, shown: str, runs_of: Callable[[str, str], list[tuple[int, str]]] = step_env_runs
) -> list[Found]:
    """A workflow's pulls with a `run:` step's line that the whole file's reading leaves unresolved read again with
    the shell variables the step's env gives it (step_shell_env.py): its own image where each step sets its own;
    so a CircleCI configuration's `run` steps, with their job's environment (`runs_of`: circleci_steps.py)."""
    unresolved = {item.line for item in found if item.problem is not None}
    if not unresolved or "env" not in text:
        return found
    try:
        runs = runs_of(text, shown)
    except ConfigError:
        return found  # reported by the workflow's own reader
    again = [item for item in _step_pulls(runs, shown) if item.line in unresolved and item not in found]
    lines = {item.line for item in again}
    return [item for item in found if not (item.problem is not None and item.line in lines)] + again


def script_pulls(
    scripts: dict[str, str], texts: dict[str, str], kinds: Mapping[str, Kind] | None = None
) -> list[Found]:
    """The `docker run` / `docker pull` images of `scripts` (Makefiles, shell scripts, ...) and of the CI files among
    `texts` (name shown -> text), each with its file's kind: the walk's (`kinds`: a taskfile another includes,
    cli/discover_taskfiles.py), else its name's."""
    found: list[Found] = []
    for shown, text in scripts.items():
        kind = script_kind(shown)
        pulls = [dataclasses.replace(item, kind=item.kind or kind) for item in command_pulls(text, shown)]
        defaults = shell_test_defaults(text, shown) if kind == "shell script" else []
        found += pulls + [item for item in defaults if item.text not in {pulled.text for pulled in pulls}]
    for shown, written in texts.items():
        step = (kinds or {}).get(shown) or kind_of(shown) or Kind.YAML
        step = Kind.YAML if step is Kind.CODEBUILD and not is_buildspec(written) else step  # another tool's file
        text = step_text(step, written)  # Jenkins stages that run, Taskfile commands, dev container lifecycle
        text = with_macros(text, shown) if step is Kind.AZURE else text  # `$(KSM_IMAGE)`: the pipeline's variables
        if step in STEP_KINDS:
            pulls = command_pulls(folded_commands(text), shown)  # `run: >` blocks as the one line YAML folds
            if step is Kind.WORKFLOW:
                pulls = _workflow_steps(written, shown)
            elif step is Kind.CIRCLECI:
                pulls = _over_step_env(pulls, text, shown, circleci_env_runs)
            elif step is Kind.TASKFILE:
                pulls = _over_variants(pulls, text, shown, task_variants)
            elif step is Kind.JENKINS:
                pulls = _over_variants(pulls, text, shown, sh_env_variants)
            found += [dataclasses.replace(item, kind=step.value) for item in pulls]
        elif step is Kind.YAML and (yaml_kind := script_yaml_kind(text)) is not None:  # Chainsaw, Tekton, Prow
            found += [dataclasses.replace(item, kind=yaml_kind) for item in command_pulls(folded_commands(text), shown)]
    found = with_action_calls(found, texts, _action_commands)  # a local action with the inputs its callers give
    found = with_called_runs(found, texts, _workflow_steps)  # a reusable workflow with the inputs its callers give
    # `run-in-docker.sh -i python:3.12`, also through a function of the script or of a library it sources
    callers = {
        shown: unwrapped(text) if script_kind(shown) == "shell script" else text for shown, text in scripts.items()
    }
    wrapped = wrapper_runs(runner_scripts(scripts), {**callers, **texts})
    for item in wrapped + argument_runs(argument_runners(scripts), {**callers, **texts}):  # `run.sh $(IMAGE) make`
        step = (kinds or {}).get(item.origin) or kind_of(item.origin) or Kind.YAML
        found.append(dataclasses.replace(item, kind=script_kind(item.origin) if item.origin in scripts else step.value))
    return found + csi_prow_pulls(scripts)  # the kind nodes of a Kubernetes CSI repository's Prow jobs
