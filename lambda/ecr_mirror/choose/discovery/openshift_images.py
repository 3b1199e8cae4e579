"""The images OpenShift pulls for its image streams and builds (pure).

- An `ImageStream`'s `spec.tags[].from` of `kind: DockerImage`: the image the cluster imports into the tag from its
  registry (and re-imports with `importPolicy.scheduled: true`),
  https://docs.openshift.com/container-platform/4.16/openshift_images/image-streams-manage.html; an
  `ImageStreamImport`'s `spec.images[].from` of that kind, an import asked for once.
- A `BuildConfig`'s (or a `Build`'s) base images: `spec.strategy.dockerStrategy.from`, `sourceStrategy.from` (the S2I
  builder) and `customStrategy.from` (the custom builder), and the images of `spec.source.images[].from` it copies
  files from, each of `kind: DockerImage`; and the FROM lines of an inline Dockerfile, `spec.source.dockerfile`, read
  as a Dockerfile's with the strategy's `buildArgs`. A `dockerStrategy.from` replaces the image of the Dockerfile's
  last FROM ("If the Dockerfile uses multi-stage builds, the image in the last FROM instruction will be replaced",
  https://docs.redhat.com/en/documentation/openshift_container_platform/4.21/html/builds_using_buildconfig/build-strategies),
  whatever its kind: that FROM is not pulled.

An import from an image whose name says it does not exist (`quay.io/acme/nonexistent-notebook:v999-does-not-exist`)
is a fixture of a test of the import's failure, not read (pull_failure_fixtures.py's words: no registry serves it).
An `ImageStreamTag` or `ImageStreamImage` names a stream of the cluster, no registry's image: not read (a stream of
the same file importing a `DockerImage` is read as its own). Inside an OpenShift template the strings take the
template's parameter values (`resolve`, openshift_templates.py); in an inline Dockerfile only the template's own
`${NAME}`s do, the others being the Dockerfile's variables, as `oc process` leaves a name it does not know.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.collect import Explain, Resolver, found_item, literal, no_value
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images, logical_lines
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.pull_failure_fixtures import says_missing
from ecr_mirror.choose.discovery.variables import Malformed, Unset
from ecr_mirror.choose.discovery.yaml_loader import line_of

_IMAGE_APIS = frozenset({"v1", "image.openshift.io/v1"})
_BUILD_APIS = frozenset({"v1", "build.openshift.io/v1"})
_STRATEGIES = ("dockerStrategy", "sourceStrategy", "customStrategy")
_PARAMETER_RE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")
_KIND = "Kubernetes manifest"
_IMPORTS = ("(ImageStream)", "(ImageStreamImport)")


def _docker_image(reference: object) -> object:
    """The `name` of an object reference of `kind: DockerImage`; None for any other."""
    if isinstance(reference, dict) and reference.get("kind") == "DockerImage":
        return reference.get("name")
    return None


def _dicts(value: object) -> list[dict[object, object]]:
    return [each for each in value if isinstance(each, dict)] if isinstance(value, list) else []


def _spec(doc: dict[object, object]) -> dict[object, object]:
    spec = doc.get("spec")
    return spec if isinstance(spec, dict) else {}


def _field_images(doc: object) -> Iterator[tuple[str, object]]:
    """(use, the written name) of each `DockerImage` reference an image stream, import or build pulls."""
    if not isinstance(doc, dict):
        return
    kind, api, spec = doc.get("kind"), str(doc.get("apiVersion")), _spec(doc)
    if kind == "ImageStream" and api in _IMAGE_APIS:
        yield from (
            ("spec.tags[].from (ImageStream)", _docker_image(tag.get("from"))) for tag in _dicts(spec.get("tags"))
        )
    elif kind == "ImageStreamImport" and api in _IMAGE_APIS:
        each = _dicts(spec.get("images"))
        yield from (("spec.images[].from (ImageStreamImport)", _docker_image(image.get("from"))) for image in each)
    elif kind in ("BuildConfig", "Build") and api in _BUILD_APIS:
        strategy = spec.get("strategy")
        for name in _STRATEGIES:
            chosen = strategy.get(name) if isinstance(strategy, dict) else None
            if isinstance(chosen, dict):
                yield f"{name}.from (BuildConfig)", _docker_image(chosen.get("from"))
        source = spec.get("source")
        for image in _dicts(source.get("images") if isinstance(source, dict) else None):
            yield "source.images[].from (BuildConfig)", _docker_image(image.get("from"))


def _template_values(text: str, resolve: Resolver) -> str:
    """`text` with each `${NAME}` the template gives a value replaced by it, the others kept for the Dockerfile."""

    def value(match: re.Match[str]) -> str:
        try:
            return resolve(match.group(0))
        except (Unset, Malformed):
            return match.group(0)

    return _PARAMETER_RE.sub(value, text)


def _build_args(strategy: object, resolve: Resolver) -> dict[str, str]:
    """`dockerStrategy.buildArgs`: each `name` with a string `value` (a `valueFrom` is known only in the cluster)."""
    found: dict[str, str] = {}
    for entry in _dicts(strategy.get("buildArgs") if isinstance(strategy, dict) else None):
        name, value = entry.get("name"), entry.get("value")
        if isinstance(name, str) and isinstance(value, str):
            found[name] = _template_values(value, resolve)
    return found


def _last_from(text: str) -> int | None:
    """The line (in `text`) of the Dockerfile's last FROM instruction."""
    lines = [line for line, instruction in logical_lines(text) if instruction.split(" ", 1)[0].upper() == "FROM"]
    return lines[-1] if lines else None


def _inline_dockerfile(doc: dict[object, object], origin: str, resolve: Resolver) -> list[Found]:
    """The images of a build's `spec.source.dockerfile`, at the file's lines (a block scalar, `dockerfile: |`, whose
    first line is the one after its key)."""
    spec = _spec(doc)
    source, strategy = spec.get("source"), spec.get("strategy")
    written = source.get("dockerfile") if isinstance(source, dict) else None
    if not isinstance(written, str) or not written.strip():
        return []
    docker = strategy.get("dockerStrategy") if isinstance(strategy, dict) else None
    replaced = isinstance(docker, dict) and isinstance(docker.get("from"), dict)
    text = _template_values(written, resolve)
    last, start = _last_from(text) if replaced else None, line_of(written)
    found: list[Found] = []
    for item in dockerfile_images(text, origin, _build_args(docker, resolve)):
        if item.use == "FROM" and item.line == last:
            continue  # the image dockerStrategy.from replaces
        line = start + item.line if start is not None and item.line is not None else None
        found.append(dataclasses.replace(item, line=line, use=f"{item.use} (BuildConfig dockerfile)", kind=_KIND))
    return found


def openshift_images(doc: object, origin: str, resolve: Resolver = literal, explain: Explain = no_value) -> list[Found]:
    """The images an ImageStream, an ImageStreamImport or a BuildConfig of `doc` makes OpenShift pull, in the
    file's order; `resolve` gives a template's parameter values (`explain`: why one has none)."""
    found: list[Found] = []
    for use, value in _field_images(doc):
        item = found_item(value, origin, use, resolve, explain)
        if item and not (use.endswith(_IMPORTS) and says_missing(item.text)):  # an import meant to fail
            found.append(dataclasses.replace(item, kind=_KIND))
    if (
        isinstance(doc, dict)
        and doc.get("kind") in ("BuildConfig", "Build")
        and str(doc.get("apiVersion")) in _BUILD_APIS
    ):
        found += _inline_dockerfile(doc, origin, resolve)
    return sorted(found, key=lambda item: item.line or 0)
