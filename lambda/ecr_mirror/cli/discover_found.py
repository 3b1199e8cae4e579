"""The reading of `ecr-mirror discover`'s tree (cli/discover_command.py prints it): each file the walk found read by
its kind (cli/discover_walk.py; a Dev Container Template's at its options' defaults), one that cannot be read skipped
with a warning; then what is read together: builds, bake and Terraform projects, scripts, CI steps (choose/...)."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import sys
from pathlib import Path

from ecr_mirror.choose.discovery.azure_own_templates import own_template_containers
from ecr_mirror.choose.discovery.chainsaw_bindings import chainsaw_bound
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.compose_projects import compose_named, unnamed_services
from ecr_mirror.choose.discovery.concourse import is_concourse_file
from ecr_mirror.choose.discovery.config_map_env import config_map_env_images
from ecr_mirror.choose.discovery.devcontainer import devcontainer_builds
from ecr_mirror.choose.discovery.dotenv import parse_dotenv
from ecr_mirror.choose.discovery.dotenv_copies import copied_template, dotenv_copies
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_list_config_maps import image_list_config_map_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.kustomize_names import edited_names, without_renamed
from ecr_mirror.choose.discovery.kustomize_unlisted_patches import without_unlisted_patches
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.make_include_defaults import with_run_values
from ecr_mirror.choose.discovery.named_contexts import named_contexts, without_named_contexts
from ecr_mirror.choose.discovery.program_variables import named_programs
from ecr_mirror.choose.discovery.skaffold_deploys import without_deployed_artifacts
from ecr_mirror.choose.discovery.step_scripts import StepCall
from ecr_mirror.choose.discovery.tilt import tilt_builds, tilt_marked
from ecr_mirror.choose.discovery.yaml_loader import TemplateText
from ecr_mirror.cli.discover_ansible import AnsibleValues
from ecr_mirror.cli.discover_bake import Baked, bake_projects, without_shadowed
from ecr_mirror.cli.discover_builds import (
    built_artifacts,
    built_images,
    command_built_images,
    context_names,
    merge_builds,
    step_context_names,
    without_skaffold_builds,
)
from ecr_mirror.cli.discover_compose_merges import merged_builds
from ecr_mirror.cli.discover_cookiecutter import Cookiecutter
from ecr_mirror.cli.discover_env_file_builds import with_env_file_builds
from ecr_mirror.cli.discover_file_values import FileValues
from ecr_mirror.cli.discover_gitlab import with_pipelines
from ecr_mirror.cli.discover_helm import own_chart_values, untemplated
from ecr_mirror.cli.discover_helm_optional import with_optional_components
from ecr_mirror.cli.discover_helm_unread_keys import without_unread_keys
from ecr_mirror.cli.discover_helmfile import read_once, read_with_files
from ecr_mirror.cli.discover_js_helpers import js_helper_pulls
from ecr_mirror.cli.discover_local_builds import marked_tree_builds
from ecr_mirror.cli.discover_make_calls import make_call_pulls
from ecr_mirror.cli.discover_make_defines import CalledDefines
from ecr_mirror.cli.discover_matrix_compose import matrix_compose_builds, matrix_compose_images
from ecr_mirror.cli.discover_maven import maven_pulls
from ecr_mirror.cli.discover_program_configs import config_pulls
from ecr_mirror.cli.discover_properties import build_filled, property_pulls
from ecr_mirror.cli.discover_pytest import option_pulls
from ecr_mirror.cli.discover_python_helpers import python_helper_pulls
from ecr_mirror.cli.discover_script_calls import script_call_pulls
from ecr_mirror.cli.discover_script_texts import scripts_read
from ecr_mirror.cli.discover_scripts import STEP_KINDS, script_pulls
from ecr_mirror.cli.discover_sources import source_pulls
from ecr_mirror.cli.discover_step_scripts import module_script_pulls, step_script_pulls, with_step_builds
from ecr_mirror.cli.discover_template_options import template_options_applied
from ecr_mirror.cli.discover_templates import TemplateValues, unrendered_compose
from ecr_mirror.cli.discover_terraform import go_filled_templates, terraform_modules
from ecr_mirror.cli.discover_text_images import text_images
from ecr_mirror.cli.discover_unclaimed import unclaimed_yaml
from ecr_mirror.cli.discover_walk import Walk
from ecr_mirror.cli.discover_workflows import ci_compose_images, compose_pulls, with_workflow_calls
from ecr_mirror.errors import ConfigError

MAX_FILE_BYTES = 8 * 1024 * 1024
_IMAGE_KEY_RE = re.compile(r"^\s*(?:-\s*)?image:", re.MULTILINE)
_MANIFEST_RE = re.compile(r"^apiVersion:", re.MULTILINE)
_SHOWN = 3  # file names shown per count on stderr


def read_file(shown: str, path: Path, *, quiet_missing: bool = False) -> str | None:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        if not quiet_missing:
            warn(f"{shown}: cannot read it ({exc.strerror or exc}); skipped")
        return None
    if len(data) > MAX_FILE_BYTES:
        warn(f"{shown}: larger than {MAX_FILE_BYTES} bytes; skipped")
        return None
    try:
        return template_options_applied(path, data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        warn(f"{shown}: not UTF-8 text; skipped")
        return None


def warn(message: str) -> None:
    print(f"ecr-mirror: warning: {message}", file=sys.stderr)


def some(names: list[str]) -> str:
    return ", ".join(names[:_SHOWN]) + (f", and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def _dotenv(path: Path, copies: frozenset[tuple[str, str]] = frozenset()) -> dict[str, str] | None:
    """The `.env` beside the compose file `path`, or, where there is none, the template the tree's scripts copy
    there (dotenv_copies.py)."""
    text = read_file(str(path.parent / ".env"), path.parent / ".env", quiet_missing=True)
    if text is None and copies:
        present = [name for name, _ in copies if (path.parent / name).is_file()]
        if (name := copied_template(str(path.parent), copies, present)) is not None:
            text = read_file(str(path.parent / name), path.parent / name, quiet_missing=True)
    return parse_dotenv(text) if text is not None else None


def extended_text(shown: str) -> str | None:
    """The text of a file a compose service extends (compose_extends.py); None when unreadable, as its record says."""
    return read_file(shown, Path(shown), quiet_missing=True)


def _tilt_marked(found: list[Found], texts: dict[str, str], called: CalledDefines) -> list[Found]:
    """The uses of images the Tiltfiles among `texts` build, marked built here (warnings on stderr), `called` lines."""
    tilt = [tilt_builds(text, shown) for shown, text in texts.items() if kind_of(shown) is Kind.TILT]
    for warning in (warning for builds in tilt for warning in builds.warnings):
        warn(warning)
    deployed = {build.origin: builds.deployed for builds in tilt for build in builds.builds}
    return called.remapped(tilt_marked(found, (build for builds in tilt for build in builds.builds), deployed))


def _compose_pulls(walk: Walk, scripts: dict[str, str]) -> tuple[dict[str, frozenset[str]], frozenset[tuple[str, str]]]:
    """Per compose file, the services with `build:` a `docker compose pull` of a CI step or recipe pulls; and the
    templates the scripts and CI files copy onto a `.env` (dotenv_copies.py)."""
    composes = {os.path.normpath(shown) for shown, _, kind in walk.files if kind is Kind.COMPOSE}
    if not composes:
        return {}, frozenset()
    ci = [(shown, path, kind) for shown, path, kind in walk.files if kind in STEP_KINDS]
    texts = {(shown, kind): text for shown, path, kind in ci if (text := read_file(shown, path, quiet_missing=True))}
    workflows = {shown: text for (shown, kind), text in texts.items() if kind is Kind.WORKFLOW}
    return compose_pulls(workflows, scripts, composes), dotenv_copies([*texts.values(), *scripts.values()])


def _builds(
    kind: Kind, shown: str, path: Path, text: str, dotenv: dict[str, str] | None, pulled: dict[str, frozenset[str]]
) -> list[ComposeBuild]:
    """The Dockerfiles compose services (per test matrix row) or a dev container build, with their args."""
    if kind is Kind.COMPOSE:
        return matrix_compose_builds(shown, path, text, dotenv, pulled.get(os.path.normpath(shown), frozenset()))
    return devcontainer_builds(text, shown) if kind is Kind.DEVCONTAINER else []


def _images(
    kind: Kind,
    shown: str,
    path: Path,
    text: str,
    dotenv: dict[str, str] | None,
    template_values: TemplateValues,
    pulled: dict[str, frozenset[str]],
) -> list[Found]:
    """The images of one file read alone (a compose template with its role's values; Nomad jobs, pack templates and
    helmfiles with the variables and values files they are run with)."""
    if kind is Kind.COMPOSE_TEMPLATE:
        return template_values.images(shown, path, text, kind.value)
    if (role_template := template_values.role_template(kind, shown, path, text)) is not None:
        return role_template  # an Ansible role's manifest template, rendered with the role's values
    if kind in (Kind.NOMAD, Kind.NOMAD_PACK, Kind.HELMFILE):
        return read_with_files(kind, shown, path, text, read_file, warn)
    pulls = pulled.get(os.path.normpath(shown), frozenset())
    if kind is Kind.COMPOSE:  # with the services of the files its services extend, per row of its test matrix
        found = matrix_compose_images(shown, path, text, dotenv, pulls, extended_text)
        return [dataclasses.replace(item, kind=kind.value) for item in found]
    return images_in(kind, text, shown, dotenv=dotenv, pulled=pulls)


def _read(
    kind: Kind,
    shown: str,
    path: Path,
    dotenv: dict[str, str] | None,
    template_values: TemplateValues,
    pulled: dict[str, frozenset[str]],
    ansible: AnsibleValues,
    text: str,
) -> tuple[list[Found], list[ComposeBuild]]:
    """The images of one file's text and the Dockerfiles its compose services or dev container build."""
    # a chart's own values file is its values, whatever keys it holds (a `script:` is no GitLab job's)
    own = kind is Kind.YAML and own_chart_values(path)
    items = [] if own else _images(kind, shown, path, text, dotenv, template_values, pulled)
    if kind is Kind.YAML and not items:
        items = unclaimed_yaml(shown, path, text, ansible)
    return items, _builds(kind, shown, path, text, dotenv, pulled)


def _report_unread(templates: list[str], unread_yaml: list[str], found: list[Found] | None = None) -> None:
    origins = {item.origin for item in found or []}  # the files whose images were read after all
    unread_yaml = [shown for shown in unread_yaml if shown not in origins]
    if templates:
        warn(
            f"{len(templates)} template file(s) not rendered (`{{{{ ... }}}}`, `{{% ... %}}`): only their literal "
            "`image:` lines are read (the images of a Helm chart in the tree come from its values files; render the "
            f"others first, with `helm template` for a chart): {some(templates)}"
        )
    if unread_yaml:
        warn(
            f"{len(unread_yaml)} YAML file(s) with `image:` keys are neither Kubernetes manifests nor CI or compose "
            f"files nor values of a chart in the tree, and were not read (values of a chart elsewhere? render it with "
            f"`helm template`): {some(unread_yaml)}"
        )


def _projects(
    bake_files: list[tuple[str, str]],
    terraform_files: list[tuple[str, str]],
    template_values: TemplateValues,
    sources: list[tuple[str, Path]],
    warnings: list[str],
    files: list[tuple[str, Path, Kind]],
) -> tuple[Baked, list[Found], list[tuple[str, StepCall]]]:
    """The bake projects and Terraform modules, read by directory (`files`: the walk's, where each is), the `.tf`
    templates Go sources fill (warnings, the compose templates' values files' and `warnings` on stderr), and the
    scripts modules' local commands run."""
    baked = bake_projects(bake_files, read_file)
    terraform = terraform_modules(terraform_files, {shown: path for shown, path, _ in files})
    for warning in template_values.warnings + warnings + baked.warnings + terraform.warnings:
        warn(warning)
    return baked, terraform.found + go_filled_templates(terraform_files, sources), terraform.runs


def _scripts(walk: Walk, files: FileValues) -> CalledDefines:
    """Scripts' texts, the files they read written in, Makefiles with their `$(eval $(call))` text and run's values."""
    read = CalledDefines.of(scripts_read(walk.scripts, read_file, files.script))
    read.texts = {shown: named_programs(text) for shown, text in with_run_values(read.texts).items()}
    return read


def _program_pulls(
    walk: Walk,
    scripts: dict[str, str],
    texts: dict[str, str],
    compose: tuple[dict[str, frozenset[str]], frozenset[tuple[str, str]]],
    runs: list[tuple[str, StepCall]],
) -> tuple[list[Found], list[LocalBuild]]:
    """The images scripts, program sources, CI compose runs, the scripts CI steps and Terraform modules' local
    commands (`runs`) run with their env, Maven plugins and controllers (by a ConfigMap, or an images ConfigMap's
    list) pull, and sources build; `compose` is (the services compose pulls, the `.env` templates copied)."""
    pulled, copies = compose
    builds: list[LocalBuild] = []
    found = script_pulls(scripts, texts, walk.kinds) + source_pulls(walk.sources, warn, builds)
    found += ci_compose_images(texts, lambda shown: _dotenv(Path(shown), copies), scripts, pulled, extended_text)
    found += step_script_pulls(texts, scripts, read_file) + script_call_pulls(scripts, read_file)
    found += module_script_pulls(runs, scripts) + config_map_env_images(texts) + image_list_config_map_images(texts)
    found += make_call_pulls(texts, scripts, read_file) + maven_pulls(texts) + own_template_containers(texts)
    found += text_images(texts) + js_helper_pulls(walk.sources) + python_helper_pulls(walk.sources)  # helpers
    found += property_pulls(found, walk.sources, texts, walk.files)
    found += option_pulls(found, walk.sources, scripts, texts) + config_pulls(found, walk, scripts, warn)
    return found, builds


def tree_found(walk: Walk) -> list[Found]:  # the images the files of `walk` use (see the module's docstring)
    found: list[Found] = []
    texts: dict[str, str] = {}  # the files other than Dockerfiles, for the images they build
    compose: list[tuple[str, ComposeBuild]] = []
    bake_files: list[tuple[str, str]] = []
    terraform_files: list[tuple[str, str]] = []
    template_values = TemplateValues(read_file)
    cookiecutter = Cookiecutter(read_file)
    ansible = AnsibleValues(read_file)
    from_builds: list[Found] = []
    unread_yaml: list[str] = []
    templates: list[str] = []
    artifacts: set[str] = set()
    pulled, copies = _compose_pulls(walk, scripts := (called := _scripts(walk, files := FileValues(walk))).texts)
    for shown, path, kind in walk.files:
        if (text := files.ci(kind, shown, read_file(shown, path))) is None:
            continue
        dotenv = walk.environments.get(path.absolute(), _dotenv(path, copies)) if kind is Kind.COMPOSE else None
        if kind in (Kind.BAKE, Kind.TERRAFORM):
            (bake_files if kind is Kind.BAKE else terraform_files).append((shown, text))  # by directory, below
            continue
        if kind is not Kind.DOCKERFILE:
            texts[shown] = text
        try:
            read = functools.partial(_read, kind, shown, path, dotenv, template_values, pulled, ansible)
            items, builds = cookiecutter.read(path, text, read)
            compose += [(shown, build) for build in builds] if kind is Kind.COMPOSE else []
            from_builds += built_images(shown, builds, cookiecutter.rendered)
            artifacts |= built_artifacts(kind, text, shown)  # what Skaffold and DevSpace build
        except TemplateText:  # a compose file among them is read as the file it renders
            templates.append(shown)
            found += unrendered_compose(kind, shown, text)
            continue
        except ConfigError as exc:
            warn(f"{exc}; skipped")
            continue
        if kind is Kind.YAML:
            items = with_optional_components(  # a chart's unread keys, and its options off by default
                path, shown, text, without_unread_keys(path, text, untemplated(shown, path, items, templates))
            )
        if kind is Kind.YAML and not items and _IMAGE_KEY_RE.search(text) and not _MANIFEST_RE.search(text):
            unread_yaml += [] if is_concourse_file(text, shown) else [shown]  # a task in an artifact's image
        found += items
    _report_unread(templates, [])
    baked, terraform, runs = _projects(
        bake_files, terraform_files, template_values, walk.sources, cookiecutter.warnings, walk.files
    )
    found = with_pipelines(
        with_workflow_calls(read_once(found), texts) + baked.found + terraform, walk.files, read_file
    )
    found = without_shadowed(
        merge_builds(found, from_builds + baked.from_builds),
        baked.shadowed | context_names(compose, read_file) | step_context_names(texts, read_file),
    )
    found = without_renamed(
        without_deployed_artifacts(without_skaffold_builds(chainsaw_bound(found, texts), artifacts), texts),
        texts,
        edited_names(every := {**scripts, **texts}),
    )
    found = with_env_file_builds(
        merge_builds(without_unlisted_patches(found, every), command_built_images(every, read_file, walk.sources)),
        every,
        read_file,
    )
    pulls, source_builds = _program_pulls(walk, scripts, texts, (pulled, copies), runs)
    found = without_named_contexts(
        with_step_builds(build_filled(found, texts), pulls), named_contexts([*scripts.values(), *texts.values()])
    )
    found = compose_named(
        marked_tree_builds(found, scripts, texts, compose, baked.tags + source_builds, bake_files),
        unnamed_services(compose),
    )
    _report_unread([], unread_yaml, found)  # not a YAML file a program of the tree reads (program_configs)
    # an `image:` of a service another compose file of its project builds (discover_compose_merges.py)
    return _tilt_marked(merged_builds(found, walk.files, {**scripts, **texts}, read_file), texts, called)
