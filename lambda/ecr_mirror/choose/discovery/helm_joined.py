"""Image names a chart's templates join from several keys of one values mapping (pure).

`image: {repository: docker.io/hivemq, name: hivemq4, tag: 4.54.0}` is `docker.io/hivemq/hivemq4:4.54.0` where a
template joins the two, `printf "%s/%s" .repository .name` (a named template given the mapping's keys in a `dict`)
or `{{ .Values.image.repository }}/{{ .Values.image.name }}`; without such a template the `repository` is the name,
as charts mostly write it. cass-operator's chart (and k8ssandra-operator's, which hands it down) renders its
`imageConfig` values into the operator's ImageConfig (image_config.py), whose `images` entries are always joined so:
`imageConfig: {images: {reaper: {repository: thelastpickle, name: cassandra-reaper, tag: 5.0.0}}}`.
And a mapping of `imageRegistry`, `imageName` and `imageTag`, each set, is
`REGISTRY/NAME:TAG` where a template joins them so, `printf "%s/%s:%s" $imageRegistry .uploader.imageName
$imageTag` (Selenium Grid's uploader sidecars, whose mapping a template picks by a value's name at run time): each
such mapping is an image the chart may run. One with a key left empty takes what the template's line gives it,
which helm_template_lines.py renders where it can. A mapping of `registry`, `name` and a `tag` that is set, under a key
naming images (`image`, `images`, `*Image`), names its image with `name` (yugaware's `image: {postgres: {registry:
"", name: postgres, tag: '14.23'}}`, joined `[registry/]name:tag` by its `full_image` helper, as Bitnami's
`registry`/`repository`/`tag` are). A `registry` left empty is another key of the mapping where a
template falls back to it, `default (default .image.defaultRegistry .globalRegistry) .image.registry` (Kyverno's
chart: `registry: ~` beside `defaultRegistry: reg.kyverno.io`): a global registry, when one is set, is not read.
A mapping's `version` is its tag where a template joins it right after the repository, `printf "%s/%s:%s" .registry
.repository .version` (sigstore's charts, whose helpers write `@` instead for a `version: sha256:...`): `version:
v1.5.4@sha256:...` a tag and digest, `version: sha256:...` a digest.
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.image_parts import DIGEST_RE
from ecr_mirror.choose.discovery.yaml_loader import line_of, located

_FIELD = r"(?:\$?\w*(?:\.[\w-]+)*)?"
_REPOSITORY_NAME_RE = re.compile(
    rf"printf\s+\"%s/%s[^\"]*\"\s+\(?{_FIELD}\.repository\)?\s+\(?{_FIELD}\.name\b"
    rf"|{_FIELD}\.repository\s*-?\}}\}}/\{{\{{-?\s*{_FIELD}\.name\s*-?\}}\}}"
)
_NAME_RE = re.compile(r"[a-z0-9][\w./-]*")
_FALLBACK_KEY_RE = re.compile(r"\w+Registry")
# `printf "%s/%s:%s" .registry .repository .version`, `printf "%s@%s" .image.repository .image.version`
_VERSION_TAG_RE = re.compile(
    rf"printf\s+\"(?:%s/)?%s[:@]%s\"\s+(?:\(?{_FIELD}\.registry\)?\s+)?\(?{_FIELD}\.repository\)?\s+\(?{_FIELD}\.version\b"
)
_REGISTRY_NAME_TAG_RE = re.compile(rf"printf\s+\"%s/%s:%s\"\s+\S+\s+{_FIELD}\.imageName\s+\S+")


def _text(value: object) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def joined_name(node: dict[Any, Any], templates: str, path: tuple[str, ...] = ()) -> dict[Any, Any] | None:
    """`node` (at `path` in the values) with its `repository` and `name` joined when the templates join them, or when
    it is an entry of cass-operator's `imageConfig.images`; None otherwise."""
    repository, name = _text(node.get("repository")), _text(node.get("name"))
    if not repository or _NAME_RE.fullmatch(name) is None:
        return None
    if _REPOSITORY_NAME_RE.search(templates) is None and path[-3:-1] != ("imageConfig", "images"):
        return None
    joined = f"{repository.rstrip('/')}/{name.lstrip('/')}"
    return {**node, "repository": located(joined, line_of(node.get("repository")) or 0)}


_IMAGE_KEY_RE = re.compile(r"^\s*(?:-\s*)?image:")


def named_image(node: dict[Any, Any], path: tuple[str, ...], templates: str = "") -> object | None:
    """The `name` of a mapping (at `path`) of `registry`, `name` and a set `tag` under a key naming images, which
    names its image as a `repository` does; None otherwise, and for a mapping with a `repository` key, even empty,
    whose template fills it from elsewhere (strimzi's `defaultImageRepository`). Without a `registry`, only where a
    template joins the two itself, `{{ .Values.<path>.name }}:{{ .Values.<path>.tag }}`, on a line that is not an
    `image:` one, and nothing before the name (a registry prefix, `{{ .Values.global.prefix }}/{{ ...name }}`, makes
    the name a path under it) (the Zero to JupyterHub convention: helmforge's jupyterhub, `c.KubeSpawner.image =
    "{{ .Values.singleuser.image.name }}:{{ .Values.singleuser.image.tag }}"`,
    `quay.io/jupyter/base-notebook:2026-05-26`)."""
    if "repository" in node or not _text(node.get("tag")) or not isinstance(node.get("name"), str):
        return None
    if "registry" not in node:
        dotted = re.escape(".".join(path))
        name, tag = (rf"\{{\{{-?\s*\$?\.Values\.{dotted}\.{key}\s*-?\}}\}}" for key in ("name", "tag"))
        joined = rf"(?<![/}}\w.-]){name}:{tag}"
        # on a line other than an `image:` one (template lines of that key are read as rendered: helm_template_lines)
        lines = (templates[templates.rfind("\n", 0, m.start()) + 1 : m.start()] for m in re.finditer(joined, templates))
        return node["name"] if path and any(not _IMAGE_KEY_RE.search(line) for line in lines) else None
    return node["name"] if any(key.lower().endswith(("image", "images")) for key in path) else None


def registry_name_tag(node: dict[Any, Any], templates: str) -> object | None:
    """`REGISTRY/NAME:TAG` of a mapping whose `imageRegistry`, `imageName` and `imageTag` are set, when a template
    joins them so (at the line of the registry, where a rendered line puts it too); None otherwise."""
    parts = [_text(node.get(key)) for key in ("imageRegistry", "imageName", "imageTag")]
    if not all(parts) or _REGISTRY_NAME_TAG_RE.search(templates) is None:
        return None
    registry, name, tag = parts
    return located(f"{registry.rstrip('/')}/{name}:{tag}", line_of(node.get("imageRegistry")) or 0)


def fallback_registry(node: dict[Any, Any], templates: str) -> str:
    """The `registry` of `node`; when empty, the value of the key a template falls back to in one action (`{{ ...
    default .image.defaultRegistry ... .image.registry }}`)."""
    if (registry := _text(node.get("registry"))) or "registry" not in node:
        return registry
    for key, value in node.items():
        if not isinstance(key, str) or _FALLBACK_KEY_RE.fullmatch(key) is None or not _text(value):
            continue
        if re.search(rf"\{{\{{[^}}]*\bdefault\b[^}}]*\.{key}\b[^}}]*\.registry\b", templates):
            return _text(value)
    return ""


def version_tag(node: dict[Any, Any], templates: str) -> tuple[str, str]:
    """The tag and digest a mapping without a `tag` gives under `version` where a template joins `.version` after
    the repository; ("", "") otherwise."""
    version = _text(node.get("version"))
    if "tag" in node or not version or _VERSION_TAG_RE.search(templates) is None:
        return "", ""
    return ("", version) if DIGEST_RE.fullmatch(version) else (version, "")
