"""A compose file a script writes in a heredoc (`cat << EOF > $DIR/docker-compose-e2e.yaml`), then runs: its
services' images are pulled."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

SCRIPT = """\
#!/usr/bin/env bash
PG_TAG=16.4
COMPOSE_FILE=$WORKDIR/docker-compose-e2e.yaml
cat << EOF > $COMPOSE_FILE
services:
  server:
    # a pinned build of an older release
    image: ghcr.io/acme/server@sha256:568aee99574e6d796d70b7b1fd59438bd54b3b9f44cc2c9a086629597c66d324
    volumes:
    - "$DATA_VOLUME:/data"
  db:
    image: postgres:${PG_TAG}
  app:
    build: .
EOF
docker compose -f $COMPOSE_FILE up -d
cat <<'EOF' > notes.yaml
image: not-a-compose-file:1
EOF
"""


def test_the_services_of_a_compose_file_written_in_a_heredoc_are_listed_at_their_lines() -> None:
    found = heredoc_dockerfiles(SCRIPT, "tests/e2e.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("ghcr.io/acme/server@sha256:568aee99574e6d796d70b7b1fd59438bd54b3b9f44cc2c9a086629597c66d324", 8, None),
        ("postgres:16.4", 12, None),
    ]
    assert {item.use for item in found} == {"image (a compose file in a heredoc)"}
