"""The run: many images, bounded concurrency, one failed image never stops the others.

Budgets decide what starts: the source's pull quota (minus a reserve) and the caller's time budget.
Images that do not fit are reported `deferred` for the next run, not `failed`. A hard deadline (`deadline`)
ends the run in time: images still copying then are cancelled before their tag is written and reported
`deferred`, so the report and metrics are always emitted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ecr_mirror.choose.imagelist import Entry, ImageList
from ecr_mirror.choose.rules import RuleEntry
from ecr_mirror.choose.targets import place_entries
from ecr_mirror.errors import MirrorError, NoMatchingPlatform, RateLimitedError, RegistryError
from ecr_mirror.mirror.blobs import BlobCopier, BlobLedger
from ecr_mirror.mirror.gate import Gate, apply_verdict
from ecr_mirror.mirror.image import MAX_MANIFESTS_PER_IMAGE, ImageCopier, ImagePlan, Written
from ecr_mirror.mirror.manifest_cache import ManifestCache
from ecr_mirror.mirror.referrers import copy_referrers, subjects_at_target
from ecr_mirror.mirror.referrers_api import ReferrersApi
from ecr_mirror.mirror.report import ImageResult, Report, Status
from ecr_mirror.mirror.tag_listing import resolve_rules
from ecr_mirror.mirror.tasks import OrderedSlots
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.reference import Reference
from ecr_mirror.oci.transport import RetryPolicy, Transport
from ecr_mirror.oci.waits import WaitLimits
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.policy import Policy, policy_names

log = logging.getLogger(__name__)

# Image checks (two HEADs each) in flight by default, in the CLI and the Lambda planner alike: a warm run of a long
# list waits for round trips, not for a queue (BENCHMARKS.md, planning at scale).
CHECK_CONCURRENCY = 64
DEADLINE_REACHED = "run deadline reached"


@dataclass(frozen=True)
class Job:
    source: Reference
    target: Reference
    platforms: tuple[str, ...] = ()  # empty: indexes are copied whole and byte-exact
    referrers: bool = False
    policies: tuple[Policy, ...] = ()  # each must pass before the target tag moves (trust/)


@dataclass(frozen=True)
class MirrorOptions:
    image_concurrency: int = 4
    blob_concurrency: int = 6
    dry_run: bool = False
    plain_http: bool = False  # loopback registries only
    rate_limit_reserve: int = 10  # Docker Hub pulls left untouched for the humans behind the same address
    time_left: Callable[[], float] | None = None  # seconds left in the caller's budget (Lambda context)
    image_time_margin: float = 60.0  # an image does not start with less time than this left
    deadline: float | None = None  # seconds from the run's start; images unfinished then are cancelled, deferred
    check_concurrency: int = CHECK_CONCURRENCY  # image checks (HEADs) at once
    timeout: float = 60.0
    max_manifests_per_image: int = MAX_MANIFESTS_PER_IMAGE  # the whole tree, referrers included
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    waits: WaitLimits = field(default_factory=WaitLimits)  # response headers' time, bodies' stall rule (oci/waits.py)
    # Registry name -> host[:port] actually contacted (e.g. {"docker.io": "127.0.0.1:5000"} for a local stand-in).
    endpoints: Mapping[str, str] = field(default_factory=dict)
    ca_files: Sequence[str] = ()  # PEM files of more certificate authorities to trust (internal CAs)
    # Called with the target repository when the target says it does not exist (ECR): create it, then retry.
    create_repository: Callable[[str], Awaitable[None]] | None = None
    trust: TrustContext | None = None  # policies' keys, first-seen state and clock (default: none loaded, empty)


class Progress(Protocol):
    def expect(self, total: int) -> None: ...
    def started(self, job: Job) -> None: ...
    def moved(self, nbytes: int) -> None: ...
    def finished(self, result: ImageResult) -> None: ...


class _Clients:
    """One RegistryClient per registry host, sharing one transport (connection pool)."""

    def __init__(self, transport: Transport, credentials: CredentialStore, endpoints: Mapping[str, str]) -> None:
        self.transport = transport
        self.credentials = credentials
        self.endpoints = endpoints
        self._clients: dict[str, RegistryClient] = {}

    def all(self) -> list[RegistryClient]:
        return list(self._clients.values())

    async def prepare(self, refs: Iterable[Reference]) -> None:
        """Ask the credential helpers (subprocesses) in threads before the images need them: the loop never
        waits for one. The store remembers each answer, so `get` below finds it without running the helper."""
        names = sorted({ref.registry for ref in refs})
        await asyncio.gather(*(asyncio.to_thread(self.credentials.get, name) for name in names))

    def get(self, ref: Reference) -> RegistryClient:
        host = self.endpoints.get(ref.registry, ref.api_host)
        key = f"{ref.registry} {host}"  # two names mapped to one endpoint keep their own credentials
        if key not in self._clients:
            creds = self.credentials.get(ref.registry)
            auth = RegistryAuth(host, creds, self.transport, missing=self.credentials.problem(ref.registry))
            self._clients[key] = RegistryClient(host, self.transport, auth)
        return self._clients[key]


class Mirror:
    def __init__(self, credentials: CredentialStore, options: MirrorOptions, progress: Progress | None = None) -> None:
        self.options = options
        self.progress = progress
        self.transport = Transport(
            policy=UrlPolicy(plain_http=options.plain_http),
            retry=options.retry,
            timeout=options.timeout,
            time_left=options.time_left,
            ca_files=options.ca_files,
            waits=options.waits,
        )
        self.clients = _Clients(self.transport, credentials, options.endpoints)
        self.blobs = BlobCopier(BlobLedger(), options.blob_concurrency, on_bytes=progress.moved if progress else None)
        self.report = Report()
        self.copies = OrderedSlots(options.image_concurrency, 0)
        self.manifests = ManifestCache()  # each source manifest fetched once per run
        self.referrers_api = ReferrersApi()  # which registries have the referrers API, learned per client
        self.gate = Gate(options.trust or TrustContext(), dry_run=options.dry_run, api=self.referrers_api)
        self.deadline: float | None = None  # loop time at which unfinished images are cancelled
        self.jobs: list[Job] = []  # what the run checked, in the order of its last results in the report

    async def run(
        self, jobs: Sequence[Job], *, rules: Sequence[RuleEntry] = (), to: str = "", listed: Sequence[Entry] = ()
    ) -> Report:
        """Mirror the jobs, plus the `listed` entries and the images that tag `rules` select (landing under `to`)."""
        # Checking an image (two HEADs) is cheap and most runs find most images up to date: many checks run at
        # once, while copies keep to `image_concurrency`.
        checks = asyncio.Semaphore(max(1, self.options.check_concurrency))

        async def one(index: int, job: Job) -> ImageResult:
            async with checks:
                return await self.mirror_image(index, job)

        if self.options.deadline is not None:
            self.deadline = asyncio.get_running_loop().time() + max(0.0, self.options.deadline)
        try:
            await self.clients.prepare([*(j.source for j in jobs), *(j.target for j in jobs)])
            await self.clients.prepare([*(e.source for e in listed), *(r.repository for r in rules if r.repository)])
            jobs = [*jobs, *await self._resolve(rules, to, listed)]
            self.jobs = jobs
            await self.clients.prepare(j.target for j in jobs)
            self.copies = OrderedSlots(self.options.image_concurrency, len(jobs))
            if self.progress:
                self.progress.expect(len(jobs))
            self.report.images += await asyncio.gather(*(one(i, job) for i, job in enumerate(jobs)))
        finally:
            await self.manifests.aclose()
            await self.transport.aclose()
        remaining = [c.rate_limit_remaining for c in self.clients.all() if c.rate_limit_remaining is not None]
        self.report.rate_limit_remaining = min(remaining) if remaining else None
        return self.report

    async def _resolve(self, rules: Sequence[RuleEntry], to: str, listed: Sequence[Entry]) -> list[Job]:
        """Jobs for the listed entries and what the rules select; two of them may select one tag: copied once if
        they agree, else a failed list error naming their lines (as is a target name the target would refuse)."""
        entries = list(listed)
        if rules:
            selected, outcomes = await resolve_rules(list(rules), self.clients.get, deadline=self.deadline)
            self.report.rules = [outcome.to_dict() for outcome in outcomes]
            entries += selected
        if not entries:
            return []
        placed = place_entries(entries, to)
        self.report.images = [ImageResult(r.source, r.target, Status.FAILED, error=r.reason) for r in placed.refused]
        # Signatures that a policy verified are copied with the image, so consumers can verify again at the mirror.
        return [
            Job(e.source, target, e.platforms, e.referrers or any(p.signed for p in e.policies), e.policies)
            for e, target in placed.jobs
        ]

    def _check_rate_budget(self, client: RegistryClient) -> None:
        """Before each manifest GET at the source: keep the reserve; reserve one pull for this GET."""
        remaining = client.rate_limit_remaining
        if remaining is None:
            return
        if remaining <= self.options.rate_limit_reserve:
            raise RateLimitedError(
                f"{client.registry}: {remaining} pulls left, which is within the reserve of "
                f"{self.options.rate_limit_reserve}; deferred to a later run"
            )
        client.rate_limit_remaining = remaining - 1

    def _out_of_time(self) -> str | None:
        if self.options.time_left is None:
            return None
        left = self.options.time_left()
        if left < self.options.image_time_margin:
            return f"not started: {left:.0f}s left in the time budget (margin {self.options.image_time_margin:.0f}s)"
        return None

    async def mirror_image(self, index: int, job: Job) -> ImageResult:
        result = ImageResult(source=str(job.source), target=str(job.target), status=Status.FAILED)
        result.policy = policy_names(job.policies)
        if self.progress:
            self.progress.started(job)
        try:
            if reason := self._out_of_time():
                result.status, result.detail = Status.DEFERRED, reason
            else:
                await self._within_deadline(index, job, result)
        except RateLimitedError as exc:
            result.status, result.error = Status.DEFERRED, str(exc)
        except RegistryError as exc:
            result.status, result.error = (Status.DEFERRED if exc.status == 429 else Status.FAILED), str(exc)
        except MirrorError as exc:
            result.status, result.error = Status.FAILED, str(exc)
        except Exception as exc:  # one broken image must not stop the run
            log.exception("unexpected error mirroring %s", job.source)
            result.status, result.error = Status.FAILED, f"unexpected {type(exc).__name__}: {exc}"
        finally:
            self.copies.pass_turn(index)
        if self.progress:
            self.progress.finished(result)
        return result

    async def _within_deadline(self, index: int, job: Job, result: ImageResult) -> None:
        """The image's work, cancelled at the run's deadline: blob uploads in flight are abandoned and the tag
        is never written (it is written last), so the target holds at most unreferenced blobs."""
        limit = asyncio.timeout_at(self.deadline)
        try:
            async with limit:
                await self._mirror(index, job, result)
        except TimeoutError:
            if not limit.expired():
                raise
            if result.status is Status.COPIED:  # tagged; only its referrers were cut short
                result.detail = f"{DEADLINE_REACHED} after the image was tagged; its referrers were not all copied"
            else:
                result.detail = f"{DEADLINE_REACHED}: not finished, nothing tagged; the next run goes on"
            result.status, result.error = Status.DEFERRED, None

    async def _mirror(self, index: int, job: Job, result: ImageResult) -> None:
        copier = ImageCopier(
            self.clients.get(job.source),
            self.clients.get(job.target),
            self.blobs,
            before_manifest_get=self._check_rate_budget,
            max_manifests=self.options.max_manifests_per_image,
            manifests=self.manifests,
        )
        try:
            await self._mirror_with(copier, index, job, result)
        except Exception:
            if copier.stats.uploaded and result.status is Status.FAILED:  # the report says what did land
                result.bytes = copier.stats.bytes
                result.detail = f"uploaded (blobs: {copier.stats.describe()}), but the tag was not written"
            raise
        finally:
            result.pulls = copier.stats.manifests_fetched

    async def _mirror_with(self, copier: ImageCopier, index: int, job: Job, result: ImageResult) -> None:
        plan = await copier.plan(job.source, job.target, job.platforms)
        result.digest = plan.source_digest
        result.upstream_digest, result.previous_digest = plan.source_digest, plan.target_digest
        result.checked = True
        if plan.up_to_date:
            result.status, result.detail, result.digest = Status.SKIPPED, plan.note, plan.target_digest
            if job.referrers and plan.target_digest and not self.options.dry_run:
                subjects = await subjects_at_target(copier, job.target.repository, plan.target_digest)
                result.detail = f"{plan.note}; {await self._referrers(copier, job, subjects)}"
                result.bytes = copier.stats.bytes
            return
        if job.policies and apply_verdict(
            result, await self.gate.check(copier, job.source, job.policies, plan), dry_run=self.options.dry_run
        ):
            return  # held or rejected: nothing copied, the target tag stays where it was
        if self.options.dry_run:
            state = f"target has {plan.target_digest}" if plan.target_digest else "target tag absent"
            checks = "; if its signatures verify (checked when copying)" if any(p.signed for p in job.policies) else ""
            result.status, result.detail = Status.PLANNED, f"would copy ({state}){checks}"
            return
        try:
            async with self.copies.slot(index):
                if reason := self._out_of_time():  # the wait for a copy slot may have used up the budget
                    result.status, result.detail = Status.DEFERRED, reason
                    return
                written = await self._copy(copier, job, plan)
        except NoMatchingPlatform as exc:
            result.status, result.detail = Status.SKIPPED, str(exc)
            return
        result.digest, result.platforms, result.status = written.digest, written.platforms, Status.COPIED
        referrers = await self._referrers(copier, job, written.subjects) if job.referrers else ""
        result.bytes = copier.stats.bytes
        pulls = f"{copier.stats.manifests_fetched} manifest GETs at the source"  # what Docker Hub counts as pulls
        result.detail = "; ".join(filter(None, [written.note, pulls, f"blobs: {copier.stats.describe()}", referrers]))

    async def _referrers(self, copier: ImageCopier, job: Job, subjects: list[str]) -> str:
        """Signatures, SBOMs and attestations of the image's manifests; a failure here fails the image."""
        stats = await copy_referrers(copier, job.source.repository, job.target.repository, subjects, self.referrers_api)
        return stats.describe()

    async def _copy(self, copier: ImageCopier, job: Job, plan: ImagePlan) -> Written:
        try:
            return await copier.copy(job.source, job.target, plan, job.platforms)
        except RegistryError as exc:
            if "NAME_UNKNOWN" not in exc.codes or self.options.create_repository is None:
                raise
            await self.options.create_repository(job.target.repository)
            # The manifests fetched before the target refused are in the run's cache: no second source pull.
            return await copier.copy(job.source, job.target, plan, job.platforms)


async def mirror(
    jobs: Sequence[Job], credentials: CredentialStore, options: MirrorOptions, progress: Progress | None = None
) -> Report:
    """Mirror every job; never raises for a single image's failure (see each ImageResult)."""
    return await Mirror(credentials, options, progress).run(jobs)


async def mirror_list(
    images: ImageList, to: str, credentials: CredentialStore, options: MirrorOptions, progress: Progress | None = None
) -> Report:
    """Mirror a parsed image list (plain or rules form) under `to`; tag rules are resolved first."""
    return await Mirror(credentials, options, progress).run([], rules=images.rules, to=to, listed=images.entries)


@dataclass(frozen=True)
class Planned:
    """An image of a plan: its job, and the check's result (`planned`: needs work; `skipped`: up to date)."""

    job: Job
    result: ImageResult


async def plan_list(
    images: ImageList, to: str, credentials: CredentialStore, options: MirrorOptions
) -> tuple[Report, list[Planned]]:
    """Check a parsed image list with HEAD requests only (no Docker Hub pull): the report of a dry run, and each
    checked image's job beside its result (entries refused before checking appear in the report only)."""
    engine = Mirror(credentials, replace(options, dry_run=True))
    report = await engine.run([], rules=images.rules, to=to, listed=images.entries)
    checked = report.images[len(report.images) - len(engine.jobs) :] if engine.jobs else []
    return report, [Planned(job, result) for job, result in zip(engine.jobs, checked, strict=True)]
