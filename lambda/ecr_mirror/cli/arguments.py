"""The command line's arguments: `copy`, `sync`, `demo`, `discover`, `ref`, their options and checks, and the
engine options they make."""

from __future__ import annotations

import argparse
import re
import ssl
from collections.abc import Sequence
from pathlib import Path

from ecr_mirror import __version__
from ecr_mirror.choose.discovery.public_hosts import public_entry
from ecr_mirror.choose.rules import parse_platform
from ecr_mirror.errors import ConfigError, MirrorError
from ecr_mirror.mirror.run import CHECK_CONCURRENCY, MirrorOptions
from ecr_mirror.oci.reference import parse_reference

_NUMBER = r"\d+(?:\.\d+)?"
_DURATION_RE = re.compile(rf"(?:(?P<h>{_NUMBER})h)?(?:(?P<m>{_NUMBER})m)?(?:(?P<s>{_NUMBER})s)?|(?P<bare>{_NUMBER})")
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1, "bare": 1}
DEFAULT_DEADLINE = "2h"  # no run waits for ever on a registry that stops answering; `--deadline none` lifts it


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain-http",
        action="store_true",
        help="allow plain HTTP (and HTTP token realms) for loopback registries only; all else stays HTTPS",
    )
    parser.add_argument("--dry-run", action="store_true", help="plan only: show what would be copied or skipped")
    parser.add_argument("--json", action="store_true", help="print the JSON report on stdout")
    parser.add_argument("--concurrency", type=_positive, default=4, metavar="N", help="images at once (default 4)")
    parser.add_argument("--blob-concurrency", type=_positive, default=6, metavar="N", help="blobs at once (default 6)")
    parser.add_argument(
        "--check-concurrency",
        type=_positive,
        default=CHECK_CONCURRENCY,
        metavar="N",
        help=f"images checked at once, two HEAD requests each (default {CHECK_CONCURRENCY}, as the Lambda planner)",
    )
    parser.add_argument(
        "--rate-limit-reserve",
        type=_non_negative,
        default=10,
        metavar="N",
        help="source pulls to leave unspent (Docker Hub ratelimit-remaining); the rest are deferred (default 10)",
    )
    parser.add_argument(
        "--registry-endpoint",
        action="append",
        default=[],
        type=_endpoint,
        metavar="NAME=HOST[:PORT]",
        help="contact HOST for registry NAME (e.g. docker.io=127.0.0.1:5000); names in the list stay unchanged",
    )
    parser.add_argument(
        "--ecr",
        action="store_true",
        help="the destination is Amazon ECR: log in with your AWS credentials if config.json has no entry for it, "
        "and create missing repositories (mutable tags, scan on push, the newest 100 untagged images kept, older "
        "ones expire)",
    )
    parser.add_argument(
        "--ca-file",
        action="append",
        default=[],
        type=_ca_file,
        metavar="PEM",
        help="also trust the certificate authorities in this PEM file (a registry with an internal CA); repeatable",
    )
    parser.add_argument(
        "--deadline",
        type=deadline,
        default=DEFAULT_DEADLINE,
        metavar="DURATION",
        help="stop the run after this long (90s, 10m, 1h, 1h30m; a bare number is seconds): images not finished by "
        "then are abandoned untagged and reported deferred (exit status as for deferred images); default "
        f"{DEFAULT_DEADLINE}, 'none' for no deadline",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")


def duration(text: str) -> float:
    """`90s`, `10m`, `1h`, compounds in that order (`1h30m`, `2m30s`) or a bare number of seconds."""
    match = _DURATION_RE.fullmatch(text.strip().lower())
    if match is None or not any(match.groupdict().values()):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a duration: write e.g. 90s, 10m, 1h or 1h30m (a bare number is seconds), or none"
        )
    return sum(float(value) * _UNIT_SECONDS[unit] for unit, value in match.groupdict().items() if value)


def deadline(text: str) -> float | None:
    """A duration, or `none` (no deadline)."""
    if text.strip().lower() == "none":
        return None
    return duration(text)


def _endpoint(text: str) -> tuple[str, str]:
    name, sep, host = text.partition("=")
    if not sep or not name or not host or "/" in host:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=HOST[:PORT]")
    return parse_reference(f"{name}/x").registry, host


def _registry(text: str) -> str:
    try:
        return public_entry(text)
    except MirrorError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a registry host[:port][/NAMESPACE]") from None


def _platform(text: str) -> str:
    try:
        return parse_platform(text, "--platform")
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _ca_file(text: str) -> str:
    try:
        ssl.create_default_context(cafile=text)
    except (OSError, ssl.SSLError) as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a readable PEM file of CA certificates: {exc}") from exc
    return text


def _readable_file(text: str) -> Path:
    path = Path(text)
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {text!r}: {exc.strerror or exc}") from exc
    return path


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


class _SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser: an option it does not know is its own error, shown under its own usage (argparse
    would hand it up to the top-level parser, whose usage lists only the subcommands)."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)} (see {self.prog} --help)")
        return parsed, extras


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecr-mirror", description="Mirror container images between registries, digest-exact, without Docker."
    )
    parser.add_argument("--version", action="version", version=f"ecr-mirror {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_SubcommandParser)
    copy = sub.add_parser("copy", help="copy one image: ecr-mirror copy SRC DST")
    copy.add_argument("source", metavar="SRC", help="source reference, e.g. alpine:3.20")
    copy.add_argument("target", metavar="DST", help="target reference; the source tag is kept if DST has none")
    copy.add_argument(
        "--platform",
        action="append",
        default=[],
        type=_platform,
        metavar="OS/ARCH[/VARIANT]",
        help="keep only these platforms of a multi-arch index (a reduced index, so a new digest); repeatable",
    )
    copy.add_argument(
        "--referrers", action="store_true", help="also copy signatures, SBOMs and attestations attached to the image"
    )
    _common(copy)
    sync = sub.add_parser("sync", help="mirror every image of a list file under a target registry/prefix")
    sync.add_argument(
        "--images",
        required=True,
        type=Path,
        metavar="FILE",
        help="the image list: one reference per line (# comments), or the YAML rules form (a top-level images: key; "
        "tag rules, platforms, referrers per entry); - reads standard input",
    )
    sync.add_argument(
        "--to", required=True, metavar="REGISTRY[/PREFIX]", help="e.g. 123.dkr.ecr.eu-west-1.amazonaws.com/mirror"
    )
    sync.add_argument(
        "--state",
        type=Path,
        default=None,
        metavar="PATH",
        help="first-seen times for policies with minAge (default: ~/.cache/ecr-mirror/first-seen.json; "
        "created on first use)",
    )
    sync.add_argument(
        "--trusted-root",
        type=_readable_file,
        default=None,
        metavar="JSON",
        help="a Sigstore trusted_root.json for keyless policies (default: the public-good root shipped with sigstore)",
    )
    _common(sync)
    demo = sub.add_parser("demo", help="run the mirror against local registries seeded with sample images")
    demo.add_argument("--json", action="store_true", help="print both runs' reports as one JSON document on stdout")
    demo.add_argument(
        "--keep",
        action="store_true",
        help="leave both registries running afterwards, and print how to pull from them and how to stop them",
    )
    demo.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    _discover(sub)
    ref = sub.add_parser("ref", help="print where each source image lands under a mirror: ecr-mirror ref IMAGE --to R")
    ref.add_argument("images", nargs="+", metavar="IMAGE", help="source reference, e.g. python:3.12-slim")
    ref.add_argument("--to", required=True, metavar="REGISTRY[/PREFIX]", help="the mirror, as given to sync --to")
    ref.add_argument("-v", "--verbose", action="store_true", help="debug logging; where an unexpected error arose")
    ref.add_argument(
        "--pull-login",
        action="store_true",
        help="first print the command that logs docker in to an ECR mirror from any account its repository "
        "policy allows (pullOrganizationId / pullAccountIds)",
    )
    return parser


def _discover(sub: argparse._SubParsersAction[_SubcommandParser]) -> None:
    discover = sub.add_parser(
        "discover",
        help="list the public images a source tree uses (Dockerfiles, compose, Kubernetes, GitHub/GitLab CI)",
        description="Reads Dockerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile, Containerfile*, compose*.y*ml, "
        "docker-compose*.y*ml, .github/workflows/*.y*ml, action.y*ml, *.gitlab-ci.yml, .circleci/*.y*ml, "
        "azure-pipelines*.y*ml, devcontainer.json, okteto.yml, bunnyshell.yaml, devspace.yaml, cloudbuild*.y*ml, "
        "Jenkinsfile*, "
        "*.jenkinsfile, pipeline *.groovy, Drone's .drone.yml, AWS CodeBuild buildspec*.y*ml, Agola's "
        ".agola/config.jsonnet/yml/json, "
        "docker-bake*.hcl/json (and *.hcl with a top-level bake target), build.gradle(.kts) and pom.xml (Jib's base "
        "image; the compose files the Gradle docker-compose plugin runs), compose templates "
        "(docker-compose.yml.j2), ECS container definitions, Nomad jobspec templates and container resources in *.tf, "
        "Spring Boot application*.properties/yml, Nextflow *.nf and nextflow.config containers, registry-sync lists, "
        "Packer docker sources "
        "(*.pkr.hcl), helmfile releases' values, Nomad jobs (*.nomad, *.nomad.hcl, *.hcl "
        "with a top-level job) and Nomad Pack templates (*.nomad.tpl), Earthfile, Podman Quadlet units (*.container, "
        "*.image), Kamal's config/deploy*.yml, Bazel's container_pull/oci_pull/oci.pull (WORKSPACE, MODULE.bazel, "
        "*.bzl), files without an extension in "
        "dockerfiles/ directories, other files that are "
        "Dockerfiles by their content, "
        "the values files of Helm charts in the tree, and other *.y*ml by their content (Kubernetes manifests, "
        "included GitLab CI files, stack files, Cloud Build, OLM catalog bundles, Concourse pipelines and the task "
        "files they run); "
        "the docker run/pull, kubectl run and kind/k3d cluster create lines of Makefiles, scripts (also Windows "
        "*.bat/*.cmd), CMake COMMANDs and CI steps, with "
        "the values of sourced shell libraries and of make's command line (and those Python and JavaScript sources "
        "run, and Go runs through sh -c), Testcontainers, dockertest, CRI PullImage, kind node images and e2e images "
        "in Go, Java, "
        "Python and JavaScript sources; "
        "skips vendor/, node_modules/, licenses/ copies, tests' golden/expected outputs, __fixtures__/ and "
        "spec/fixtures/, a nested folder's .github/workflows/ (GitHub runs the root's; name it as a PATH to read "
        "it) and what .gitignore ignores; images the tree builds (docker build -t in "
        "Makefiles, scripts and CI steps, docker/build-push-action, Jib) are not listed where its build flow uses "
        "them; prints a list file: "
        "one reference per line, sorted, with the files using it. See docs/discover.md.",
    )
    discover.add_argument("paths", nargs="+", metavar="PATH", help="a directory (walked) or a file")
    discover.add_argument("-v", "--verbose", action="store_true", help="debug logging; where an unexpected error arose")
    discover.add_argument("--against", type=Path, metavar="LIST", help="print only what this list file lacks")
    discover.add_argument("--rules", action="store_true", help="print the YAML rules form (images: source/tags)")
    discover.add_argument(
        "--check", action="store_true", help="with --against: exit 1 when an image is used but not in the list"
    )
    discover.add_argument(
        "--json", action="store_true", help="print one JSON record per use: file, line, kind, reference, status"
    )
    discover.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="skip paths matching GLOB (gitignore syntax)"
    )
    discover.add_argument(
        "--mirror", metavar="REGISTRY[/PREFIX]", help="leave out images already under the mirror (as sync --to)"
    )
    discover.add_argument(
        "--public-registry",
        action="append",
        default=[],
        type=_registry,
        metavar="HOST[/NAMESPACE]",
        help="also list images of this registry, or of this namespace of it (by default only docker.io, ghcr.io, "
        "quay.io, registry.k8s.io, public.ecr.aws, gcr.io, mcr.microsoft.com, the registries that serve only public "
        "images and the namespaces their owners document as public: see docs/discover.md); repeatable",
    )
    discover.add_argument(
        "--with-optional",
        action="store_true",
        help="also list the images only a chart component off by default uses (its templates read them only inside "
        "an `if` the chart's values.yaml leaves false, and no values file of the chart turns it on)",
    )
    discover.add_argument(
        "--probe",
        action="store_true",
        help="ask each other registry, anonymously (a manifest HEAD, no credentials), whether it serves the image "
        "to anyone, and list the images it does",
    )
    discover.add_argument(
        "--plain-http", action="store_true", help="with --probe: plain HTTP for loopback registries only"
    )


def options_from(args: argparse.Namespace) -> MirrorOptions:
    return MirrorOptions(
        image_concurrency=args.concurrency,
        blob_concurrency=args.blob_concurrency,
        check_concurrency=args.check_concurrency,
        dry_run=args.dry_run,
        plain_http=args.plain_http,
        rate_limit_reserve=args.rate_limit_reserve,
        endpoints=dict(args.registry_endpoint),
        ca_files=tuple(args.ca_file),
        deadline=args.deadline,
    )
