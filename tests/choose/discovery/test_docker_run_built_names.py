"""An image a script builds under a variable's name, then runs with a tag written after the variable: the name is
made here (`docker build -t $IMAGE` then `docker run $IMAGE:latest`), not a pull of `server:latest`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

SCRIPT = """\
IMAGE=server
TAGGED=web:1.2
build() {
\tdocker build $TMP_DIR -t $IMAGE >> /dev/null
\tdocker build . -t "$TAGGED"
}
docker run -d --name one $IMAGE:latest >> /dev/null
docker run -d --name two $IMAGE
docker run -d --name three ${TAGGED}
docker run -d --name four $IMAGE:2.0
docker run -d --name five redis:7.4
"""


def test_a_variable_built_here_is_made_here_with_its_implied_tag_and_other_tags_are_pulled() -> None:
    listed = [(item.text, item.line) for item in docker_runs(SCRIPT, "scripts/lifecycle.sh")]
    assert listed == [("server:2.0", 10), ("redis:7.4", 11)]


CI_JOB = """\
docker build -t "$IMAGE:${{ steps.tag_name.outputs.tag }}-amd64" .
docker push "$IMAGE:${{ steps.tag_name.outputs.tag }}-amd64"
docker pull "$IMAGE:${{ steps.tag_name.outputs.tag }}-amd64"
"""

FALLBACK = """\
IMAGE=acme/base:1.4
if ! docker pull $IMAGE; then
  docker build -t $IMAGE .
fi
"""


def test_a_pull_of_a_name_built_here_that_is_known_only_when_it_runs_is_made_here_not_unresolved() -> None:
    # the pull fetches what another job pushed under the name this file builds: made here, not a use to report
    assert docker_runs(CI_JOB, ".github/workflows/release.yml") == []


def test_a_pull_of_a_name_the_file_also_builds_is_a_pull_when_its_value_is_known() -> None:
    # `docker pull` fetches the published image; the build is the other branch, when the pull fails
    listed = [(item.text, item.line, item.problem) for item in docker_runs(FALLBACK, "scripts/base.sh")]
    assert listed == [("acme/base:1.4", 2, None)]
