"""A script's function that prints a compose file from a heredoc (`renderDockerCompose() { cat <<EOF ... EOF }`),
its output redirected into `docker-compose.yml` where it is called (NetBird's test environment script:
`renderDockerCompose > docker-compose.yml`, then `docker compose up`): the heredoc is that compose file, read with
the script's values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/bin/bash
set -e

renderCaddyfile() {
  cat <<EOF
{
  image: not/a-compose-file:1
}
EOF
}

renderDockerCompose() {
  cat <<EOF
version: "3.4"
services:
  caddy:
    image: caddy
  db:
    image: postgres:17
  management:
    image: ghcr.io/acme/management:${MANAGEMENT_IMAGE_TAG}
EOF
}

printHelp() {
  cat <<EOF
services:
  shown:
    image: acme/only-printed:1
EOF
}

MANAGEMENT_IMAGE_TAG=${MANAGEMENT_IMAGE_TAG:-main}
renderDockerCompose > docker-compose.yml
renderCaddyfile > Caddyfile
printHelp
docker compose up -d
"""


def test_a_function_printing_a_heredoc_redirected_into_a_compose_file_is_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"e2e/create-test-env.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    # a function whose output is printed (`printHelp`) or written to another kind of file writes no compose file
    assert sorted((r["reference"], r["line"]) for r in records if r["status"] == "public") == [
        ("caddy:latest", 17),
        ("ghcr.io/acme/management:main", 21),
        ("postgres:17", 19),
    ]
