"""The images Rust test code pulls without Testcontainers (pure): the Kubernetes containers an end-to-end test crate
creates in its cluster, and the images a test pulls through bollard, the Docker API client.

- In a crate of end-to-end tests (cli/discover_rust.py decides, by the crate's name: `linkerd-policy-test`,
  `k8s-e2e-tests`), the `image: Some(IMAGE)` field of the Kubernetes objects the tests create (k8s-openapi's
  `Container { image: Some(...), .. }`, https://docs.rs/k8s-openapi, `Container.image: Option<String>`), IMAGE a
  literal or a name the file binds to one (`Self::CURL_IMAGE.to_string()`, `BUSYBOX_IMAGE.to_owned()`), read when it
  names a registry, a namespace or a tag (a bare `sidecar` is most often one the suite builds and loads), at the
  field's line; `use` `image (e2e test)`, as for Go suites (go_e2e_images.py). A unit test of another crate builds
  such objects as fixtures it compares, and is not read.
- In a file that uses bollard (`use bollard::...`), `from_image(IMAGE)` of `CreateImageOptionsBuilder` with the
  `.tag(TAG)` of the same chain, and `from_image: IMAGE` of a `CreateImageOptions { .. }` literal with its `tag:`
  field: the image `docker.create_image(options, ..)` pulls (POST /images/create, https://docs.docker.com/reference/
  api/engine/version/v1.47/#tag/Image/operation/ImageCreate), at the `from_image` line; a reference with no tag and no
  `tag` pulls every tag of the repository, which the tree does not name: not read. `use` `bollard create_image`.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.rust_sources import RustNames, call_arguments, chained, without_comments
from ecr_mirror.oci.reference import reference_or_none

OBJECT_MARK = b"image: Some("
BOLLARD_RE = re.compile(rb"\bbollard::")
_KIND = "Rust source"
_IMAGE_RE = re.compile(r"(?<![\w.])image\s*:\s*Some\(")
_FROM_CALL_RE = re.compile(r"\.\s*from_image\s*\(")
_FROM_FIELD_RE = re.compile(r"(?<![\w.])from_image\s*:\s*")
_TAG_FIELD_RE = re.compile(r"(?<![\w.])tag\s*:\s*")


def _named(image: str) -> bool:
    """Whether `image` names a registry, a namespace or a tag (not a bare name a suite may build itself)."""
    return "/" in image or ":" in image or "@" in image


def e2e_object_images(text: str, origin: str) -> list[Found]:
    """The images the Kubernetes objects of an end-to-end test crate's source give their containers."""
    code = without_comments(text)
    names, lines = RustNames.of(code), LineIndex(code)
    found: list[Found] = []
    for match in _IMAGE_RE.finditer(code):
        arguments, _ = call_arguments(code, match.end())
        if len(arguments) != 1:
            continue
        for _, image in names.values(arguments[0][1], arguments[0][0]):
            if _named(image) and reference_or_none(image) is not None:
                found.append(Found(image, origin, lines.line(match.start()), use="image (e2e test)", kind=_KIND))
    return found


def _field(code: str, pattern: re.Pattern[str], start: int, end: int) -> tuple[int, str] | None:
    """(offset, text) of the value of the field `pattern` matches in the struct literal `code[start:end]`."""
    if (field := pattern.search(code, start, end)) is None:
        return None
    value_end = field.end()
    while value_end < end and code[value_end] not in ",}\n":
        value_end += 1
    return field.end(), code[field.end() : value_end]


def _pulled(names: RustNames, image: tuple[int, str], tag: tuple[int, str] | None) -> list[str]:
    """Each reference a `from_image` and its `tag` stand for (the tag left out when the image holds one)."""
    tags = [version for _, version in names.values(tag[1], tag[0]) if version] if tag is not None else []
    out: list[str] = []
    for _, written in names.values(image[1], image[0]):
        if (reference := reference_or_none(written, default_tag=None)) is None:
            continue
        if reference.tag is not None or reference.digest is not None:
            out.append(written)
        else:  # with no tag at all, every tag of the repository: not named
            out += [f"{written}:{version}" for version in tags]
    return out


def bollard_pulls(text: str, origin: str) -> list[Found]:
    """The images a source that uses bollard pulls with `create_image`, by literal options."""
    code = without_comments(text)
    names, lines = RustNames.of(code), LineIndex(code)
    pulls: list[tuple[int, str]] = []
    for match in _FROM_CALL_RE.finditer(code):
        arguments, end = call_arguments(code, match.end())
        if len(arguments) == 1:
            tag = chained(code, end, ("tag",)).get("tag")
            pulls += [(match.start(), image) for image in _pulled(names, arguments[0], tag)]
    for match in _FROM_FIELD_RE.finditer(code):
        start = code.rfind("{", 0, match.start()) + 1
        _, end = call_arguments(code, start)
        image = _field(code, _FROM_FIELD_RE, match.start(), end)
        if image is not None:
            tag = _field(code, _TAG_FIELD_RE, start, end)
            pulls += [(match.start(), pulled) for pulled in _pulled(names, image, tag)]
    return [
        Found(image, origin, lines.line(at), use="bollard create_image", kind=_KIND)
        for at, image in sorted(pulls)
        if reference_or_none(image) is not None
    ]
