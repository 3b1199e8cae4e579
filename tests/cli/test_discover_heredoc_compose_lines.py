"""An install script writing its compose file in a heredoc whose shell expansions make it YAML only when they run
(`${CLUSTER_ARG:+` and a newline, names set per branch of an `if`): its `image:` lines are read one by one, each with
the value the script gives it in each branch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

INSTALL = """\
#!/bin/sh
readonly UI_IMAGE="acme/tsdb-ui"

write_compose() {
    EDITION="$1"
    TARGET="$2"
    if [ "$EDITION" = "enterprise" ]; then
        SERVICE="tsdb-enterprise"
        IMAGE_NAME="acme/tsdb:3-enterprise"
        EXTRA_ARG="      - --cluster-id=cluster0"
    else
        SERVICE="tsdb-core"
        IMAGE_NAME="acme/tsdb:3-core"
        EXTRA_ARG=""
    fi

    cat > "$TARGET/docker-compose.yml" << COMPOSE_EOF
services:
  ${SERVICE}:
    image: ${IMAGE_NAME}
    command:
      - serve
      - --node-id=node0${EXTRA_ARG:+
${EXTRA_ARG}}
  explorer:
    image: ${UI_IMAGE}
    depends_on:
      - ${SERVICE}
COMPOSE_EOF
}

write_compose core "$HOME/.tsdb"
cd "$HOME/.tsdb" && docker compose pull
"""


def test_the_image_lines_of_a_heredoc_compose_file_that_is_yaml_only_when_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"install.sh": INSTALL})
    records = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("install.sh", 20, "acme/tsdb:3-enterprise", "public") in records
    assert ("install.sh", 20, "acme/tsdb:3-core", "public") in records
    assert ("install.sh", 26, "acme/tsdb-ui:latest", "public") in records


def test_a_heredoc_written_to_a_file_of_another_kind_is_not_read_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"install.sh": INSTALL.replace("docker-compose.yml", "settings.txt")})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert not any("acme/tsdb" in (r["reference"] or r["written"]) for r in records)
