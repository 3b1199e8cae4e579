"""A Dockerfile a script writes in a heredoc: given to `docker build -f -` on its standard input, piped to it, or
written by `cat`/`tee` to a file named like a Dockerfile. Its images are read as a Dockerfile's, after the shell
has substituted the script's variables in an unquoted heredoc."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

E2E_SCRIPT = """\
#!/bin/bash
set -e
PROBE_BASE="3.21"
WORK=$(mktemp -d)

echo "Building the probe image..."
docker build -t probe:v1 -f - . <<EOF
FROM alpine:${PROBE_BASE}
RUN apk add --no-cache bind-tools
ENTRYPOINT ["sh"]
EOF

cat <<'DOCKERFILE' > "$WORK/Dockerfile"
ARG GO_VERSION=1.23
FROM golang:${GO_VERSION}-alpine AS build
FROM build AS test
FROM gcr.io/distroless/static:nonroot
COPY --from=build /out /app
DOCKERFILE

cat > "$WORK/notes.txt" <<EOF
FROM not/an-image:1
EOF

cat <<EOF | docker buildx build --load -f- "$WORK"
FROM debian:\\${SUITE:-bookworm}-slim
FROM busybox:${BUSYBOX_TAG}
EOF

tee "$WORK/Containerfile" >/dev/null <<-EOF
\tFROM quay.io/example/base:${PROBE_BASE}
\tEOF
kubectl apply -f - <<EOF
apiVersion: v1
EOF
"""


def _found(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in heredoc_dockerfiles(text, "scripts/e2e.sh")]


def test_the_images_of_a_dockerfile_written_in_a_heredoc() -> None:
    found = _found(E2E_SCRIPT)
    assert [(text, line) for text, line, problem in found if problem is None] == [
        ("alpine:3.21", 8),
        ("golang:1.23-alpine", 15),
        ("gcr.io/distroless/static:nonroot", 17),
        ("debian:bookworm-slim", 26),
        ("quay.io/example/base:3.21", 31),
    ]
    (unresolved,) = [item for item in found if item[2] is not None]
    assert unresolved[:2] == ("busybox:${BUSYBOX_TAG}", 27)
    assert "$BUSYBOX_TAG has no value in this file" in (unresolved[2] or "")


def test_each_use_says_the_dockerfile_is_in_a_heredoc() -> None:
    (item,) = heredoc_dockerfiles("docker build - <<'X'\nFROM redis:7\nX\n", "ci/build.sh")
    assert (item.text, item.line, item.use) == ("redis:7", 2, "FROM (a Dockerfile in a heredoc)")


def test_heredocs_that_are_no_dockerfile_and_echoed_text_are_not_read() -> None:
    text = """\
echo "docker build -f - . <<EOF"
FROM not/echoed:1
docker build -t x:1 . <<EOF
FROM not/a-dockerfile:2
EOF
cat <<EOF > /tmp/app.yaml
image: not/this:3
EOF
cat <<<"FROM not/here-string:4" > Dockerfile
"""
    assert _found(text) == []


def test_a_build_from_standard_input_whose_output_is_redirected_first() -> None:
    script = """\
build() {
  if docker build -t dev-tools > build.log 2>&1 -<<EOF
  FROM docker.io/golang:1.26-bookworm
  RUN apt-get update
EOF
  then echo built; fi
  podman build --tag probe 2>/dev/null --file - . <<'EOF'
FROM registry.access.redhat.com/ubi9-minimal:9.5
EOF
}
"""
    assert [(text, line) for text, line, _ in _found(script)] == [
        ("docker.io/golang:1.26-bookworm", 3),
        ("registry.access.redhat.com/ubi9-minimal:9.5", 8),
    ]
