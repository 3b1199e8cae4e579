"""`ecr-mirror discover` on trees where one file's meaning depends on others: Skaffold artifacts, GitLab pipelines
across included files, the values of a Helm chart in the tree; skipped directories without candidates."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

SKAFFOLD_TREE = {
    "skaffold.yaml": (
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: acme/shop-api\n"
        "      context: api\n    - image: registry.example.com/team/shop-web\n      context: web\n"
        "manifests:\n  rawYaml: [k8s/*.yaml]\n---\napiVersion: skaffold/v4beta11\nkind: Config\n"
        "metadata: {name: jobs}\nbuild:\n  artifacts:\n    - image: acme/nightly-report\n"
    ),
    "k8s/api.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
        "        - name: api\n          image: acme/shop-api\n"
        "        - name: cache\n          image: redis:7.4-alpine\n"
    ),
    "k8s/web.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      initContainers:\n"
        "        - {name: wait, image: 'busybox:1.37'}\n      containers:\n"
        "        - {name: web, image: 'registry.example.com/team/shop-web'}\n"
        "        - {name: api, image: 'acme/shop-api:1.4'}\n"
    ),
    "jobs/report.yaml": (
        "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          containers: [{name: report, image: acme/nightly-report}]\n"
    ),
    "compose.yaml": "services:\n  api: {image: acme/shop-api}\n",
}


def test_manifest_images_that_skaffold_builds_are_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, SKAFFOLD_TREE)
    monkeypatch.chdir(tmp_path)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    public = sorted((r["reference"], r["file"]) for r in json.loads(out) if r["status"] == "public")
    # Skaffold replaces `acme/shop-api` and `acme/nightly-report` (names without a tag: nothing else could pull them)
    # in the manifests it deploys with what it builds; `acme/shop-api:1.4` names a published image `kubectl apply`
    # pulls, and a compose file's `image: acme/shop-api` (no build) is pulled from Docker Hub.
    assert public == [
        ("acme/shop-api:1.4", "k8s/web.yaml"),
        ("acme/shop-api:latest", "compose.yaml"),
        ("busybox:1.37", "k8s/web.yaml"),
        ("redis:7.4-alpine", "k8s/api.yaml"),
    ]


def test_a_skipped_directory_without_candidate_files_is_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "vendor" / "lib").mkdir(parents=True)
    (tmp_path / "vendor" / "lib" / "code.php").write_text("<?php\n")
    (tmp_path / "Dockerfile").write_text("FROM php:8.4-cli\n")
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("php:8.4-cli")
    assert "skipped" not in err


GITLAB_TREE = {
    ".gitlab-ci.yml": (
        "include:\n  - local: /.gitlab/ci/common.yml\n  - local: '.gitlab/ci/jobs/*.yml'\n"
        "  - project: other/group\n    file: templates/x.yml\n  - template: Security/SAST.gitlab-ci.yml\n"
        "stages: [test]\n"
    ),
    ".gitlab/ci/common.yml": (
        "variables:\n  GO_VERSION: '1.23'\n  ALPINE: '3.20'\n  TOOLS_IMAGE: alpine:${ALPINE}\n"
        ".docker:\n  services: ['docker:${DOCKER_VERSION}-dind']\n"
        "include:\n  - local: .gitlab/ci/more.yml\n"
    ),
    ".gitlab/ci/more.yml": "variables:\n  DOCKER_VERSION: '27.3'\n",
    ".gitlab/ci/jobs/test.yml": (
        "unit:\n  image: golang:${GO_VERSION}\n  script: [go test ./...]\n"
        "legacy:\n  image: golang:${GO_VERSION}\n  variables: {GO_VERSION: '1.22'}\n  script: [go test ./...]\n"
        "lint:\n  image: $TOOLS_IMAGE\n  extends: [.docker]\n  script: [make lint]\n"
    ),
    "examples/ci/unrelated.gitlab-ci.yml": "build:\n  image: golang:${GO_VERSION}\n  script: [make]\n",
}


def test_gitlab_variables_of_included_files_apply_to_the_whole_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, GITLAB_TREE)
    monkeypatch.chdir(tmp_path)
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    records = json.loads(out)
    public = sorted({(r["reference"], r["file"]) for r in records if r["status"] == "public"})
    assert public == [
        ("alpine:3.20", ".gitlab/ci/jobs/test.yml"),
        ("docker:27.3-dind", ".gitlab/ci/common.yml"),
        ("golang:1.22", ".gitlab/ci/jobs/test.yml"),
        ("golang:1.23", ".gitlab/ci/jobs/test.yml"),
    ]
    # A file no .gitlab-ci.yml includes is not part of that pipeline: its variable stays unresolved.
    assert [(r["file"], r["status"]) for r in records if r["status"] == "unresolved"] == [
        ("examples/ci/unrelated.gitlab-ci.yml", "unresolved")
    ]


HELM_TREE = {
    "deploy/chart/Chart.yaml": (
        "apiVersion: v2\nname: web\nversion: 0.3.0\nappVersion: '2.0.1'\n"
        "dependencies:\n  - name: redis\n    version: 19.6.4\n    repository: oci://registry-1.docker.io/bitnamicharts\n"
    ),
    "deploy/chart/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: web\n"
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'
        "        {{- with .Values.sidecars }}\n{{ toYaml . | indent 8 }}\n        {{- end }}\n"
    ),
    "deploy/chart/values.yaml": "image:\n  repository: ghcr.io/example/web\n  tag: ''\nredis:\n  image:\n"
    "    repository: bitnamilegacy/redis\n    tag: 7.4.2\n",
    "deploy/chart/ci/sidecar-values.yaml": "sidecars:\n  - name: tail\n    image: busybox:1.37\n",
    "examples/other-chart-values.yaml": "image:\n  repository: grafana/loki\n  tag: 3.4.2\n",
    "examples/loki-settings.yaml": "image:\n  repository: grafana/promtail\n  tag: 3.4.2\n",
}


def test_the_values_of_a_chart_in_the_tree_are_read_and_other_yaml_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, HELM_TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines() if not line.startswith("#")] == [
        "bitnamilegacy/redis:7.4.2",
        "busybox:1.37",
        "ghcr.io/example/web:2.0.1",
        "grafana/loki:3.4.2",
    ]
    # a values file with no chart beside it belongs to a chart elsewhere, read without it (named as values files
    # are: test_discover_outside_values.py); YAML of another name with an image mapping is counted, not read
    assert "1 YAML file(s) with `image:` keys" in err and "examples/loki-settings.yaml" in err


def test_a_file_git_tracks_is_read_though_a_gitignore_pattern_matches_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The top `.gitignore` ignores the user's own `docker-compose.override.yml` (a name at any depth), while
    examples of it are committed under `helper-scripts/` (git ignores only untracked files); the untracked one at
    the top stays skipped."""
    write_tree(
        tmp_path,
        {
            ".gitignore": "docker-compose.override.yml\n",
            "compose.yml": "services:\n  web: {image: 'nginx:1.27-alpine'}\n",
            "helper-scripts/overrides/EXPORTER/docker-compose.override.yml": (
                "services:\n  exporter:\n    image: ghcr.io/example/metrics-exporter:2\n"
            ),
            "docker-compose.override.yml": "services:\n  local: {image: 'acme/local-only:dev'}\n",
        },
    )
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "compose.yml", ".gitignore"], check=True)
    subprocess.run([*git, "add", "-f", "helper-scripts"], check=True)
    assert main(["discover", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "ghcr.io/example/metrics-exporter:2" in out
    assert "nginx:1.27-alpine" in out
    assert "acme/local-only" not in out
    assert "1 ignored by .gitignore" in err


def test_a_repository_config_cannot_make_the_git_listing_run_a_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tree's own `.git/config` may name an fsmonitor hook, which `git ls-files` runs: discover lists the tracked
    files with the hook turned off, so reading an untrusted checkout runs nothing of it."""
    marker = tmp_path / "hook-ran"
    hook = tmp_path / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    write_tree(tmp_path, {"compose.yml": "services:\n  web: {image: 'nginx:1.27-alpine'}\n"})
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "compose.yml"], check=True)
    subprocess.run([*git, "config", "core.fsmonitor", str(hook)], check=True)
    assert main(["discover", str(tmp_path)]) == 0
    assert "nginx:1.27-alpine" in capsys.readouterr().out
    assert not marker.exists(), "the repository's fsmonitor hook ran"
