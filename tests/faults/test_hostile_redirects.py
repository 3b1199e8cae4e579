"""Hostile upstreams steering us where we must not go: token realms, redirects and upload locations pointing at
forbidden addresses or other hosts."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from ecr_mirror.errors import SecurityError
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.credentials import Credentials, CredentialStore
from ecr_mirror.oci.policy import UrlPolicy
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, is_blob_get, job, nothing_tagged, one, run, tag_digest

MiB = 1024 * 1024


# -- URLs that steer us where we must not go -------------------------------------------------------------------------

BAD_URLS = {
    "plain-http-remote": ("http://registry.example.com/token", "plain HTTP"),
    "metadata-v4": ("http://169.254.169.254/latest/meta-data/", "link-local"),
    "metadata-v4-https": ("https://169.254.169.254/latest/api/token", "link-local"),
    "metadata-v6": ("https://[fd00:ec2::254]/latest/meta-data/", "link-local"),
    "metadata-decimal": ("https://2852039166/latest/meta-data/", "link-local"),
    "metadata-hex": ("https://0xa9fea9fe/latest/meta-data/", "link-local"),
    "metadata-short": ("https://169.254.43518/latest/meta-data/", "link-local"),
    "metadata-name": ("https://metadata.google.internal/computeMetadata/v1/", "metadata"),
    "ecs-task-metadata": ("http://169.254.170.2/v2/credentials/x", "link-local"),
    "file": ("file:///etc/passwd", "only http(s)"),
    "ftp": ("ftp://127.0.0.1/token", "only http(s)"),
}


def _challenge_with_realm(realm: str) -> Callable[[Seen], Action | None]:
    def rule(seen: Seen) -> Action | None:
        if "authorization" in seen.headers or not seen.path.startswith("/v2/"):
            return None
        return Action(status=401, headers={"WWW-Authenticate": f'Bearer realm="{realm}",service="hostile"'})

    return rule


@pytest.fixture(scope="module")
def steered(registry_binary: str) -> Iterator[tuple[LocalRegistry, LocalRegistry]]:
    """A source holding lib/steer:1 and an empty target, shared by the many URL-steering cases (fast)."""
    source, target = LocalRegistry(binary=registry_binary).start(), LocalRegistry(binary=registry_binary).start()
    push_image(source, "lib/steer", oci_image(seed="steer"), tags=["1"])
    yield source, target
    target.stop()
    source.stop()


@pytest.mark.parametrize("case", list(BAD_URLS), ids=list(BAD_URLS))
def test_token_realm_pointing_somewhere_forbidden_is_refused(
    case: str, steered: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    realm, reason = BAD_URLS[case]
    source_registry, target_registry = steered
    source = proxy_factory(source_registry.host)
    source.rules.append(_challenge_with_realm(realm))
    creds = CredentialStore({source.host: Credentials("hub-user", "hub-password")})
    result = one(run([job(f"{source.host}/lib/steer:1", f"{target_registry.host}/realm/{case}:1")], creds))
    failed_with(result, "token realm refused", reason)
    nothing_tagged(target_registry, f"realm/{case}")


@pytest.mark.parametrize("case", list(BAD_URLS), ids=list(BAD_URLS))
def test_blob_redirect_pointing_somewhere_forbidden_is_refused(
    case: str, steered: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    location, reason = BAD_URLS[case]
    source_registry, target_registry = steered
    source = proxy_factory(source_registry.host)
    source.rules.append(lambda s: Action(status=307, headers={"Location": location}) if is_blob_get(s) else None)
    result = one(run([job(f"{source.host}/lib/steer:1", f"{target_registry.host}/redirect/{case}:1")]))
    failed_with(result, "refused redirect", reason)
    nothing_tagged(target_registry, f"redirect/{case}")
    assert tag_digest(target_registry.host, f"redirect/{case}", "1") is None


def test_endless_redirect_chain_is_cut_off(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/circle", oci_image(seed="loop"), tags=["1"])
    source = proxy_factory(source_registry.host)

    def loop(seen: Seen) -> Action | None:
        if seen.path.startswith("/loop/"):
            return Action(status=302, headers={"Location": f"/loop/{int(seen.path.split('/')[2]) + 1}"})
        return Action(status=307, headers={"Location": "/loop/1"}) if is_blob_get(seen) else None

    source.rules.append(loop)
    result = one(run([job(f"{source.host}/lib/circle:1", f"{target_registry.host}/m/circle:1")]))
    failed_with(result, "more than 5 redirects")
    assert len(source.requests("GET", "/loop/")) <= 2 * 5  # two blobs, five hops each, never retried
    nothing_tagged(target_registry, "m/circle")


def test_upload_location_escaping_to_another_host_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/up", oci_image(seed="up"), tags=["1"])
    elsewhere = proxy_factory(None)
    target = proxy_factory(target_registry.host)
    target.rules.append(
        lambda s: (
            Action(status=202, headers={"Location": f"{elsewhere.url}/v2/m/up/blobs/uploads/x?_state=y"})
            if s.method == "POST"
            else None
        )
    )
    result = one(run([job(desc.reference, f"{target.host}/m/up:1")]))
    failed_with(result, "upload location points at another host", "127.0.0.1")
    assert elsewhere.requests() == []
    nothing_tagged(target_registry, "m/up")


def test_upload_post_redirected_to_another_host_never_gets_the_target_credentials(
    source_registry: LocalRegistry, basic_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/steal", oci_image(seed="steal"), tags=["1"])
    thief = proxy_factory(None)
    thief.rules.append(
        lambda s: (
            Action(status=202, headers={"Location": f"{thief.url}/upload/1"})
            if s.method == "POST"
            else Action(
                status=201, headers={"Docker-Content-Digest": s.path.rpartition("digest=")[2].replace("%3A", ":")}
            )
        )
    )
    target = proxy_factory(basic_registry.host)
    target.rules.append(
        lambda s: (
            Action(status=307, headers={"Location": f"{thief.url}/v2/m/steal/blobs/uploads/"})
            if s.method == "POST"
            else None
        )
    )
    user, password = basic_registry.credentials or ("", "")
    creds = CredentialStore({target.host: Credentials(user, password)})
    result = one(run([job(desc.reference, f"{target.host}/m/steal:1")], creds))
    failed_with(result, "upload location points at another host")
    assert [s for s in thief.requests() if "authorization" in s.headers] == [], "credentials went to another host"
    assert thief.requests("PUT") == [], "blob bytes were uploaded to another host"
    assert tag_digest(basic_registry.host, "m/steal", "1", auth=(user, password)) is None


def test_plain_http_and_loopback_exceptions_only_under_plain_http() -> None:
    strict, lab = UrlPolicy(plain_http=False), UrlPolicy(plain_http=True)
    for url in ("http://127.0.0.1:5000/v2/", "http://localhost/token", "http://[::1]:80/v2/"):
        with pytest.raises(SecurityError, match="needs --plain-http"):
            strict.check(url, "test")
        assert lab.check(url, "test").scheme == "http"
    for url in ("http://10.0.0.5/v2/", "http://registry.example.com/v2/", "http://127.0.0.1.nip.io/v2/"):
        with pytest.raises(SecurityError, match="only for loopback"):
            lab.check(url, "test")
    assert lab.base_url("registry.example.com") == "https://registry.example.com"
    assert strict.base_url("127.0.0.1:5000") == "https://127.0.0.1:5000"
    for url in ("https://169.254.169.254/", "https://[::ffff:169.254.169.254]/", "https://2852039166/"):
        with pytest.raises(SecurityError, match="link-local"):
            lab.check(url, "test")
