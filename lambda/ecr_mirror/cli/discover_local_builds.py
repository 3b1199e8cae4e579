"""The images a tree builds (`LocalBuild`s), gathered from every kind of file that names one: `docker build -t` and
`docker tag` in scripts and in the text of CI and other files, Jenkinsfiles' `docker.build`, Jib's `to.image`, the
docker-maven-plugin's built `<name>`s, the Gradle Docker plugin's `DockerBuildImage` names, Azure Pipelines'
`Docker@2` tasks, compose services with both `build:` and `image:`, the names handed to a script of the tree that
builds its argument, and workflow steps that build and load an image."""

from __future__ import annotations

import os
import posixpath

from ecr_mirror.choose.discovery.azure_pipelines import azure_docker_builds
from ecr_mirror.choose.discovery.bashbrew_builds import bashbrew_marked
from ecr_mirror.choose.discovery.build_flows import COMPOSE_BUILD, Flows
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.directory_builds import directory_built
from ecr_mirror.choose.discovery.folded_commands import folded_commands
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_docker_builds import gradle_docker_builds
from ecr_mirror.choose.discovery.jenkinsfile import jenkins_builds
from ecr_mirror.choose.discovery.jib import jib_builds
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import (
    LocalBuild,
    chained_builds,
    deployed_builds,
    local_builds,
    marked_built,
    valued_builds,
)
from ecr_mirror.choose.discovery.local_tags import local_tag_built
from ecr_mirror.choose.discovery.make_includes import included_makefiles
from ecr_mirror.choose.discovery.make_local_names import local_name_builds, without_rebuilt_bases
from ecr_mirror.choose.discovery.make_recipe_variables import recipe_variables
from ecr_mirror.choose.discovery.maven_docker import maven_docker_builds
from ecr_mirror.choose.discovery.maven_tree import Poms, is_pom
from ecr_mirror.choose.discovery.sed_templates import sed_placeholders
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.wrapper_builds import builder_scripts, wrapper_builds
from ecr_mirror.cli.discover_assembled_indexes import assembled_built
from ecr_mirror.cli.discover_make_calls import make_call_builds
from ecr_mirror.cli.discover_scripts import script_kind
from ecr_mirror.cli.discover_workflows import workflow_builds
from ecr_mirror.errors import ConfigError


def tree_builds(
    scripts: dict[str, str], texts: dict[str, str], compose: list[tuple[str, ComposeBuild]]
) -> list[LocalBuild]:
    """The images the tree builds: `docker build -t` and `docker tag` in its scripts and in the text of its CI and
    other files (Dockerfiles aside), the names passed to a script of the tree that builds its argument, and the
    `image` of compose services with `build:` (in any compose file)."""
    builds: list[LocalBuild] = []
    poms = Poms(texts)  # a POM's properties, for the names the docker-maven-plugin builds
    for shown, text in scripts.items():  # a Makefile's recipes with the commands their variables hold
        makefile = script_kind(shown) == "Makefile"
        builds += local_builds(recipe_variables(text, builds=True).text if makefile else text, shown)
        builds += deployed_builds(text, shown) if makefile else []  # kubebuilder's `IMG ?= controller:latest`
        if makefile:  # `-t "acme/agent:${DOCKER_IMAGE_TAG}"` with `DOCKER_IMAGE_TAG ?= latest`
            expanded = recipe_variables(text, builds=True).text
            values = ShellValues.of(expanded)
            builds += valued_builds(expanded, shown, values.resolve)
            builds += chained_builds(expanded, shown, values.resolve)  # `-t ${REGISTRY}/base:${RELEASE_VERSION}`
            included = {name: scripts[name] for name in included_makefiles(shown, text, scripts)}
            builds += local_name_builds(text, shown, included)  # `IMG := acme-compiler`, an included `-t ${IMG}`
    for shown, text in texts.items():
        builds += local_builds(folded_commands(text), shown)
        builds += jenkins_builds(text, shown) if kind_of(shown) is Kind.JENKINS else []
        if kind_of(shown) is Kind.JIB:  # a POM's names with its properties (`${project.version}`)
            properties = poms.properties(posixpath.normpath(shown)) if is_pom(shown) else {}
            builds += jib_builds(text, shown) + maven_docker_builds(text, shown, properties)
            builds += gradle_docker_builds(text, shown)  # `DockerBuildImage` tasks' `images`, `tag`
        builds += _azure_builds(text, shown) if kind_of(shown) is Kind.AZURE else []
    for shown, b in compose:
        dockerfile = _dockerfile(shown, b) if b.inline is None else None
        builds += [LocalBuild(b.built, shown, b.line or 0, COMPOSE_BUILD, dockerfile)] if b.built else []
    builds += wrapper_builds(builder_scripts(scripts), {**scripts, **texts})  # `docker_build acme/app:test`
    builds += make_call_builds(texts, scripts)  # `make docker-build IMG=operator:scan`
    return builds + workflow_builds(texts)


def marked_tree_builds(
    found: list[Found],
    scripts: dict[str, str],
    texts: dict[str, str],
    compose: list[tuple[str, ComposeBuild]],
    more: list[LocalBuild],
    bake_files: list[tuple[str, str]],
) -> list[Found]:
    """`found`, each use of an image the tree builds (`tree_builds`, and `more`: bake tags, program sources' builds)
    marked built here (local_builds.marked_built), in the flows the files' texts and compose builds give, and the
    tags of the tree's own official image its Dockerfiles build on, which bashbrew's CI builds first
    (bashbrew_builds.py), images tagged `local` (local_tags.py), and the sources of an index a workflow joins from
    the tags it has just pushed (cli/discover_assembled_indexes.py); then the placeholder images of Dockerfile
    templates a script fills in with sed, which nothing builds as they are (sed_templates.py)."""
    dockerfiles = [(shown, _dockerfile(shown, b)) for shown, b in compose if b.inline is None]
    flows = Flows({**scripts, **texts, **dict(bake_files)}, dockerfiles)
    builds = without_rebuilt_bases(tree_builds(scripts, texts, compose), found)  # not `-t $(IMG)` of `FROM golang:1.22`
    marked = marked_built(found, builds + more, flows)
    marked = bashbrew_marked(marked, {**scripts, **texts})  # an official image's tags built in bashbrew's CI jobs
    marked = directory_built(marked)  # `FROM gcr.io/acme/base:latest` beside `apps/base/Dockerfile`, and so on
    marked = local_tag_built(marked)  # `ghcr.io/acme/api:local`: a name for local builds, never pulled
    marked = assembled_built(marked, texts)  # `imagetools create` joining the tags a workflow has just pushed
    return sed_placeholders(marked, scripts)  # a Dockerfile template's `FROM alpine:0.0` that update.sh fills in


def _dockerfile(compose: str, build: ComposeBuild) -> str:
    return os.path.join(os.path.dirname(compose), build.dockerfile)


def _azure_builds(text: str, shown: str) -> list[LocalBuild]:
    try:
        return azure_docker_builds(text, shown)
    except ConfigError:
        return []  # a file that does not parse is reported by its own reader
