"""A target's TAG_INVALID that is not about an immutable tag (distribution's "manifest tag did not match URI", say)
is the write's failure as the registry gave it: not taken for an immutable-tag conflict, not resolved by looking at
what the tag holds now."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import error_body, is_tag_put, job, run, tag_digest


def test_tag_invalid_without_immutability_fails_the_write_as_answered(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    image = push_image(source_registry, "lib/tagged", oci_image(seed="tag-invalid"), tags=["1"])
    push_image(target_registry, "m/tagged", oci_image(seed="tag-invalid"), tags=["other"])  # content already there
    target = proxy_factory(target_registry.host)
    answer = Action(
        status=400,
        body=error_body("TAG_INVALID", "manifest tag did not match URI"),
        headers={"Content-Type": "application/json"},
    )

    def refuse_tag(seen: Seen) -> Action | None:
        return answer if is_tag_put(seen) else None

    target.rules.append(refuse_tag)
    result = run([job(image.reference, f"{target.host}/m/tagged:1")]).images[0]
    assert result.status is Status.FAILED, result
    error = result.error or ""
    assert "manifest tag did not match URI" in error and "immutable" not in error, error
    assert tag_digest(target_registry.host, "m/tagged", "1") is None


def test_ecrs_image_tag_already_exists_answer_is_an_immutable_conflict(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    old = push_image(target_registry, "m/exists", oci_image(seed="exists-old"), tags=["1"])
    new = push_image(source_registry, "lib/exists", oci_image(seed="exists-new"), tags=["1"])
    target = proxy_factory(target_registry.host)
    answer = Action(
        status=400,
        body=error_body("UNSUPPORTED", "ImageTagAlreadyExistsException: the tag '1' already exists"),
        headers={"Content-Type": "application/json"},
    )
    target.rules.append(lambda seen: answer if is_tag_put(seen) else None)
    result = run([job(new.reference, f"{target.host}/m/exists:1")]).images[0]
    assert result.status is Status.FAILED, result
    error = result.error or ""
    assert "is immutable and holds " + old.digest in error and "Nothing was overwritten" in error, error
    assert tag_digest(target_registry.host, "m/exists", "1") == old.digest
