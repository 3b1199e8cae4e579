"""Directories a test runner's convention reserves for the inputs of the project's own unit tests: `__fixtures__/`
(JavaScript test suites: a dependency updater's parser cases, one compose file or Dockerfile per case) and RSpec's
`spec/fixtures/`. The tests hand those files to the code under test, which parses them; nothing runs them. `discover`
skips them and counts what it did not read there on stderr, as it counts `vendor/`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: node:22.12.0\n"
        "    steps:\n      - run: pnpm jest\n"
    ),
    "lib/modules/manager/docker-compose/__fixtures__/docker-compose.1.yml": (
        "services:\n  result:\n    image: dockersamples/examplevotingapp_result:before\n"
        "  db:\n    image: postgres:9.4\n"
    ),
    "lib/modules/manager/dockerfile/__fixtures__/1.Dockerfile": "FROM node:8.11.3-alpine@sha256:d743b4\n",
    "lib/modules/manager/kubernetes/__fixtures__/kubernetes.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
        "    - name: nginx\n      image: nginx:1.7.9\n"
    ),
    "lib/modules/manager/kubernetes/extract.spec.ts": (
        "import { Fixtures } from '~test/fixtures';\nconst kubernetesImagesFile = Fixtures.get('kubernetes.yaml');\n"
    ),
    "docker/spec/fixtures/docker/dockerfiles/digest": "FROM ubuntu:17.04\n",
    "docker/spec/fixtures/docker/composefiles/tag/docker-compose.yml": (
        "services:\n  interface:\n    image: nginx:1.14.2\n"
    ),
    "docker/spec/dependabot/docker/file_parser_spec.rb": (
        'let(:dockerfile_fixture_name) { "tag" }\nrequire "spec_helper"\n'
    ),
}


def test_fixture_directories_of_test_runners_are_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["node:22.12.0"]
    assert "5 unit tests' input files (__fixtures__/, spec/fixtures/) (" in err
    assert "lib/modules/manager/docker-compose/__fixtures__/docker-compose.1.yml" in err


def test_a_fixtures_directory_elsewhere_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tests/fixtures/docker/docker-compose.yml` of a Python project is what its pytest fixture starts (meltano's
    `snowplow/snowplow-micro`): a `fixtures/` directory of no such convention stays read."""
    write_tree(
        tmp_path,
        {"tests/fixtures/docker/docker-compose.yml": "services:\n  micro:\n    image: snowplow/snowplow-micro:4.4\n"},
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["snowplow/snowplow-micro:4.4"]


def test_a_fixture_directory_named_as_a_path_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "lib/modules/manager/kubernetes/__fixtures__"]) == 0
    out = capsys.readouterr().out
    assert [line.split()[0] for line in out.splitlines()] == ["nginx:1.7.9"]


def test_a_policy_query_s_test_samples_are_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """KICS queries (and scanners built on them) keep each rule's cases in a `test/` directory beside the rule, the
    files the rule must flag (`positive*.dockerfile`) and must not (`negative*`), with the findings it must report in
    `positive_expected_result.json` (https://docs.kics.io/latest/creating-queries/): the scanner parses them in its
    tests; nothing builds or starts them. Another `test/` directory stays read."""
    write_tree(
        tmp_path,
        {
            "assets/queries/dockerfile/image_version_not_explicit/query.rego": "package Cx\n",
            "assets/queries/dockerfile/image_version_not_explicit/test/positive.dockerfile": "FROM alpine\n",
            "assets/queries/dockerfile/image_version_not_explicit/test/negative.dockerfile": "FROM alpine:3.7\n",
            "assets/queries/dockerfile/image_version_not_explicit/test/positive_expected_result.json": "[]\n",
            "assets/queries/k8s/privileged/test/positive1.yaml": (
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                "    - name: c\n      image: nginx:1.7.9\n"
            ),
            "assets/queries/k8s/privileged/test/positive_expected_result.json": "[]\n",
            "e2e/test/Dockerfile": "FROM golang:1.25.4-alpine\n",
            "Dockerfile": "FROM golang:1.25.4\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["golang:1.25.4", "golang:1.25.4-alpine"]
    assert "3 a policy query's test samples (test/ beside positive_expected_result.json) (" in err
