"""Which registries and namespaces discover lists as public by default, each as its owner documents it (pure).

A user's own registry must never land in the list to mirror, so a host is public by default only when its owner's
documentation says that it serves only public images, to anyone, without a login, or that it is a public alias or
mirror (PUBLIC_ONLY_REGISTRIES); on a host that also holds private or entitled images, only the namespaces its owner
documents as public are (PUBLIC_NAMESPACES: `cgr.dev/chainguard`, Chainguard's free images, not the other `cgr.dev`
organisations, its customers'). A caller adds hosts or namespaces with `--public-registry HOST[/NAMESPACE]`.
Entries are kept as text, `HOST` or `HOST/NAMESPACE`; a namespace is one or more whole path components
(`registry.gitlab.com/acme-oss` covers `registry.gitlab.com/acme-oss/ci/builder`, not `.../acme-oss-tools/x`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ecr_mirror.choose.naming import REGISTRY_ALIASES
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import Reference, parse_reference

# Registries with no private repositories: an image there is public whoever names it. mirror.gcr.io (Google's cache
# of Docker Hub's public images), docker.elastic.co (Elastic's images), registry.access.redhat.com (Red Hat's
# registry for anonymous pulls; registry.redhat.io needs an account), lscr.io (LinuxServer.io's images),
# registry.fedoraproject.org (only the base and layered images Fedora's build system releases, pulled with a plain
# `podman pull`: https://docs.fedoraproject.org/en-US/containers/buildsys/), k8s.gcr.io (the Kubernetes project's
# legacy registry, "a custom Google Container Registry domain set up solely for the Kubernetes project", now
# redirected to registry.k8s.io: https://kubernetes.io/blog/2023/03/10/image-registry-redirect/),
# docker.mirror.hashicorp.services (HashiCorp's mirror of Docker Hub, which its public projects' CI and compose files
# pull from instead of Docker Hub: https://github.com/hashicorp/vault-k8s/pull/189 "our mirror at
# docker.mirror.hashicorp.services"). Hosts that also hold private or entitled repositories (registry.gitlab.com,
# *-docker.pkg.dev, icr.io, nvcr.io, registry.connect.redhat.com, container-registry.oracle.com, dhi.io) and vendors'
# hosts whose documentation says nothing of that are listed only when named (docs/discover.md, Known limits).
PUBLIC_ONLY_REGISTRIES = frozenset(
    {
        "mirror.gcr.io",
        "docker.elastic.co",
        "registry.access.redhat.com",
        "lscr.io",
        "registry.fedoraproject.org",
        "k8s.gcr.io",
        "docker.mirror.hashicorp.services",
    }
)


@dataclass(frozen=True, slots=True)
class PublicNamespace:
    """A namespace its owner documents as served to anyone; `tags`: the only tags it serves so (digests always)."""

    tags: frozenset[str] | None = None


# Namespaces of mixed hosts that their owners document as public, each with its source:
PUBLIC_NAMESPACES: dict[str, PublicNamespace] = {
    # Chainguard's free images, "publicly available, don't require authentication"
    # (https://edu.chainguard.dev/chainguard/containers/registry/authenticating/), only `latest` and `latest-dev`
    # and any digest since 2023-08-16; other tags and organisations need a subscription
    # (https://www.chainguard.dev/unchained/a-guide-on-how-to-use-chainguard-images-for-public-catalog-tier-users)
    "cgr.dev/chainguard": PublicNamespace(frozenset({"latest", "latest-dev"})),
    # Crunchy Data's Developer Program images, a plain `docker pull`
    # (https://www.crunchydata.com/developers/download-postgres/containers/postgresql17); its customers' images are
    # on registry.crunchydata.com, pulled with credentials
    # (https://access.crunchydata.com/documentation/postgres-operator/latest/guides/private-registries/)
    "registry.developers.crunchydata.com/crunchydata": PublicNamespace(),
    # SUSE's SLE Base Container Images, free to use and redistribute
    # (https://documentation.suse.com/container/all/html/SLES-container/cha-bci.html); not SUSE's other products
    "registry.suse.com/bci": PublicNamespace(),
    # the Stackable Data Platform's "publicly available images from the image registry hosted by Stackable"
    # (https://docs.stackable.tech/home/stable/concepts/product-image-selection), under oci.stackable.tech/sdp since
    # release 25.3 (https://github.com/stackabletech/documentation/pull/716)
    "oci.stackable.tech/sdp": PublicNamespace(),
    # Linkerd's domain that redirects to its public images on ghcr.io (https://github.com/linkerd/linkerd2/pull/5756)
    "cr.l5d.io/linkerd": PublicNamespace(),
    # Redpanda's images, pulled in its quickstart's compose file without a login
    # (https://docs.redpanda.com/current/get-started/quick-start/), "docker.redpanda.com/redpandadata/[image] where
    # [image] is any of the images that we distribute" (https://github.com/redpanda-data/documentation/issues/1604)
    "docker.redpanda.com/redpandadata": PublicNamespace(),
    # Unstructured's domain that redirects to its images on quay.io
    # (https://github.com/Unstructured-IO/unstructured/pull/1503)
    "downloads.unstructured.io/unstructured-io": PublicNamespace(),
}
DEFAULT_PUBLIC = frozenset(REGISTRY_ALIASES) | PUBLIC_ONLY_REGISTRIES | frozenset(PUBLIC_NAMESPACES)


def public_entry(text: str) -> str:
    """`HOST[:PORT][/NAMESPACE]` as an entry of the public set (`index.docker.io/acme` -> `docker.io/acme`)."""
    written = text.strip().strip("/")
    host, _, namespace = written.partition("/")
    if not ("." in host or ":" in host or host == "localhost"):
        raise ReferenceError_(f"{text!r} is not a registry host[:port][/NAMESPACE]")
    ref = parse_reference(f"{written}/x")  # validates both parts, normalises Docker Hub's other host names
    return f"{ref.registry}/{ref.repository.removesuffix('/x')}" if namespace else ref.registry


def covering(ref: Reference, public: frozenset[str]) -> str | None:
    """The entry of `public` that covers `ref`: its registry, else the shortest of its namespaces named. A host
    written with HTTPS's own port (`gcr.io:443`, as in the Docker provider's tests) is the host: the client reaches
    it on that port either way."""
    if ref.registry in public:
        return ref.registry
    key = ref.registry.removesuffix(":443")
    if key in public:
        return key
    for part in ref.repository.split("/")[:-1]:
        key = f"{key}/{part}"
        if key in public:
            return key
    return None


def not_served(ref: Reference, public: frozenset[str]) -> str | None:
    """Why `ref` is not known to be served to anyone, or None when it is."""
    entry = covering(ref, public)
    host = ref.registry
    if entry is None:
        known = sorted(name for name in public if name.startswith(f"{host}/"))
        if not known:
            return f"{host} is not a registry known to be public (--public-registry {host} lists its images)"
        return (
            f"{host} is not a registry known to be public, only its namespace{'' if len(known) == 1 else 's'} "
            f"{', '.join(known)} (--public-registry {host} lists its images, --public-registry {host}/NAMESPACE "
            "those of one namespace)"
        )
    rule = PUBLIC_NAMESPACES.get(entry)
    if rule is None or rule.tags is None or ref.digest or (ref.tag or "latest") in rule.tags:
        return None
    return (
        f"{entry} serves only the tags {', '.join(sorted(rule.tags))} and digests to anyone "
        f"(--public-registry {host} lists every image of the registry)"
    )
