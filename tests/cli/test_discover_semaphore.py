"""Semaphore CI pipelines (`.semaphore/*.yml`, https://docs.semaphoreci.com/reference/pipeline-yaml): the containers
of a Docker-based agent (`agent.containers[].image`, the pipeline's or a block's `task.agent`) run the jobs, and the
jobs' `commands` (and a task's `prologue`/`epilogue` commands) are shell lines read with the other CI steps:
simpledotorg/simple-server's `docker run -d ... postgres:14` in a job's commands (set ZZG, 1 miss)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PIPELINE = """\
version: v1.0
name: Simple Server
agent:
  machine:
    type: e1-standard-2
    os_image: ubuntu2004
  containers:
    - name: main
      image: 'registry.semaphoreci.com/ruby:3.2-node-browsers'
    - name: redis
      image: 'redis:7.2'
blocks:
  - name: Tests
    task:
      agent:
        machine:
          type: e1-standard-4
        containers:
          - name: main
            image: cimg/ruby:3.2
      prologue:
        commands:
          - checkout
      jobs:
        - name: rspec
          commands:
            - docker run -d --name postgres14 -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:14
            - bundle exec rspec
"""


def test_semaphore_agents_containers_and_job_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".semaphore/semaphore.yml": PIPELINE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["line"], r["reference"], r["kind"]) for r in records)
    kind = "Semaphore pipeline"
    assert got == [
        (9, "registry.semaphoreci.com/ruby:3.2-node-browsers", kind),
        (11, "redis:7.2", kind),
        (20, "cimg/ruby:3.2", kind),
        (27, "postgres:14", kind),
    ]
