"""Secrets: registry tokens never follow a redirect to another origin; no password or token ever reaches a log."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from ecr_mirror.errors import AuthError
from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.lab.tokenserver import Grant, TokenServer
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.credentials import Credentials, CredentialStore
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import Transport
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import DIGEST_IN_PATH, FAST, blob_file, first, is_blob_get, job, run, tag_digest

ROOT = Path(__file__).resolve().parents[2]
USER = "hub-user"
PASSWORD = "pw-Zq8rT2vLx9-not-for-logs"  # unique enough to grep for
MiB = 1024 * 1024


class RecordingTokenServer(TokenServer):
    """A TokenServer that remembers every token it minted, to look for them where they must not be."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.minted: list[str] = []

    def mint(
        self, grants: Iterable[Grant], subject: str = USER, lifetime: int | None = None, offset: bool = True
    ) -> str:
        token = super().mint(grants, subject, lifetime, offset)
        self.minted.append(token)
        return token


@pytest.fixture
def tokens() -> Iterator[RecordingTokenServer]:
    server = RecordingTokenServer(users={USER: PASSWORD}, public=())  # nothing anonymous: credentials needed
    server.start()
    yield server
    server.stop()


@pytest.fixture
def private_registry(registry_factory: Callable[..., LocalRegistry], tokens: RecordingTokenServer) -> LocalRegistry:
    return registry_factory(token=tokens)


def _cdn_for(registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]) -> InterposingProxy:
    """Another origin serving blobs by signed-looking URLs, straight from the registry's storage."""
    cdn = proxy_factory(None)

    def serve(seen: Seen) -> Action | None:
        found = DIGEST_IN_PATH.search(seen.path)
        if seen.method != "GET" or not found:
            return Action(status=404)
        return Action(status=200, body=blob_file(registry, found.group(0)).read_bytes())

    cdn.rules.append(serve)
    return cdn


def _redirect_blobs_to(cdn: InterposingProxy, host: str = "localhost") -> Callable[[Seen], Action | None]:
    def rule(seen: Seen) -> Action | None:
        found = DIGEST_IN_PATH.search(seen.path)
        if not is_blob_get(seen) or not found:
            return None
        location = f"http://{host}:{cdn.port}/registry-v2/blobs/{found.group(0)}/data?X-Amz-Signature=abc123"
        return Action(status=307, headers={"Location": location})

    return rule


def _secrets(server: RecordingTokenServer) -> list[str]:
    assert server.minted, "the token server minted nothing: the test did not exercise token auth"
    basic = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    signatures = [token.rsplit(".", 1)[1] for token in server.minted]
    return [PASSWORD, basic, *server.minted, *signatures]


def _assert_no_secret(text: str, server: RecordingTokenServer) -> None:
    for secret in _secrets(server):
        assert secret not in text, f"a secret ({secret[:6]}...) appeared in the output"


def _assert_authorization_only_at(proxies: Iterable[InterposingProxy], allowed: InterposingProxy) -> None:
    for proxy in proxies:
        leaked = [s for s in proxy.requests() if "authorization" in s.headers]
        if proxy is allowed:
            assert leaked, "the registry never saw a token: the test did not exercise token auth"
            assert all(s.headers["authorization"].startswith("Bearer ") for s in leaked)
        else:
            assert leaked == [], f"Authorization sent to another origin: {leaked[0].method} {leaked[0].path}"


def _push(registry: LocalRegistry) -> ImageDescription:
    return push_image(registry, "lib/app", oci_index(attestations=True, seed="secret-app"), tags=["1"])


def test_blob_redirect_to_a_cdn_copies_without_sending_the_token_there(
    private_registry: LocalRegistry,
    tokens: RecordingTokenServer,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = _push(private_registry)
    cdn = _cdn_for(private_registry, proxy_factory)
    source = proxy_factory(private_registry.host)
    source.rules.append(_redirect_blobs_to(cdn))
    creds = CredentialStore({source.host: Credentials(USER, PASSWORD)})
    dst = f"{target_registry.host}/m/app:1"
    report = run([job(f"{source.host}/lib/app:1", dst)], creds)
    assert report.images[0].status is Status.COPIED, report.to_dict()
    assert inspect_digest(dst) == desc.digest
    assert len(cdn.requests("GET")) == len(desc.blobs), "the blobs did not come from the CDN"
    _assert_authorization_only_at([source, cdn], allowed=source)


def test_engine_logs_and_report_carry_no_password_or_token(
    private_registry: LocalRegistry,
    tokens: RecordingTokenServer,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _push(private_registry)
    push_image(private_registry, "lib/other", oci_image(seed="secret-other"), tags=["1"])
    cdn = _cdn_for(private_registry, proxy_factory)
    source = proxy_factory(private_registry.host)
    source.rules.append(_redirect_blobs_to(cdn, host="127.0.0.1"))
    challenge = f'Bearer realm="{tokens.realm}",service="{tokens.service}",error="invalid_token"'
    source.rules.insert(0, first(1, is_blob_get, Action(status=401, headers={"WWW-Authenticate": challenge})))
    target = proxy_factory(target_registry.host)
    creds = CredentialStore({source.host: Credentials(USER, PASSWORD)})
    for name in ("", "httpx", "httpcore", "ecr_mirror", "asyncio"):
        caplog.set_level(logging.DEBUG, logger=name)
    report = run(
        [
            job(f"{source.host}/lib/app:1", f"{target.host}/m/app:1"),
            job(f"{source.host}/lib/other:1", f"{target.host}/m/other:1"),
            job(f"{source.host}/lib/missing:1", f"{target.host}/m/missing:1"),
            job(f"{source.host}/lib/app:1", "unreachable.invalid/m/app:1"),
        ],
        creds,
    )
    statuses = [r.status for r in report.images]
    assert statuses == [Status.COPIED, Status.COPIED, Status.FAILED, Status.FAILED], report.to_dict()
    assert any(r.name.startswith("httpcore") for r in caplog.records), "httpcore debug logging was not captured"
    assert len(tokens.minted) >= 3  # pull tokens per repository, plus the one replacing the refused token
    captured = capsys.readouterr()
    everything = "\n".join(
        [caplog.text, *(repr(r.args) for r in caplog.records), captured.out, captured.err, json.dumps(report.to_dict())]
    )
    _assert_no_secret(everything, tokens)
    _assert_no_secret(repr(creds) + repr(report), tokens)
    _assert_authorization_only_at([source, cdn, target], allowed=source)


def test_cli_debug_output_carries_no_password_or_token(
    private_registry: LocalRegistry,
    tokens: RecordingTokenServer,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    tmp_path: Path,
) -> None:
    desc = _push(private_registry)
    cdn = _cdn_for(private_registry, proxy_factory)
    source = proxy_factory(private_registry.host)
    source.rules.append(_redirect_blobs_to(cdn))
    target = proxy_factory(target_registry.host)
    auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    config = tmp_path / "auth.json"
    config.write_text(json.dumps({"auths": {"https://index.docker.io/v1/": {"auth": auth}}}))
    images = tmp_path / "images.txt"
    images.write_text("docker.io/lib/app:1\ndocker.io/lib/missing:1\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), REGISTRY_AUTH_FILE=str(config), HOME=str(tmp_path))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecr_mirror",
            "sync",
            "--images",
            str(images),
            "--to",
            f"{target.host}/mirror",
            "--plain-http",
            "--registry-endpoint",
            f"docker.io={source.host}",
            "-v",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr[-2000:]  # one image copied, one missing
    report = json.loads(result.stdout)
    assert [i["status"] for i in report["images"]] == ["copied", "failed"]
    assert "DEBUG ecr_mirror" in result.stderr, "debug logging was not on"
    assert tag_digest(target_registry.host, "mirror/docker-hub/lib/app", "1") == desc.digest
    _assert_no_secret(result.stdout + result.stderr, tokens)
    _assert_authorization_only_at([source, cdn, target], allowed=source)
    assert all(r.username == USER for r in tokens.requests), "a token request went out without the credentials"


def test_a_challenge_from_a_cdn_hop_never_sends_credentials_to_the_realm_it_names(
    private_registry: LocalRegistry,
    tokens: RecordingTokenServer,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    """A blob CDN answering 401 with its own Bearer realm is not the registry: its challenge is not learned."""
    desc = _push(private_registry)
    push_image(private_registry, "lib/other", oci_image(seed="cdn-other"), tags=["1"])
    realm = proxy_factory(None)  # a token endpoint that records whatever reaches it
    realm.rules.append(lambda seen: Action(status=200, body=b'{"token": "from-the-cdn-realm"}'))
    cdn = _cdn_for(private_registry, proxy_factory)
    challenge = f'Bearer realm="{realm.url}/token",service="cdn"'
    cdn.rules.insert(0, first(1, lambda s: True, Action(status=401, headers={"WWW-Authenticate": challenge})))
    source = proxy_factory(private_registry.host)
    source.rules.append(_redirect_blobs_to(cdn, host="127.0.0.1"))
    blob = desc.blobs[0]

    async def scenario() -> bool:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST)
        auth = RegistryAuth(source.host, Credentials(USER, PASSWORD), transport)
        client = RegistryClient(source.host, transport, auth)
        try:
            with contextlib.suppress(AuthError):  # the CDN's 401 is an answer about this blob, nothing more
                await client.read_blob("lib/app", blob, limit=MiB)
            # A new scope needs a token: it must be asked of the registry's realm, with the credentials.
            return await client.head_manifest("lib/other", "1") is not None
        finally:
            await transport.aclose()

    found = asyncio.run(scenario())
    assert realm.requests() == [], f"a request reached the CDN's realm: {realm.requests()[0].headers}"
    assert found
    _assert_authorization_only_at([source, cdn], allowed=source)
