"""The repositories a script or Makefile builds under a tag its run chooses, read with the file's assignments."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.run_tagged_builds import RunTaggedBuild, run_tagged_builds, run_tagged_marked


def test_the_repository_is_read_up_to_the_tag_with_the_file_s_assignments() -> None:
    text = """\
IMAGE_NAME="$OPTARG"
if [ -z "$IMAGE_NAME" ]; then
  IMAGE_NAME="acme/cman:$VERSION"
fi
docker build --force-rm=true -t $IMAGE_NAME -f Containerfile .
docker build -t "quay.io/acme/tools:${TAG:-dev}-$(ARCH)" .
docker build -t acme/fixed:1.0 -t "${REGISTRY}/acme/app:${TAG}" -t $UNKNOWN .
docker build -t "alpine:${TAG}-patched" -t docker.io/library/nginx:$TAG .
echo "docker build -t acme/echoed:$TAG ."
"""
    assert run_tagged_builds(text, "build.sh") == [
        RunTaggedBuild("docker.io/acme/cman", "$IMAGE_NAME", "build.sh", 5),
        RunTaggedBuild("quay.io/acme/tools", "quay.io/acme/tools:${TAG:-dev}-$(ARCH)", "build.sh", 6),
    ]


def test_only_a_dockerfile_s_use_of_the_repository_is_marked() -> None:
    texts = {"db/build.sh": 'NAME="acme/db:${V}-${E}"\ndocker build -t "$NAME" .\n'}
    found = [
        Found("acme/db:19.3.0-ee", "ext/Dockerfile", 2, kind="Dockerfile", use="FROM"),
        Found("acme/db:19.3.0-ee", "samples/compose.yaml", 3, kind="compose file", use="image"),
        Found("acme/dbtools:1.0", "ext/Dockerfile", 5, kind="Dockerfile", use="FROM"),
    ]
    marked = run_tagged_marked(found, texts)
    assert marked[0].built == "a build of $NAME (a tag its run chooses) at db/build.sh:2"
    assert [item.built for item in marked[1:]] == [None, None]


def test_a_registry_variable_or_a_computed_tag_is_no_run_chosen_build() -> None:
    text = """\
REGISTRY=docker.io/acme
VERSION=$(git describe --tags --always)
docker build -t "${REGISTRY}/base:${TAG}" images/base
docker build -t "acme/release:${VERSION}" .
"""
    assert run_tagged_builds(text, "hack/images.sh") == []


def test_a_name_reassigned_many_times_is_read_in_a_time_that_grows_with_their_number() -> None:
    # a review found each reading tried every value of the name again four levels deep (200 appends: hours)
    text = "IMAGE=acme/base:$VERSION\n" + "".join(f"IMAGE=${{IMAGE}}-v{n}\n" for n in range(200))
    builds = run_tagged_builds(text + "docker build -t $IMAGE .\n", "build.sh")
    assert {build.repository for build in builds} == {"docker.io/acme/base"}
