"""`ecr-mirror discover` on a Dockerfile a compose service builds with named contexts
(https://docs.docker.com/reference/compose-file/build/#additional_contexts): `COPY --from=docs` and `FROM base` take
the context the service's `additional_contexts` names, not an image of that name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DOCKERFILE = """\
FROM python:3.13-slim
WORKDIR /app
COPY pyproject.toml ./
RUN pip install .
COPY --from=manuals /. /app/manuals
COPY --from=assets /static /app/static
COPY --from=ghcr.io/astral-sh/uv:0.7.10 /uv /bin/uv
"""

COMPOSE_MAPPING = """\
services:
  bot:
    build:
      context: .
      dockerfile: Dockerfile
      additional_contexts:
        manuals: ../../manuals
    environment:
      MANUALS_PATH: /app/manuals
  db:
    image: postgres:17.2
"""

COMPOSE_LIST = """\
services:
  bot:
    build:
      context: .
      additional_contexts:
        - manuals=../../manuals
        - assets=docker-image://nginx:1.27
"""


@pytest.mark.parametrize("compose", [COMPOSE_MAPPING, COMPOSE_LIST])
def test_a_named_context_of_a_compose_build_is_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], compose: str
) -> None:
    write_tree(tmp_path, {"examples/bot/Dockerfile": DOCKERFILE, "examples/bot/compose.yaml": compose})
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["reference"]) for r in records}
    assert ("examples/bot/Dockerfile", "python:3.13-slim") in listed
    assert ("examples/bot/Dockerfile", "ghcr.io/astral-sh/uv:0.7.10") in listed
    assert not any("manuals" in (r["written"] or "") for r in records)
    if compose is COMPOSE_LIST:
        assert not any("assets" in (r["written"] or "") for r in records)


def test_a_dockerfile_alone_still_lists_a_bare_copy_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"examples/bot/Dockerfile": DOCKERFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert ("examples/bot/Dockerfile", "manuals:latest") in {(r["file"], r["reference"]) for r in records}


WORKFLOW = """\
name: images
on: push
jobs:
  bot:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/setup-buildx-action@v3
      - uses: docker/build-push-action@v6
        with:
          context: "{{defaultContext}}:examples/bot"
          build-contexts: |
            "manuals={{defaultContext}}:manuals"
          push: true
          tags: example/bot:latest
  service:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          context: services/api
          target: runner
          push: true
          tags: example/api:edge
          build-contexts: |
            telemetry=${{ github.workspace }}/packages/telemetry
"""

API_DOCKERFILE = """\
FROM elixir:1.18-alpine AS builder
COPY --from=telemetry /. /app/telemetry
RUN mix release
FROM alpine:3.21 AS runner
COPY --from=builder /app/_build /app
"""


def test_a_named_context_of_a_build_push_step_is_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            ".github/workflows/images.yml": WORKFLOW,
            "examples/bot/Dockerfile": DOCKERFILE,
            "services/api/Dockerfile": API_DOCKERFILE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["reference"]) for r in records}
    assert {("services/api/Dockerfile", "elixir:1.18-alpine"), ("services/api/Dockerfile", "alpine:3.21")} <= listed
    assert ("examples/bot/Dockerfile", "python:3.13-slim") in listed
    assert ("examples/bot/Dockerfile", "assets:latest") in listed  # no context of that name
    assert not any(r["reference"] in ("manuals:latest", "telemetry:latest") for r in records)
