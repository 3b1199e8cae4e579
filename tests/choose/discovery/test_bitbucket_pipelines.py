"""Bitbucket Pipelines' `bitbucket-pipelines.yml`: the default image, each step's own, service containers, pipes
that are Docker images, steps under every pipeline section and in `parallel` and `stage` groups, anchors read once."""

from __future__ import annotations

from ecr_mirror.choose.discovery.bitbucket_pipelines import bitbucket_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of

PIPELINES = """\
image: node:12.13.1

definitions:
  services:
    postgres:
      image: postgres:16-alpine
      variables:
        POSTGRES_DB: test
    redis:
      image:
        name: redis:7.4
    docker:
      memory: 2048
  steps:
    - step: &lint
        name: lint
        image: python:3.13-slim
        script:
          - make lint

pipelines:
  default:
    - step: *lint
    - parallel:
        - step:
            name: unit
            services: [postgres, redis]
            script:
              - npm test
        - step:
            name: e2e
            image:
              name: mcr.microsoft.com/playwright:v1.47.1-focal
              username: $DOCKER_USER
            script:
              - npm run e2e
  branches:
    main:
      - stage:
          name: deploy
          steps:
            - step:
                name: upload
                script:
                  - pipe: atlassian/aws-s3-deploy:1.1.0
                  - pipe: docker://acme/notify-pipe:2.0.1
  custom:
    nightly:
      - parallel:
          steps:
            - step:
                image: golang:1.23
                script:
                  - go test ./...
"""


def test_every_image_a_pipeline_runs() -> None:
    found = bitbucket_images(PIPELINES, "bitbucket-pipelines.yml")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("node:12.13.1", 1, "image (default)"),
        ("postgres:16-alpine", 6, "definitions.services.postgres.image"),
        ("redis:7.4", 11, "definitions.services.redis.image"),
        ("python:3.13-slim", 17, "step image"),
        ("mcr.microsoft.com/playwright:v1.47.1-focal", 33, "step image"),
        ("acme/notify-pipe:2.0.1", 46, "pipe"),
        ("golang:1.23", 52, "step image"),
    ]
    assert {item.kind for item in found} == {"Bitbucket pipeline"}


def test_the_file_is_known_by_its_name_and_a_file_without_images_names_none() -> None:
    assert kind_of("bitbucket-pipelines.yml") is Kind.BITBUCKET
    assert kind_of("ci/bitbucket-pipelines.yml") is Kind.BITBUCKET
    assert bitbucket_images("pipelines:\n  default:\n    - step:\n        script: [make]\n", "x.yml") == []
    assert bitbucket_images("", "bitbucket-pipelines.yml") == []
