"""CircleCI's reusable configuration (version 2.1): a job's `<< parameters.NAME >>` in its `docker:` images takes
the value each workflow invocation gives it (`- test: {python-image: cimg/python:3.11}`), one image per matrix
combination (`matrix: {parameters: {...}}`), else the parameter's `default`; an executor's parameters take the
arguments of the job's `executor: {name: ..., ...}`; `<< pipeline.parameters.NAME >>` its top-level default."""

from __future__ import annotations

from ecr_mirror.choose.discovery.circleci import circleci_images

_CONFIG = """\
version: 2.1
parameters:
  node-version:
    type: string
    default: "20.11"
executors:
  db:
    parameters:
      pg:
        type: string
        default: "16.2"
    docker:
      - image: cimg/base:2024.02
      - image: cimg/postgres:<< parameters.pg >>
jobs:
  test:
    parameters:
      python-image:
        type: string
        default: &py "cimg/python:3.8"
      store-image:
        type: string
        default: "redis:7.2"
      flag:
        type: boolean
        default: true
    docker:
      - image: << parameters.python-image >>
      - image: << parameters.store-image >>
  migrate:
    executor:
      name: db
      pg: "15.6"
  lint:
    executor: db
  web:
    docker:
      - image: cimg/node:<< pipeline.parameters.node-version >>
  orphan:
    parameters:
      img:
        type: string
    docker:
      - image: << parameters.img >>
workflows:
  main:
    jobs:
      - test:
          name: test-default
      - test:
          name: test-nightly-store
          store-image: "quay.io/acme/store:nightly"
      - test:
          name: test-matrix
          matrix:
            parameters:
              python-image: ["cimg/python:3.11", "cimg/python:3.12"]
      - migrate
      - lint
      - web
"""


def test_job_parameters_take_each_invocation_s_values_else_their_defaults() -> None:
    found = circleci_images(_CONFIG, ".circleci/config.yml")
    listed = sorted({(f.text, f.line) for f in found if f.problem is None})
    assert listed == [
        ("cimg/base:2024.02", 13),
        ("cimg/node:20.11", 38),
        ("cimg/postgres:15.6", 14),
        ("cimg/postgres:16.2", 14),
        ("cimg/python:3.11", 57),
        ("cimg/python:3.12", 57),
        ("cimg/python:3.8", 20),
        ("quay.io/acme/store:nightly", 52),
        ("redis:7.2", 23),
    ]
    assert {(f.text, f.line) for f in found if f.problem is not None} == {("<< parameters.img >>", 44)}
