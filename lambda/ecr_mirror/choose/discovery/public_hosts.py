"""Which registries and namespaces discover lists as public by default, each as its owner documents it (pure).

A user's own registry must never land in the list to mirror, so a host is public by default only when its owner's
documentation says that it serves only public images, to anyone, without a login, or that it is a public alias or
mirror (PUBLIC_ONLY_REGISTRIES); on a host that also holds private or entitled images, only the namespaces its owner
documents as public are (PUBLIC_NAMESPACES: `cgr.dev/chainguard`, Chainguard's free images, not the other `cgr.dev`
organisations, its customers'). A caller adds hosts or namespaces with `--public-registry HOST[/NAMESPACE]`.
Where a namespace mixes free and entitled images, only the repositories documented as free are
(PUBLIC_REPOSITORIES: MySQL's community images on Oracle's registry, not its enterprise ones).
Entries are kept as text, `HOST`, `HOST/NAMESPACE` or `HOST/NAMESPACE/REPOSITORY`; a namespace is one or more whole
path components (`registry.gitlab.com/acme-oss` covers `registry.gitlab.com/acme-oss/ci/builder`, not
`.../acme-oss-tools/x`), and an entry also covers the repository of that whole name.
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
# docker.mirror.hashicorp.services"), ecr-public.aws.com (Amazon ECR Public's dual-stack endpoint for OCI and Docker
# clients, the same public registry as public.ecr.aws:
# https://docs.aws.amazon.com/AmazonECR/latest/public/public-ecr-requests.html). Hosts that also hold private or
# entitled repositories (registry.gitlab.com, *-docker.pkg.dev, icr.io, nvcr.io, registry.connect.redhat.com,
# container-registry.oracle.com, dhi.io) and vendors' hosts whose documentation says nothing of that are listed only
# when named (docs/discover.md, Known limits).
PUBLIC_ONLY_REGISTRIES = frozenset(
    {
        "mirror.gcr.io",
        "docker.elastic.co",
        "registry.access.redhat.com",
        "lscr.io",
        "registry.fedoraproject.org",
        "k8s.gcr.io",
        "docker.mirror.hashicorp.services",
        "ecr-public.aws.com",
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
    # The Crossplane project's own packages and images: "All community extension projects must be published to
    # ghcr.io (with xpkg.crossplane.io in front for pulls)", and its Helm chart pulls the crossplane image from
    # xpkg.crossplane.io by default (https://github.com/crossplane/crossplane/pull/6296, the project's default
    # registry since); other namespaces there front whatever ghcr.io holds, private packages too
    "xpkg.crossplane.io/crossplane": PublicNamespace(),
    "xpkg.crossplane.io/crossplane-contrib": PublicNamespace(),
    # Forgejo's release images, published in the Forgejo organisation's container registry on Codeberg and pulled
    # without a login in Forgejo's own installation guide (`docker pull codeberg.org/forgejo/forgejo:11`:
    # https://forgejo.org/docs/latest/admin/installation/docker/); Codeberg's users may keep private packages
    "codeberg.org/forgejo": PublicNamespace(),
    # Kyverno's domain in front of its public images on ghcr.io, which its chart and manifests pull from: "The change
    # enables the use of Scarf for tracking the number of downloads while still redirecting to ghcr.io"
    # (https://github.com/kyverno/kyverno/pull/12031)
    "reg.kyverno.io/kyverno": PublicNamespace(),
    # Unstructured's domain that redirects to its images on quay.io
    # (https://github.com/Unstructured-IO/unstructured/pull/1503)
    "downloads.unstructured.io/unstructured-io": PublicNamespace(),
    # Not docker.redpanda.com/vectorized, Redpanda's former namespace: "All references to docker images should be to
    # the new org" (https://github.com/redpanda-data/documentation/issues/1604); it was shut down on 2024-12-10 and
    # pulls are denied since (https://github.com/redpanda-data/redpanda-operator/pull/349,
    # https://github.com/StarRocks/demo/pull/74: `docker pull docker.redpanda.com/vectorized/console:v2.4.3` "pull
    # access denied"), so an image there cannot be mirrored.
}
# Repositories of mixed namespaces that their owners document as pulled without a login, each with its source.
# Oracle's registry (container-registry.oracle.com) serves licensed images only after a login and the acceptance of
# their terms ("If you want to use licensed Oracle software images, you must first log into the Oracle Container
# Registry web interface and accept the Oracle Standard Terms and Restrictions":
# https://docs.oracle.com/en/operating-systems/oracle-linux/docker/docker-registry.html), and names no namespace
# as served to anyone; MySQL's manual installs its Kubernetes operator by applying `deploy-operator.yaml`, whose
# image is `container-registry.oracle.com/mysql/community-operator`, with no login
# (https://dev.mysql.com/doc/mysql-operator/en/mysql-operator-installation-kubectl.html), and the operator then runs
# each InnoDBCluster's MySQL Servers and Routers (https://dev.mysql.com/doc/mysql-operator/en/
# mysql-operator-introduction.html) from `community-server` and `community-router` of the same namespace, its
# defaults; a private registry is an option the manual describes apart (its "Private Registries" chapter). The
# same namespace holds `enterprise-*` images (MySQL Enterprise Edition, licensed software, so behind the login
# above): only the community repositories are listed.
# Oracle Database Free is: Oracle's quick start for it installs it with "docker pull
# container-registry.oracle.com/database/free:latest", no login and no terms to accept before
# (https://www.oracle.com/database/free/get-started/), where its Enterprise Edition (`database/enterprise`) needs
# both (https://docs.oracle.com/cd/G30558_01/books/DeployCont/c-Setting-Up-Oracle-Database.html).
# Oracle Linux (`os/oraclelinux`) and Oracle Database Express (`database/express`) are not: no Oracle page found
# says they are pulled without one (docs/discover.md, Known limits).
PUBLIC_REPOSITORIES = frozenset(
    {
        "container-registry.oracle.com/database/free",
        "container-registry.oracle.com/mysql/community-operator",
        "container-registry.oracle.com/mysql/community-server",
        "container-registry.oracle.com/mysql/community-router",
    }
)
DEFAULT_PUBLIC = (
    frozenset(REGISTRY_ALIASES) | PUBLIC_ONLY_REGISTRIES | frozenset(PUBLIC_NAMESPACES) | PUBLIC_REPOSITORIES
)


def public_entry(text: str) -> str:
    """`HOST[:PORT][/NAMESPACE]` as an entry of the public set (`index.docker.io/acme` -> `docker.io/acme`)."""
    written = text.strip().strip("/")
    host, _, namespace = written.partition("/")
    if not ("." in host or ":" in host or host == "localhost"):
        raise ReferenceError_(f"{text!r} is not a registry host[:port][/NAMESPACE]")
    ref = parse_reference(f"{written}/x")  # validates both parts, normalises Docker Hub's other host names
    return f"{ref.registry}/{ref.repository.removesuffix('/x')}" if namespace else ref.registry


def covering(ref: Reference, public: frozenset[str]) -> str | None:
    """The entry of `public` that covers `ref`: its registry, else the shortest of its namespaces named, else its
    repository. A host written with HTTPS's own port (`gcr.io:443`, as in the Docker provider's tests) is the host:
    the client reaches it on that port either way."""
    if ref.registry in public:
        return ref.registry
    key = ref.registry.removesuffix(":443")
    if key in public:
        return key
    for part in ref.repository.split("/"):
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
        nouns = ("repository", "repositories") if set(known) & PUBLIC_REPOSITORIES else ("namespace", "namespaces")
        return (
            f"{host} is not a registry known to be public, only its {nouns[len(known) > 1]} "
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
