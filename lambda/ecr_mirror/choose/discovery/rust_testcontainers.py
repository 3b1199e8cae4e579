"""The images Rust tests start with Testcontainers for Rust, from literal strings in their source (pure).

Testcontainers for Rust (https://docs.rs/testcontainers) names an image by a name and a tag apart, and pulls
`NAME:TAG` when a test starts it (`ContainerRequest::descriptor`, `format!("{name}:{tag}")`). Read in a source that
cli/discover_rust.py ties to the library (its crate is `testcontainers` or depends on it, or the file names it),
comments left out (rust_sources.py):

- `GenericImage::new(NAME, TAG)` (https://docs.rs/testcontainers/latest/testcontainers/struct.GenericImage.html),
  each argument a literal, a name the file binds to one (`const ALPINE_TAG: &str = "3.19";`) or a struct field the
  file gives one literal (`GenericImage::new(plan.ssh_image, plan.ssh_tag)` beside `HostExposurePlan { ssh_image:
  "testcontainers/sshd", ssh_tag: "1.4.0", .. }`), at the call's line, in a file that starts a container
  (`.start()`, `.pull_image(`) or returns a `GenericImage` to a caller that does: a unit test that only builds a
  request from a placeholder (`GenericImage::new("test", "latest").with_exposed_host_port(8080)`) pulls nothing;
- the `Image` trait's `name()` and `tag()` of each `impl Image for TYPE` (also `impl testcontainers::Image for`,
  https://docs.rs/testcontainers/latest/testcontainers/core/trait.Image.html), a literal or a bound name each
  (`fn name(&self) -> &str { IMAGE_NAME }`; `-> String` with `.to_owned()` as older versions wrote it), at the
  `impl` line: the image a test gets from `TYPE::default().start()`, as a module of testcontainers-modules defines
  its default;
- `.with_tag(TAG)` and `.with_name(NAME)` chained on either (`ImageExt`,
  https://docs.rs/testcontainers/latest/testcontainers/trait.ImageExt.html): the request pulls the name and tag
  they give instead (`GenericImage::new("redis", "7").with_tag("7.2")` pulls `redis:7.2`;
  `HelloWorld::default().with_tag("1.2.0")` the impl's name at that tag);
- a client's `.pull_image(IMAGE` given a whole reference (`const IMAGE: &str = "hello-world:linux";`).

`GenericBuildableImage::new(NAME, TAG)` names an image the test builds (from a Dockerfile it is given): a build, so
a `GenericImage::new` of the same name and tag in the tree starts what was built, not a pull. A value known only
when the test runs (a parameter, `&self.name`, `format!`), and a module of testcontainers-modules used with its own
default (`Postgres::default()`: the library's version decides it), are not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.rust_image_fields import Record, field_records, side
from ecr_mirror.choose.discovery.rust_image_fields import pairs as field_pairs
from ecr_mirror.choose.discovery.rust_sources import RustNames, call_arguments, chained, without_comments
from ecr_mirror.oci.reference import reference_or_none

MARKS = (b"GenericImage", b"Image for", b"pull_image")  # a tied file without these bytes is not decoded
_USE = "testcontainers"
_KIND = "Rust source"
_GENERIC_RE = re.compile(r"\bGenericImage\s*::\s*new\s*\(")
_BUILDABLE_RE = re.compile(r"\bGenericBuildableImage\s*::\s*new\s*\(")
_IMPL_RE = re.compile(r"\bimpl\b(?:\s*<[^{};]*?>)?\s+(?:[\w:]+::)?Image\s+for\s+(?P<type>[A-Za-z_]\w*)\b[^{};]*\{")
_PULL_RE = re.compile(r"\.\s*pull_image\s*\(")
_STARTS_RE = re.compile(r"\.\s*(?:start|pull_image)\s*\(|->\s*(?:Result\s*<\s*)?GenericImage\b")
_METHOD = r"\bfn\s+{}\s*\(\s*&\s*self\s*\)\s*->\s*[^{{;]+\{{(?P<body>[^{{}}]*)\}}"
_NAME_RE, _TAG_RE = (re.compile(_METHOD.format(method)) for method in ("name", "tag"))


def _pairs(
    names: RustNames, name: tuple[int, str], tag: tuple[int, str], given: dict[str, tuple[int, str]]
) -> list[str]:
    """Each `NAME:TAG` the arguments (or the chain's overrides of them) stand for."""
    name, tag = given.get("with_name", name), given.get("with_tag", tag)
    return [
        f"{image}:{version}"
        for _, image in names.values(name[1], name[0])
        for _, version in names.values(tag[1], tag[0])
        if image and version
    ]


def _impls(code: str, names: RustNames) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """type -> (offset of its `impl Image for`, [(name, tag)]) of each impl whose `name()` and `tag()` are known,
    also through a field of the type that the file gives values (rust_image_fields.py)."""
    impls: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    records: list[Record] | None = None
    for match in _IMPL_RE.finditer(code):
        _, end = call_arguments(code, match.end())  # the impl block, to its closing brace
        body = code[match.end() : end]
        name, tag = _NAME_RE.search(body), _TAG_RE.search(body)
        if name is None or tag is None:
            continue
        at = match.end()
        named, tagged = (
            side(name["body"], at + name.start("body"), names),
            side(tag["body"], at + tag.start("body"), names),
        )
        if named.field or tagged.field:
            records = field_records(code, names) if records is None else records
        pairs = field_pairs(named, tagged, records or [])
        if pairs:
            impls.setdefault(match["type"], (match.start(), []))[1].extend(pairs)
    return impls


def testcontainers_builds(text: str, origin: str) -> list[LocalBuild]:
    """The `NAME:TAG` each `GenericBuildableImage::new(NAME, TAG)` of a tied Rust source builds."""
    code = without_comments(text)
    names, lines = RustNames.of(code), LineIndex(code)
    builds: list[LocalBuild] = []
    for match in _BUILDABLE_RE.finditer(code):
        arguments, _ = call_arguments(code, match.end())
        if len(arguments) == 2:
            how = "Testcontainers GenericBuildableImage"
            line = lines.line(match.start())
            builds += [LocalBuild(image, origin, line, how) for image in _pairs(names, arguments[0], arguments[1], {})]
    return builds


def testcontainers_images(text: str, origin: str) -> list[Found]:
    """The images a tied Rust source starts with Testcontainers, in the file's order."""
    code = without_comments(text)
    names, lines = RustNames.of(code), LineIndex(code)
    given: list[tuple[int, str]] = []
    if _STARTS_RE.search(code):
        for match in _GENERIC_RE.finditer(code):
            arguments, end = call_arguments(code, match.end())
            if len(arguments) == 2:
                overrides = chained(code, end, ("with_name", "with_tag"))
                images = _pairs(names, arguments[0], arguments[1], overrides)
                given += [(match.start(), image) for image in images]
    for kind, (at, pairs) in _impls(code, names).items():
        given += [(at, f"{image}:{version}") for image, version in pairs]
        aliases = [kind, *re.findall(r"\b" + kind + r"\s+as\s+([A-Z]\w*)\b", code)]  # `use super::Mariadb as Image`
        for use in re.finditer(r"\b(?:" + "|".join(aliases) + r")\b(?:\s*::\s*[a-z_]\w*\s*\()?", code):
            end = call_arguments(code, use.end())[1] if code[use.end() - 1] == "(" else use.end()
            if overrides := chained(code, end, ("with_name", "with_tag")):
                for image, version in pairs:
                    name = overrides.get("with_name", (use.start(), f'"{image}"'))
                    tag = overrides.get("with_tag", (use.start(), f'"{version}"'))
                    given += [(use.start(), pair) for pair in _pairs(names, name, tag, {})]
    for match in _PULL_RE.finditer(code):
        arguments, _ = call_arguments(code, match.end())
        if arguments:
            given += [(match.start(), image) for _, image in names.values(arguments[0][1], arguments[0][0])]
    seen: set[tuple[int, str]] = set()
    found: list[Found] = []
    for at, image in sorted(given):
        line = lines.line(at)
        if (line, image) in seen or reference_or_none(image) is None:
            continue
        seen.add((line, image))
        found.append(Found(image, origin, line, use=_USE, kind=_KIND))
    return found
