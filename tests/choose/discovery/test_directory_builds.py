"""Images a tree builds one per directory (`apps/NAME/Dockerfile` built as `gcr.io/acme/NAME:latest` by its own
build program): the parents its Dockerfiles name so, and the test compose files that run them, are built here."""

from __future__ import annotations

from ecr_mirror.choose.discovery.directory_builds import directory_built
from ecr_mirror.choose.discovery.found import Found


def _dockerfile(directory: str, parent: str) -> Found:
    return Found(parent, f"apps/{directory}/Dockerfile", 5, None, "FROM", "Dockerfile")


TREE = [
    _dockerfile("base", "ubuntu:jammy-20240911"),
    _dockerfile("common", "gcr.io/acme/base:latest"),
    _dockerfile("java-base", "gcr.io/acme/base:latest"),
    _dockerfile("extractor", "gcr.io/acme/java-base:latest"),
    _dockerfile("crawler", "gcr.io/acme/common:latest"),
    _dockerfile("postgres", "gcr.io/acme/postgres-base:latest"),  # no such directory: pulled
    _dockerfile("web", "gcr.io/acme/common:2.0"),  # a published tag: pulled
    Found("gcr.io/acme/crawler:latest", "apps/crawler/docker-compose.tests.yml", 4, None, "image", "compose file"),
    Found("gcr.io/acme/crawler:release", "apps/docker-compose.dist.yml", 9, None, "image", "compose file"),
    Found("gcr.io/acme/common", "apps/docker-compose.yml", 12, None, "image", "compose file"),
    Found("gcr.io/acme/postgres:latest", "dev/schema.sh", 3, None, "docker run", "shell script"),
    Found("gcr.io/acme/extractor:latest", "dev/schema.sh", 4, None, "docker run", "shell script"),
    Found("gcr.io/other/extractor:latest", "dev/schema.sh", 5, None, "docker run", "shell script"),
]


def test_the_parents_and_runs_of_directory_builds_are_built_here() -> None:
    marked = {(item.text, item.origin): item.built for item in directory_built(TREE)}
    built = sorted(key for key, where in marked.items() if where)
    assert built == [
        ("gcr.io/acme/base:latest", "apps/common/Dockerfile"),
        ("gcr.io/acme/base:latest", "apps/java-base/Dockerfile"),
        ("gcr.io/acme/common", "apps/docker-compose.yml"),
        ("gcr.io/acme/common:latest", "apps/crawler/Dockerfile"),
        ("gcr.io/acme/crawler:latest", "apps/crawler/docker-compose.tests.yml"),
        ("gcr.io/acme/extractor:latest", "dev/schema.sh"),
        ("gcr.io/acme/java-base:latest", "apps/extractor/Dockerfile"),
        ("gcr.io/acme/postgres:latest", "dev/schema.sh"),
    ]
    assert marked[("gcr.io/acme/base:latest", "apps/common/Dockerfile")] == "the tree's apps/base/Dockerfile"


def test_fewer_directory_parents_are_pulled() -> None:
    # one own parent (another job may publish it, the build pulls it by its tag), or two: not a build of each folder
    few = [item for item in TREE if "java-base" not in item.text and "java-base" not in item.origin]
    few = [item for item in few if item.text != "gcr.io/acme/common:latest"]
    assert all(item.built is None for item in directory_built(few))
