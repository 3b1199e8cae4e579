"""Scripts that build the Dockerfile they are given on their standard input (pure).

The test harness of Docker's official images (docker-library's `test/tests/docker-build.sh`, copied by the image
repositories) is such a wrapper: `cat >"$tmp/Dockerfile"` writes its standard input to a Dockerfile, then `docker
build -t "$imageTag" "$tmp"` builds it, so a test hands it a Dockerfile in a heredoc, `"$testDir/../docker-build.sh"
"$testDir" "$tlsImage" <<-EOD` (valkey-container's TLS test: `FROM alpine:3.19 AS certs`). The heredoc is then a
Dockerfile that is built, as one piped to `docker build -f -` is (https://docs.docker.com/reference/cli/docker/buildx/build/#file).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.kinds import Kind, kind_of

# `cat >FILE`, `cat > "FILE"`, `tee FILE` alone on a line: no file read, no heredoc, so standard input is written
_STDIN_WRITE_RE = re.compile(
    r"^[ \t]*(?:cat[ \t]*>|tee(?:[ \t]+-a)?)[ \t]*(\"[^\"\n]+\"|'[^'\n]+'|[^\s;&|<>]+)[ \t]*$", re.MULTILINE
)
_BUILD_RE = re.compile(
    r"(?<![\w./-])(?:(?:docker|podman)(?:[ \t]+image|[ \t]+buildx)?|buildah)[ \t]+(?:build|bud)(?![\w-])"
)


def builds_its_stdin(text: str) -> bool:
    """Whether the script writes its standard input to a file named like a Dockerfile and runs a build."""
    written = (match.group(1).strip("\"'") for match in _STDIN_WRITE_RE.finditer(text))
    return any(kind_of(PurePath(path)) is Kind.DOCKERFILE for path in written) and _BUILD_RE.search(text) is not None
