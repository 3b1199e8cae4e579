"""The function's side of the policy gate, part by part (moto): the policies of a list, keys read from SSM (a file
key refused naming it), the first-seen times on the behind table's items, the trusted root from SSM, and the
trust context of a planner and of a fan-out worker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.errors import TrustError
from ecr_mirror.function.after_run import ENV_BEHIND_TABLE
from ecr_mirror.function.trust_state import (
    ENV_TRUSTED_ROOT,
    FirstSeenTable,
    first_seen_table,
    list_policies,
    load_keys,
    trust_context,
    trusted_root_file,
    worker_trust,
)
from ecr_mirror.lab.signing import generate_key, public_pem
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.trust.first_seen import FirstSeen, Seen
from ecr_mirror.trust.policy import parse_policy

KEY_PARAMETER = "/ecr-mirror/keys/team"
ROOT_PARAMETER = "/ecr-mirror/trusted-root"
ISSUER = "https://accounts.google.com"
D1, D2 = "sha256:" + "1" * 64, "sha256:" + "2" * 64
LIST = (
    "policies:\n"
    f"  team: {{key: 'ssm:{KEY_PARAMETER}'}}\n"
    "  cooling: {minAge: 1h}\n"
    f"  people: {{identity: a@b.c, issuer: '{ISSUER}'}}\n"
    "images:\n"
    "  - {source: a:1, policy: team}\n"
    "  - {source: b:1, policy: cooling}\n"
    "  - {source: c:1, policy: team}\n"
)


def _put_key() -> None:
    pem = public_pem(generate_key()).decode()
    boto3.client("ssm").put_parameter(Name=KEY_PARAMETER, Value=pem, Type="String")


def _images(text: str = LIST) -> Any:
    parsed = parse_image_list(text)
    assert not parsed.errors, parsed.errors
    return parsed


def test_the_policies_of_a_list_once_each_in_order_rules_included() -> None:
    rule = "  - {source: d, tags: {semver: '>=1'}, policy: people}\n"
    images = _images(LIST + rule + "  - {source: e:1, policy: cooling}\n")
    assert [p.name for p in list_policies(images)] == ["team", "cooling", "people"]
    assert list_policies(_images("alpine:3.20\n")) == []


def test_keys_are_read_once_each_from_ssm_and_a_file_key_or_a_missing_one_is_named(aws: None) -> None:
    _put_key()

    class Counting:
        def __init__(self) -> None:
            self.asked: list[str] = []
            self.ssm = boto3.client("ssm")

        def get_parameter(self, **kwargs: Any) -> Any:
            self.asked.append(kwargs["Name"])
            return self.ssm.get_parameter(**kwargs)

    team = parse_policy("team", {"key": f"ssm:{KEY_PARAMETER}"}, "p")
    again = parse_policy("again", {"key": f"ssm:{KEY_PARAMETER}", "minAge": "1h"}, "p")
    local = parse_policy("local", {"key": "cosign.pub"}, "p")
    missing = parse_policy("missing", {"key": "ssm:/nowhere"}, "p")
    ssm = Counting()
    keys = load_keys([team, again, local, missing], ssm=ssm)
    assert ssm.asked == [KEY_PARAMETER, "/nowhere"]
    assert team.key is not None and local.key is not None and missing.key is not None
    assert not isinstance(keys[team.key], TrustError)
    assert str(keys[local.key]) == "key cosign.pub: the function reads keys from awskms:/// or ssm: only, not files"
    assert isinstance(keys[missing.key], TrustError)
    assert str(keys[missing.key]).startswith("key ssm:/nowhere: ParameterNotFound")
    assert load_keys([parse_policy("c", {"minAge": "1h"}, "p")]) == {}


def test_a_parameter_that_holds_no_key_is_named(aws: None) -> None:
    boto3.client("ssm").put_parameter(Name=KEY_PARAMETER, Value="not a key", Type="String")
    team = parse_policy("team", {"key": f"ssm:{KEY_PARAMETER}"}, "p")
    assert team.key is not None
    error = load_keys([team])[team.key]
    assert isinstance(error, TrustError)
    assert str(error).startswith(f"key ssm:{KEY_PARAMETER}")


def _result(source: str, target: str, *, behind: bool = True) -> ImageResult:
    out = ImageResult(source, target, Status.HELD if behind else Status.COPIED)
    out.checked = True
    return out


def test_first_sightings_are_saved_on_the_items_of_images_still_behind_and_read_back(behind_table: str) -> None:
    dynamodb = boto3.client("dynamodb")
    dynamodb.put_item(TableName=behind_table, Item={"target": {"S": "t/a:1"}, "since": {"N": "5"}})
    table = FirstSeenTable(dynamodb, behind_table)
    state = FirstSeen()
    state.since("a:1", D1, 100.25)  # recorded: changed
    state.since("b:1", D2, 200.5)  # recorded, but its image was mirrored
    state.records["c:1"] = Seen(D1, 300.0)  # loaded, unchanged: nothing to write
    # Those with nothing to write come first: each is passed over, and the one after them still written.
    results = [_result("b:1", "t/b:1", behind=False), _result("c:1", "t/c:1"), _result("d:1", "t/d:1")]
    results.append(_result("a:1", "t/a:1"))  # d:1 is behind with no record
    table.save(state, results)

    items = {i["target"]["S"]: i for i in dynamodb.scan(TableName=behind_table)["Items"]}
    assert set(items) == {"t/a:1"}
    assert items["t/a:1"] == {
        "target": {"S": "t/a:1"},
        "since": {"N": "5"},  # the ledger's, kept
        "source": {"S": "a:1"},
        "first_seen_digest": {"S": D1},
        "first_seen": {"N": "100.25"},
    }
    loaded = table.load()
    assert loaded.records == {"a:1": Seen(D1, 100.25)}
    assert loaded.changed == set()

    # An item the ledger has not written yet gets a `since` of now.
    fresh = FirstSeen()
    fresh.since("e:1", D2, 7.0)
    table.save(fresh, [_result("e:1", "t/e:1")])
    item = dynamodb.get_item(TableName=behind_table, Key={"target": {"S": "t/e:1"}})["Item"]
    assert abs(int(item["since"]["N"]) - __import__("time").time()) < 60
    assert item["first_seen"] == {"N": "7.0"}


def test_reading_first_sightings_follows_pages_and_survives_odd_items_and_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Paged:
        def __init__(self, pages: list[Any]) -> None:
            self.pages = pages
            self.requests: list[dict[str, Any]] = []

        def scan(self, **request: Any) -> Any:
            self.requests.append(dict(request))
            page = self.pages.pop(0)
            if isinstance(page, Exception):
                raise page
            return page

    first = {"source": {"S": "a:1"}, "first_seen_digest": {"S": D1}, "first_seen": {"N": "1.5"}}
    second = {"source": {"S": "b:1"}, "first_seen_digest": {"S": D2}, "first_seen": {"N": "2"}}
    client = Paged([{"Items": [first], "LastEvaluatedKey": {"target": {"S": "x"}}}, {"Items": [second]}])
    state = FirstSeenTable(client, "tbl").load()
    assert state.records == {"a:1": Seen(D1, 1.5), "b:1": Seen(D2, 2.0)}
    assert client.requests[0] == {
        "TableName": "tbl",
        "ProjectionExpression": "#s, first_seen_digest, first_seen",
        "ExpressionAttributeNames": {"#s": "source"},
        "FilterExpression": "attribute_exists(first_seen_digest)",
    }
    assert client.requests[1]["ExclusiveStartKey"] == {"target": {"S": "x"}}

    odd = Paged([{"Items": [first, {"source": {"S": "b:1"}, "first_seen_digest": {"S": D2}}]}])
    assert FirstSeenTable(odd, "tbl").load().records == {"a:1": Seen(D1, 1.5)}
    assert "cannot read first-seen times from tbl: unexpected item ('first_seen'); cooling-off counts from now" in [
        r.getMessage() for r in caplog.records
    ]
    bad_number = {**second, "first_seen": {"N": "soon"}}
    assert FirstSeenTable(Paged([{"Items": [bad_number]}]), "tbl").load().records == {}
    denied = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "Scan")
    assert FirstSeenTable(Paged([denied]), "tbl").load().records == {}
    assert "cannot read first-seen times from tbl: AccessDeniedException" in caplog.text


def test_a_write_the_table_refuses_is_logged_and_the_others_still_written(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Refusing:
        def __init__(self) -> None:
            self.updates: list[str] = []

        def update_item(self, **request: Any) -> None:
            self.updates.append(request["Key"]["target"]["S"])
            if len(self.updates) == 1:
                raise ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "UpdateItem")

    state = FirstSeen()
    state.since("a:1", D1, 1.0)
    state.since("b:1", D1, 1.0)
    client = Refusing()
    FirstSeenTable(client, "tbl").save(state, [_result("a:1", "t/a:1"), _result("b:1", "t/b:1")])
    assert client.updates == ["t/a:1", "t/b:1"]
    assert [r.getMessage() for r in caplog.records] == [
        "cannot record the first sighting of t/a:1: ProvisionedThroughputExceededException"
    ]


def test_the_first_seen_table_is_the_behind_table_of_the_environment(aws: None) -> None:
    assert first_seen_table({}) is None
    assert first_seen_table({ENV_BEHIND_TABLE: ""}) is None
    table = first_seen_table({ENV_BEHIND_TABLE: "behind"})
    assert table is not None and table.table == "behind"


def test_the_trusted_root_is_written_to_a_file_and_a_missing_one_is_named(aws: None, tmp_path: Path) -> None:
    boto3.client("ssm").put_parameter(Name=ROOT_PARAMETER, Value='{"mediaType": "root"}', Type="String")
    path = trusted_root_file(ROOT_PARAMETER, directory=str(tmp_path))
    assert Path(path).parent == tmp_path
    assert Path(path).name.startswith("trusted_root.") and path.endswith(".json")
    assert Path(path).read_text(encoding="utf-8") == '{"mediaType": "root"}'
    with pytest.raises(TrustError) as caught:
        trusted_root_file("/nowhere", directory=str(tmp_path))
    assert str(caught.value).startswith("trusted root parameter /nowhere: ParameterNotFound")
    os.remove(path)
    # A SecureString parameter is read decrypted.
    boto3.client("ssm").put_parameter(Name="/secure-root", Value='{"a": 1}', Type="SecureString")
    secure = trusted_root_file("/secure-root", directory=str(tmp_path))
    assert Path(secure).read_text(encoding="utf-8") == '{"a": 1}'


def test_a_planners_trust_context(behind_table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _put_key()
    boto3.client("ssm").put_parameter(Name=ROOT_PARAMETER, Value="{}", Type="String")
    dynamodb = boto3.client("dynamodb")
    dynamodb.put_item(
        TableName=behind_table,
        Item={
            "target": {"S": "t/b:1"},
            "since": {"N": "1"},
            "source": {"S": "docker.io/library/b:1"},
            "first_seen_digest": {"S": D1},
            "first_seen": {"N": "42"},
        },
    )
    table = FirstSeenTable(dynamodb, behind_table)
    images = _images()
    context = trust_context(images, table, dry_run=False, environ={})
    assert context.record is True and context.trusted_root is None
    assert context.first_seen.records == {"docker.io/library/b:1": Seen(D1, 42.0)}
    assert [str(k) for k in context.keys] == [f"ssm:{KEY_PARAMETER}"]
    assert trust_context(images, table, dry_run=True, environ={}).record is False
    assert trust_context(images, None, dry_run=False, environ={}).first_seen.records == {}
    # No minAge policy: the table is not read. No key policy: no key.
    keyed = _images(LIST.replace("policy: cooling", "policy: team"))
    only_keys = trust_context(keyed, table, dry_run=False, environ={})
    assert only_keys.first_seen.records == {}
    assert [str(k) for k in only_keys.keys] == [f"ssm:{KEY_PARAMETER}"]  # every policy with a key: keys loaded
    plain = trust_context(_images("alpine:3.20\n"), table, dry_run=False, environ={})
    assert (plain.keys, plain.first_seen.records) == ({}, {})
    # A trusted root only for keyless policies, from the environment when none is given.
    assert trust_context(images, None, dry_run=False, environ={ENV_TRUSTED_ROOT: ROOT_PARAMETER}).trusted_root is None
    keyless = _images(LIST + "  - {source: k:1, policy: people}\n")
    root = trust_context(keyless, None, dry_run=False, environ={ENV_TRUSTED_ROOT: ROOT_PARAMETER}).trusted_root
    assert root is not None and Path(root).read_text(encoding="utf-8") == "{}"
    monkeypatch.setenv(ENV_TRUSTED_ROOT, ROOT_PARAMETER)
    assert trust_context(keyless, None, dry_run=False).trusted_root is not None


def test_a_workers_trust_context(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _put_key()
    boto3.client("ssm").put_parameter(Name=ROOT_PARAMETER, Value="{}", Type="String")
    team = parse_policy("team", {"key": f"ssm:{KEY_PARAMETER}"}, "p")
    people = parse_policy("people", {"identity": "a@b.c", "issuer": ISSUER}, "p")
    context = worker_trust((team,), {ENV_TRUSTED_ROOT: ROOT_PARAMETER})
    assert context.record is False  # the planner records first sightings, never a worker
    assert context.trusted_root is None
    assert [str(k) for k in context.keys] == [f"ssm:{KEY_PARAMETER}"]
    assert worker_trust((people,), {}).trusted_root is None
    root = worker_trust((team, people), {ENV_TRUSTED_ROOT: ROOT_PARAMETER}).trusted_root
    assert root is not None and Path(root).read_text(encoding="utf-8") == "{}"
    monkeypatch.setenv(ENV_TRUSTED_ROOT, ROOT_PARAMETER)
    assert worker_trust((people,)).trusted_root is not None
