"""`ecr-mirror discover` on a tree whose build scripts name the image after their arguments (`IMAGE_NAME=
"acme/dbserver:${VERSION}-${EDITION}"`, `docker build -t $IMAGE_NAME`): a Dockerfile of the tree `FROM` a tag of that
repository builds on what the script builds first, so it is not pulled; a compose file naming a tag keeps its
reading, and so does a repository the script names with a variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

_BUILD = """\
#!/bin/bash
# usage: buildImage.sh -v VERSION [-e | -s]
while getopts "hesv:o:" optname; do
  case "$optname" in
    v) VERSION="$OPTARG" ;;
    e) EDITION="ee" ;;
    s) EDITION="se" ;;
  esac
done
IMAGE_NAME="acme/dbserver:${VERSION}-${EDITION}"
if [ -n "$REGISTRY" ]; then
  PUSHED="${REGISTRY}/acme/dbserver:${VERSION}"
fi
cd "$VERSION" && docker build --force-rm=true -t "$IMAGE_NAME" -f Containerfile .
docker tag "$IMAGE_NAME" "$PUSHED"
"""

TREE = {
    "DbServer/dockerfiles/buildImage.sh": _BUILD,
    "DbServer/dockerfiles/21.3.0/Containerfile": "FROM oraclelinux:8-slim\nRUN dnf -y install acme-db\n",
    "DbServer/extensions/patching/Dockerfile": "ARG BASE_IMAGE=acme/dbserver:21.3.0-ee\nFROM ${BASE_IMAGE}\n",
    "Middleware/tools/build.sh": "#!/bin/sh\ndocker build -t acme/middleware:${TAG:-dev} .\n",
    "Middleware/samples/Dockerfile": "FROM acme/middleware:12.2.1\nFROM acme/gateway:2.0\n",
    "DbServer/samples/compose.yaml": "services:\n  db:\n    image: acme/dbserver:19.3.0-ee\n",
    "Other/build.sh": '#!/bin/sh\ndocker build -t "${REGISTRY}/acme/gateway:$TAG" .\n',
}


def test_a_dockerfile_builds_on_a_repository_a_script_builds_under_the_tag_its_run_chooses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(TREE, tmp_path, monkeypatch, capsys)}
    assert ("DbServer/dockerfiles/21.3.0/Containerfile", 1, "oraclelinux:8-slim", "public") in rows
    assert ("DbServer/extensions/patching/Dockerfile", 2, "acme/dbserver:21.3.0-ee", "built-here") in rows
    assert ("Middleware/samples/Dockerfile", 1, "acme/middleware:12.2.1", "built-here") in rows
    assert ("Middleware/samples/Dockerfile", 2, "acme/gateway:2.0", "public") in rows
    assert ("DbServer/samples/compose.yaml", 3, "acme/dbserver:19.3.0-ee", "public") in rows
