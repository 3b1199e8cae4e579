"""ko's `.ko.yaml`: the base images ko pulls to build Go images (`defaultBaseImage`, `baseImageOverrides`)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.errors import ConfigError

KO_YAML = """\
# ko builds the controller and the webhook from this repository
defaultBaseImage: gcr.io/distroless/static-debian12:nonroot
baseImageOverrides:
  example.com/widgets/cmd/webhook: "cgr.dev/chainguard/static:latest"
  example.com/widgets/cmd/debug: docker.io/library/alpine:3.20
builds:
- id: controller
  main: ./cmd/controller
  env:
  - CGO_ENABLED=0
  ldflags:
  - -s -w
  - -X example.com/widgets/pkg/version.Version={{.Env.VERSION}}
"""


def test_ko_yaml_is_known_by_name() -> None:
    assert kind_of("deploy/.ko.yaml") is Kind.KO
    assert kind_of(".ko.yml") is Kind.KO
    assert kind_of("ko.yaml") is Kind.YAML  # ko reads `.ko.yaml` only (or KO_CONFIG_PATH)


def test_the_default_base_image_and_each_override_with_their_lines() -> None:
    assert images_in(Kind.KO, KO_YAML, ".ko.yaml") == [
        Found("gcr.io/distroless/static-debian12:nonroot", ".ko.yaml", 2, use="defaultBaseImage", kind="ko config"),
        Found("cgr.dev/chainguard/static:latest", ".ko.yaml", 4, use="baseImageOverrides", kind="ko config"),
        Found("docker.io/library/alpine:3.20", ".ko.yaml", 5, use="baseImageOverrides", kind="ko config"),
    ]


def test_without_a_default_base_image_kos_own_default_is_not_guessed() -> None:
    # ko's built-in default depends on the ko version that runs (distroless before v0.12, Chainguard's since)
    assert images_in(Kind.KO, "builds:\n- id: app\n  main: ./cmd/app\n", ".ko.yaml") == []


def test_a_value_that_is_not_a_string_is_unresolved_with_its_line() -> None:
    text = "defaultBaseImage:\n  name: alpine\nbaseImageOverrides: [alpine]\n"
    found = images_in(Kind.KO, text, "svc/.ko.yaml")
    assert [(item.origin, item.line, item.use) for item in found] == [
        ("svc/.ko.yaml", 1, "defaultBaseImage"),
        ("svc/.ko.yaml", 3, "baseImageOverrides"),
    ]
    assert all(item.problem for item in found)


def test_a_ko_yaml_that_is_not_yaml_is_an_error_naming_the_file_and_line() -> None:
    with pytest.raises(ConfigError, match=r"\.ko\.yaml.*line 2"):
        images_in(Kind.KO, "defaultBaseImage: alpine\n  builds: []\n", ".ko.yaml")
