"""A CircleCI job's `environment` (and a `run` step's own) reaches the shell of its `run` commands
(https://circleci.com/docs/set-environment-variable/#set-an-environment-variable-in-a-job): a `docker pull` of a name
the file's shell lines leave unknown is read again with those values (cBioPortal's security job,
`BASE_REPO: cbioportal/cbioportal` then `IMAGE=$BASE_REPO:master-web-shenandoah` and `docker pull $IMAGE`, while
another step of the job sets `IMAGE` to another value): each step read with its own lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONFIG = """\
version: 2.1
jobs:
  security:
    machine:
      image: ubuntu-2204:2024.08.1
    environment:
      BASE_REPO: acme/portal
      SCANNER: aquasec/trivy:0.56.2
    steps:
      - run:
          name: Scan master
          command: |
            IMAGE=$BASE_REPO:master-web
            docker pull $IMAGE
            docker run --rm $SCANNER image $IMAGE
      - run:
          name: Scan the pull request's
          command: |
            IMAGE=$DEV_REPO:$CIRCLE_SHA1-web
            $SCOUT cves $IMAGE
  e2e:
    docker:
      - image: cimg/base:2024.10
    steps:
      - run:
          name: Start the database
          environment:
            DB_IMAGE: postgres:16.4
          command: docker run -d $DB_IMAGE
      - run: docker pull $UNSET_IMAGE
"""


def test_a_jobs_and_a_steps_environment_reach_its_run_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".circleci/config.yml": CONFIG})
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["reference"], r["line"]) for r in records if r["status"] == "public"}
    assert {
        ("cimg/base:2024.10", 23),
        ("acme/portal:master-web", 14),
        ("aquasec/trivy:0.56.2", 15),
        ("postgres:16.4", 29),
    } <= listed
    unresolved = {r["written"] for r in records if r["status"] == "unresolved"}
    assert "$UNSET_IMAGE" in unresolved or "${UNSET_IMAGE}" in unresolved  # no environment gives it
    assert not any("$BASE_REPO" in r["written"] or "$DB_IMAGE" in r["written"] for r in records)
