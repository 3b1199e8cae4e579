"""A script's own arguments handed to `docker run` before its options are options, not the image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs


def _pairs(text: str, origin: str = "db-shell.sh") -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in docker_runs(text, origin)]


def test_the_script_arguments_before_more_options_are_options() -> None:
    script = """\
#! /bin/bash -e
docker run $* \\
   --name dbterm --rm \\
   -e DB_HOST=$DOCKER_HOST_IP \\
   acme/db-client:4.2 \\
   sh -c 'exec client -h "$DB_HOST"'
docker run "$@" --rm acme/tool:1 check
docker run ${@} -i acme/other:2
docker run ${1:--it} --name term --network=${PWD##*/}_default --rm mysql/mysql-server:8.0 sh
docker run $2 -d redis:7
"""
    assert _pairs(script) == [
        ("acme/db-client:4.2", 2, None),
        ("acme/tool:1", 7, None),
        ("acme/other:2", 8, None),
        ("mysql/mysql-server:8.0", 9, None),
        ("redis:7", 10, None),
    ]


def test_the_script_arguments_alone_are_still_the_image() -> None:
    script = """\
#!/bin/sh
docker run --rm "$@"
docker run $1 true
"""
    assert [(text, line) for text, line, problem in _pairs(script) if problem is not None] == [
        ("$@", 2),
        ("$1", 3),
    ]
