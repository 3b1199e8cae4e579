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
