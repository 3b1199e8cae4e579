"""A Codefresh pipeline (`version: '1.0'` and a mapping of `steps`, under any name: argocd-autopilot keeps its own in
`build/ci.yml`): a freestyle step, the default type, runs its `commands` in a container of its `image` (or its
`arguments.image`), and the service containers of a step's `services.composition` run beside it; steps of a
`parallel` step are read the same. A `build` or `push` step names the image it makes, a `git-clone` or a plugin
step (`type: codecov-reporter`) none here; a `${{VAR}}` is a Codefresh variable, unresolved."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

PIPELINE = """\
version: '1.0'
mode: parallel
stages:
  - Test
steps:
  main_clone:
    type: git-clone
    repo: ${{CF_REPO_OWNER}}/${{CF_REPO_NAME}}
  prepare: &deps
    stage: Test
    image: quay.io/acme/golang-ci-helper:1.25
    commands:
      - make test
  lint:
    <<: *deps
    commands:
      - make lint
  checks:
    type: parallel
    steps:
      scan:
        image: "acme/scanner"
        commands: [scan]
      integration:
        type: freestyle
        arguments:
          image: ubuntu:22.04
          commands: [make e2e]
        services:
          composition:
            db:
              image: postgres:16
  build:
    type: build
    image_name: acme/app
    tag: ${{CF_BRANCH}}
  coverage:
    type: codecov-reporter:2.1.0
  run_built:
    image: ${{build}}
    commands: [./app --version]
"""


def test_the_step_and_service_images_of_a_codefresh_pipeline() -> None:
    found = yaml_images(PIPELINE, "build/ci.yml")
    listed = sorted({(item.text, item.line) for item in found if item.problem is None})
    assert listed == [
        ("acme/scanner", 22),
        ("postgres:16", 32),
        ("quay.io/acme/golang-ci-helper:1.25", 11),
        ("ubuntu:22.04", 27),
    ]
    assert [item.text for item in found if item.problem is not None] == ["${{build}}"]
    assert {item.kind for item in found} == {"Codefresh pipeline"}


def test_a_mapping_of_steps_without_the_version_is_not_a_codefresh_pipeline() -> None:
    other = "steps:\n  prepare:\n    image: acme/tool:1.0\n    commands: [make]\n"
    assert all(item.kind != "Codefresh pipeline" for item in yaml_images(other, "steps.yml"))


def test_a_parallel_step_holding_its_own_steps_through_an_alias_is_read_to_a_bounded_depth() -> None:
    cycle = "version: '1.0'\nsteps: &s\n  a:\n    type: parallel\n    steps: *s\n  b:\n    image: alpine:3.20\n"
    assert {item.text for item in yaml_images(cycle, "codefresh.yml") or []} == {"alpine:3.20"}
