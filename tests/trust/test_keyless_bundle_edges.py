"""Sigstore bundles at their edges: signed DSSE payloads that are no in-toto statement, reasons and error texts of
the keyless interface (trust roots, rules, a missing `sigstore`), and how a bundle's predicate type is read."""

from __future__ import annotations

import base64
import hashlib
import json
import sys

import pytest
from pydantic import BaseModel, ValidationError

from ecr_mirror.errors import ConfigError
from ecr_mirror.trust.keyless import (
    IdentityRule,
    KeylessResult,
    TrustedRootSource,
    predicate_type_of,
    verify_bundle,
    verify_cosign_keyless,
    verify_cosign_keyless_attestation,
)
from ecr_mirror.trust.sigstore_verify import describe_error
from tests.support.sigstore_world import GITHUB_ISSUER, GOOGLE_ISSUER, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
SLSA = "https://slsa.dev/provenance/v1"
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")


def _check(bundle: bytes, root: TrustedRootSource, rule: IdentityRule = RELEASER) -> KeylessResult:
    return verify_bundle(bundle, subject_digest=DIGEST, rule=rule, trusted_root=root)


def test_a_signed_dsse_payload_of_another_type_is_refused_naming_the_type(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    result = _check(world.dsse_bundle(DIGEST, payload=b"{}", payload_type="text/plain"), root)
    assert result == KeylessResult(False, "DSSE payload type 'text/plain' is not an in-toto statement")


def test_a_signed_in_toto_payload_that_is_not_json_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.dsse_bundle(DIGEST, payload=b"not json"), root)
    assert result.ok is False and result.reason.startswith("signed in-toto statement is not JSON: ")


def test_a_signed_statement_of_another_type_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.dsse_bundle(DIGEST, statement={"_type": "https://example.com/other", "subject": []}), root)
    assert result == KeylessResult(False, "signed payload is not an in-toto statement")


def test_a_signed_statement_without_subjects_is_about_nothing(world: SigstoreWorld, root: TrustedRootSource) -> None:
    statement = {"_type": "https://in-toto.io/Statement/v1", "predicateType": SLSA, "predicate": {}}
    result = _check(world.dsse_bundle(DIGEST, statement=statement), root)
    assert result == KeylessResult(False, f"signed statement is about [], not {DIGEST}")


def test_a_regex_rule_refused_names_the_expression(world: SigstoreWorld, root: TrustedRootSource) -> None:
    rule = IdentityRule(issuer=GITHUB_ISSUER, identity_regex=r"https://github\.com/other/.+")
    result = _check(world.message_bundle(DIGEST, "https://github.com/example/app", GITHUB_ISSUER), root, rule)
    assert not result.ok and f"/{rule.identity_regex}/ from {GITHUB_ISSUER}" in result.reason


class _Four(BaseModel):
    a: int
    b: int
    c: int
    d: int


class _Outer(BaseModel):
    inner: _Four


def test_errors_are_described_in_one_short_line() -> None:
    with pytest.raises(ValidationError) as caught:
        _Outer.model_validate({"inner": {"a": "x", "b": "x", "c": "x", "d": "x"}})
    assert describe_error(caught.value) == (
        "malformed inner.a: Input should be a valid integer, unable to parse string as an integer; "
        "inner.b: Input should be a valid integer, unable to parse string as an integer; "
        "inner.c: Input should be a valid integer, unable to parse string as an integer"
    )
    with pytest.raises(ValidationError) as whole:
        _Four.model_validate([1])
    assert describe_error(whole.value).startswith("malformed document: ")
    assert describe_error(ValueError("two\n  lines")) == "two lines"
    assert describe_error(ValueError("x" * 300)) == "x" * 300
    assert describe_error(ValueError("x" * 301)) == "x" * 297 + "..."


def _dsse(payload: str) -> bytes:
    return json.dumps({"dsseEnvelope": {"payloadType": "application/vnd.in-toto+json", "payload": payload}}).encode()


def test_a_predicate_type_is_read_only_from_a_strictly_encoded_statement_object() -> None:
    statement = base64.b64encode(json.dumps({"predicateType": SLSA}).encode()).decode()
    assert predicate_type_of(_dsse(statement)) == SLSA
    assert predicate_type_of(_dsse(statement[:4] + "*" + statement[4:])) is None
    assert predicate_type_of(_dsse(base64.b64encode(b'["a list"]').decode())) is None
    assert predicate_type_of(_dsse(base64.b64encode(b'{"predicateType": 5}').decode())) is None


@pytest.mark.parametrize(
    ("source", "described"),
    [
        (TrustedRootSource.from_file("/x/root.json"), "trusted root /x/root.json"),
        (TrustedRootSource.from_json(b"{}"), "the trusted root given as a document"),
        (TrustedRootSource(), "the Sigstore public-good trusted root shipped with the sigstore package"),
    ],
    ids=["file", "document", "public-good"],
)
def test_each_trust_root_source_describes_itself(source: TrustedRootSource, described: str) -> None:
    assert source.describe() == described


def test_a_rule_without_issuer_is_an_error_saying_what_an_issuer_is() -> None:
    with pytest.raises(ConfigError) as caught:
        IdentityRule(issuer="", identity="a@b.c")
    assert str(caught.value) == "a keyless rule needs an issuer (the OIDC issuer URL of the signer's certificate)"


def test_without_sigstore_the_error_carries_the_import_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [
        m for m in sys.modules if m == "sigstore" or m.startswith(("sigstore.", "ecr_mirror.trust.sigstore_"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "ecr_mirror.trust.keyless_cosign", raising=False)
    monkeypatch.delitem(sys.modules, "ecr_mirror.trust.keyless_attest", raising=False)
    monkeypatch.setitem(sys.modules, "sigstore", None)
    expected = (
        r"^keyless verification needs the sigstore package, which cannot be imported \(.*sigstore.*\): "
        r"install ecr-mirror with its lambda extra \(pip install 'ecr-mirror\[lambda\]'\)$"
    )
    with pytest.raises(ConfigError, match=expected):
        verify_bundle(b"{}", subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource())
    with pytest.raises(ConfigError, match=expected):
        verify_cosign_keyless(b"{}", {}, subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource())
    with pytest.raises(ConfigError, match=expected):
        verify_cosign_keyless_attestation(
            b"{}", {}, subject_digest=DIGEST, predicate_type="p", rule=RELEASER, trusted_root=TrustedRootSource()
        )


def test_every_refusal_is_ok_false_not_merely_falsy(world: SigstoreWorld, root: TrustedRootSource) -> None:
    other = "sha256:" + hashlib.sha256(b"another image").hexdigest()
    refusals = [
        _check(b"{}", root),
        verify_bundle(
            world.message_bundle(DIGEST), subject_digest=DIGEST, rule=RELEASER, trusted_root=root, predicate_type=SLSA
        ),
        _check(world.message_bundle(DIGEST, "intruder@example.com"), root),
        verify_bundle(
            world.dsse_bundle(DIGEST, SLSA),
            subject_digest=DIGEST,
            rule=RELEASER,
            trusted_root=root,
            predicate_type="https://spdx.dev/Document",
        ),
    ]
    for payload, notes in (world.cosign_signature(DIGEST, "intruder@example.com"), world.cosign_signature(other)):
        refusals.append(verify_cosign_keyless(payload, notes, subject_digest=DIGEST, rule=RELEASER, trusted_root=root))
    assert [result.ok for result in refusals] == [False] * 6, [result.reason for result in refusals]
