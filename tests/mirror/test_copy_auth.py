"""Bearer token flows (our token server + the real registry) and Basic auth (htpasswd, as ECR uses Basic)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.lab.tokenserver import TokenServer
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.credentials import Credentials, CredentialStore

from .helpers import job, run

LAB = ("lab", "lab-secret")


def test_anonymous_bearer_source_to_basic_target(
    token_server: TokenServer, token_registry: LocalRegistry, basic_registry: LocalRegistry
) -> None:
    desc = push_image(token_registry, "library/app", oci_index(attestations=True, seed="auth1"), tags=["1"])
    token_server.reset()
    creds = CredentialStore({basic_registry.host: Credentials(*LAB)})
    report = run([job(desc.reference, f"{basic_registry.host}/m/app:1")], creds)
    assert report.images[0].status is Status.COPIED, report.to_dict()
    assert inspect_digest(f"{basic_registry.host}/m/app:1", creds=LAB) == desc.digest
    requests = token_server.requests
    assert requests, "the source's Bearer challenge was not followed"
    assert all(r.username is None and not r.authorization for r in requests)  # anonymous, as asked
    assert {s for r in requests for s in r.scopes} == {"repository:library/app:pull"}
    assert token_server.tokens_issued == 1  # one token for the scope, cached for every later request


def test_credentialed_bearer_for_private_repository(
    token_server_factory: Callable[..., TokenServer],
    registry_factory: Callable[..., LocalRegistry],
    target_registry: LocalRegistry,
) -> None:
    server = token_server_factory(public=())  # anonymous users may pull nothing
    private = registry_factory(token=server)
    desc = push_image(private, "team/private", oci_index(attestations=False, seed="auth2"), tags=["v2"])
    dst = f"{target_registry.host}/m/private:v2"

    denied = run([job(desc.reference, dst)])
    assert denied.images[0].status is Status.FAILED
    assert "access denied" in (denied.images[0].error or "")
    assert "no credentials are configured for this registry" in (denied.images[0].error or "")

    server.reset()
    allowed = run([job(desc.reference, dst)], CredentialStore({private.host: Credentials(*LAB)}))
    assert allowed.images[0].status is Status.COPIED, allowed.to_dict()
    assert inspect_digest(dst) == desc.digest
    assert {r.username for r in server.requests} == {"lab"}


def test_basic_target_without_or_with_wrong_credentials(
    seeded_registry: object, basic_registry: LocalRegistry, source_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "library/app", oci_index(attestations=False, seed="auth3"), tags=["1"])
    dst = f"{basic_registry.host}/m/app:1"
    missing = run([job(desc.reference, dst)])
    assert missing.images[0].status is Status.FAILED
    assert "requires a login and no credentials are configured" in (missing.images[0].error or "")
    wrong = run([job(desc.reference, dst)], CredentialStore({basic_registry.host: Credentials("lab", "nope")}))
    assert wrong.images[0].status is Status.FAILED
    assert "rejected the configured username or password" in (wrong.images[0].error or "")
    assert "nope" not in (wrong.images[0].error or "")


def test_a_token_target_is_asked_for_one_pull_push_token_for_a_whole_index(
    token_server: TokenServer, token_registry: LocalRegistry, source_registry: LocalRegistry
) -> None:
    """Every request at the target (the tag's HEAD, the children's HEADs, blob checks, uploads, PUTs) asks for the
    same scope, so one token serves the whole copy; a HEAD asking for `pull` alone would cost a token of its own."""
    desc = push_image(source_registry, "library/app", oci_index(attestations=True, seed="auth-scope"), tags=["1"])
    token_server.reset()
    creds = CredentialStore({token_registry.host: Credentials(*LAB)})
    report = run([job(desc.reference, f"{token_registry.host}/m/app:1")], creds)
    assert report.images[0].status is Status.COPIED, report.to_dict()
    assert {s for r in token_server.requests for s in r.scopes} == {"repository:m/app:pull,push"}
    assert token_server.tokens_issued == 1
    assert inspect_digest(f"{token_registry.host}/m/app:1") == desc.digest


def test_referrers_copied_to_a_token_target_ask_for_the_same_pull_push_token(
    token_server: TokenServer, token_registry: LocalRegistry, source_registry: LocalRegistry
) -> None:
    """The cosign tags and the fallback index are checked and written at the target under the copy's scope too."""
    image = oci_image(seed="auth-scope-refs")
    pushed = push_image(source_registry, "library/app", image, tags=["1"])
    artifacts.push_signature(source_registry, "library/app", image.top)
    artifacts.push_referrer(source_registry, "library/app", artifacts.artifact(image.top, seed="auth-scope-sbom"))
    token_server.reset()
    creds = CredentialStore({token_registry.host: Credentials(*LAB)})
    report = run([replace(job(pushed.reference, f"{token_registry.host}/m/app:1"), referrers=True)], creds)
    (result,) = report.images
    assert result.status is Status.COPIED, report.to_dict()
    assert (result.detail or "").endswith("referrers: 2 found, 2 copied, 0 present, 2 tags written"), result.detail
    assert {s for r in token_server.requests for s in r.scopes} == {"repository:m/app:pull,push"}
    assert token_server.tokens_issued == 1


def test_a_credential_helper_that_gave_nothing_is_named_in_the_access_denied_error(
    basic_registry: LocalRegistry, source_registry: LocalRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desc = push_image(source_registry, "library/app", oci_index(attestations=False, seed="auth-helper"), tags=["1"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    helper = bin_dir / "docker-credential-odd"
    helper.write_text("#!/bin/sh\nprintf '[]'\n")
    helper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"credHelpers": {basic_registry.host: "odd"}}))

    report = run([job(desc.reference, f"{basic_registry.host}/m/app:1")], CredentialStore.from_docker_config(config))

    (result,) = report.images
    assert result.status is Status.FAILED
    host = basic_registry.host
    assert result.error == (
        f"{host} requires a login and no credentials are configured for it "
        f"(credential helper docker-credential-odd (for {host}) answered without a username and secret)"
    )
