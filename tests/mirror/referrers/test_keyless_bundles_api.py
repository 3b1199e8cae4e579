"""Sigstore bundles a source lists only through the referrers API (no fallback tag, as a client pushes them to an
OCI 1.1 registry): the keyless gate reads them there, passes the image signed by the policy's identity, rejects one
signed by another without writing its tag, and refuses a listing whose descriptor disagrees with the manifest."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.artifacts import artifact, push_referrer, referrer_descriptor, referrers_index
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Report, Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.trust.judge import TrustContext
from tests.faults.helpers import tag_digest
from tests.support.proxy import Action, InterposingProxy, Seen
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json"
Proxy = Callable[..., InterposingProxy]


def _listing(repository: str, subject: str, entries: list[dict[str, Any]]) -> Callable[[Seen], Action | None]:
    path = f"/v2/{repository}/referrers/{subject}"

    def answer(seen: Seen) -> Action | None:
        if seen.method == "GET" and seen.path.partition("?")[0] == path:
            body = referrers_index(entries).body
            return Action(status=200, body=body, headers={"Content-Type": mediatypes.OCI_INDEX})
        return None

    return answer


def _signed_image(
    world: SigstoreWorld,
    registry: LocalRegistry,
    proxy: InterposingProxy,
    repository: str,
    identity: str,
    size: int = 0,
) -> str:
    seed = repository.rsplit("/", 1)[-1]
    image = push_image(registry, repository, oci_image(seed=seed), tags=["1"])
    bundle = artifact(oci_image(seed=seed).top, BUNDLE, payload=world.message_bundle(image.digest, identity))
    push_referrer(registry, repository, bundle, fallback=False)
    descriptor = referrer_descriptor(bundle)
    proxy.rules.append(_listing(repository, image.digest, [{**descriptor, "size": descriptor["size"] + size}]))
    return image.digest


def _mirror(proxy: InterposingProxy, target: LocalRegistry, root: Path, names: list[str], extra: str = "") -> Report:
    lines = "".join(f"  - {{source: {proxy.host}/{name}:1, policy: rel{extra}}}\n" for name in names)
    text = f"policies:\n  rel: {{identity: releaser@example.com, issuer: '{GOOGLE_ISSUER}'}}\nimages:\n{lines}"
    images = parse_image_list(text)
    assert not images.errors, images.errors
    options = MirrorOptions(plain_http=True, trust=TrustContext(trusted_root=str(root)))
    return asyncio.run(mirror_list(images, f"{target.host}/m", CredentialStore(), options))


def test_bundles_listed_only_by_the_referrers_api_are_judged(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")
    proxy = proxy_factory(source_registry.host)
    signed = _signed_image(world, source_registry, proxy, "team/good", "releaser@example.com")
    _signed_image(world, source_registry, proxy, "team/evil", "intruder@example.com")

    report = _mirror(proxy, target_registry, root, ["team/good", "team/evil"])
    by_repo = {r.source.rsplit("/", 1)[-1]: r for r in report.images}
    assert by_repo["good:1"].status == Status.COPIED, by_repo["good:1"]
    assert by_repo["evil:1"].status == Status.REJECTED, by_repo["evil:1"]
    assert "intruder@example.com" in (by_repo["evil:1"].error or "")
    prefix = f"m/{proxy.host.replace(':', '-').replace('.', '-')}/team"
    assert tag_digest(target_registry.host, f"{prefix}/good", "1") == signed
    assert tag_digest(target_registry.host, f"{prefix}/evil", "1") is None
    assert f"/v2/team/good/referrers/{signed}" in [s.path for s in proxy.seen]  # the bundles came from the API


def test_a_listed_bundle_whose_size_disagrees_with_its_manifest_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")
    proxy = proxy_factory(source_registry.host)
    _signed_image(world, source_registry, proxy, "team/lying", "releaser@example.com", size=1)

    (result,) = _mirror(proxy, target_registry, root, ["team/lying"]).images
    assert result.status not in (Status.COPIED, Status.SKIPPED), result
    assert "the index declares" in (result.error or ""), result
    prefix = f"m/{proxy.host.replace(':', '-').replace('.', '-')}/team"
    assert tag_digest(target_registry.host, f"{prefix}/lying", "1") is None


def test_the_referrers_the_gate_read_are_copied_without_asking_the_source_again(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")
    proxy = proxy_factory(source_registry.host)
    signed = _signed_image(world, source_registry, proxy, "team/follow", "releaser@example.com")
    (result,) = _mirror(proxy, target_registry, root, ["team/follow"], extra=", referrers: true").images

    assert result.status == Status.COPIED, result
    assert "referrers: 1 found, 1 copied" in (result.detail or ""), result  # the bundle followed the image
    asked = [s for s in proxy.seen if s.method == "GET" and s.path.startswith(f"/v2/team/follow/referrers/{signed}")]
    assert len(asked) == 1, [s.path for s in asked]


def test_a_referrers_api_answer_without_a_manifests_list_fails_the_image_naming_the_digest(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    """The gate cannot read the bundles of an image whose referrers API answer is malformed: the image fails, the
    error naming whose referrers they were, and its tag is not written."""
    root = SigstoreWorld().write_trusted_root(tmp_path / "trusted_root.json")
    proxy = proxy_factory(source_registry.host)
    image = push_image(source_registry, "team/garbled", oci_image(seed="garbled"), tags=["1"])
    body = b'{"schemaVersion": 2, "mediaType": "%s", "manifests": {}}' % mediatypes.OCI_INDEX.encode()
    answer = Action(status=200, body=body, headers={"Content-Type": mediatypes.OCI_INDEX})
    proxy.rules.append(lambda seen: answer if seen.path.startswith("/v2/team/garbled/referrers/") else None)

    (result,) = _mirror(proxy, target_registry, root, ["team/garbled"]).images

    assert result.status == Status.FAILED, result
    assert result.error == f"referrers of {image.digest}: `manifests` is not a list", result
    prefix = f"m/{proxy.host.replace(':', '-').replace('.', '-')}/team"
    assert tag_digest(target_registry.host, f"{prefix}/garbled", "1") is None
