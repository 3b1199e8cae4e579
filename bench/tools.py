"""The contenders, each run as a user would run it, every process measured.

    ecr-mirror    `python -m ecr_mirror sync --images LIST --to TARGET/mirror --registry-endpoint docker.io=SOURCE`
    skopeo-copy   a sequential loop of `skopeo copy --all --preserve-digests` (one process per image)
    skopeo-sync   one `skopeo sync --all --preserve-digests --src yaml --dest docker` over a YAML source file
    curl          the raw limit for one blob: POST, then `curl GET | curl PUT` with a known Content-Length

All three land the images at the same paths: TARGET/mirror/docker-hub/bench/<name>:<tag>.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ecr_mirror.oci import mediatypes

from . import procs
from .corpus import ImageInfo
from .corpus_spec import REPO_PREFIX
from .procs import Measured, ProcessFailedError

TARGET_PREFIX = "mirror/docker-hub"  # where `ecr-mirror sync --to T/mirror` puts docker.io images
REPO_ROOT = Path(__file__).resolve().parent.parent
SKOPEO_TIMEOUT = 900.0
TOOLS = ("ecr-mirror", "skopeo-copy", "skopeo-sync")


def target_repo(image: ImageInfo) -> str:
    return f"{TARGET_PREFIX}/{image.repo}"


ENGINE_PATH = REPO_ROOT / "lambda"  # the directory holding the ecr_mirror package that is measured (--engine)


PYCACHE_DIR = REPO_ROOT / ".bench" / "pycache"  # compiled bytecode of the measured engine, outside its tree


def engine_env() -> dict[str, str]:
    """The environment for `python -m ecr_mirror`: the measured engine first on the path, no stray auth.

    Bytecode is compiled once and kept under PYCACHE_DIR (PYTHONPYCACHEPREFIX), as an installed package has
    its .pyc files: otherwise every timed run would compile the engine from source, which no user pays.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH", "AWS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(ENGINE_PATH), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE_DIR)
    return env


def compile_engine() -> None:
    """Compile the engine and everything the command line imports, before any timed run."""
    env = engine_env()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ENGINE_PATH / "ecr_mirror")], env=env, check=True)
    subprocess.run([sys.executable, "-c", "import ecr_mirror.cli.main"], env=env, check=True)


def _engine(*args: str) -> list[str]:
    return [sys.executable, "-m", "ecr_mirror", *args]


@dataclass
class RunOutcome:
    measured: Measured
    report: dict[str, Any] | None = None  # ecr-mirror's --json report


def ecr_mirror_sync(images: Sequence[ImageInfo], source: str, target: str, work: Path) -> RunOutcome:
    listing = work / "images.txt"
    listing.write_text("".join(f"{i.ref}\n" for i in images))
    argv = _engine(
        "sync",
        "--images",
        str(listing),
        "--to",
        f"{target}/mirror",
        "--plain-http",
        "--registry-endpoint",
        f"docker.io={source}",
        "--json",
    )
    result = procs.run(argv, env=engine_env()).check()
    report = json.loads(result.stdout)
    bad = [r for r in report["images"] if r["status"] not in ("copied", "skipped")]
    if bad:
        raise ProcessFailedError(f"ecr-mirror sync: {len(bad)} images not copied: {bad[:3]}")
    return RunOutcome(Measured(result.seconds, result.max_rss_kib, 1, [result]), report)


def ecr_mirror_copy(image: ImageInfo, source: str, target: str) -> RunOutcome:
    argv = _engine(
        "copy", f"{source}/{image.ref}", f"{target}/{target_repo(image)}:{image.tag}", "--plain-http", "--json"
    )
    result = procs.run(argv, env=engine_env()).check()
    report = json.loads(result.stdout)
    if report["images"][0]["status"] not in ("copied", "skipped"):
        raise ProcessFailedError(f"ecr-mirror copy: {report['images'][0]}")
    return RunOutcome(Measured(result.seconds, result.max_rss_kib, 1, [result]), report)


def _skopeo_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REGISTRY_AUTH_FILE", None)
    return env


def skopeo_copy_loop(images: Sequence[ImageInfo], source: str, target: str, work: Path) -> RunOutcome:
    """What a user scripts: for each image, `skopeo copy --all --preserve-digests`, one after another."""
    started = time.perf_counter()
    results = []
    for image in images:
        argv = [
            "skopeo",
            "copy",
            "--all",
            "--preserve-digests",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            "--src-no-creds",
            "--dest-no-creds",
            f"docker://{source}/{image.ref}",
            f"docker://{target}/{target_repo(image)}:{image.tag}",
        ]
        results.append(procs.run(argv, env=_skopeo_env(), timeout=SKOPEO_TIMEOUT).check())
    seconds = time.perf_counter() - started
    return RunOutcome(Measured(seconds, max(r.max_rss_kib for r in results), len(results), results))


def skopeo_sync_yaml(images: Sequence[ImageInfo], source: str) -> str:
    """skopeo sync's YAML source: registry -> images: repository -> [tags]."""
    tags: dict[str, list[str]] = {}
    for image in images:
        tags.setdefault(image.repo, []).append(image.tag)
    lines = [f"{source}:", "  tls-verify: false", "  images:"]
    lines += [f"    {repo}: [{', '.join(json.dumps(t) for t in ts)}]" for repo, ts in tags.items()]
    return "\n".join(lines) + "\n"


def skopeo_sync(images: Sequence[ImageInfo], source: str, target: str, work: Path) -> RunOutcome:
    """One `skopeo sync` over a YAML file. Without --scoped it keeps the last path component of each repository,
    so the destination is TARGET/mirror/docker-hub/bench and images land where the other tools put them."""
    yaml_path = work / "skopeo-sync.yaml"
    yaml_path.write_text(skopeo_sync_yaml(images, source))
    argv = [
        "skopeo",
        "sync",
        "--all",
        "--preserve-digests",
        "--src",
        "yaml",
        "--dest",
        "docker",
        "--dest-tls-verify=false",
        "--src-no-creds",
        "--dest-no-creds",
        str(yaml_path),
        f"{target}/{TARGET_PREFIX}/{REPO_PREFIX}",
    ]
    result = procs.run(argv, env=_skopeo_env(), timeout=SKOPEO_TIMEOUT).check()
    return RunOutcome(Measured(result.seconds, result.max_rss_kib, 1, [result]))


def run_tool(tool: str, images: Sequence[ImageInfo], source: str, target: str, work: Path) -> RunOutcome:
    if tool == "ecr-mirror":
        return ecr_mirror_sync(images, source, target, work)
    if tool == "skopeo-copy":
        return skopeo_copy_loop(images, source, target, work)
    if tool == "skopeo-sync":
        return skopeo_sync(images, source, target, work)
    raise ValueError(tool)


def curl_pipe(image: ImageInfo, source: str, target: str) -> RunOutcome:
    """The raw limit for the image's largest blob: one POST, then one GET piped into one PUT (no chunked
    encoding: the Content-Length is known, and curl's `Transfer-Encoding: chunked` for stdin is suppressed)."""
    digest, size = max(image.blobs, key=lambda b: b[1])
    repo = target_repo(image)
    started = time.perf_counter()
    post = procs.run(
        ["curl", "-sS", "-f", "-X", "POST", "-o", "/dev/null", "-D", "-", f"http://{target}/v2/{repo}/blobs/uploads/"]
    ).check()
    location = _header(post.stdout, "location")
    url = httpx.URL(location) if location.startswith("http") else httpx.URL(f"http://{target}{location}")
    url = url.copy_merge_params({"digest": digest})
    get, put = procs.run_pipe(
        ["curl", "-sS", "-f", f"http://{source}/v2/{image.repo}/blobs/{digest}"],
        [
            "curl",
            "-sS",
            "-f",
            "-X",
            "PUT",
            "-T",
            "-",
            "-H",
            f"Content-Length: {size}",
            "-H",
            "Transfer-Encoding:",
            "-H",
            "Expect:",
            "-H",
            "Content-Type: application/octet-stream",
            "-o",
            "/dev/null",
            str(url),
        ],
    )
    seconds = time.perf_counter() - started
    get.check()
    put.check()
    results = [post, get, put]
    return RunOutcome(Measured(seconds, max(r.max_rss_kib for r in results), len(results), results))


def _header(raw: bytes, name: str) -> str:
    for line in raw.decode(errors="replace").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            return value.strip()
    raise ProcessFailedError(f"no {name} header in {raw[:300]!r}")


def verify_target(images: Sequence[ImageInfo], target: str) -> list[str]:
    """Problems found: each image's tag at the target must answer the source's digest (HEAD, all media types)."""
    problems = []
    with httpx.Client(timeout=30.0) as client:
        for image in images:
            url = f"http://{target}/v2/{target_repo(image)}/manifests/{image.tag}"
            response = client.head(url, headers={"Accept": mediatypes.ACCEPT})
            got = response.headers.get("docker-content-digest")
            if response.status_code != 200 or got != image.digest:
                problems.append(
                    f"{target_repo(image)}:{image.tag}: HTTP {response.status_code}, digest {got}, "
                    f"source has {image.digest}"
                )
    return problems


def blob_present(target: str, repo: str, digest: str) -> bool:
    with httpx.Client(timeout=30.0) as client:
        return client.head(f"http://{target}/v2/{repo}/blobs/{digest}").status_code == 200


def versions() -> dict[str, str]:
    def first_line(argv: list[str]) -> str:
        try:
            return procs.run(argv, timeout=30).stdout.decode(errors="replace").strip().splitlines()[0]
        except (OSError, IndexError):
            return "unknown"

    from ecr_mirror import __version__

    registry = first_line(["docker-registry", "--version"])
    return {
        "ecr-mirror": __version__,
        "python": sys.version.split()[0],
        "httpx": httpx.__version__,
        "skopeo": first_line(["skopeo", "--version"]),
        "registry": registry,
        "curl": " ".join(first_line(["curl", "--version"]).split()[:2]),
    }
