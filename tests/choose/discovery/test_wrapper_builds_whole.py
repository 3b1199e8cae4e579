"""Builder scripts and their calls read whole: every form of the positional parameter, the script's own name `$0`,
comments, options before the name, CI files that are and are not GitHub workflows (wrapper_builds.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.wrapper_builds import builder_scripts, wrapper_builds

SCRIPTS = {
    "build-bin/docker/docker_build": 'tag="$1"\ndocker build -t "$tag" .\n',
    "scripts/braced": 'docker build -t "${2}" .\n',
    "scripts/zero": 'docker build -t "$0" .\n',
    "scripts/x-named": 'IMAGEX=$1\ndocker build -t "$IMAGEX" .\n',
    "scripts/plain": "docker build -t acme/tool:1 .\n",
}

WORKFLOW = """\
on: push
env:
  SUFFIX: test
jobs:
  images:
    runs-on: ubuntu-latest
    steps:
      - run: docker/docker_build acme/server:${SUFFIX}
"""

WINDOWS = """\
on: push
jobs:
  images:
    runs-on: ubuntu-latest
    steps:
      - run: docker/docker_build acme/win:${WIN}
        env:
          WIN: '1'
"""


def test_the_positional_parameter_a_script_builds() -> None:
    assert builder_scripts(SCRIPTS) == {"build-bin/docker/docker_build": 1, "scripts/braced": 2, "scripts/x-named": 1}


def test_every_call_form_in_order() -> None:
    texts = {
        "README.md": "nothing here\n",
        "Makefile": (
            "images:\n"
            "\t# build-bin/docker/docker_build acme/commented:1\n"
            "\techo build-bin/docker/docker_build acme/echoed:1\n"
            "\tbuild-bin/docker/docker_build --no-cache acme/make:1\n"
            "\tcd some/dir && build-bin/docker/docker_build acme/after-cd:1\n"
        ),
        ".gitlab-ci.yml": "build:\n  script:\n    - ./build-bin/docker/docker_build acme/gitlab:1\n",
        ".github/workflows/images.yaml": WORKFLOW,
        ".github\\workflows\\win.yml": WINDOWS,
    }
    how = "build-bin/docker/docker_build (docker build $1)"
    assert wrapper_builds({"build-bin/docker/docker_build": 1}, texts) == [
        LocalBuild("acme/make:1", "Makefile", 4, how),
        LocalBuild("acme/after-cd:1", "Makefile", 5, how),
        LocalBuild("acme/gitlab:1", ".gitlab-ci.yml", 3, how),  # a YAML file that is no workflow: a script
        LocalBuild("acme/server:test", ".github/workflows/images.yaml", 8, how),  # the workflow's env
        LocalBuild("acme/win:1", ".github\\workflows\\win.yml", 6, how),
    ]
