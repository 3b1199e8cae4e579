"""A header is never a path: a Docker-Content-Digest that is not a digest fails the image, and no registry ever
receives a request built from it (the target's credentials must not become an oracle into other repositories)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.run import Job
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.reference import parse_reference
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, is_manifest, job, nothing_tagged, one, run

HOSTILE = {
    "traversal": "../../../private/payroll/manifests/prod",
    "digest-then-traversal": "sha256:" + "a" * 64 + "/../../../../private/payroll/manifests/prod",
    "query": "sha256:" + "b" * 64 + "?n=1",
    "short": "sha256:abc",
}


def _forbidden_paths(proxy: InterposingProxy) -> list[str]:
    return [s.path for s in proxy.requests() if "private" in s.path or "payroll" in s.path or "?n=1" in s.path]


def _answer_head_with(tag: str, value: str) -> Callable[[Seen], Action | None]:
    def rule(seen: Seen) -> Action | None:
        if is_manifest(seen, "HEAD") and seen.path.endswith(f"/manifests/{tag}"):
            return Action(status=200, headers={"Docker-Content-Digest": value, "Content-Type": mediatypes.OCI_MANIFEST})
        return None

    return rule


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_signature_tag_whose_digest_header_is_a_path_fails_the_image(
    case: str,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    content = oci_image(seed=f"sig-digest-{case}")
    push_image(source_registry, "lib/signed", content, tags=["1"])
    artifacts.push_signature(source_registry, "lib/signed", content.top)
    source = proxy_factory(source_registry.host)
    source.rules.append(_answer_head_with(artifacts.cosign_tag(content.top.digest), HOSTILE[case]))
    target = proxy_factory(target_registry.host)
    source_ref = parse_reference(f"{source.host}/lib/signed:1")

    result = one(run([Job(source_ref, parse_reference(f"{target.host}/m/signed-{case}:1"), referrers=True)]))

    failed_with(result, "Docker-Content-Digest", "not a digest")
    assert HOSTILE[case][:20] in (result.error or "")
    assert _forbidden_paths(target) == [], "a request built from the header reached the target"
    assert _forbidden_paths(source) == [], "a request built from the header reached the source"


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_an_image_tag_whose_digest_header_is_a_path_fails_before_any_write(
    case: str,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    push_image(source_registry, "lib/lying", oci_image(seed=f"head-digest-{case}"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(_answer_head_with("1", HOSTILE[case]))
    target = proxy_factory(target_registry.host)

    result = one(run([job(f"{source.host}/lib/lying:1", f"{target.host}/m/lying-{case}:1")]))

    failed_with(result, "Docker-Content-Digest", "not a digest")
    assert _forbidden_paths(source) == [] and _forbidden_paths(target) == []
    assert [s for s in target.requests() if s.method != "HEAD"] == [], "wrote to the target"
    nothing_tagged(target_registry, f"m/lying-{case}")
