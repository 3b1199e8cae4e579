"""A backquoted command substitution inside a command's words (`-v \\`pwd\\`/docs:/docs`, the old spelling of
`$(pwd)`) is one word, as the shell reads it, so the image after it is read; a command that itself runs inside
backquotes (`ID=\\`docker run -d redis:7\\``) still ends at the closing one."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found


def test_a_makefile_recipe_mounting_the_backquoted_working_directory() -> None:
    text = (
        "docs: ## serves the API docs\n"
        "\tdocker run -p 3000:8080 \\\n"
        "\t\t-e URLS=\"[ { url: 'api/v1.yaml', name: 'V1' } ]\" \\\n"
        "\t\t-v `pwd`/api/docs:/usr/share/nginx/html/docs/ \\\n"
        "\t\tswaggerapi/swagger-ui\n"
        "seed:\n"
        "\tdocker run --rm -v `pwd`/db:/db -v `pwd`/seed.sql:/seed.sql keinos/sqlite3:3.45.1 sqlite3 /db/x.db\n"
    )
    assert docker_runs(text, "Makefile") == [
        Found("swaggerapi/swagger-ui", "Makefile", 2, None, "docker run"),
        Found("keinos/sqlite3:3.45.1", "Makefile", 7, None, "docker run"),
    ]


def test_a_script_s_backquotes_in_options_and_around_a_whole_command() -> None:
    text = (
        "#!/bin/sh\n"
        "docker run --rm -u `id -u`:`id -g` -v `pwd`:/src -w /src golang:1.22 go build ./...\n"
        "CID=`docker run -d redis:7.2`\n"
        "echo `date` && docker pull `cat image.txt`\n"
    )
    assert docker_runs(text, "build.sh") == [
        Found("golang:1.22", "build.sh", 2, None, "docker run"),
        Found("redis:7.2", "build.sh", 3, None, "docker run"),
        Found(
            "`cat image.txt`",
            "build.sh",
            4,
            "a command substitution or make function, known only when it runs",
            "docker pull",
        ),
    ]
