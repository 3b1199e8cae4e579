"""Which file names are Dockerfiles and Jenkinsfiles (pure), for kinds.kind_of."""

from __future__ import annotations

import re

DOCKERFILE_DIRECTORIES = ("dockerfiles", "containerfiles")  # `dockerfiles/fedora-41`: one per name, `--file`
# `Dockerfile`, `Dockerfile.*`, `Dockerfile-*`, `Dockerfile_*`, `*.Dockerfile`, and the same of `Containerfile`
_DOCKERFILE_NAME_RE = re.compile(r"(?:docker|container)file(?:[._-].*)?|.*\.(?:docker|container)file")
# ... read when, after comments and blank lines, they start with an upper-case FROM or ARG, as Dockerfiles do; so
# is a source named like a Dockerfile (tilt's `internal/dockerfile/dockerfile_test.go`, a parser's test inputs) or a
# docs page (unkey's `docs/product/builds/dockerfile.mdx`: a fenced `FROM node:lts-alpine` example)
SOURCES = (".go", ".py", ".js", ".ts", ".java", ".kt", ".rs", ".rb", ".cs", ".txt", ".md", ".mdx", ".rst", ".adoc")


def is_dockerfile_name(name: str) -> bool:  # not YAML (`dockerfile-checks.lock.yml`), nor a diff (`dockerfile.patch`)
    """Whether a lower-cased file name is a Dockerfile's."""
    not_dockerfiles = (".dockerignore", ".yml", ".yaml", ".patch", ".diff")  # a patch's context lines name stages
    return _DOCKERFILE_NAME_RE.fullmatch(name) is not None and not name.endswith(not_dockerfiles)


def is_jenkinsfile_name(name: str) -> bool:
    """`Jenkinsfile`, `Jenkinsfile.release`, `Jenkinsfile-nightly`, `ci.jenkinsfile`; `*.groovy` (read only when it
    looks like a pipeline: kinds.images_in)."""
    if name.endswith((".md", ".txt", ".rst")):
        return False
    return (
        name == "jenkinsfile"
        or name.startswith(("jenkinsfile.", "jenkinsfile-", "jenkinsfile_"))
        or name.endswith((".jenkinsfile", ".groovy"))
    )
