"""What a failing or refused referrer leaves behind: the error raised keeps its kind and what it carries (a pull
budget's wait, the registry's answer), the warning logged names the referrer and the target's answer, and the
target is asked about its referrers API for the subject being copied."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from ecr_mirror.errors import RateLimitedError
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import list_tags
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import copy_refs, mirror_image, push
from .test_api import ReferrersApi

SRC, DST = "app/img", "mirror/img"
Proxy = Callable[..., InterposingProxy]


def test_a_referrer_answering_a_long_retry_after_is_a_rate_limit_naming_it_with_its_wait(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """The source asks to wait an hour for one referrer: the copy is deferred (RateLimitedError, the hour kept),
    and the message says which subject and which referrer."""
    image = push(source_registry, SRC, oci_image(seed="ctx-retry-after"))
    sbom = artifacts.artifact(image.manifests[-1], seed="ctx-retry-after-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    proxy = proxy_factory(source_registry.host)
    proxy.rules.append(
        lambda seen: (
            Action(status=429, body=b"{}", headers={"Retry-After": "3600"})
            if seen.method == "GET" and seen.path.endswith(f"/manifests/{sbom.digest}")
            else None
        )
    )
    mirror_image(image, target_registry.host, DST, via=proxy.host)

    with pytest.raises(RateLimitedError) as caught:
        copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])

    assert caught.value.retry_after == 3600
    message = str(caught.value)
    assert message.startswith(f"referrers of {proxy.host}/{SRC}@{image.digest}: referrer {sbom.digest} "), message
    assert message.endswith("HTTP 429, the registry asks to wait 3600s"), message


def test_a_refused_referrer_is_logged_with_its_digest_and_the_targets_answer(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Proxy,
    caplog: pytest.LogCaptureFixture,
) -> None:
    image = push(source_registry, SRC, oci_image(seed="ctx-refused-log"))
    sbom = artifacts.artifact(image.manifests[-1], seed="ctx-refused-log-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    mirror_image(image, target_registry.host, DST)
    target = proxy_factory(target_registry.host)
    answer = b'{"errors":[{"code":"UNSUPPORTED","message":"subject not allowed here"}]}'

    def refuse(seen: Seen) -> Action | None:
        if seen.method == "PUT" and seen.path.endswith(f"/manifests/{sbom.digest}"):
            return Action(status=405, body=answer, headers={"Content-Type": "application/json"})
        return None

    target.rules.append(refuse)
    with caplog.at_level(logging.WARNING, logger="ecr_mirror.mirror.referrers"):
        outcome = copy_refs(source_registry.host, target.host, SRC, DST, [image.digest])

    assert outcome.stats.skipped == 1
    logged = [r.getMessage() for r in caplog.records if r.name == "ecr_mirror.mirror.referrers"]
    assert logged == outcome.stats.warnings, logged
    (line,) = logged
    assert line.startswith(f"referrer {sbom.digest} ({artifacts.SPDX}) skipped: the target refused it: "), line
    assert line.endswith("HTTP 405 UNSUPPORTED (subject not allowed here)"), line


class _StrictReferrersApi(ReferrersApi):
    """A target with the referrers API that, like a real one, answers it only for a digest (400 for anything else)."""

    def __call__(self, seen: Seen) -> Action | None:
        if seen.method == "GET" and seen.path.startswith(self.prefix):
            subject = seen.path.removeprefix(self.prefix).partition("?")[0]
            if not subject.startswith("sha256:") or len(subject) != 71:
                return Action(status=400, body=b'{"errors":[{"code":"DIGEST_INVALID"}]}')
        return super().__call__(seen)


def test_the_target_is_probed_for_its_referrers_api_with_the_subject_copied(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """Referrers listed by the source's API reach a target with the API without a fallback tag: the target is
    asked about the subject being copied, and it answers as having the API."""
    source = proxy_factory(source_registry.host)
    source_api = ReferrersApi(SRC)
    source.rules.append(source_api)
    image = push(source_registry, SRC, oci_image(seed="ctx-target-probe"))
    sbom = artifacts.artifact(image.manifests[-1], seed="ctx-target-probe-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom, fallback=False)
    source_api.list(image.digest, [artifacts.referrer_descriptor(sbom)])
    target = proxy_factory(target_registry.host)
    target.rules.append(_StrictReferrersApi(DST))
    mirror_image(image, target.host, DST, via=source.host)

    outcome = copy_refs(source.host, target.host, SRC, DST, [image.digest])

    assert (outcome.stats.copied, outcome.stats.tags_written) == (1, 0), outcome.stats
    probes = [s.path for s in target.requests("GET", "/referrers/")]
    assert probes == [f"/v2/{DST}/referrers/{image.digest}"], probes
    assert list_tags(f"{target_registry.host}/{DST}") == ["v1"]
