"""One list per team: the main parameter and every parameter under the list path, read and merged."""

from __future__ import annotations

from collections.abc import Callable

import boto3
import httpx
import pytest

from ecr_mirror.errors import ConfigError
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from tests.support.proxy import InterposingProxy

from .conftest import Invoke
from .helpers import PARAMETER, PARAMETER_CHANGE_EVENT, SCHEDULED_EVENT, refuse_pushes_of, writes

PATH = "/ecr-mirror/images/"
DRY_RUN = {"dry_run": True, "concurrency": 16}


@pytest.fixture
def with_path(function_env: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], None]:
    def configure(hub_host: str, ecr_host: str) -> None:
        function_env(hub_host, ecr_host)
        monkeypatch.setenv("ECR_MIRROR_IMAGES_PATH", PATH)

    return configure


def _put(name: str, text: str) -> None:
    boto3.client("ssm").put_parameter(Name=name, Value=text, Type="String", Overwrite=True)


def _sources(out: dict[str, object]) -> list[str]:
    images = out["images"]
    assert isinstance(images, list)
    return [image["source"] for image in images]


def test_every_parameter_under_the_path_is_merged_with_the_main_one(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    with_path: Callable[[str, str], None],
    invoke: Invoke,
) -> None:
    with_path(seeded_registry.registry.host, ecr_registry.host)
    _put(PARAMETER, "alpine:3.20\n")
    _put(f"{PATH}team-a", "busybox:1.36\nalpine:3.20  # also listed by the platform team\n")
    _put(f"{PATH}team-b/ci", "python:3.12-slim\n")  # nested: the path is read recursively

    out = invoke(DRY_RUN)

    assert sorted(_sources(out)) == [
        "docker.io/library/alpine:3.20",
        "docker.io/library/busybox:1.36",
        "docker.io/library/python:3.12-slim",
    ]
    assert [i["status"] for i in out["images"]] == ["planned"] * 3
    assert out["list_errors"] == []
    (merged,) = out["list_warnings"]  # the identical entry is merged, not an error
    assert (merged["list"], merged["line"]) == (f"SSM parameter {PATH}team-a", 2)
    assert PARAMETER in merged["reason"]
    assert writes(ecr_registry) == 0


def test_conflicting_entries_across_lists_are_list_errors_naming_parameter_and_line(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    with_path: Callable[[str, str], None],
    invoke: Invoke,
) -> None:
    with_path(seeded_registry.registry.host, ecr_registry.host)
    _put(PARAMETER, "images:\n  - source: alpine:3.20\n    platforms: [linux/amd64]\n")
    _put(f"{PATH}team-a", "busybox:1.36\nalpine:3.20\n")  # the whole index under the same tag: a conflict

    out = invoke(DRY_RUN)

    assert sorted(_sources(out)) == ["docker.io/library/alpine:3.20", "docker.io/library/busybox:1.36"]
    (error,) = out["list_errors"]
    assert (error["list"], error["line"], error["text"]) == (f"SSM parameter {PATH}team-a", 2, "alpine:3.20")
    assert f"SSM parameter {PARAMETER} line 2" in error["reason"]


def test_the_path_alone_is_enough_and_nothing_at_all_is_one_clear_error(
    with_path: Callable[[str, str], None], invoke: Invoke
) -> None:
    with_path("127.0.0.1:9", "127.0.0.1:9")
    with pytest.raises(ConfigError, match=f"SSM parameter {PARAMETER} does not exist.*{PATH}"):
        invoke(SCHEDULED_EVENT)


def test_an_edit_under_the_path_is_a_parameter_change_run(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    with_path: Callable[[str, str], None],
    invoke: Invoke,
) -> None:
    with_path(seeded_registry.registry.host, ecr_registry.host)
    _put(f"{PATH}team-a", "busybox:1.36\n")
    event = {**PARAMETER_CHANGE_EVENT, "detail": {**PARAMETER_CHANGE_EVENT["detail"], "name": f"{PATH}team-a"}}

    out = invoke(event)

    assert out["trigger"] == "parameter-change"
    assert [(i["source"], i["status"]) for i in out["images"]] == [("docker.io/library/busybox:1.36", "copied")]


def _tag_many(seeded: Seeded, count: int) -> list[str]:
    """`count` tags of one sample image in the Docker Hub stand-in (one manifest PUT each, no blobs)."""
    registry = seeded.registry
    manifest = httpx.get(
        f"{registry.url}/v2/library/alpine/manifests/3.20",
        headers={"Accept": seeded.images["library/alpine:3.20"].media_type},
    )
    manifest.raise_for_status()
    tags = [f"t{n}" for n in range(count)]
    with httpx.Client() as client:
        for tag in tags:
            put = client.put(
                f"{registry.url}/v2/library/alpine/manifests/{tag}",
                content=manifest.content,
                headers={"Content-Type": manifest.headers["Content-Type"]},
            )
            put.raise_for_status()
    return tags


def test_a_list_over_twenty_one_parameters_is_read_across_pages_and_planned(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    with_path: Callable[[str, str], None],
    invoke: Invoke,
) -> None:
    with_path(seeded_registry.registry.host, ecr_registry.host)
    tags = _tag_many(seeded_registry, 42)
    _put(PARAMETER, "# the teams' lists are under the path\n")
    for team in range(21):  # GetParametersByPath returns at most 10 a page: three pages (10, 10, 1)
        lines = [f"alpine:{tag}" for tag in tags[team * 2 : (team + 1) * 2]]
        _put(f"{PATH}team-{team:02d}", "\n".join(lines) + "\n")

    out = invoke(DRY_RUN)

    assert out["list_errors"] == []
    assert sorted(_sources(out)) == sorted(f"docker.io/library/alpine:{tag}" for tag in tags)
    assert out["summary"]["planned"] == 42
    assert writes(ecr_registry) == 0


def test_deleting_a_teams_list_runs_without_it_and_clears_its_entries_from_the_behind_table(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    with_path: Callable[[str, str], None],
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dynamodb = boto3.client("dynamodb")
    dynamodb.create_table(
        TableName="behind",
        KeySchema=[{"AttributeName": "target", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "target", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    monkeypatch.setenv("ECR_MIRROR_BEHIND_TABLE", "behind")
    with InterposingProxy(ecr_registry.host) as ecr:
        ecr.rules.append(refuse_pushes_of("library/busybox"))  # checked, never mirrors: stays behind
        with_path(seeded_registry.registry.host, ecr.host)
        _put(PARAMETER, "alpine:3.20\n")
        _put(f"{PATH}team-a", "busybox:1.36\n")
        first = invoke(SCHEDULED_EVENT)
        assert [b["source"] for b in first["behind"]] == ["docker.io/library/busybox:1.36"]
        assert len(dynamodb.scan(TableName="behind")["Items"]) == 1

        boto3.client("ssm").delete_parameter(Name=f"{PATH}team-a")
        deleted = {**PARAMETER_CHANGE_EVENT, "detail": {"name": f"{PATH}team-a", "operation": "Delete"}}
        out = invoke(deleted)

    assert out["trigger"] == "parameter-change"
    assert _sources(out) == ["docker.io/library/alpine:3.20"]
    assert out["behind"] == [] and dynamodb.scan(TableName="behind")["Items"] == []
