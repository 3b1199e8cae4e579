"""tox-docker's `[docker:NAME]` sections in `tox.ini`: the images the plugin starts for the test environments."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

TOX_INI = """\
[tox]
envlist = py312-{unit,integration}
requires = tox-docker>=4

[testenv]
deps = pytest
docker =
    integration: cache
    integration: queue
commands = pytest {posargs}

; the broker the integration tests talk to
[docker:queue]
image = rabbitmq:3.13-management
ports = 5672:5672/tcp
healthcheck_cmd = rabbitmq-diagnostics ping -q

[docker:cache]
image=valkey/valkey
environment =
    VALKEY_EXTRA_FLAGS=--save ""

[docker:db]
image = {env:DB_IMAGE:postgres:16}

[docker:search]
image = {env:SEARCH_IMAGE}

[testenv:lint]
image = not-a-docker-section:1
"""


def test_tox_ini_is_known_by_name() -> None:
    assert kind_of("tox.ini") is Kind.TOX
    assert kind_of("services/api/tox.ini") is Kind.TOX
    assert kind_of("setup.ini") is None


def test_the_image_of_each_docker_section_with_its_line() -> None:
    found = images_in(Kind.TOX, TOX_INI, "tox.ini")
    assert [(item.text, item.line, item.problem) for item in found if item.problem is None] == [
        ("rabbitmq:3.13-management", 14, None),
        ("valkey/valkey", 19, None),
        ("postgres:16", 24, None),
    ]
    assert found[0] == Found("rabbitmq:3.13-management", "tox.ini", 14, use="[docker:queue] image", kind="tox config")


def test_an_environment_value_without_a_default_is_unresolved_naming_it() -> None:
    found = images_in(Kind.TOX, TOX_INI, "tox.ini")
    [unresolved] = [item for item in found if item.problem is not None]
    assert (unresolved.text, unresolved.line) == ("{env:SEARCH_IMAGE}", 27)
    assert "SEARCH_IMAGE" in (unresolved.problem or "")


def test_a_tox_ini_without_docker_sections_names_no_image() -> None:
    assert images_in(Kind.TOX, "[tox]\nenvlist = py3\n\n[testenv]\ncommands = pytest\n", "tox.ini") == []
