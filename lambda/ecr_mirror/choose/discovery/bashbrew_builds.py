"""The tags of its own official image that a docker-library-style tree builds in the CI job that uses them (pure).

An official-image source tree (docker-library/buildpack-deps, docker-library/docker, rabbitmq) has a
`generate-stackbrew-library.sh` that writes its bashbrew library file, and its GitHub Actions workflow runs
bashbrew's `github-actions/generate.sh`, which builds the matrix of CI jobs from that file. generate.sh names the
library after the GitHub repository (`image="${GITHUB_REPOSITORY##*/}"`), chains a tag whose parent is a tag of
that same image into the parent's job (`bashbrew parents ... | grep "^${tag%%:*}:"`), and pulls only the job's
`froms` less its own `tags` (https://github.com/docker-library/bashbrew/blob/master/scripts/github-actions/generate.sh):
`FROM buildpack-deps:bookworm-curl` in `debian/bookworm/scm/Dockerfile` is built in the job before it, never pulled.
The repository's name is read from the library file's `GitRepo:` line, which the script prints for that repository.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping

from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found
from ecr_mirror.oci.reference import DOCKER_HUB, reference_or_none

_LIBRARY_SCRIPT = "generate-stackbrew-library.sh"
_GENERATE_RE = re.compile(r"github-actions/generate\.sh(?![\w.-])")
_GIT_REPO_RE = re.compile(r"^\s*GitRepo:\s*https?://\S+/([A-Za-z0-9._-]+?)(?:\.git)?/?\s*$", re.MULTILINE)


def bashbrew_image(texts: Mapping[str, str]) -> tuple[str, str, int] | None:
    """(the image the tree's bashbrew CI builds, the file running generate.sh, its line), when a file of the tree
    runs bashbrew's `github-actions/generate.sh` and a `generate-stackbrew-library.sh` names one `GitRepo:`."""
    names = {
        match.group(1).lower()
        for shown, text in texts.items()
        if os.path.basename(shown) == _LIBRARY_SCRIPT
        for match in _GIT_REPO_RE.finditer(text)
    }
    if len(names) != 1:
        return None
    for shown, text in sorted(texts.items()):
        if os.path.basename(shown) != _LIBRARY_SCRIPT and (match := _GENERATE_RE.search(text)):
            return names.pop(), shown, text.count("\n", 0, match.start()) + 1
    return None


def bashbrew_marked(found: Iterable[Found], texts: Mapping[str, str]) -> list[Found]:
    """`found`, each Dockerfile's use of a tag of the image the tree's bashbrew CI builds (`bashbrew_image`) marked
    built in the job that uses it; every other use as it was."""
    image = bashbrew_image(texts)
    if image is None:
        return list(found)
    name, origin, line = image
    where = f"bashbrew's generate.sh (a tag of this repository's image, built in the same job) at {origin}:{line}"
    out: list[Found] = []
    for item in found:
        ref = reference_or_none(item.text) if item.problem is None and item.built is None else None
        own = ref is not None and ref.registry == DOCKER_HUB and ref.repository == f"library/{name}"
        out.append(dataclasses.replace(item, built=where) if own and item.kind == DOCKERFILE_KIND else item)
    return out
