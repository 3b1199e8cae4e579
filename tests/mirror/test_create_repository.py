"""A target that reports the repository missing (NAME_UNKNOWN, as ECR does): the run's `create_repository` is asked
to create it, once, and the copy goes on from the manifests it already fetched; without one the image fails."""

from __future__ import annotations

import json
import threading

from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, inspect_raw
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import Job
from ecr_mirror.oci.mediatypes import OCI_INDEX
from ecr_mirror.oci.reference import parse_reference
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import job, run

MISSING = b'{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}'


class MissingUntilCreated:
    """Answers every write NAME_UNKNOWN until `create` has been called for the repository."""

    def __init__(self) -> None:
        self.created: list[str] = []

    async def create(self, repository: str) -> None:
        self.created.append(repository)

    def __call__(self, seen: Seen) -> Action | None:
        if self.created or seen.method not in ("POST", "PUT", "PATCH"):
            return None
        return Action(status=404, body=MISSING, headers={"Content-Type": "application/json"})


def test_a_missing_target_repository_is_created_and_the_copy_goes_on_without_a_second_pull(
    source_registry: LocalRegistry, target_registry: LocalRegistry, target_proxy: InterposingProxy
) -> None:
    desc = push_image(source_registry, "lib/new", oci_index(seed="create-repo"), tags=["1"])
    assert desc.media_type == OCI_INDEX
    missing = MissingUntilCreated()
    target_proxy.rules.append(missing)
    source_registry.reset_counts()

    (result,) = run([job(desc.reference, f"{target_proxy.host}/m/new:1")], create_repository=missing.create).images

    assert result.status is Status.COPIED, result
    assert missing.created == ["m/new"]
    assert inspect_digest(f"{target_registry.host}/m/new:1") == desc.digest
    # Each manifest fetched once: the second attempt reads the run's cache.
    assert source_registry.request_counts()[("GET", "manifest")] == len(desc.manifests)
    assert result.pulls == len(desc.manifests)


class RefusedWhileAChildIsInFlight(MissingUntilCreated):
    """NAME_UNKNOWN, answered only once the source has received the GET of `held` (so that GET is in flight when
    the copy fails); that GET's body is held until the repository is created (so it is still in flight when the
    failed attempt's other work is cancelled)."""

    def __init__(self, held: str) -> None:
        super().__init__()
        self.held = held
        self.asked = threading.Event()
        self.done = threading.Event()

    async def create(self, repository: str) -> None:
        await super().create(repository)
        self.done.set()

    def source_rule(self, seen: Seen) -> Action | None:
        if seen.method != "GET" or not seen.path.endswith(f"/manifests/{self.held}"):
            return None
        self.asked.set()
        return Action(stall_after=0, stall=30, until=self.done)

    def __call__(self, seen: Seen) -> Action | None:
        answer = super().__call__(seen)
        if answer is not None:
            answer.delay, answer.until = 30, self.asked
        return answer


def test_a_child_manifest_in_flight_when_the_target_refuses_is_not_pulled_again(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    source_proxy: InterposingProxy,
    target_proxy: InterposingProxy,
) -> None:
    """The failed attempt's siblings are cancelled; a manifest GET the source already answered is kept for the
    retry, not sent again (on Docker Hub each GET is one pull of the quota)."""
    desc = push_image(source_registry, "lib/new", oci_index(seed="create-in-flight"), tags=["1"])
    held = desc.manifests[0].digest  # a child (the top index is the last)
    refusal = RefusedWhileAChildIsInFlight(held)
    source_proxy.rules.append(refusal.source_rule)
    target_proxy.rules.append(refusal)
    source_registry.reset_counts()

    (result,) = run(
        [job(f"{source_proxy.host}/lib/new:1", f"{target_proxy.host}/m/new:1")], create_repository=refusal.create
    ).images

    assert result.status is Status.COPIED, result
    assert refusal.created == ["m/new"]
    assert inspect_digest(f"{target_registry.host}/m/new:1") == desc.digest
    assert len(source_proxy.requests("GET", f"/manifests/{held}")) == 1
    assert source_registry.request_counts()[("GET", "manifest")] == len(desc.manifests)
    assert result.pulls == len(desc.manifests)


def test_without_a_way_to_create_it_a_missing_target_repository_fails_the_image(
    source_registry: LocalRegistry, target_proxy: InterposingProxy
) -> None:
    desc = push_image(source_registry, "lib/new", oci_index(seed="create-repo-none"), tags=["1"])
    target_proxy.rules.append(MissingUntilCreated())

    (result,) = run([job(desc.reference, f"{target_proxy.host}/m/new:1")]).images

    assert result.status is Status.FAILED
    assert "HTTP 404 NAME_UNKNOWN (repository name not known to registry)" in (result.error or ""), result.error


def test_after_creating_the_repository_the_copy_keeps_the_platform_filter(
    source_registry: LocalRegistry, target_registry: LocalRegistry, target_proxy: InterposingProxy
) -> None:
    platforms = ("linux/amd64", "linux/arm64/v8")
    desc = push_image(source_registry, "lib/new", oci_index(platforms=platforms, seed="create-filtered"), tags=["1"])
    missing = MissingUntilCreated()
    target_proxy.rules.append(missing)
    filtered = Job(parse_reference(desc.reference), parse_reference(f"{target_proxy.host}/m/new:1"), ("linux/amd64",))

    (result,) = run([filtered], create_repository=missing.create).images

    assert result.status is Status.COPIED, result
    assert missing.created == ["m/new"]
    assert result.platforms == ["linux/amd64"]
    index = json.loads(inspect_raw(f"{target_registry.host}/m/new:1"))
    kept = {m["platform"]["architecture"] for m in index["manifests"]} - {"unknown"}  # attestations stay
    assert kept == {"amd64"}
    assert inspect_digest(f"{target_registry.host}/m/new:1") == result.digest != desc.digest
