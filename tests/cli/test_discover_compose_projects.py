"""`ecr-mirror discover` on a tree whose CI runs an image compose built and named after its project
(`<project>-<service>`): what compose made here is not pulled, whatever the checkout's directory is called."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "docker-compose.yml": (
        "services:\n"
        "  search:\n    build:\n      context: search/\n"
        "  dash_board:\n    build: dash/\n"
        "  cache:\n    image: redis:7.4\n"
        "  tool:\n    build: tool/\n    image: acme/tool:dev\n"
    ),
    "search/Dockerfile": "FROM docker.elastic.co/elasticsearch/elasticsearch:9.1.0\n",
    "dash/Dockerfile": "FROM node:22-alpine\n",
    "tool/Dockerfile": "FROM alpine:3.20\n",
    ".github/workflows/ci.yml": (
        "jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: docker compose build\n"
        "      - run: docker container run --rm stack-search bin/keys generate >> search/keys.yml\n"
        "      - run: docker run --rm my_stack_dash_board:latest check\n"
        "      - run: docker run --rm acme/search:1 check\n"
        "      - run: docker run --rm stack-search:2.0 check\n"
        "      - run: docker run --rm stack-cache check\n"
    ),
}


def test_a_service_built_without_image_is_run_by_its_project_name_and_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "checkout", TREE)
    # compose's names are bare (`<project>-<service>`), and a bare name no official image has is left out
    # (docker_official.py): the two compose does not build are named public, so that only this rule decides them
    official = (
        "--public-registry",
        "docker.io/library/stack-search",
        "--public-registry",
        "docker.io/library/stack-cache",
    )
    records = discover_records(tmp_path / "checkout", monkeypatch, capsys, *official)
    public = sorted(r["reference"] for r in records if r["status"] == "public")
    assert public == [
        "acme/search:1",  # a namespace: not a name compose gives
        "alpine:3.20",
        "docker.elastic.co/elasticsearch/elasticsearch:9.1.0",
        "node:22-alpine",
        "redis:7.4",
        "stack-cache:latest",  # cache is pulled, not built: no name of compose's
        "stack-search:2.0",  # compose tags what it builds `latest`
    ]
    built = {r["reference"]: r for r in records if r["status"] == "built-here"}
    assert sorted(built) == ["my_stack_dash_board:latest", "stack-search:latest"]
    for name, service in (("stack-search", "search"), ("my_stack_dash_board", "dash_board")):
        record = built[f"{name}:latest"]
        assert record["file"] == ".github/workflows/ci.yml"
        assert "docker-compose.yml" in record["reason"] and f"service {service} " in record["reason"], record
