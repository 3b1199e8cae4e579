"""The benchmark corpus, built once and cached as a ready source registry under `.bench/<key>/`.

    files     multi-layer images of real files from this machine (/usr/bin, python's stdlib, /usr/include,
              /usr/share, /usr/lib), tar.gz at gzip level 6; the first layer is shared by all of them
    large     one image with a single incompressible layer (1 GiB; 1 MiB with --tiny)
    index     a linux/amd64 + linux/arm64 OCI index with BuildKit-style attestation manifests
    small     20+ small distinct images (OCI and Docker schema2)
    huge      optional (--huge): one image with a single 4 GiB layer

The cache key is the corpus version plus a hash of the spec; `corpus.json` is written last and marks a
complete build, so an interrupted build is redone from scratch. Layers of real files are streamed from `tar`
through zlib (which releases the GIL, so two layers compress at once) and never held whole in memory
until pushed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus_spec import CORPUS_VERSION, REPO_PREFIX, CorpusSpec, GiB, LayerSpec, MiB
from ecr_mirror.lab.image_types import Blob, ImageContent, Layer
from ecr_mirror.lab.images import Format, image_from_layers, large_blob_image, oci_index, random_image
from ecr_mirror.lab.push import PushClient, push_image
from ecr_mirror.lab.registry import LocalRegistry

GZIP_LEVEL = 6
READ_CHUNK = 1 * MiB


@dataclass(frozen=True)
class ImageInfo:
    """One image of the corpus as pushed to the source."""

    repo: str
    tag: str
    kind: str  # files | large | index | small | huge
    digest: str
    media_type: str
    manifests: int
    blobs: tuple[tuple[str, int], ...]  # (digest, size), distinct within the image

    @property
    def ref(self) -> str:
        return f"{self.repo}:{self.tag}"

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ImageInfo:
        return cls(
            repo=str(d["repo"]),
            tag=str(d["tag"]),
            kind=str(d["kind"]),
            digest=str(d["digest"]),
            media_type=str(d["media_type"]),
            manifests=int(d["manifests"]),
            blobs=tuple((str(b[0]), int(b[1])) for b in d["blobs"]),
        )

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.blobs)


@dataclass
class Corpus:
    key: str
    root: Path  # .bench/<key>
    images: list[ImageInfo]
    build_seconds: float = 0.0
    layer_stats: list[dict[str, Any]] = field(default_factory=list)

    @property
    def registry_dir(self) -> Path:
        return self.root / "registry"

    def select(self, *kinds: str) -> list[ImageInfo]:
        return [i for i in self.images if i.kind in kinds]

    def distinct_blobs(self, images: Sequence[ImageInfo]) -> dict[str, int]:
        out: dict[str, int] = {}
        for image in images:
            out.update(dict(image.blobs))
        return out

    def source_registry(self) -> LocalRegistry:
        """A LocalRegistry over the cached storage (not removed on stop)."""
        return LocalRegistry(workdir=self.registry_dir)


# -- real-file layers -----------------------------------------------------------------------------------------


def _walk(spec: LayerSpec) -> list[str]:
    """Paths relative to / of regular files and symlinks under the roots, sorted, within the budget."""
    chosen: list[str] = []
    total = 0
    for root in spec.roots:
        if not os.path.isdir(root):
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in spec.exclude)
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                if os.path.islink(path):
                    size = 0
                elif os.path.isfile(path) and os.access(path, os.R_OK):
                    size = st.st_size
                else:
                    continue
                if total + size > spec.budget:
                    return chosen
                chosen.append(path.lstrip("/"))
                total += size
    return chosen


def build_file_layer(spec: LayerSpec, out_dir: Path) -> tuple[Path, str, str, int, int]:
    """tar | gzip -6 into out_dir/<name>.tar.gz. Returns (path, digest, diff_id, size, uncompressed size)."""
    files = _walk(spec)
    list_path = out_dir / f"{spec.name}.list"
    list_path.write_bytes(b"".join(f.encode() + b"\0" for f in files))
    out_path = out_dir / f"{spec.name}.tar.gz"
    tar = subprocess.Popen(
        [
            "tar",
            "-C",
            "/",
            "--null",
            "--no-recursion",
            "-T",
            str(list_path),
            "--owner=0",
            "--group=0",
            "--numeric-owner",
            "--mtime=@0",
            "-cf",
            "-",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert tar.stdout is not None
    raw_hash, gz_hash = hashlib.sha256(), hashlib.sha256()
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # wbits 31: gzip container, mtime 0
    raw_size = gz_size = 0
    with out_path.open("wb") as out:
        while chunk := tar.stdout.read(READ_CHUNK):
            raw_hash.update(chunk)
            raw_size += len(chunk)
            data = compressor.compress(chunk)
            gz_hash.update(data)
            gz_size += len(data)
            out.write(data)
        data = compressor.flush()
        gz_hash.update(data)
        gz_size += len(data)
        out.write(data)
    if tar.wait() not in (0, 1):  # 1: "file changed as we read it", harmless here
        raise RuntimeError(f"tar failed for layer {spec.name} ({tar.returncode})")
    list_path.unlink()
    return out_path, "sha256:" + gz_hash.hexdigest(), "sha256:" + raw_hash.hexdigest(), gz_size, raw_size


# -- building -------------------------------------------------------------------------------------------------


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _info(repo: str, tag: str, kind: str, content: ImageContent) -> ImageInfo:
    return ImageInfo(
        repo=repo,
        tag=tag,
        kind=kind,
        digest=content.digest,
        media_type=content.media_type,
        manifests=len(content.manifests),
        blobs=tuple((b.digest, b.size) for b in content.blobs),
    )


def _gzip_layer(path: Path, digest: str, diff_id: str, size: int) -> Layer:
    # In memory so that the lab's builder sees the gzip magic and picks the tar+gzip media type.
    return Layer(Blob(digest=digest, size=size, data=path.read_bytes()), diff_id)


def _build(spec: CorpusSpec, root: Path, jobs: int) -> Corpus:
    started = time.monotonic()
    layers_dir = root / "layers"
    layers_dir.mkdir(parents=True)
    _log(f"building corpus {spec.key} in {root} (one-off; cached for later runs)")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outputs = pool.map(lambda s: build_file_layer(s, layers_dir), spec.layers)
        built = dict(zip([s.name for s in spec.layers], outputs, strict=True))
    layer_stats: list[dict[str, Any]] = [
        {"name": name, "bytes": size, "uncompressed": raw, "ratio": round(raw / size, 2) if size else 0.0}
        for name, (_, _, _, size, raw) in built.items()
    ]
    for s in layer_stats:
        _log(f"  layer {s['name']}: {s['uncompressed'] / MiB:.0f} MiB -> {s['bytes'] / MiB:.0f} MiB")
    images: list[ImageInfo] = []
    with LocalRegistry(workdir=root / "registry") as reg, PushClient(reg.url, timeout=600.0) as client:
        for fi in spec.file_images:
            layers = [_gzip_layer(built[n][0], built[n][1], built[n][2], built[n][3]) for n in fi.layers]
            content = image_from_layers(layers, fmt=fi.fmt, seed=f"bench/{fi.repo}")
            push_image(client, fi.repo, content, tags=[fi.tag])
            images.append(_info(fi.repo, fi.tag, "files", content))
            _log(f"  pushed {fi.repo}:{fi.tag} ({sum(b.size for b in content.blobs) / MiB:.0f} MiB)")
        large = large_blob_image(spec.large_size, seed=f"bench-large-{CORPUS_VERSION}")
        push_image(client, f"{REPO_PREFIX}/large", large, tags=["1"])
        images.append(_info(f"{REPO_PREFIX}/large", "1", "large", large))
        _log(f"  pushed {REPO_PREFIX}/large:1 ({spec.large_size / MiB:.0f} MiB incompressible layer)")
        index = oci_index(spec.index_layers, attestations=True, seed=f"bench-index-{CORPUS_VERSION}")
        push_image(client, f"{REPO_PREFIX}/multiarch", index, tags=["1"])
        images.append(_info(f"{REPO_PREFIX}/multiarch", "1", "index", index))
        for i in range(spec.small_count):
            fmt: Format = "docker" if i % 3 == 0 else "oci"
            layer_sizes = spec.small_layers[: 1 + i % len(spec.small_layers)]
            small = random_image(layer_sizes, fmt=fmt, seed=f"bench-small-{CORPUS_VERSION}-{i}")
            repo = f"{REPO_PREFIX}/small-{i:02d}"
            push_image(client, repo, small, tags=["1"])
            images.append(_info(repo, "1", "small", small))
        _log(f"  pushed {REPO_PREFIX}/multiarch:1 and {spec.small_count} small images")
    shutil.rmtree(layers_dir)
    corpus = Corpus(spec.key, root, images, time.monotonic() - started, layer_stats)
    _save(corpus)
    _log(f"corpus built in {corpus.build_seconds:.0f}s")
    return corpus


def _save(corpus: Corpus) -> None:
    doc = {
        "key": corpus.key,
        "build_seconds": corpus.build_seconds,
        "layers": corpus.layer_stats,
        "images": [asdict(i) for i in corpus.images],
    }
    tmp = corpus.root / "corpus.json.tmp"
    tmp.write_text(json.dumps(doc, indent=1))
    tmp.replace(corpus.root / "corpus.json")


def _load(root: Path) -> Corpus | None:
    try:
        doc = json.loads((root / "corpus.json").read_text())
    except (OSError, ValueError):
        return None
    images = [ImageInfo.from_dict(i) for i in doc["images"]]
    return Corpus(doc["key"], root, images, float(doc.get("build_seconds", 0.0)), list(doc.get("layers", [])))


def ensure_corpus(spec: CorpusSpec, cache_dir: Path, jobs: int = 2) -> Corpus:
    """The cached corpus for `spec`, building it (and removing stale partial builds) if needed."""
    root = cache_dir / spec.key
    corpus = _load(root)
    if corpus is not None:
        return corpus
    if root.exists():
        shutil.rmtree(root)
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        return _build(spec, root, jobs)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


HUGE_REPO = f"{REPO_PREFIX}/huge"


def ensure_huge(corpus: Corpus, size: int = 4 * GiB) -> ImageInfo:
    """Push (once) the optional image with one `size`-byte layer into the corpus's source registry."""
    marker = corpus.root / f"huge-{size}.json"
    try:
        return ImageInfo.from_dict(json.loads(marker.read_text()))
    except (OSError, ValueError):
        pass
    _log(f"pushing the {size / GiB:.0f} GiB image to the cached source (one-off)")
    content = large_blob_image(size, seed=f"bench-huge-{CORPUS_VERSION}")
    with corpus.source_registry() as reg, PushClient(reg.url, timeout=1800.0) as client:
        push_image(client, HUGE_REPO, content, tags=["1"])
    info = _info(HUGE_REPO, "1", "huge", content)
    with tempfile.NamedTemporaryFile("w", dir=corpus.root, delete=False) as f:
        json.dump(asdict(info), f)
    Path(f.name).replace(marker)
    return info
