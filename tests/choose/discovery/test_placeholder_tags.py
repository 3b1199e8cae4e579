"""A tag written as an all-caps name with an underscore (`app:APP_VERSION`) is a placeholder a deployment step fills
in (`sed -i "s/APP_VERSION/${version}/"`), not a tag: unresolved with the reason, never listed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import build_listing, classify, familiar
from ecr_mirror.choose.naming import REGISTRY_ALIASES

PUBLIC = frozenset(REGISTRY_ALIASES)


def test_an_all_caps_tag_with_an_underscore_is_a_placeholder() -> None:
    verdict = classify(Found("ghcr.io/acme/server:SERVER_VERSION", "deploy/aws/compose.yml", 9), public=PUBLIC)
    assert verdict.status == "unresolved"
    assert verdict.reason == (
        "SERVER_VERSION is a placeholder a deployment step fills in (an all-caps name with an underscore), not a tag"
    )


def test_real_tags_with_capitals_stay_listed() -> None:
    found = [
        Found(text, "compose.yml", line)
        for line, text in enumerate(
            ["minio/minio:RELEASE.2024-01-16T16-07-38Z", "acme/jdk:JDK_17", "acme/app:LATEST", "acme/app:v1_2"], 1
        )
    ]
    listing = build_listing([*found, Found("ghcr.io/acme/server:SERVER_VERSION", "c.yml", 1)], public=PUBLIC)
    assert [familiar(ref) for ref in listing.images] == [
        "acme/app:LATEST",
        "acme/app:v1_2",
        "acme/jdk:JDK_17",
        "minio/minio:RELEASE.2024-01-16T16-07-38Z",
    ]
    assert list(listing.unresolved) == [
        (
            "ghcr.io/acme/server:SERVER_VERSION",
            "SERVER_VERSION is a placeholder a deployment step fills in (an all-caps name with an underscore), "
            "not a tag",
        )
    ]


def test_a_tag_of_only_xs_is_a_placeholder() -> None:
    """docker-library/hello-world's `Dockerfile-windows.template` says `FROM mcr.microsoft.com/windows/nanoserver:XXX`;
    its `update.sh` copies it beside each Windows variant and replaces the whole FROM line with `sed`: `XXX`, the
    writer's conventional filler, is no tag. A tag holding more (`XXL`, `v1-xxx`) is a tag."""
    verdict = classify(
        Found("mcr.microsoft.com/windows/nanoserver:XXX", "Dockerfile-windows.template", 1), public=PUBLIC
    )
    assert verdict.status == "unresolved"
    assert verdict.reason == "XXX is a placeholder a script fills in (a tag of only X's), not a tag"
    assert classify(Found("acme/shirt:XXL", "compose.yml", 1), public=PUBLIC).status == "public"
    assert classify(Found("acme/app:v1-xxx", "compose.yml", 1), public=PUBLIC).status == "public"


def test_a_namespace_or_registry_written_as_your_something_is_a_placeholder() -> None:
    """A sample's manifest says `image: your-repository/secrets-test:latest` (or `yourregistry.azurecr.io/app:v1`,
    `your_dockerhub_id/app`): the reader puts their own registry or account there before applying it. A name that
    only starts so (`yourls:1.9`, `yourls/yourls`, `youruser2/x` is no word of the list) stays listed."""
    for text in (
        "your-repository/secrets-test:latest",
        "yourregistry.azurecr.io/app:v1",
        "your_dockerhub_id/app:1.0",
        "docker.io/your-docker-username/web:2",
        "your-org/team/app:3",
    ):
        verdict = classify(Found(text, "deploy/app.yaml", 22), public=PUBLIC)
        assert (verdict.status, verdict.reason) == (
            "unresolved",
            f"{text.removeprefix('docker.io/').split('/')[0]} is a placeholder for the reader's own registry or "
            "account, not one",
        ), text
    for text in ("yourls:1.9", "yourls/yourls:1.9", "acme/your-registry:1"):
        assert classify(Found(text, "deploy/app.yaml", 1), public=PUBLIC).status == "public", text


def test_a_tag_written_as_the_letters_of_a_version_is_a_placeholder() -> None:
    """An install manifest says `image: ghcr.io/acme/controller:vX.Y.Z` under `# replace vX.Y.Z with the version you
    deploy`: semantic versioning's letters (https://semver.org, `X.Y.Z`), the reader's to fill in, no tag a release
    has. A tag with more in it (`v1.x`, `x.y.z-beta`... only the bare letters are filler) stays a tag."""
    for text in ("ghcr.io/acme/controller:vX.Y.Z", "acme/proxy:X.Y.Z", "acme/agent:x.y.z", "acme/cli:vX.Y"):
        verdict = classify(Found(text, "deploy/controller/deployment.yaml", 31), public=PUBLIC)
        assert verdict.status == "unresolved", text
        assert verdict.reason is not None
        assert "placeholder" in verdict.reason
    assert classify(Found("acme/app:v1.x", "compose.yml", 1), public=PUBLIC).status == "public"
    assert classify(Found("acme/app:x.y.z-beta", "compose.yml", 1), public=PUBLIC).status == "public"


def test_a_tag_that_names_itself_a_tag_or_forbids_its_use_is_a_placeholder() -> None:
    """A chart's `tag: do-not-use`, which its release script always replaces (wire-server's `set-wire-server-image-
    version.sh`), a manifest's `image: overview/overview-web:VERSION` that a deploy script fills in, an all-caps name
    with a hyphen (`cassandra:CASSANDRA-TAG`), a project template's `FROM asneg/opcuastack:DockerTag`: no tag of a
    published image. A word tag that is a real one (`SNAPSHOT`, `LATEST`, `stable`) stays listed."""
    for text in (
        "quay.io/wire/brig:do-not-use",
        "overview/overview-web:VERSION",
        "cassandra:CASSANDRA-TAG",
        "asneg/opcuastack:DockerTag",
        "acme/app:image-tag",
        "acme/app:changeme",
    ):
        assert classify(Found(text, "values.yaml", 3), public=PUBLIC).status == "unresolved", text
    for text in ("camunda/camunda:SNAPSHOT", "acme/app:LATEST", "acme/app:stable", "acme/app:tag-1.2", "acme/app:v2"):
        assert classify(Found(text, "values.yaml", 3), public=PUBLIC).status == "public", text


def test_my_registry_and_a_new_tag_are_placeholders() -> None:
    """nginx-gateway-fabric's `deploy/kustomization.yaml` ("replace this with ..."): `newName:
    my-registry/nginx-gateway-fabric`, `newTag: new-tag` (set ZZZX, 2 extras). A first component `my-registry` (`my`
    and what `your` takes) is the reader's registry to put there, as `your-registry` is; a tag `new-tag`, `my-tag`,
    `your-version` names itself a tag. `myapp/server:1` and `mysql:8.4` stay listed."""
    mine = classify(Found("my-registry/nginx-gateway-fabric:1.0", "deploy/kustomization.yaml", 38), public=PUBLIC)
    assert mine.status == "unresolved"
    tagged = classify(
        Found("ghcr.io/nginx/nginx-gateway-fabric:new-tag", "deploy/kustomization.yaml", 39), public=PUBLIC
    )
    assert tagged.status == "unresolved"
    for kept in ("myapp/server:1", "mysql:8.4", "acme/app:newest", "acme/app:v1-new"):
        assert classify(Found(kept, "compose.yml", 1), public=PUBLIC).status == "public", kept
