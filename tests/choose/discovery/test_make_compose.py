"""The environment a Makefile's recipes give the compose files they run: exported variables, all of them after
`.EXPORT_ALL_VARIABLES:`, and those set before the command."""

from __future__ import annotations

from ecr_mirror.choose.discovery.compose_commands import ALL_SERVICES
from ecr_mirror.choose.discovery.make_compose import makefile_compose_runs
from ecr_mirror.choose.discovery.workflow_steps import ComposeRun


def test_exported_and_prefixed_variables_and_only_commands_that_pull() -> None:
    text = """\
export DB_TAG ?= 16
CACHE_TAG = 7
UNSET_TAG = $(shell git describe)

up:
\tenv CACHE_TAG=$(CACHE_TAG) docker-compose up -d
\tdocker compose -f ci/compose.yml pull
\tdocker compose down
\techo "docker compose up"
"""
    assert makefile_compose_runs(text, "deploy/Makefile") == [
        ComposeRun(None, "deploy", (("CACHE_TAG", "7"), ("DB_TAG", "16")), "deploy/Makefile", 6, pulls_first=True),
        ComposeRun(("ci/compose.yml",), "deploy", (("DB_TAG", "16"),), "deploy/Makefile", 7, ALL_SERVICES),
    ]


def test_every_variable_is_exported_after_export_all_variables() -> None:
    text = ".EXPORT_ALL_VARIABLES:\nIMAGE := valkey/valkey:8\nrun:\n\tdocker compose up\n"
    (run,) = makefile_compose_runs(text, "Makefile")
    assert run.env == (("IMAGE", "valkey/valkey:8"),)
    assert makefile_compose_runs("IMAGE := x\nrun:\n\tdocker compose up\n", "Makefile") == []
