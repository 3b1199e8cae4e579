"""The policy gate in the function (moto + local registries): keys from KMS and SSM, held and rejected images
with their metrics and EventBridge events, the tag at the target unmoved, and minAge's first sighting kept in the
behind table between runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

from ecr_mirror.function.environment import ENV_FANOUT_ABOVE, ENV_WORK_QUEUE
from ecr_mirror.lab.artifacts import COSIGN_SIGNATURE_LAYER, cosign_tag
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import (
    SignedPayload,
    cosign_manifest,
    generate_key,
    public_pem,
    push_cosign_signature,
    simple_signing_payload,
)

from .conftest import BEHIND_TABLE as TABLE
from .conftest import EventReader, Invoke
from .fanout_support import make_queues
from .helpers import ECR_CREDENTIALS, ECR_HOST, SCHEDULED_EVENT, emf_metrics, mirrored

KEY_PARAMETER = "/ecr-mirror/keys/team"


def _at_target(ecr: LocalRegistry, source: str) -> str | None:
    from ecr_mirror.lab.skopeo import inspect_digest

    try:
        return inspect_digest(f"{ecr.host}/{mirrored(source)}", creds=ECR_CREDENTIALS)
    except Exception:
        return None


def _push(hub: LocalRegistry, name: str, seed: str) -> str:
    return push_image(hub, f"library/{name}", oci_image(seed=seed), tags=["1"]).digest


def _kms_sign(key_id: str, repo: str, digest: str, hub: LocalRegistry) -> None:
    """A signature made by KMS, as `cosign sign --key awskms:///...` makes it."""
    payload = simple_signing_payload(digest)
    signature = boto3.client("kms").sign(
        KeyId=key_id, Message=payload, MessageType="RAW", SigningAlgorithm="ECDSA_SHA_256"
    )["Signature"]
    content = cosign_manifest([SignedPayload(COSIGN_SIGNATURE_LAYER, payload, signature)])
    push_image(hub, repo, content, [cosign_tag(digest)])


def test_kms_and_ssm_keys_copy_signed_hold_unsigned_reject_foreign_with_metrics_and_events(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    gate_events: EventReader,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(hub.host, ecr_registry.host)
    kms = boto3.client("kms")
    key_id = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/release", TargetKeyId=key_id)
    team = generate_key("rsa")
    boto3.client("ssm").put_parameter(Name=KEY_PARAMETER, Value=public_pem(team).decode(), Type="String")
    released = _push(hub, "released", "released")
    _kms_sign(key_id, "library/released", released, hub)
    built = _push(hub, "built", "built")
    push_cosign_signature(hub, "library/built", built, team)
    _push(hub, "unsigned", "unsigned")
    foreign = _push(hub, "foreign", "foreign")
    push_cosign_signature(hub, "library/foreign", foreign, generate_key("rsa"))
    put_list(
        "policies:\n"
        "  release: {key: 'awskms:///alias/release'}\n"
        f"  team: {{key: 'ssm:{KEY_PARAMETER}'}}\n"
        "images:\n"
        "  - {source: released:1, policy: release}\n"
        "  - {source: built:1, policy: team}\n"
        "  - {source: unsigned:1, policy: team}\n"
        "  - {source: foreign:1, policy: team}\n"
    )

    out = invoke(SCHEDULED_EVENT)

    statuses = {i["source"].rsplit("/", 1)[-1]: i["status"] for i in out["images"]}
    assert statuses == {"released:1": "copied", "built:1": "copied", "unsigned:1": "held", "foreign:1": "rejected"}
    assert _at_target(ecr_registry, "library/released:1") == released
    assert _at_target(ecr_registry, "library/built:1") == built
    assert _at_target(ecr_registry, "library/unsigned:1") is None
    assert _at_target(ecr_registry, "library/foreign:1") is None
    metrics = emf_metrics(capsys.readouterr().out)
    assert metrics["ImagesHeld"] == 1 and metrics["ImagesRejected"] == 1 and metrics["ImagesCopied"] == 2
    events = {e["type"]: e for e in gate_events()}
    assert set(events) == {"Mirrored Image Held", "Mirrored Image Rejected"}
    assert events["Mirrored Image Rejected"]["upstream_digest"] == foreign
    assert events["Mirrored Image Rejected"]["policy"] == "team"
    assert "no cosign signature" in events["Mirrored Image Held"]["reason"]
    assert {b["status"] for b in out["behind"]} == {"held", "rejected"}


def test_min_age_first_sighting_is_kept_in_the_behind_table(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    behind_table: str,
) -> None:
    function_env(hub.host, ecr_registry.host)
    digest = _push(hub, "young", "young")
    put_list("policies:\n  cooling: {minAge: 1h}\ndefaultPolicy: cooling\nimages:\n  - young:1\n")
    target = f"{ECR_HOST}/{mirrored('library/young:1')}"

    (first,) = invoke(SCHEDULED_EVENT)["images"]
    assert first["status"] == "held" and first["eligible_at"] and first["policy"] == "cooling"
    dynamodb = boto3.client("dynamodb")
    item = dynamodb.get_item(TableName=TABLE, Key={"target": {"S": target}})["Item"]
    assert item["first_seen_digest"]["S"] == digest and "since" in item

    (second,) = invoke(SCHEDULED_EVENT)["images"]
    assert second["status"] == "held" and second["eligible_at"] == first["eligible_at"]  # counted from the record

    seen = float(item["first_seen"]["N"]) - 3601  # as if first seen over an hour ago
    dynamodb.update_item(
        TableName=TABLE,
        Key={"target": {"S": target}},
        UpdateExpression="SET first_seen = :t",
        ExpressionAttributeValues={":t": {"N": repr(seen)}},
    )
    (third,) = invoke(SCHEDULED_EVENT)["images"]
    assert third["status"] == "copied" and _at_target(ecr_registry, "library/young:1") == digest
    assert "Item" not in dynamodb.get_item(TableName=TABLE, Key={"target": {"S": target}})  # mirrored: cleared


def test_a_file_key_in_the_function_fails_its_images_naming_the_key(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
) -> None:
    function_env(hub.host, ecr_registry.host)
    _push(hub, "app", "app")
    put_list("policies:\n  local: {key: cosign.pub}\nimages:\n  - {source: app:1, policy: local}\n")
    (image,) = invoke(SCHEDULED_EVENT)["images"]
    assert image["status"] == "failed" and "key cosign.pub" in image["error"] and "awskms" in image["error"]
    assert _at_target(ecr_registry, "library/app:1") is None


def test_fanned_out_work_items_carry_the_signature_policy_and_the_worker_verifies_it(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    queues = make_queues()
    monkeypatch.setenv(ENV_WORK_QUEUE, queues.url)
    monkeypatch.setenv(ENV_FANOUT_ABOVE, "1")
    function_env(hub.host, ecr_registry.host)
    team = generate_key("p256")
    boto3.client("ssm").put_parameter(Name=KEY_PARAMETER, Value=public_pem(team).decode(), Type="String")
    built = _push(hub, "built", "built")
    push_cosign_signature(hub, "library/built", built, team)
    foreign = _push(hub, "foreign", "foreign")
    push_cosign_signature(hub, "library/foreign", foreign, generate_key("p256"))
    _push(hub, "young", "young")
    put_list(
        f"policies:\n  team: {{key: 'ssm:{KEY_PARAMETER}', minAge: 0s}}\n  cooling: {{minAge: 1h}}\n"
        "images:\n  - {source: built:1, policy: team}\n  - {source: foreign:1, policy: team}\n"
        "  - {source: young:1, policy: cooling}\n"
    )

    plan = invoke(SCHEDULED_EVENT)

    statuses = {i["source"].rsplit("/", 1)[-1]: i["status"] for i in plan["images"]}
    assert statuses == {"built:1": "queued", "foreign:1": "queued", "young:1": "held"}  # the plan judges age
    bodies = {b["source"].rsplit("/", 1)[-1]: b for b in queues.bodies()}
    assert bodies["built:1"]["policies"] == {"team": {"key": f"ssm:{KEY_PARAMETER}"}}
    assert queues.drain() == 2
    assert _at_target(ecr_registry, "library/built:1") == built
    assert _at_target(ecr_registry, "library/foreign:1") is None  # the worker rejected it
    assert queues.messages(queues.dead_letters) == []  # a rejection is not retried: it can never pass


def test_a_newer_trusted_root_is_read_from_ssm_only_for_keyless_policies(
    aws: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from ecr_mirror.choose.imagelist import parse_image_list
    from ecr_mirror.errors import TrustError
    from ecr_mirror.function.trust_state import ENV_TRUSTED_ROOT, trust_context

    keyless = parse_image_list(
        "policies:\n  k8s: {identity: a@b.c, issuer: https://accounts.google.com}\n"
        "images:\n  - {source: alpine, policy: k8s}\n"
    )
    plain = parse_image_list("policies:\n  c: {minAge: 1h}\nimages:\n  - {source: alpine, policy: c}\n")
    env = {ENV_TRUSTED_ROOT: "/sigstore/root"}
    with pytest.raises(TrustError, match="trusted root parameter /sigstore/root"):
        trust_context(keyless, None, dry_run=False, environ=env)  # never falls back to another root
    assert trust_context(plain, None, dry_run=False, environ=env).trusted_root is None  # not read at all
    boto3.client("ssm").put_parameter(Name="/sigstore/root", Value='{"mediaType": "root"}', Type="String")
    context = trust_context(keyless, None, dry_run=False, environ=env)
    assert context.trusted_root is not None
    with open(context.trusted_root, encoding="utf-8") as handle:
        assert handle.read() == '{"mediaType": "root"}'
