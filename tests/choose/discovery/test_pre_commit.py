"""pre-commit's hooks of `language: docker_image`: the image is in `entry`, after any `docker run` options."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.errors import ConfigError

CONFIG = """\
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
      - id: trailing-whitespace
  - repo: local
    hooks:
      - id: format-shell
        name: format shell scripts
        language: docker_image
        entry: example/shell-formatter -i 4 -w
        types: [shell]
      - id: lint-shell
        name: lint shell scripts
        language: docker_image
        entry: --net none --entrypoint /bin/lint ghcr.io/example/linters:2.1 --strict
      - id: build-own
        name: a hook built from this repository's Dockerfile
        language: docker
        entry: /usr/local/bin/check
      - id: script
        name: a script
        language: script
        entry: tools/check.sh
"""


def test_pre_commit_files_are_known_by_name() -> None:
    assert kind_of(".pre-commit-config.yaml") is Kind.PRE_COMMIT
    assert kind_of("sub/.pre-commit-config.yml") is Kind.PRE_COMMIT
    assert kind_of(".pre-commit-hooks.yaml") is Kind.PRE_COMMIT
    assert kind_of("pre-commit-config.yaml") is Kind.YAML


def test_docker_image_hooks_name_the_image_after_the_run_options() -> None:
    assert images_in(Kind.PRE_COMMIT, CONFIG, ".pre-commit-config.yaml") == [
        Found("example/shell-formatter", ".pre-commit-config.yaml", 11, use="entry (docker_image)", kind="pre-commit"),
        Found(
            "ghcr.io/example/linters:2.1", ".pre-commit-config.yaml", 16, use="entry (docker_image)", kind="pre-commit"
        ),
    ]


def test_hooks_a_repository_publishes_name_the_images_their_users_pull() -> None:
    hooks = "- id: lint\n  name: lint\n  language: docker_image\n  entry: example/lint:1.0 lint --fix\n"
    found = images_in(Kind.PRE_COMMIT, hooks, ".pre-commit-hooks.yaml")
    assert [(item.text, item.line, item.problem) for item in found] == [("example/lint:1.0", 4, None)]


def test_a_hook_without_an_image_in_its_entry_is_unresolved() -> None:
    text = "repos:\n- repo: local\n  hooks:\n  - id: x\n    language: docker_image\n    entry: --rm\n"
    found = images_in(Kind.PRE_COMMIT, text, ".pre-commit-config.yaml")
    assert [(item.line, item.problem is not None) for item in found] == [(6, True)]


def test_a_remote_hook_whose_entry_is_in_its_own_repository_gives_nothing() -> None:
    text = "repos:\n- repo: https://github.com/x/y\n  rev: v1\n  hooks:\n  - id: y\n    language: docker_image\n"
    assert images_in(Kind.PRE_COMMIT, text, ".pre-commit-config.yaml") == []


def test_a_config_that_is_not_yaml_is_an_error_naming_the_file() -> None:
    with pytest.raises(ConfigError, match=r"\.pre-commit-config\.yaml"):
        images_in(Kind.PRE_COMMIT, "repos: [\n", ".pre-commit-config.yaml")
