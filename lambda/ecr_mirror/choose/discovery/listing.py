"""From found references to the list to mirror: normalised, merged, private registries left out (pure).

References are normalised with the engine's parser, so `python:3.12`, `docker.io/library/python:3.12` and
`index.docker.io/library/python:3.12` are one image, and printed in Docker's short ("familiar") form: `python:3.12`,
`bitnami/redis:7`, `ghcr.io/org/app:1`; a reference without tag or digest gets the `:latest` the mirror copies.

Only images on public registries are listed: the registries the engine names (choose/naming.py REGISTRY_ALIASES:
docker.io, ghcr.io, quay.io, registry.k8s.io, public.ecr.aws, gcr.io, mcr.microsoft.com), the registries that serve
only public images and the public namespaces of mixed hosts (public_hosts.py), plus any the caller adds.
Everything else (the mirror itself, `*.dkr.ecr.*.amazonaws.com`, localhost, hosts with a port, internal hosts) is
`left_out`, as is anything under the `mirror` destination (REGISTRY[/PREFIX]) even on a public registry, and a bare
Docker Hub name that is no official image (`auth`, `controller:latest`: docker_official.py), which no registry serves.

A tag that is an all-caps name of letters with an underscore or a hyphen (`ghcr.io/chroma-core/chroma:CHROMA_VERSION`,
`cassandra:CASSANDRA-TAG`) is a placeholder a deployment step fills in (`sed -i "s/CHROMA_VERSION/${version}/"`), not a
tag: it is unresolved with that reason; so is a tag that names itself a tag or a version or forbids its use
(`overview/overview-web:VERSION`, `asneg/opcuastack:DockerTag`, `new-tag`, a chart's `tag: do-not-use` that the release
script always replaces, `changeme`). Tags with digits or other marks (`RELEASE.2024-01-16T16-07-38Z`, `JDK_17`) or
without a separator (`LATEST`, `SNAPSHOT`) are tags. A tag of only X's, three or more
(`mcr.microsoft.com/windows/nanoserver:XXX` in docker-library's `Dockerfile-windows.template`, whose FROM line
`update.sh` replaces with `sed`), is a writer's filler: unresolved too, and so is a tag of semantic versioning's
letters, `vX.Y.Z`, `X.Y.Z`, `x.y` (cloudflare-tunnel-gateway- controller's `deploy/controller/deployment.yaml`,
`controller:vX.Y.Z` under "replace vX.Y.Z with the version you deploy"). An image named just `placeholder` (`ARG
RUNTIME_IMAGE=placeholder` then `FROM ${RUNTIME_IMAGE}`, so that the FROM line validates while every build passes
`--build-arg RUNTIME_IMAGE=...`), at any tag (a chart's `repository: placeholder` and `tag: placeholder`, which a
deployer fills in), names no image: unresolved with that reason. So is `scratch` with a tag, a digest or Docker Hub's
spelling (`scratch:latest`, from ddev's `ARG BASE_IMAGE="scratch"` and `ARG DB_PINNED_VERSION="latest"` before `FROM
${BASE_IMAGE}:${DB_PINNED_VERSION}`): Docker's reserved name for the empty base, which no registry serves (a bare `FROM
scratch` is skipped by the Dockerfile reader), so the build is given the real image in its place. A `ko://` import path
(`image: ko://knative.dev/eventing/cmd/controller`) is the image ko builds from that Go package and writes in its place
when it resolves the manifests (https://ko.build/features/k8s/): `built-here`, no reference, not listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.docker_official import not_official
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.public_hosts import not_served
from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.choose.naming import split_destination
from ecr_mirror.choose.tags import select_tags
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import DOCKER_HUB, Reference, parse_reference

_PLACEHOLDER_TAG_RE = re.compile(r"[A-Z]+(?:[_-][A-Z]+)+")
# a tag naming itself a tag or a version, or forbidding its use: `VERSION`, `DockerTag`, `image-tag`, `do-not-use`
_NAMED_PLACEHOLDER_RE = re.compile(
    r"(?:(?:docker|image|app|release|new|my|your)[-_]?)?(?:tag|version)|do[-_]?not[-_]?use|change[-_]?me|replace[-_]?me",
    re.I,
)
_FILLER_TAG_RE = re.compile(r"X{3,}")  # `nanoserver:XXX`, a template's filler a script replaces
# `controller:vX.Y.Z`: semantic versioning's letters (https://semver.org), a version the reader writes in
_VERSION_LETTERS_RE = re.compile(r"v?X\.Y(?:\.Z)?", re.I)
# `ARG RUNTIME_IMAGE=placeholder`: the word, as a whole image name, at any tag or digest (Docker Hub's library has no
# such image: a chart's `repository: placeholder` / `tag: placeholder`, which a deployer replaces, names none either)
_PLACEHOLDER_NAME_RE = re.compile(
    r"(?:(?:docker\.io|index\.docker\.io)/)?(?:library/)?placeholder(?::[^/@\s]*)?(?:@\S*)?", re.I
)
_PLACEHOLDER_NAME = "`placeholder` names no image: a value the build or deployment is given in its place"
# the first component of a name written for the reader to replace with their own (`your-repository/app:latest`,
# `yourregistry.azurecr.io/app`, `your_dockerhub_id/app`, `my-registry/app`): `your` or `my` and what goes there
_YOUR_RE = re.compile(
    r"(?:your|my)[-_.]?(?:docker[-_.]?hub|docker|registry|container|repo(?:sitory)?|org(?:ani[sz]ation)?|account|user"
    r"(?:name)?|name(?:space)?|hub|acr|ecr|gcr|company|project|team|id)(?:[-_.][\w.-]*)?",
    re.I,
)
_YOURS = "is a placeholder for the reader's own registry or account, not one"
_SCRATCH_RE = re.compile(r"(?:(?:docker\.io|index\.docker\.io)/)?(?:library/)?scratch(?::[^/@]*)?(?:@\S*)?", re.I)
_KO = "a ko:// import path: ko builds the Go package's image and writes it here (ko resolve, ko apply)"
_SCRATCH = (
    "`scratch` is Docker's reserved name for the empty base, no image a registry serves (`FROM scratch:TAG` fails):"
    " the build is given the real image in its place (a --build-arg)"
)


@dataclass
class Listing:
    images: dict[Reference, set[str]] = field(default_factory=dict)  # -> files using it; sorted by familiar()
    unresolved: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (text, reason) -> where
    left_out: dict[Reference, set[str]] = field(default_factory=dict)  # private registries and the mirror
    notes: dict[Reference, str] = field(default_factory=dict)  # e.g. "may be selected by the rule at line 4"
    built: dict[Reference, set[str]] = field(default_factory=dict)  # built in the tree -> where (not pulled)
    optional: dict[Reference, set[str]] = field(default_factory=dict)  # used only by what is off by default -> where


def familiar(ref: Reference) -> str:
    """Docker's short form: docker.io/library/x -> x, docker.io/a/b -> a/b; it parses back to `ref`."""
    name = ref.name
    if ref.registry == DOCKER_HUB:
        path = ref.repository
        if path.startswith("library/") and path.count("/") == 1:
            path = path.removeprefix("library/")
        first = path.split("/")[0]
        if "/" not in path or not ("." in first or ":" in first or first == "localhost"):
            name = path
    if ref.tag:
        name += f":{ref.tag}"
    if ref.digest:
        name += f"@{ref.digest}"
    return name


def under_mirror(ref: Reference, mirror: tuple[str, str] | None) -> bool:
    if mirror is None or ref.registry != mirror[0]:
        return False
    prefix = mirror[1]
    return not prefix or ref.repository == prefix or ref.repository.startswith(f"{prefix}/")


@dataclass(frozen=True, slots=True)
class Probed:
    """A registry's answer to an anonymous request for one image (`discover --probe`)."""

    served: bool  # pulled by anyone, no credentials
    reason: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one found reference is: `public` (listed), `left-out` (private or under the mirror), `built-here` (an
    image the tree builds before using it: not pulled), `optional` (used only by what does not run by default, a
    chart component its values turn off) or `unresolved`."""

    status: str
    ref: Reference | None = None
    reason: str | None = None


def classify(
    item: Found,
    *,
    public: frozenset[str],
    mirror: tuple[str, str] | None = None,
    probed: Mapping[Reference, Probed] | None = None,
) -> Verdict:
    if item.problem:
        return Verdict("unresolved", reason=item.problem)
    if _PLACEHOLDER_NAME_RE.fullmatch(item.text.strip()):
        return Verdict("unresolved", reason=_PLACEHOLDER_NAME)
    if _SCRATCH_RE.fullmatch(item.text.strip()):
        return Verdict("unresolved", reason=_SCRATCH)
    first = item.text.strip().removeprefix("docker.io/").split("/")[0]
    if "/" in item.text and _YOUR_RE.fullmatch(first):
        return Verdict("unresolved", reason=f"{first} {_YOURS}")
    if item.text.strip().startswith("ko://"):
        return Verdict("built-here", reason=_KO)
    try:
        ref = parse_reference(item.text)
    except ReferenceError_ as exc:
        return Verdict("unresolved", reason=str(exc))
    if item.built:
        return Verdict("built-here", ref, f"built in this tree: {item.built}")
    if item.optional:
        return Verdict("optional", ref, item.optional)
    if mirror is not None and under_mirror(ref, mirror):
        return Verdict("left-out", ref, f"under --mirror {'/'.join(filter(None, mirror))}: already the mirror's")
    why = not_served(ref, public) or not_official(ref, public)
    answer = probed.get(ref) if probed is not None and why else None
    if why and (answer is None or not answer.served):
        return Verdict("left-out", ref, answer.reason if answer else why)
    if ref.tag and _PLACEHOLDER_TAG_RE.fullmatch(ref.tag):
        why = f"{ref.tag} is a placeholder a deployment step fills in (an all-caps name with an underscore), not a tag"
        return Verdict("unresolved", reason=why)
    if ref.tag and _NAMED_PLACEHOLDER_RE.fullmatch(ref.tag):
        why = f"{ref.tag} is a placeholder a script or release step replaces (it names a tag or forbids use), not a tag"
        return Verdict("unresolved", reason=why)
    if ref.tag and _FILLER_TAG_RE.fullmatch(ref.tag):
        return Verdict(
            "unresolved", reason=f"{ref.tag} is a placeholder a script fills in (a tag of only X's), not a tag"
        )
    if ref.tag and _VERSION_LETTERS_RE.fullmatch(ref.tag):
        why = f"{ref.tag} is a placeholder for the version the reader deploys (semver's letters), not a tag"
        return Verdict("unresolved", reason=why)
    return Verdict("public", ref, answer.reason if answer else None)


def build_listing(
    found: Iterable[Found],
    *,
    public: frozenset[str],
    mirror: str | None = None,
    probed: Mapping[Reference, Probed] | None = None,
) -> Listing:
    """Merge the found references; `mirror` is REGISTRY[/PREFIX] (ReferenceError_ when malformed)."""
    destination = split_destination(mirror) if mirror else None
    listing = Listing()
    for item in found:
        verdict = classify(item, public=public, mirror=destination, probed=probed)
        if verdict.ref is None and verdict.status == "built-here":
            continue  # a `ko://` import path: the image ko builds, no reference to list
        if verdict.ref is None:
            listing.unresolved.setdefault((item.text, verdict.reason or ""), set()).add(item.where)
            continue
        if verdict.status == "built-here":
            listing.built.setdefault(verdict.ref, set()).add(item.built or "")
            continue
        if verdict.status == "optional":
            listing.optional.setdefault(verdict.ref, set()).add(item.where)
            continue
        target = listing.images if verdict.status == "public" else listing.left_out
        target.setdefault(verdict.ref, set()).add(item.origin)
        if verdict.status == "public" and verdict.reason:  # served to anyone, as --probe found
            listing.notes[verdict.ref] = verdict.reason
    listing.images = dict(sorted(listing.images.items(), key=lambda pair: familiar(pair[0])))
    return listing


def _rule_note(ref: Reference, images: ImageList) -> tuple[bool, str | None]:
    """(covered, note) by the list's tag rules; a rule with `latest: N` can only be decided against the registry."""
    for entry in images.rules:
        rule = entry.rule
        if rule is None or entry.repository is None or entry.repository.name != ref.name or not ref.tag:
            continue
        if select_tags(rule, [ref.tag]).selected:
            if rule.latest is None:
                return True, None
            return False, f"the rule at line {entry.line} ({rule.describe()}) selects it only if among the newest"
    return False, None


def mirrored(ref: Reference, images: ImageList) -> tuple[bool, str | None]:
    """(whether `images` mirrors `ref`, a note when a `latest: N` rule can only be decided against the registry)."""
    if ref in {entry.source for entry in images.entries}:
        return True, None
    if ref.digest:
        return (ref.name, ref.digest) in {(e.source.name, e.source.digest) for e in images.entries}, None
    return _rule_note(ref, images)


def lacking(listing: Listing, images: ImageList) -> Listing:
    """What `images` (a parsed list, line or rules form) does not mirror; unresolved items are kept."""
    rest = Listing(
        unresolved=listing.unresolved, left_out=listing.left_out, built=listing.built, optional=listing.optional
    )
    for ref, files in listing.images.items():
        covered, note = mirrored(ref, images)
        if covered:
            continue
        rest.images[ref] = files
        if note:
            rest.notes[ref] = note
    return rest
