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
