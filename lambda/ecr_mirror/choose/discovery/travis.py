"""Travis CI's `.travis.yml` (pure).

Travis reads `.travis.yml` at the repository's root; each job runs its phases' commands (`before_install`,
`install`, `before_script`, `script`, `after_success`, `after_failure`, `before_deploy`, `after_deploy`,
`after_script`, also in the entries of `jobs.include`) in order on a virtual machine
(https://docs.travis-ci.com/user/job-lifecycle/): they are read as the steps of other CI files
(cli/discover_scripts.py), so a `docker run` there pulls. Its `services:` list names services Travis starts on the
VM (`docker`, `postgresql`, `redis-server`: https://docs.travis-ci.com/user/docker/,
https://docs.travis-ci.com/user/database-setup/), no images: the file has no image of its own, and it is no GitLab
CI file, whose `services:` are images (osixia/docker-openldap's `services: [docker]` is not `docker:latest`).
"""

from __future__ import annotations

from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found

NAMES = frozenset({".travis.yml", ".travis.yaml"})


def is_travis_file(path: str | PurePath) -> bool:
    return PurePath(path).name.lower() in NAMES


def travis_images(text: str, origin: str) -> list[Found]:
    """No image of its own (its commands are read with the CI steps)."""
    del text, origin
    return []
