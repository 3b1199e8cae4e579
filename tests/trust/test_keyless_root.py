"""The keyless interface around the verifiers: trust roots (shipped, file, document), rules, digests, lazy import."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.errors import ConfigError
from ecr_mirror.trust.keyless import (
    IdentityRule,
    TrustedRootSource,
    verify_bundle,
    verify_cosign_keyless,
    verify_cosign_keyless_attestation,
)
from ecr_mirror.trust.sigstore_verify import load_trusted_root
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve or connect fails the test loudly."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("keyless verification tried to use the network")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def test_the_public_good_root_ships_with_the_package_and_loads_offline(no_network: None) -> None:
    root = load_trusted_root(TrustedRootSource.public_good())
    subjects = {cert.subject.rfc4514_string() for cert in root.get_fulcio_certs()}
    assert "CN=sigstore,O=sigstore.dev" in subjects  # the public-good Fulcio CA
    assert root._inner.tlogs and root._inner.ctlogs


def test_the_public_good_root_refuses_a_local_worlds_signatures_offline(no_network: None) -> None:
    world = SigstoreWorld()
    bundle = verify_bundle(
        world.message_bundle(DIGEST), subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource()
    )
    assert not bundle.ok and "chain" in bundle.reason
    payload, annotations = world.cosign_signature(DIGEST)
    cosign = verify_cosign_keyless(
        payload, annotations, subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource()
    )
    assert not cosign.ok and "signed entry timestamp" in cosign.reason


def test_a_trust_root_given_as_a_document_works_like_the_file(no_network: None) -> None:
    world = SigstoreWorld()
    document = json.dumps(world.trusted_root()).encode()
    result = verify_bundle(
        world.dsse_bundle(DIGEST),
        subject_digest=DIGEST,
        rule=RELEASER,
        trusted_root=TrustedRootSource.from_json(document),
    )
    assert result.ok, result.reason


def test_a_missing_trust_root_file_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "trusted_root.json"
    with pytest.raises(ConfigError, match=str(missing)):
        load_trusted_root(TrustedRootSource.from_file(missing))


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1"}),
        json.dumps({"mediaType": "application/x-other"}),
    ],
)
def test_a_trust_root_file_that_is_not_one_is_an_error_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "trusted_root.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=str(path)):
        verify_bundle(b"{}", subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource.from_file(path))


def test_a_trust_root_without_a_certificate_transparency_log_is_refused(tmp_path: Path) -> None:
    document = SigstoreWorld().trusted_root()
    document["ctlogs"] = []
    with pytest.raises(ConfigError, match="no certificate transparency log"):
        load_trusted_root(TrustedRootSource.from_json(json.dumps(document).encode()))


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"issuer": GOOGLE_ISSUER}, "exactly one of identity and identityRegex"),
        ({"issuer": GOOGLE_ISSUER, "identity": "a@b.c", "identity_regex": ".*"}, "exactly one"),
        ({"issuer": "", "identity": "a@b.c"}, "needs an issuer"),
        ({"issuer": GOOGLE_ISSUER, "identity_regex": "(unclosed"}, "(unclosed"),
    ],
)
def test_a_malformed_rule_is_an_error_naming_it(kwargs: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        IdentityRule(**kwargs)
    assert named in str(caught.value)


@pytest.mark.parametrize("digest", ["", "sha256:abc", "md5:" + "0" * 32, DIGEST.upper(), DIGEST + "\n"])
def test_a_malformed_subject_digest_is_an_error_naming_it(digest: str) -> None:
    with pytest.raises(ValueError, match="subject digest"):
        verify_bundle(b"{}", subject_digest=digest, rule=RELEASER, trusted_root=TrustedRootSource())
    with pytest.raises(ValueError, match="subject digest"):
        verify_cosign_keyless(b"{}", {}, subject_digest=digest, rule=RELEASER, trusted_root=TrustedRootSource())
    with pytest.raises(ValueError, match="subject digest"):
        verify_cosign_keyless_attestation(
            b"{}", {}, subject_digest=digest, predicate_type="p", rule=RELEASER, trusted_root=TrustedRootSource()
        )


def test_importing_the_interface_does_not_import_sigstore() -> None:
    """A list without keyless policies must not pay for sigstore's import (pydantic, TUF, rfc3161...)."""
    probe = (
        "import sys, ecr_mirror.trust.keyless;"
        "print(sorted(m for m in ('sigstore', 'pydantic', 'tuf') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT / "lambda", capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_without_the_sigstore_package_verification_is_an_error_saying_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [
        m for m in sys.modules if m == "sigstore" or m.startswith(("sigstore.", "ecr_mirror.trust.sigstore_"))
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delitem(sys.modules, "ecr_mirror.trust.keyless_cosign", raising=False)
    monkeypatch.setitem(sys.modules, "sigstore", None)  # what an installation without the package looks like
    with pytest.raises(ConfigError, match=r"needs the sigstore package.*ecr-mirror\[lambda\]"):
        verify_bundle(b"{}", subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource())
    with pytest.raises(ConfigError, match="needs the sigstore package"):
        verify_cosign_keyless(b"{}", {}, subject_digest=DIGEST, rule=RELEASER, trusted_root=TrustedRootSource())
