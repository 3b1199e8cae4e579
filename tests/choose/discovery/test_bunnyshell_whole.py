"""Bunnyshell environments read whole: documents and components of the wrong type, builds, runner images and
templates, each finding compared with its origin, line, problem and use (bunnyshell.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.bunnyshell import bunnyshell_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

ENVIRONMENT = """\
- a list document
---
kind: Environment
components: null
---
kind: Environment
components:
  - just-a-string
  - kind: Application
    dockerCompose:
      image: ghcr.io/acme/api:1
  - kind: Service
    dockerCompose:
      build: {context: .}
      image: acme/built
  - kind: Database
    dockerCompose:
      ports: [5432]
  - kind: Helm
    runnerImage: dtzar/helm-kubectl:3.16
  - kind: Database
    dockerCompose:
      image: '{{ env.vars.DB_IMAGE }}'
"""


def test_every_component_form_in_order() -> None:
    template = "a template expression: render the template first (`helm template` for a Helm chart)"
    assert bunnyshell_images(ENVIRONMENT, "bunnyshell.yaml") == [
        Found("ghcr.io/acme/api:1", "bunnyshell.yaml", 11, None, "components[].dockerCompose.image"),
        Found("dtzar/helm-kubectl:3.16", "bunnyshell.yaml", 20, None, "components[].runnerImage"),
        Found("{{ env.vars.DB_IMAGE }}", "bunnyshell.yaml", 23, template, "components[].dockerCompose.image"),
    ]


def test_a_definition_that_is_not_yaml_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^bunnyshell\.yaml: not valid YAML"):
        bunnyshell_images("components: [a\n", "bunnyshell.yaml")
