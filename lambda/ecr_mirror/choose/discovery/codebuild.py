"""AWS CodeBuild build specifications: `buildspec.yml`, `buildspec-release.yaml`, `ci/integration-buildspec.yml`
(pure).

https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html: CodeBuild reads `buildspec.yml` at the
source's root by default, and a project may name another file (any name; those with `buildspec` in it are read
here). A build specification is a mapping with a `version` and `phases`; the shell commands of its phases
(`install`, `pre_build`, `build`, `post_build`: `commands` and `finally`) run in the build's environment, with the
spec's `env.variables` as variables: they are read as the steps of other CI files (cli/discover_scripts.py), so the
`docker pull`/`docker run` lines pull and the images `docker build -t` names are built here. The build's own
environment image is a setting of the CodeBuild project, not written in the spec. A `buildspec.yml` of another
tool, without `version` and `phases` at its top, is read as other YAML.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_sources import yaml_images

_NAME_RE = re.compile(r"buildspec[\w.-]*\.ya?ml$")
_VERSION_RE = re.compile(r"^version:", re.MULTILINE)
_PHASES_RE = re.compile(r"^phases:", re.MULTILINE)


def is_buildspec_name(path: str | PurePath) -> bool:
    """`buildspec.yml`, `buildspec*.y*ml`, `*buildspec*.y*ml` (any case)."""
    return _NAME_RE.search(PurePath(path).name.lower()) is not None


def is_buildspec(text: str) -> bool:
    """A build specification: `version` and `phases` keys at the top of the mapping."""
    return _VERSION_RE.search(text) is not None and _PHASES_RE.search(text) is not None


def codebuild_images(text: str, origin: str) -> list[Found]:
    """No image of its own (its commands are read with the CI steps); another tool's file as other YAML."""
    return [] if is_buildspec(text) else yaml_images(text, origin)
