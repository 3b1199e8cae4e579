"""Which uses of a name the tree builds are that build's: the uses in its own flow, and, elsewhere, the uses of a name
that is no published image (pure).

A build makes its image on the machine that runs it, for what runs there after it: the file that builds it (a
Makefile's other targets, a workflow's later steps, the rest of a script), the files that file names (`docker compose
-f test/e2e/compose.yaml up`, `kubectl apply -f deploy/dev/server.yaml` after `kind load docker-image`, `-f
docker/Dockerfile.plugins`) and the files naming it (a script that runs `./scripts/build.sh` first); a compose
service's build, its compose project (the compose files of its directory) and the Dockerfiles that project builds; a
docker-maven-plugin build, the files of its Maven module and of its aggregator's directory (maven_modules.py); a
build a Python test package's `__init__.py` runs (at the package's import, before any of its modules runs:
https://docs.python.org/3/reference/import.html#regular-packages) or a `conftest.py` runs (loaded before the tests of
its directory: https://docs.pytest.org/en/stable/reference/fixtures.html#conftest-py-sharing-fixtures-across-multiple-files),
the files under that directory (podman-compose's `tests/integration/__init__.py` builds the image its tests' compose
files run).

A use elsewhere of the project's published name pulls the published image: a compose example, a Dockerfile `FROM`
the project's base image, Helm values or a manifest users apply (uptime-kuma, netbird, cadence, jitsi: the labels of
the 46 corpora count these, and no use of such a name outside a build's flow was a local build). A name is published
when it has a namespace or a registry (`acme/gateway`, `ghcr.io/acme/server`; a name of Docker Hub's library, `web` or
`fineract`, is no project's own published image, so a build of it is the local one everywhere) and either its tag is
`latest` (or none: the tag a registry serves by default, the one users pull) or the use is a deployment to a cluster
or remote hosts, which pull from a registry whatever a machine built (Kubernetes manifests, Helm values, Nomad jobs,
ECS task definitions, Kamal, `gcloud run deploy`). Another tag of a namespaced name used elsewhere (`acme/proxy:test`,
`mailu/admin:local` in test compose files) is what a build made for them, as before.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found
from ecr_mirror.choose.discovery.krm_functions import FUNCTION_USES
from ecr_mirror.choose.discovery.maven_modules import MAVEN_BUILD, in_module_flow
from ecr_mirror.oci.reference import DOCKER_HUB, Reference

COMPOSE_BUILD = "compose build:"  # how a compose service's build is named (LocalBuild.how; local_builds imports it)
GRADLE_BUILD = "Gradle DockerBuildImage"  # how the Gradle Docker plugin's builds are named (gradle_docker_builds.py)
_COMPOSE = "compose file"  # kinds.Kind.COMPOSE's name
# the kinds of file (kinds.py, and the readers that set their own) that deploy to a cluster or to remote hosts
DEPLOYMENT_KINDS = frozenset(
    {
        "Kubernetes manifest",
        "Helm values",
        "Nomad job file",
        "Nomad Pack template",
        "ECS task definition",
        "ECS task definition (Terraform)",
        "Elastic Beanstalk Dockerrun file",
        "Kamal configuration",
        "OLM file-based catalog",
    }
)
# Python modules run before the tests of their directory: a package's `__init__.py`, pytest's `conftest.py`
_SETUP_MODULES = frozenset({"__init__.py", "conftest.py"})
_DEPLOY_USES = ("gcloud run deploy", "faas-cli deploy")


def published_use(item: Found, ref: Reference) -> bool:
    """Whether `item` uses `ref` as the project's published image when no build of its flow made it: a name with a
    namespace or a registry, tagged `latest` or used by a deployment."""
    if ref.registry == DOCKER_HUB and ref.repository.startswith("library/"):
        return False
    if item.use in FUNCTION_USES:  # run by kustomize or kpt with docker, as a script's `docker run` (krm_functions.py)
        return ref.tag in (None, "latest")
    return ref.tag in (None, "latest") or item.kind in DEPLOYMENT_KINDS or item.use.startswith(_DEPLOY_USES)


def _normal(path: str) -> str:
    return os.path.normpath(path)


class Flows:
    """The files of each build's flow: what the texts of the tree's files name, and the Dockerfiles the compose files
    of each directory build (`compose_dockerfiles`: compose file -> the Dockerfiles its services build)."""

    def __init__(self, texts: Mapping[str, str], compose_dockerfiles: Iterable[tuple[str, str]] = ()) -> None:
        self._texts = {_normal(name): text for name, text in texts.items()}
        self._project_dockerfiles: dict[str, set[str]] = {}
        for compose, dockerfile in compose_dockerfiles:
            directory = os.path.dirname(_normal(compose))
            self._project_dockerfiles.setdefault(directory, set()).add(_normal(dockerfile))
        self._named: dict[tuple[str, str], bool] = {}

    def joined(self, build_origin: str, how: str, item: Found) -> bool:
        """Whether `item`'s file is in the flow of a build made in `build_origin` (`how`: its LocalBuild.how)."""
        origin, used = _normal(build_origin), _normal(item.origin)
        if origin == used:
            return True
        if how == COMPOSE_BUILD:
            directory = os.path.dirname(origin)
            if item.kind == _COMPOSE and os.path.dirname(used) == directory:
                return True  # the compose project (local_builds._in_scope leaves out the files run alone)
            if used in self._project_dockerfiles.get(directory, set()):
                return True
        if os.path.basename(origin) in _SETUP_MODULES and used.startswith(os.path.dirname(origin) + os.sep):
            return True  # a test package's or pytest directory's setup module: the files under its directory
        if how == GRADLE_BUILD and used.startswith(os.path.dirname(origin) + os.sep):
            return True  # a Gradle project's image builds: the Dockerfiles of its directory its tasks build in turn
        if how == MAVEN_BUILD and in_module_flow(
            origin, used, self._texts.get, dockerfile=item.kind == DOCKERFILE_KIND
        ):
            return True  # the Maven module building it, and its aggregator's directory (maven_modules.py)
        return self._names(origin, used) or self._names(used, origin)

    def _names(self, naming: str, named: str) -> bool:
        """Whether the text of `naming` names the file `named` by its path from `naming`'s directory or the top."""
        key = (naming, named)
        if key not in self._named:
            text = self._texts.get(naming)
            paths = {named, os.path.relpath(named, os.path.dirname(naming) or ".")}
            self._named[key] = text is not None and any(_path_re(path).search(text) for path in paths)
        return self._named[key]


def _path_re(path: str) -> re.Pattern[str]:
    """`path` as a whole word of a command line (`-f test/e2e/compose.yaml`, `./scripts/build.sh`), not a part of a
    longer path (`docker/Dockerfile` in `docker/Dockerfile.dev`)."""
    return re.compile(r"(?<![\w./-])(?:\./)?" + re.escape(path) + r"(?![\w./-])")
