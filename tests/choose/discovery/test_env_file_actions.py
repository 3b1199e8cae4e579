"""env_file_actions: an env-file action step written as the `$GITHUB_ENV` writes of the variables it exports."""

from __future__ import annotations

from ecr_mirror.choose.discovery.env_file_actions import with_env_file_actions

STEP = """\
    steps:
      - name: Load
        uses: artursouza/export-env-action@v2
        with:
          envFile: 'a.env|b.env'
          expand: 'true'
      - run: echo ${{ env.IMAGE }}
"""
FILES = {"a.env": "TAG: 1.2\n", "b.env": 'export IMAGE="alpine:${TAG}"\n'}


def test_the_uses_line_becomes_the_writes_of_every_file() -> None:
    lines = with_env_file_actions(STEP, ".", FILES.get).splitlines()
    assert lines[2] == "        run: printf '%s\\n' 'TAG=1.2' 'IMAGE=alpine:1.2' >> \"$GITHUB_ENV\""
    assert len(lines) == len(STEP.splitlines())


def test_unknown_values_leave_the_step_as_it_is() -> None:
    assert with_env_file_actions(STEP.replace("expand: 'true'", "filter: 'IMAGE'"), ".", FILES.get) == STEP.replace(
        "expand: 'true'", "filter: 'IMAGE'"
    )
    unexpanded = STEP.replace("          expand: 'true'\n", "")
    assert with_env_file_actions(unexpanded, ".", FILES.get) == unexpanded  # `${TAG}` kept as written
    assert with_env_file_actions(STEP, ".", {"a.env": "TAG: 1.2\n"}.get) == STEP  # b.env not in the tree
    other = STEP.replace("artursouza/export-env-action", "acme/other-action")
    assert with_env_file_actions(other, ".", FILES.get) == other
