"""A compose service's `build:` makes its image in that compose project: the compose files of its directory (the
project and its overlays, `-f compose.yml -f compose.e2e.yml`) use what it built. A compose file of another directory
is another project, which `docker compose up` there pulls (synapse's `contrib/docker_compose_workers/` example pulls
`matrixdotorg/synapse:latest`, which the `contrib/docker/` example builds). Other files (Dockerfiles, scripts) take
the compose build as local, but for a published name (build_flows.py: a namespace and `latest`) only in the build's
flow: the Dockerfiles the project builds, the files that name the compose file or that it names."""

from __future__ import annotations

from ecr_mirror.choose.discovery.build_flows import Flows
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild, marked_built

BUILDS = [
    LocalBuild("acme/app:latest", "contrib/docker/compose.yml", 8, "compose build:", dockerfile="docker/Dockerfile"),
    LocalBuild("acme/app:latest", "examples/build/compose.yml", 4, "compose build:", dockerfile="Dockerfile"),
]


def _image(origin: str, line: int, kind: str = "compose file", use: str = "image") -> Found:
    return Found("acme/app:latest", origin, line, use=use, kind=kind)


def test_a_compose_build_is_local_in_its_own_directory_only() -> None:
    found = [
        _image("contrib/docker/compose.e2e.yml", 3),  # an overlay beside the build
        _image("contrib/workers/compose.yaml", 25),  # another project: pulled
        _image("docker/Dockerfile-app", 1, kind="Dockerfile", use="FROM"),  # another service of the project builds it
        _image("docker/Dockerfile-workers", 27, kind="Dockerfile", use="FROM"),  # built alone: pulls the image
        _image("examples/build/compose.override.yml", 2),  # the second build's directory
    ]
    flows = Flows(
        {},
        [("contrib/docker/compose.yml", "docker/Dockerfile"), ("contrib/docker/compose.yml", "docker/Dockerfile-app")],
    )
    assert [item.built for item in marked_built(found, BUILDS, flows)] == [
        "compose build: at contrib/docker/compose.yml:8",
        None,
        "compose build: at contrib/docker/compose.yml:8",
        None,
        "compose build: at examples/build/compose.yml:4",
    ]


def test_another_build_of_the_name_makes_it_local_in_its_own_flow() -> None:
    """A Makefile that builds the published name and runs the other project's compose file made the image for it;
    one that does not name the file made it for its own targets only."""
    builds = [*BUILDS, LocalBuild("acme/app:latest", "Makefile", 3, "docker build -t")]
    used = [_image("contrib/workers/compose.yaml", 25)]
    runs = Flows({"Makefile": "up: build\n\tdocker compose -f contrib/workers/compose.yaml up\n"})
    assert [item.built for item in marked_built(used, builds, runs)] == ["docker build -t at Makefile:3"]
    assert [item.built for item in marked_built(used, builds, Flows({"Makefile": "up:\n\tdocker compose up\n"}))] == [
        None
    ]


def test_a_default_compose_file_runs_alone_and_pulls_what_a_sibling_file_builds() -> None:
    """`docker compose up` reads the directory's default file (and its `.override.` file) alone: a CI file beside it
    that builds the same name (`docker compose -f docker-compose-ci.yml build`) does not build it for that run, as
    AppFlowy-Cloud's self-hosting `docker-compose.yml` pulls the `appflowy_cloud` its `docker-compose-ci.yml` builds."""
    builds = [
        LocalBuild("acme/app:latest", "deploy/docker-compose-ci.yml", 12, "compose build:", dockerfile="Dockerfile"),
        LocalBuild("acme/web:latest", "deploy/compose.override.yaml", 5, "compose build:", dockerfile="Dockerfile"),
    ]
    found = [
        Found("acme/app:latest", "deploy/docker-compose.yml", 30, use="image", kind="compose file"),  # pulled
        Found("acme/app:latest", "deploy/docker-compose-e2e.yml", 8, use="image", kind="compose file"),  # beside
        Found("acme/web:latest", "deploy/compose.yaml", 9, use="image", kind="compose file"),  # merged override
    ]
    assert [item.built for item in marked_built(found, builds)] == [
        None,
        "compose build: at deploy/docker-compose-ci.yml:12",
        "compose build: at deploy/compose.override.yaml:5",
    ]
