"""tox-docker sections and Micronaut Test Resources properties read whole, each finding compared with its origin,
line, problem, use and kind (tox_docker.py, test_resources.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.test_resources import (
    KIND,
    USE,
    source_test_resources_images,
    yaml_test_resources_images,
)
from ecr_mirror.choose.discovery.tox_docker import tox_docker_images
from ecr_mirror.errors import ConfigError

TOX = """\
envlist = py312
[docker:pg]
image = postgres:{env:PG:16}
[docker:args]
image = redis:{posargs}
[docker:ref]
image = [base]image
[docker:env]
image = mysql:{env:MYSQL_TAG}
"""


def test_every_tox_docker_value_form_in_order() -> None:
    # a line before any section is no docker section's; `{...}` and `[section]key` are known only when tox runs
    assert tox_docker_images(TOX, "tox.ini") == [
        Found("postgres:16", "tox.ini", 3, None, "[docker:pg] image"),
        Found(
            "redis:{posargs}",
            "tox.ini",
            5,
            "redis:{posargs}: a tox substitution known only when tox runs",
            "[docker:args] image",
        ),
        Found(
            "[base]image",
            "tox.ini",
            7,
            "[base]image: a tox substitution known only when tox runs",
            "[docker:ref] image",
        ),
        Found(
            "mysql:{env:MYSQL_TAG}",
            "tox.ini",
            9,
            "{env:MYSQL_TAG}: tox takes it from the environment when it runs (no default written)",
            "[docker:env] image",
        ),
    ]


def test_test_resources_properties_in_yaml_and_in_sources() -> None:
    yaml_text = """\
test-resources:
  containers:
    pg:
      image-name: postgres:16
  containers.mssql.image-name: ' mcr.microsoft.com/mssql/server:2022-latest '
"""
    assert yaml_test_resources_images(yaml_text, "application-test.yml") == [
        Found("postgres:16", "application-test.yml", 4, None, USE, KIND),
        Found("mcr.microsoft.com/mssql/server:2022-latest", "application-test.yml", 5, None, USE, KIND),
    ]
    source = '\n@Property(name = "test-resources.containers.pg.image-name", value = "postgres:16")\n'
    assert source_test_resources_images(source, "PgTest.java") == [
        Found("postgres:16", "PgTest.java", 2, None, USE, KIND)
    ]
    with pytest.raises(ConfigError, match=r"^application-test\.yml: not valid YAML"):
        yaml_test_resources_images("test-resources: [a\n", "application-test.yml")
