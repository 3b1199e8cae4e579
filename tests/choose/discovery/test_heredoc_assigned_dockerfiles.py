"""A Dockerfile a script keeps in a variable from a heredoc (`builder=$(cat <<'EOF' ... EOF)`) and writes to a file
it builds, or pipes to a build reading standard input, is read as the Dockerfile it is."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

WRITTEN = """\
#!/bin/bash
set -e
builder_dockerfile=$(cat <<'EOF'
FROM alpine:3.20
RUN apk add --no-cache make gcc
EOF
)
build_script=$(cat <<'EOF'
#!/bin/sh
make -C src
EOF
)
echo "$builder_dockerfile" > "$SCRIPT_DIR/tool-builder.dockerfile"
docker build -t tool-builder -f "$SCRIPT_DIR/tool-builder.dockerfile" "$SCRIPT_DIR"
docker run --rm -v "$PWD:/w" tool-builder /w/build.sh
"""

PIPED = """\
BASE_VERSION=22.04
dockerfile="$(cat <<EOF
FROM ubuntu:${BASE_VERSION}
COPY --from=ghcr.io/acme/tools:1.4 /bin/tool /usr/bin/tool
EOF
)"
printf '%s\\n' "${dockerfile}" | docker build -t probe -f - .
"""

UNUSED = """\
notes=$(cat <<'EOF'
FROM alpine:3.20 is what the image used to start from
EOF
)
echo "$notes" > notes.txt
"""


def _found(text: str) -> list[tuple[str, int, bool]]:
    return [(item.text, item.line or 0, item.problem is None) for item in heredoc_dockerfiles(text, "build.sh")]


def test_a_dockerfile_kept_in_a_variable_and_written_to_a_file_is_read() -> None:
    assert _found(WRITTEN) == [("alpine:3.20", 4, True)]


def test_a_dockerfile_kept_in_a_variable_and_piped_to_a_build_is_read_with_the_scripts_values() -> None:
    assert _found(PIPED) == [("ubuntu:22.04", 3, True), ("ghcr.io/acme/tools:1.4", 4, True)]


def test_a_heredoc_kept_in_a_variable_and_written_elsewhere_is_no_dockerfile() -> None:
    assert _found(UNUSED) == []
