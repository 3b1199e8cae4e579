"""Whether a Go package can build a container image: what keeps a Dockerfile under its `testdata/` read.

A Go test may build the Dockerfiles of its `testdata/`: testcontainers-go's `FromDockerfile{Context: "testdata"}`
(https://golang.testcontainers.org/features/build_from_dockerfile/), dockertest's `BuildAndRun`
(https://pkg.go.dev/github.com/ory/dockertest/v3#Pool.BuildAndRun), a Docker, Moby or BuildKit client's
`ImageBuild`/`Solve`, or a command run with `exec.Command("docker", "build", ...)` (also podman, buildah, kaniko,
nerdctl, buildctl). A package none of whose Go files imports such a library or names such a command as a Go string
(a word of its own: a CLI's `"DOCKER_REGISTRY"` setting is none) builds no image from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# an import path of a library that builds or runs images
_BUILDER_IMPORT_RE = re.compile(
    r'"github\.com/(?:testcontainers/testcontainers-go|ory/dockertest|docker/docker/|docker/cli/|docker/go-docker'
    r"|moby/moby/|moby/buildkit/client|fsouza/go-dockerclient|containers/buildah|containers/podman/"
    r"|GoogleContainerTools/kaniko)"
)
# a Go string that is such a command, alone or leading a command line (`"docker build -t x ."`)
_BUILDER_COMMAND_RE = re.compile(
    r'["`](?:[\w./-]*/)?(?:docker|podman|buildah|kaniko|kaniko/executor|nerdctl|buildctl)(?:\s[^"`\n]*)?["`]'
)


def builds_images(texts: Iterable[str]) -> bool:
    """Whether any of a package's Go files (their texts) imports an image builder or names a build command."""
    return any(_BUILDER_IMPORT_RE.search(text) or _BUILDER_COMMAND_RE.search(text) for text in texts)
