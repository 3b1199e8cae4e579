"""Which files are read, by name, and which parser reads each kind (pure)."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Callable
from enum import Enum
from pathlib import PurePath

from ecr_mirror.choose.discovery.act_config import ACTRC, actrc_images
from ecr_mirror.choose.discovery.agola import agola_images, is_agola_config
from ecr_mirror.choose.discovery.aws_tasks import TASK_DEFINITION, aws_images
from ecr_mirror.choose.discovery.azure_pipelines import azure_pipelines_images
from ecr_mirror.choose.discovery.bake import bake_project
from ecr_mirror.choose.discovery.bazel import bazel_images, is_bazel_file
from ecr_mirror.choose.discovery.bicep import bicep_images
from ecr_mirror.choose.discovery.bitbucket_pipelines import NAME as BITBUCKET_NAME
from ecr_mirror.choose.discovery.bitbucket_pipelines import bitbucket_images
from ecr_mirror.choose.discovery.buildkite import buildkite_images, is_buildkite_pipeline
from ecr_mirror.choose.discovery.bunnyshell import bunnyshell_images
from ecr_mirror.choose.discovery.cibuildwheel_config import cibuildwheel_images
from ecr_mirror.choose.discovery.circleci import circleci_images
from ecr_mirror.choose.discovery.cirrus import CIRRUS_NAMES, cirrus_images
from ecr_mirror.choose.discovery.cloudbuild import cloudbuild_images
from ecr_mirror.choose.discovery.codebuild import codebuild_images, is_buildspec_name
from ecr_mirror.choose.discovery.containerd_config import containerd_config_images
from ecr_mirror.choose.discovery.cross_toml import cross_images
from ecr_mirror.choose.discovery.devcontainer import devcontainer_images
from ecr_mirror.choose.discovery.devcontainer_scenarios import is_scenarios_file, scenario_images
from ecr_mirror.choose.discovery.devspace import devspace_images
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.dockerfile_names import (
    DOCKERFILE_DIRECTORIES,
    SOURCES,
    is_dockerfile_name,
    is_jenkinsfile_name,
)
from ecr_mirror.choose.discovery.dockerfile_shape import STARTS_RE
from ecr_mirror.choose.discovery.drone import NAMES as DRONE_NAMES
from ecr_mirror.choose.discovery.drone import drone_images
from ecr_mirror.choose.discovery.earthfile import earthfile_images
from ecr_mirror.choose.discovery.fly_toml import fly_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import action_images, workflow_images
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images
from ecr_mirror.choose.discovery.goreleaser_hooks import goreleaser_hook_images
from ecr_mirror.choose.discovery.jenkins_parameters import parameter_images
from ecr_mirror.choose.discovery.jenkins_when import without_never_running_stages
from ecr_mirror.choose.discovery.jenkinsfile import jenkinsfile_images, looks_like_pipeline
from ecr_mirror.choose.discovery.jib import jib_images
from ecr_mirror.choose.discovery.jinja_compose import jinja_compose_images
from ecr_mirror.choose.discovery.kamal import is_kamal_config, kamal_images, looks_like_kamal
from ecr_mirror.choose.discovery.ko import GORELEASER_NAMES, ko_images
from ecr_mirror.choose.discovery.mcp_servers import mcp_server_images
from ecr_mirror.choose.discovery.nomad_jobs import nomad_job_images
from ecr_mirror.choose.discovery.nomad_packs import pack_images, pack_name
from ecr_mirror.choose.discovery.nomad_variables import Variables
from ecr_mirror.choose.discovery.packer import packer_images
from ecr_mirror.choose.discovery.pre_commit import pre_commit_images
from ecr_mirror.choose.discovery.quadlet import quadlet_images
from ecr_mirror.choose.discovery.rancher_pipeline import rancher_pipeline_images
from ecr_mirror.choose.discovery.semaphore import is_semaphore_file, semaphore_images
from ecr_mirror.choose.discovery.spring_property_images import is_spring_configuration
from ecr_mirror.choose.discovery.terraform import terraform_module
from ecr_mirror.choose.discovery.test_resources import source_test_resources_images
from ecr_mirror.choose.discovery.testcontainers import started_images
from ecr_mirror.choose.discovery.toml_names import toml_kind
from ecr_mirror.choose.discovery.tox_docker import tox_docker_images
from ecr_mirror.choose.discovery.travis import is_travis_file, travis_images
from ecr_mirror.choose.discovery.woodpecker import woodpecker_images
from ecr_mirror.choose.discovery.yaml_sources import compose_images, gitpod_images, okteto_images, yaml_images

_COMPOSE_RE = re.compile(r"^(?:docker-)?compose(?:[._-][\w.-]+)?\.ya?ml$")
_YAML_RE = re.compile(r"\.ya?ml$")
_BAKE_RE = re.compile(r"^docker-bake(?:[._-][\w.-]*)?\.(?:hcl|json)$")
# ECS task definitions by name (`task-definition.json`, `taskdef.json`, `web-task-def.prod.json`); others by content
_TASK_DEFINITION_RE = re.compile(r"task[-_.]?def(?:inition)?s?\b.*\.json$")
_AZURE_RE = re.compile(r"^azure-pipelines?(?:[._-][\w.-]*)?\.ya?ml$")
# the names `task` looks for (https://taskfile.dev/docs/guide#supported-file-names), lower-cased
_TASKFILE_NAMES = frozenset({"taskfile.yml", "taskfile.yaml", "taskfile.dist.yml", "taskfile.dist.yaml"})
_HELMFILE_SUFFIXES = (".yaml", ".yml", ".yaml.gotmpl", ".yml.gotmpl")
_HELMFILE_NAMES = frozenset("helmfile" + suffix for suffix in _HELMFILE_SUFFIXES)
_PRE_COMMIT_NAMES = frozenset({".pre-commit-config.yaml", ".pre-commit-config.yml", ".pre-commit-hooks.yaml"})
_CLOUDBUILD_RE = re.compile(r"^cloudbuild(?:[._-][\w.-]*)?\.(?:ya?ml|json)$")
# Compose files an Ansible role renders: `docker-compose.yml.j2`, `compose.yaml.jinja2`, `pi-hole-docker-compose.yml.j2`
# and Twig's, which PHP tools render (`docker-compose.yml.twig`): its tags are Jinja's, https://twig.symfony.com/doc/3.x/
_COMPOSE_TEMPLATE_RE = re.compile(r"(?:^|[._-])(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml\.(?:j2|jinja2?|twig|tera)$")


class Kind(Enum):
    DOCKERFILE = "Dockerfile"
    COMPOSE = "compose file"
    COMPOSE_TEMPLATE = "compose template (Jinja)"
    WORKFLOW = "GitHub Actions workflow"
    ACTION = "GitHub action"
    GITLAB = "GitLab CI file"
    CIRCLECI = "CircleCI config"
    AZURE = "Azure Pipelines file"
    DEVCONTAINER = "dev container"
    DEVCONTAINER_SCENARIOS = "dev container features test scenarios"
    GITPOD = "Gitpod config"
    CLOUDBUILD = "Cloud Build config"
    OKTETO = "Okteto manifest"
    BUNNYSHELL = "Bunnyshell environment"
    DEVSPACE = "DevSpace configuration"
    AGOLA = "Agola config"
    KO = "ko config"
    PRE_COMMIT = "pre-commit"
    TILT = "Tiltfile"
    EARTHFILE = "Earthfile"
    QUADLET = "Podman Quadlet unit"
    KAMAL = "Kamal configuration"
    JENKINS = "Jenkinsfile"
    BAKE = "bake file"
    AWS = "AWS deployment file"
    TERRAFORM = "Terraform file"
    PACKER = "Packer template"
    BICEP = "Bicep file"
    HELMFILE = "helmfile"
    JIB = "Jib build file"
    NOMAD = "Nomad job file"
    NOMAD_PACK = "Nomad Pack template"
    TOX = "tox config"
    CROSS = "cross config"
    CIBUILDWHEEL = "cibuildwheel config"
    CONTAINERD = "containerd config"
    ACT = "act configuration"
    FLY = "Fly.io configuration"
    MCP = "MCP server configuration"
    BAZEL = "Bazel file"
    WOODPECKER = "Woodpecker pipeline"
    DRONE = "Drone pipeline"
    RANCHER = "Rancher pipeline"
    BITBUCKET = "Bitbucket pipeline"
    SEMAPHORE = "Semaphore pipeline"
    CIRRUS = "Cirrus CI configuration"
    BUILDKITE = "Buildkite pipeline"
    CODEBUILD = "CodeBuild buildspec"
    TRAVIS = "Travis CI file"
    TASKFILE = "Taskfile"
    YAML = "YAML manifest"


_NAMED_YAML = {".gitpod": Kind.GITPOD, "okteto": Kind.OKTETO, "bunnyshell": Kind.BUNNYSHELL, "devspace": Kind.DEVSPACE}
_NAMED_YAML[".rancher-pipeline"] = Kind.RANCHER  # https://ranchermanager.docs.rancher.com (rancher_pipeline.py)


def is_default_bake_name(path: str | PurePath) -> bool:
    """`docker-bake.hcl`, `docker-bake.override.json`, `docker-bake.prod.hcl`: read with the others of its directory
    as one project (a bake file of another name is read alone)."""
    return _BAKE_RE.match(PurePath(path).name.lower()) is not None


def kind_of(path: str | PurePath) -> Kind | None:
    """`Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, `Containerfile*`, and files without an
    extension in a `dockerfiles` (or `.dockerfiles`, `containerfiles`) directory (read if they start like one);
    `compose*.y*ml`, `docker-compose*.y*ml`; `.github/workflows/*.y*ml`; `action.y*ml`; `*.gitlab-ci.yml`;
    `.circleci/*.y*ml`; `azure-pipelines*.y*ml`, `.azure-pipelines/*.y*ml`, `.azure/**/*.y*ml`; `.woodpecker.y*ml`,
    `.woodpecker/*.y*ml`; `.drone.y*ml`; `bitbucket-pipelines.yml`; `.semaphore/*.y*ml`; `.cirrus.y*ml`; Buildkite's
    `buildkite.y*ml` and `.buildkite/*.y*ml`; Task's `Taskfile.yml` (`.yaml`, `.dist.yml`, any case); AWS CodeBuild's
    `buildspec*.y*ml`, `*buildspec*.y*ml`; `devcontainer.json`, `.devcontainer.json`, `test/*/scenarios.json`;
    `Jenkinsfile*`, `*.jenkinsfile`, `*.groovy`; Agola's `.agola/config.{jsonnet,yml,json}`; `docker-bake*.hcl`,
    `docker-bake*.json`; `.gitpod.yml`; `okteto.yml`; `bunnyshell.yaml`; `devspace.yaml`; `cloudbuild*.y*ml` and
    `cloudbuild*.json`; `*.gradle`, `*.gradle.kts` (not settings), `pom.xml` (Jib); `Earthfile`; Podman Quadlet
    units `*.container`; Kamal's `config/deploy*.yml`; `*.tf`; Packer's `*.pkr.hcl`; `*.bicep`, `*.bicepparam`;
    compose files as Jinja templates (`docker-compose.yml.j2`, `*-docker-compose.yml.jinja2`), other YAML as Jinja or
    ERB templates (`job.yml.j2`, `web.yaml.erb`) by content; Nomad job files `*.nomad`, `*.nomad.hcl` and Nomad
    Pack templates `*.nomad.tpl`; editors' MCP configurations `mcp.json`, `.mcp.json`; `tox.ini` (tox-docker);
    `Cross.toml` and `Cargo.toml` (cross); act's `.actrc`; `pyproject.toml` (cibuildwheel); containerd's `config.toml`,
    `*containerd*.toml`; Fly.io's `fly.toml`, `fly.*.toml`, `fly-*.toml`; Bazel's `WORKSPACE`, `MODULE.bazel`,
    `*.MODULE.bazel` and `*.bzl`; pre-commit's `.pre-commit-config.yaml` and `.pre-commit-hooks.yaml`; any other
    `*.y*ml` is read by its content (and a `*.hcl` whose top level is a Nomad job, by the walk)."""
    pure = PurePath(path)
    name = pure.name.lower()
    if is_dockerfile_name(name) or (pure.parent.name.lower().lstrip(".") in DOCKERFILE_DIRECTORIES and "." not in name):
        return Kind.DOCKERFILE
    if name in ("devcontainer.json", ".devcontainer.json"):
        return Kind.DEVCONTAINER
    if name in ("mcp.json", ".mcp.json"):
        return Kind.MCP  # an editor's MCP servers: those run with docker or podman (mcp_servers.py)
    if is_scenarios_file(pure):
        return Kind.DEVCONTAINER_SCENARIOS  # `devcontainer features test`'s `test/<feature>/scenarios.json`
    if is_agola_config(pure):
        return Kind.AGOLA  # `.agola/config.jsonnet`, `.yml`, `.json`
    if is_jenkinsfile_name(name):
        return Kind.JENKINS
    if _BAKE_RE.match(name):
        return Kind.BAKE
    if _CLOUDBUILD_RE.match(name):
        return Kind.CLOUDBUILD
    if name == "dockerrun.aws.json" or _TASK_DEFINITION_RE.search(name):
        return Kind.AWS
    if name in ("build.gradle", "build.gradle.kts", "pom.xml") or name.endswith((".gradle", ".gradle.kts")):
        return Kind.JIB if not name.startswith("settings.gradle") else None  # any Gradle build script: jib.py
    if name == "earthfile":
        return Kind.EARTHFILE  # Earthly reads files of that name only
    if name.endswith(".container"):
        return Kind.QUADLET  # `Image=` of its `[Container]` section (a `*.image` unit is known by its content)
    if name == "tiltfile" or name.endswith(".tiltfile"):
        return Kind.TILT  # builds images (tilt.py), pulls none itself
    if name.endswith((".tf", ".tfvars")):
        return Kind.TERRAFORM  # a `.tfvars` file: the values a root module runs with (terraform_tfvars.py)
    if name in _HELMFILE_NAMES or (pure.parent.name == "helmfile.d" and name.endswith(_HELMFILE_SUFFIXES)):
        return Kind.HELMFILE  # the values files of its releases (cli/discover_helmfile.py)
    if name.endswith((".pkr.hcl", ".bicep", ".bicepparam")):
        return Kind.PACKER if name.endswith(".pkr.hcl") else Kind.BICEP  # packer.py: the docker builder's bases
    if _COMPOSE_TEMPLATE_RE.search(name):
        return Kind.COMPOSE_TEMPLATE
    if name.endswith((".nomad", ".nomad.hcl")):
        return Kind.NOMAD
    if name.endswith(".nomad.tpl"):
        return Kind.NOMAD_PACK
    if name == "tox.ini":
        return Kind.TOX  # tox-docker's `[docker:NAME]` sections
    if (toml := toml_kind(name)) is not None:
        return Kind(toml)  # cibuildwheel, cross, Fly.io, containerd (toml_names.py)
    if name == ACTRC:
        return Kind.ACT  # the `-P LABEL=IMAGE` lines act adds to its command line (act_config.py)
    if is_bazel_file(pure):
        return Kind.BAZEL  # `WORKSPACE`, `MODULE.bazel`, `*.bzl`: the images its repository rules pull
    if name.endswith((".yaml.erb", ".yml.erb")):
        return Kind.YAML  # a manifest as an ERB template (Rails deployments with krane): read as other templates
    if name.endswith((".yaml.j2", ".yml.j2", ".yaml.jinja2", ".yml.jinja2", ".yaml.jinja", ".yml.jinja")):
        return Kind.YAML  # a manifest as a Jinja template (an Ansible role's `templates/`): read by its content
    if not _YAML_RE.search(name) or is_spring_configuration(pure.as_posix()):
        return None  # a Spring Boot `application.yml` is a source: its properties (spring_property_images.py)
    if pure.parent.parts[-2:] == (".github", "workflows"):
        return Kind.WORKFLOW  # GitHub runs every YAML file there, `compose-migrate.yml` too
    if _COMPOSE_RE.match(name):
        return Kind.COMPOSE
    if name in ("action.yml", "action.yaml"):
        return Kind.ACTION
    if (named := _NAMED_YAML.get(name.rsplit(".", 1)[0])) is not None:
        return named  # `.gitpod.yml`, `okteto.yaml`, `bunnyshell.yml`, `devspace.yaml`
    if name in (".ko.yaml", ".ko.yml") or name in GORELEASER_NAMES:
        return Kind.KO  # GoReleaser's `kos:` too
    if name in _PRE_COMMIT_NAMES:
        return Kind.PRE_COMMIT  # hooks of `language: docker_image`
    if name.endswith(("gitlab-ci.yml", "gitlab-ci.yaml")):
        return Kind.GITLAB
    if is_travis_file(pure):
        return Kind.TRAVIS  # its phases' commands are read as CI steps; its `services:` are no images (travis.py)
    if ".circleci" in pure.parent.parts:
        return Kind.CIRCLECI
    if name in (".woodpecker.yml", ".woodpecker.yaml") or pure.parent.name == ".woodpecker":
        return Kind.WOODPECKER
    if name == BITBUCKET_NAME or is_semaphore_file(pure):
        return Kind.BITBUCKET if name == BITBUCKET_NAME else Kind.SEMAPHORE  # their steps' commands: CI steps
    if name in DRONE_NAMES:
        return Kind.DRONE  # the configuration Drone reads by default; another path is a setting of the repository
    if name in CIRRUS_NAMES:
        return Kind.CIRRUS  # the configuration Cirrus CI reads (https://cirrus-ci.org/guide/quick-start/)
    if name in ("buildkite.yml", "buildkite.yaml") or ".buildkite" in pure.parent.parts:
        return Kind.BUILDKITE  # a pipeline `buildkite-agent pipeline upload` is given (else read as other YAML)
    if name in _TASKFILE_NAMES:
        return Kind.TASKFILE  # Task's tasks: their `cmds` are read as the steps of a CI file (cli/discover_scripts.py)
    if is_buildspec_name(pure):
        return Kind.CODEBUILD  # its phases' commands are read as CI steps when it is one by content (codebuild.py)
    if _AZURE_RE.match(name) or ".azure-pipelines" in pure.parent.parts or ".azure" in pure.parent.parts:
        return Kind.AZURE  # a pipeline's YAML is at any path its settings name: `.azure/` holds them and templates
    if is_kamal_config(pure):
        return Kind.KAMAL  # `config/deploy.yml`, `config/deploy.staging.yml`
    return Kind.YAML


_PARSERS: dict[Kind, Callable[[str, str], list[Found]]] = {
    Kind.DOCKERFILE: dockerfile_images,
    Kind.COMPOSE: compose_images,
    Kind.WORKFLOW: workflow_images,
    Kind.ACTION: action_images,
    Kind.GITLAB: gitlab_images,
    Kind.CIRCLECI: circleci_images,
    Kind.AZURE: azure_pipelines_images,
    Kind.WOODPECKER: woodpecker_images,
    Kind.DRONE: drone_images,
    Kind.RANCHER: rancher_pipeline_images,
    Kind.BITBUCKET: bitbucket_images,
    Kind.SEMAPHORE: semaphore_images,
    Kind.CIRRUS: cirrus_images,
    Kind.CODEBUILD: codebuild_images,
    Kind.TRAVIS: travis_images,
    Kind.BUILDKITE: lambda text, origin: (
        buildkite_images(text, origin) if is_buildkite_pipeline(text) else yaml_images(text, origin)
    ),
    Kind.DEVCONTAINER: devcontainer_images,
    Kind.DEVCONTAINER_SCENARIOS: scenario_images,
    Kind.GITPOD: gitpod_images,
    Kind.CLOUDBUILD: cloudbuild_images,
    Kind.OKTETO: okteto_images,
    Kind.BUNNYSHELL: bunnyshell_images,
    Kind.DEVSPACE: devspace_images,
    Kind.AGOLA: agola_images,
    Kind.KO: lambda text, origin: [  # GoReleaser's hooks run commands (goreleaser_hooks.py)
        *ko_images(text, origin),
        *(goreleaser_hook_images(text, origin) if posixpath.basename(origin) in GORELEASER_NAMES else []),
    ],
    Kind.PRE_COMMIT: pre_commit_images,
    Kind.TILT: lambda text, origin: [],
    Kind.TASKFILE: lambda text, origin: [],  # its commands are read with the scripts' (cli/discover_scripts.py)
    Kind.EARTHFILE: earthfile_images,
    Kind.QUADLET: quadlet_images,
    Kind.KAMAL: lambda text, origin: (
        kamal_images(text, origin) if looks_like_kamal(text) else yaml_images(text, origin)
    ),
    Kind.JENKINS: lambda text, origin: [  # what it pulls, and the image defaults of its parameters
        *jenkinsfile_images(text := without_never_running_stages(text), origin),
        *parameter_images(text, origin),
    ],
    Kind.BAKE: lambda text, origin: bake_project([(origin, text)]).found,
    Kind.TERRAFORM: lambda text, origin: terraform_module([(origin, text)]).found,
    Kind.PACKER: packer_images,
    Kind.BICEP: bicep_images,
    Kind.HELMFILE: lambda text, origin: [],  # its releases' values files are read by cli/discover_helmfile.py
    Kind.COMPOSE_TEMPLATE: lambda text, origin: jinja_compose_images(text, origin, {}),
    Kind.AWS: aws_images,
    Kind.JIB: jib_images,
    Kind.NOMAD: nomad_job_images,  # alone: the variables file beside it is read by cli/discover_nomad.py
    Kind.NOMAD_PACK: lambda text, origin: pack_images(
        text, origin, Variables.none("the pack's variables.hcl is not read"), pack_name(origin)
    ),
    Kind.TOX: tox_docker_images,
    Kind.CROSS: cross_images,
    Kind.CIBUILDWHEEL: cibuildwheel_images,
    Kind.CONTAINERD: containerd_config_images,
    Kind.ACT: actrc_images,
    Kind.FLY: fly_images,
    Kind.MCP: mcp_server_images,
    Kind.BAZEL: bazel_images,
    Kind.YAML: yaml_images,
}


def images_in(
    kind: Kind, text: str, origin: str, *, dotenv: dict[str, str] | None = None, pulled: frozenset[str] = frozenset()
) -> list[Found]:
    """The references in one file's text; ConfigError (naming `origin`) when it does not parse.
    `dotenv` (compose only): the values of the `.env` file beside it; `pulled`: the services `docker compose pull`
    pulls though they build."""
    named = is_dockerfile_name(name := PurePath(origin).name.lower()) and not name.endswith(SOURCES)
    if kind is Kind.DOCKERFILE and not named and not STARTS_RE.match(text):
        return []  # a README or LICENSE in a dockerfiles/ directory, a source named like a Dockerfile
    if kind is Kind.JENKINS and origin.lower().endswith(".groovy") and not looks_like_pipeline(text):
        # Groovy code, not a pipeline: a Spock test's Testcontainers and Micronaut Test Resources images
        return started_images(text, origin) + source_test_resources_images(text, origin)
    if kind is Kind.YAML and TASK_DEFINITION in text:
        kind = Kind.AWS  # a CloudFormation or SAM template with an ECS task definition
    found = compose_images(text, origin, dotenv, pulled) if kind is Kind.COMPOSE else _PARSERS[kind](text, origin)
    return [item if item.kind else dataclasses.replace(item, kind=kind.value) for item in found]
