"""Wrong Basic credentials are refused as such and asked no more than needed: once the registry's Basic challenge
is known, a request that carried our credentials and came back 401 proves them wrong (no second try)."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.credentials import Credentials, CredentialStore
from tests.support.proxy import InterposingProxy

from .helpers import job, run


def test_wrong_basic_credentials_fail_each_image_and_are_not_retried(
    source_registry: LocalRegistry, basic_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    descs = [push_image(source_registry, f"lib/wb{n}", oci_image(seed=f"wb{n}"), tags=["1"]) for n in range(2)]
    target = proxy_factory(basic_registry.host)
    store = CredentialStore({target.host: Credentials("lab", "not-the-password")})

    report = run(
        [job(d.reference, f"{target.host}/m/wb:{n}") for n, d in enumerate(descs)],
        store,
        image_concurrency=1,
        check_concurrency=1,
    )

    for result in report.images:
        assert result.status is Status.FAILED, result
        assert "rejected the configured username or password" in (result.error or ""), result.error
        assert "not-the-password" not in (result.error or "")
    # The first image: once without credentials (the challenge), once with them. The second: once, with them.
    with_basic = [s for s in target.requests() if s.headers.get("authorization", "").startswith("Basic ")]
    assert (len(target.requests()), len(with_basic)) == (3, 2), [(s.method, s.path) for s in target.requests()]
