"""The policy gate in the engine, with a clock the test sets: minAge over a tag the target already holds (it does
not move until the new digest is old enough), attestations through real registries (copied with the image), tag
rules with a default policy, and the source GETs the gate spends."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.choose.naming import target_for
from ecr_mirror.lab.artifacts import cosign_tag
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import SLSA_PROVENANCE, generate_key, public_pem, push_attestation, push_cosign_signature
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import Report
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import parse_reference
from ecr_mirror.trust.first_seen import Seen
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.keys import load_public_key
from ecr_mirror.trust.policy import KeyRef


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _sync(text: str, to: str, context: TrustContext, **options: object) -> Report:
    images = parse_image_list(text)
    assert not images.errors, images.errors
    opts = MirrorOptions(plain_http=True, trust=context, **options)  # type: ignore[arg-type]
    return asyncio.run(mirror_list(images, to, CredentialStore(), opts))


def _at(ref: str) -> str | None:
    try:
        return inspect_digest(ref)
    except Exception:
        return None


def test_min_age_keeps_the_target_tag_on_the_old_digest_until_the_new_one_is_old_enough(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    src = f"{source_registry.host}/team/app:1"
    to = f"{target_registry.host}/m"
    target = str(target_for(parse_reference(src), to))
    old = push_image(source_registry, "team/app", oci_image(seed="old"), tags=["1"]).digest
    clock = Clock()
    context = TrustContext(clock=clock)
    text = f"policies:\n  cooling: {{minAge: 1h}}\ndefaultPolicy: cooling\nimages:\n  - {src}\n"

    (first,) = _sync(text, to, context).images
    assert first.status == "held" and _at(target) is None  # first listed and held: no tag
    clock.now += 3600
    (second,) = _sync(text, to, context).images
    assert second.status == "copied" and _at(target) == old

    new = push_image(source_registry, "team/app", oci_image(seed="new"), tags=["1"]).digest
    clock.now += 60
    (third,) = _sync(text, to, context).images
    assert third.status == "held" and third.eligible_at == "2027-01-15T10:01:00.000Z"
    assert (third.detail or "").startswith("held until 2027-01-15T10:01:00.000Z by policy ")
    assert third.upstream_digest == new and third.previous_digest == old
    assert _at(target) == old  # held: the tag stays on the last digest that passed
    clock.now += 3600
    (fourth,) = _sync(text, to, context).images
    assert fourth.status == "copied" and _at(target) == new


def test_attested_image_is_copied_with_signature_and_attestation_a_missing_one_holds(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    signer = generate_key("p384")
    ref = KeyRef("file", "release.pub")
    context = TrustContext(keys={ref: load_public_key(public_pem(signer), "key release.pub")})
    to = f"{target_registry.host}/m"
    built = push_image(source_registry, "team/built", oci_image(seed="built"), tags=["1"]).digest
    push_cosign_signature(source_registry, "team/built", built, signer)
    push_attestation(source_registry, "team/built", built, signer, SLSA_PROVENANCE)
    bare = push_image(source_registry, "team/bare", oci_image(seed="bare"), tags=["1"]).digest
    push_cosign_signature(source_registry, "team/bare", bare, signer)
    text = (
        f"policies:\n  provenance: {{key: release.pub, attestations: [{SLSA_PROVENANCE}]}}\n"
        f"defaultPolicy: provenance\nimages:\n  - {source_registry.host}/team/built:1\n"
        f"  - {source_registry.host}/team/bare:1\n"
    )
    built_result, bare_result = _sync(text, to, context).images
    assert built_result.status == "copied", built_result.error
    target = str(target_for(parse_reference(f"{source_registry.host}/team/built:1"), to)).rsplit(":", 1)[0]
    assert _at(f"{target}:1") == built
    for suffix in (".sig", ".att"):
        tag = cosign_tag(built, suffix)
        assert _at(f"{target}:{tag}") == _at(f"{source_registry.host}/team/built:{tag}")
    assert bare_result.status == "held" and f"no {SLSA_PROVENANCE} attestation" in (bare_result.held_reason or "")
    assert bare_result.detail == f"held by policy provenance: no {SLSA_PROVENANCE} attestation for {bare}"


def test_tag_rule_under_a_signing_policy_copies_only_the_signed_tags(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    signer = generate_key("ed25519")
    ref = KeyRef("file", "k.pub")
    context = TrustContext(keys={ref: load_public_key(public_pem(signer), "key k.pub")})
    for tag in ("1.0.0", "1.1.0", "1.2.0"):
        digest = push_image(source_registry, "team/lib", oci_image(seed=tag), tags=[tag]).digest
        if tag != "1.2.0":
            push_cosign_signature(source_registry, "team/lib", digest, signer)
    text = (
        "policies:\n  signed: {key: k.pub}\nimages:\n"
        f"  - source: {source_registry.host}/team/lib\n    tags: {{semver: '>=1'}}\n    policy: signed\n"
    )
    report = _sync(text, f"{target_registry.host}/m", context)
    statuses = {r.source.rsplit(":", 1)[-1]: r.status for r in report.images}
    assert statuses == {"1.0.0": "copied", "1.1.0": "copied", "1.2.0": "held"}
    assert all(r.policy == "signed" for r in report.images)
    assert not report.failed


def test_dry_run_judges_age_only_and_spends_no_source_manifest_get(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    signer = generate_key()
    key = load_public_key(public_pem(signer), "k")
    context = TrustContext(keys={KeyRef("file", "k.pub"): key}, clock=Clock(), record=False)
    push_image(source_registry, "team/app", oci_image(seed="dry"), tags=["1"])
    text = (
        "policies:\n  both: {key: k.pub, minAge: 2s}\n"
        f"images:\n  - {{source: {source_registry.host}/team/app:1, policy: both}}\n"
    )
    source_registry.reset_counts()
    (held,) = _sync(text, f"{target_registry.host}/m", context, dry_run=True).images
    assert held.status == "held" and held.detail and held.detail.startswith("would be held until")
    assert not context.first_seen.records  # a dry run records nothing
    assert source_registry.request_counts()[("GET", "manifest")] == 0


def test_a_hostile_signature_tag_fails_the_image_without_copying_it(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    from ecr_mirror.lab.signing import cosign_manifest, signed_signature

    signer = generate_key()
    context = TrustContext(keys={KeyRef("file", "k.pub"): load_public_key(public_pem(signer), "k")})
    digest = push_image(source_registry, "team/app", oci_image(seed="hostile"), tags=["1"]).digest
    many = [signed_signature(digest, signer, signs=f"sha256:{i:064x}") for i in range(65)]
    push_image(source_registry, "team/app", cosign_manifest(many), [cosign_tag(digest)])
    src = f"{source_registry.host}/team/app:1"
    text = f"policies:\n  signed: {{key: k.pub}}\nimages:\n  - {{source: {src}, policy: signed}}\n"
    (result,) = _sync(text, f"{target_registry.host}/m", context).images
    assert result.status == "failed" and "65 layers (limit 64)" in (result.error or "")
    assert _at(str(target_for(parse_reference(src), f"{target_registry.host}/m"))) is None


def test_each_tag_keeps_its_own_first_sighting_and_a_digest_pin_is_not_aged(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    """The first-seen state has one record per source tag (its digest, since when); a pin (the digest is the age
    decision) is neither held nor recorded."""
    host, to = source_registry.host, f"{target_registry.host}/m"
    a = push_image(source_registry, "team/a", oci_image(seed="seen-a"), tags=["1"]).digest
    b = push_image(source_registry, "team/b", oci_image(seed="seen-b"), tags=["1"]).digest
    pinned = push_image(source_registry, "team/pin", oci_image(seed="seen-pin"), tags=["1"]).digest
    clock = Clock()
    context = TrustContext(clock=clock)
    images = f"  - {host}/team/a:1\n  - {host}/team/b:1\n  - {host}/team/pin@{pinned}\n"
    text = f"policies:\n  cooling: {{minAge: 1h}}\ndefaultPolicy: cooling\nimages:\n{images}"

    report = _sync(text, to, context)

    assert [r.status for r in report.images] == ["held", "held", "copied"], report.to_dict()
    assert context.first_seen.records == {
        f"{host}/team/a:1": Seen(a, clock.now),
        f"{host}/team/b:1": Seen(b, clock.now),
    }
    clock.now += 3600
    assert [r.status for r in _sync(text, to, context).images] == ["copied", "copied", "skipped"]


def test_a_dry_run_says_what_it_would_copy_and_that_signatures_are_checked_only_when_copying(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    context = TrustContext(keys={KeyRef("file", "k.pub"): load_public_key(public_pem(generate_key()), "k")})
    host, to = source_registry.host, f"{target_registry.host}/m"
    push_image(source_registry, "team/signed", oci_image(seed="dry-signed"), tags=["1"])
    push_image(source_registry, "team/plain", oci_image(seed="dry-plain"), tags=["1"])
    plain_target = target_for(parse_reference(f"{host}/team/plain:1"), to)
    held = push_image(target_registry, plain_target.repository, oci_image(seed="dry-old"), tags=["1"]).digest
    text = (
        "policies:\n  signed: {key: k.pub}\n"
        f"images:\n  - {{source: {host}/team/signed:1, policy: signed}}\n  - {host}/team/plain:1\n"
    )
    signed, plain = _sync(text, to, context, dry_run=True).images
    assert (signed.status, plain.status) == ("planned", "planned")
    assert signed.detail == "would copy (target tag absent); if its signatures verify (checked when copying)"
    assert plain.detail == f"would copy (target has {held})"
