"""What every request carries: our User-Agent; and what none carries: a cookie a registry tried to set."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror import __version__
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy

from .helpers import job, one, run


def test_every_request_names_ecr_mirror_and_no_cookie_is_stored_or_replayed(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/ua", oci_image((100_000, 200_000), seed="ua"), tags=["1"])
    source = proxy_factory(source_registry.host)
    target = proxy_factory(target_registry.host)
    cookie = {"Set-Cookie": "session=tracked-by-the-registry; Path=/"}
    source.rules.append(lambda seen: Action(headers=cookie))
    target.rules.append(lambda seen: Action(headers=cookie))
    result = one(run([job(f"{source.host}/lib/ua:1", f"{target.host}/m/ua:1")]))
    assert result.status is Status.COPIED, result
    seen = source.requests() + target.requests()
    assert len(seen) > 5
    assert {s.headers.get("user-agent") for s in seen} == {f"ecr-mirror/{__version__}"}
    assert [s.headers["cookie"] for s in seen if "cookie" in s.headers] == []
