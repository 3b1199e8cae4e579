"""A makefile that takes a value from the command line or the environment, else its own: `NAME := $(or
$(NAME),$(NAME),acme)` (GNU make's `or` expands to its first non-empty argument; the right side of `:=` is read
before the name is set, so `$(NAME)` there is what the environment or command line gave), the same as `NAME ?=
acme`: the file's literal when none is given."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

MAKEFILE = """\
BASED_NAME := $(or $(BASED_NAME),$(BASED_NAME),acme)
BASED_TAG := $(or $(BASED_TAG),2.15.1-grid-20241017)
OTHER := $(or $(BASED_TAG),$(OTHER_TAG),latest)

fetch:
\tdocker pull --platform linux/amd64 $(BASED_NAME)/keda:$(BASED_TAG)
\tdocker pull $(BASED_NAME)/scaler:$(OTHER)
"""


def test_or_of_the_name_itself_then_a_literal_is_that_literal() -> None:
    found = docker_runs(MAKEFILE, "Makefile")
    assert [(item.text, item.problem is None) for item in found] == [
        ("acme/keda:2.15.1-grid-20241017", True),
        ("$(BASED_NAME)/scaler:$(OTHER)", False),  # `or` of another name: the environment may set it
    ]
