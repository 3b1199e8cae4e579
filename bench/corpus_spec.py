"""What the benchmark corpus holds: layer and image specs, the full corpus and the tiny one the smoke test uses."""

from __future__ import annotations

import hashlib
import json
import sysconfig
from dataclasses import asdict, dataclass

from ecr_mirror.lab.images import Format

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB
CORPUS_VERSION = "v1"
REPO_PREFIX = "bench"  # every repository is bench/<name>: `skopeo sync` (not --scoped) keeps only the last part


@dataclass(frozen=True)
class LayerSpec:
    """A tar.gz layer of the regular files and symlinks under `roots`, in sorted order, up to `budget` bytes."""

    name: str
    roots: tuple[str, ...]
    budget: int
    exclude: tuple[str, ...] = ()  # path components to skip (e.g. site-packages)


@dataclass(frozen=True)
class FileImageSpec:
    repo: str
    tag: str
    fmt: Format
    layers: tuple[str, ...]  # LayerSpec names, bottom first


@dataclass(frozen=True)
class CorpusSpec:
    name: str  # "full" or "tiny"
    layers: tuple[LayerSpec, ...]
    file_images: tuple[FileImageSpec, ...]
    large_size: int
    index_layers: tuple[int, ...]
    small_count: int
    small_layers: tuple[int, ...]

    @property
    def key(self) -> str:
        text = json.dumps(asdict(self), sort_keys=True)
        return f"corpus-{CORPUS_VERSION}-{self.name}-{hashlib.sha256(text.encode()).hexdigest()[:10]}"


def _stdlib() -> str:
    return sysconfig.get_paths()["stdlib"]


def full_spec() -> CorpusSpec:
    stdlib = _stdlib()
    return CorpusSpec(
        name="full",
        layers=(
            LayerSpec("base-usr-bin", ("/usr/bin",), 80 * MiB),
            LayerSpec("python-stdlib", (stdlib,), 120 * MiB, exclude=("site-packages", "__pycache__")),
            LayerSpec("usr-include", ("/usr/include",), 80 * MiB),
            LayerSpec("share-doc-man", ("/usr/share/doc", "/usr/share/man"), 120 * MiB),
            LayerSpec(
                "share-misc",
                (
                    "/usr/share/locale",
                    "/usr/share/i18n",
                    "/usr/share/perl",
                    "/usr/share/vim",
                    "/usr/share/zoneinfo",
                    "/usr/share/icons",
                    "/usr/share/mime",
                ),
                150 * MiB,
            ),
            LayerSpec("lib-gnu", ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"), 200 * MiB),
            LayerSpec(
                "lib-misc", ("/usr/lib/gcc", "/usr/lib/python3", "/usr/lib/git-core", "/usr/lib/file"), 120 * MiB
            ),
        ),
        file_images=(
            FileImageSpec(
                f"{REPO_PREFIX}/python", "3.11-files", "oci", ("base-usr-bin", "python-stdlib", "usr-include")
            ),
            FileImageSpec(f"{REPO_PREFIX}/docs", "1", "docker", ("base-usr-bin", "share-doc-man", "share-misc")),
            FileImageSpec(f"{REPO_PREFIX}/libs", "1", "oci", ("base-usr-bin", "lib-gnu", "lib-misc")),
        ),
        large_size=1 * GiB,
        index_layers=(4 * MiB, 2 * MiB),
        small_count=24,
        small_layers=(256 * KiB, 64 * KiB),
    )


def tiny_spec() -> CorpusSpec:
    return CorpusSpec(
        name="tiny",
        layers=(
            LayerSpec("base-usr-bin", ("/usr/bin",), 1 * MiB),
            LayerSpec("python-stdlib", (_stdlib(),), 1 * MiB, exclude=("site-packages", "__pycache__")),
        ),
        file_images=(FileImageSpec(f"{REPO_PREFIX}/python", "3.11-files", "oci", ("base-usr-bin", "python-stdlib")),),
        large_size=1 * MiB,
        index_layers=(64 * KiB,),
        small_count=3,
        small_layers=(16 * KiB,),
    )
