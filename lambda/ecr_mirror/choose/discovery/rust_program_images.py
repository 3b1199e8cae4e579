"""The images a Rust program's own code keeps in constants named for them (pure).

A tool that deploys or pulls images often keeps each in a constant named for it, `pub const PROMETHEUS_IMAGE: &str =
"prom/prometheus:v3.2.0";`, that its code hands on: to a table of the services it installs on its hosts, to the
`docker pull` and `docker run` lines it writes for them (a `const` or `static` item binds the name to the value
wherever the item is in scope, https://doc.rust-lang.org/reference/items/constant-items.html,
https://doc.rust-lang.org/reference/items/static-items.html).

Read, in a Rust source that is a program's own code (`is_program_source`: not under `tests/`, `benches/` or
`examples/`, Cargo's directories of test and example targets, https://doc.rust-lang.org/cargo/guide/project-layout.html;
not a `_test.rs` or `tests.rs` file), outside a `#[cfg(test)]` item (a module of unit tests,
https://doc.rust-lang.org/book/ch11-03-test-organization.html): a `const` or `static` of a `&str` (`pub`,
`pub(crate)`, `&'static str`) whose name ends in `IMAGE`, bound to one literal that is an image reference with a tag or
a digest naming a registry or a namespace (`ubuntu:24.04`, a library image, is more often a base named elsewhere; a
repository without a tag, `selenium/standalone-firefox`, is joined with one elsewhere), that is used: named again in
the file's code outside test items and comments, or, when it is `pub`, named in another program source of the tree
(the caller, cli/discover_rust_program_images.py, looks). A constant a line of the file builds or loads with
(`docker build -t {AGENT_IMAGE}`) is the program's own image, not read. Listed at the literal's line, `use` `image
constant (Rust program)`. So is an image kept as two constants the code joins, `P_REPOSITORY` (or `P_REPO`) and
`P_TAG`, `P` named for an image (`pub const GRAFANA_DOCKER_IMAGE_REPOSITORY: &str = "grafana/grafana";` with
`GRAFANA_DOCKER_IMAGE_TAG`, given to `DockerImage::new(...)`): the join, at the repository's line, by the repository
constant's uses, a library image too (the names say it is one). Testcontainers modules (`DEFAULT_IMAGE_NAME` with
`DEFAULT_IMAGE_TAG`) are read by rust_testcontainers.py, and a file tied to the library or a crate of end-to-end
tests is not read here (cli/discover_rust.py).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.rust_sources import STRING, call_arguments, without_comments
from ecr_mirror.oci.reference import reference_or_none

USE = "image constant (Rust program)"
KIND = "Rust source"
MARK = b"IMAGE"
_TEST_DIRECTORIES = frozenset({"tests", "benches", "examples"})
_DECLARATION_RE = re.compile(
    r"(?<![\w.])(?P<public>pub(?:[ \t]*\([^()\n]*\))?[ \t]+)?(?:const|static)[ \t]+(?P<name>[A-Z][A-Z0-9_]*IMAGE)"
    r"[ \t]*:[ \t]*&[ \t]*(?:'static[ \t]+)?str[ \t]*=\s*" + STRING + r"[ \t]*;"
)
_PART_RE = re.compile(
    r"(?<![\w.])(?P<public>pub(?:[ \t]*\([^()\n]*\))?[ \t]+)?(?:const|static)[ \t]+"
    r"(?P<name>(?P<prefix>[A-Z][A-Z0-9_]*IMAGE)_(?P<part>REPOSITORY|REPO|TAG))"
    r"[ \t]*:[ \t]*&[ \t]*(?:'static[ \t]+)?str[ \t]*=\s*" + STRING + r"[ \t]*;"
)
_CFG_TEST_RE = re.compile(r"#\[cfg\([ \t]*test[ \t]*\)\]")
_ITEM_END_RE = re.compile(r"[{;]")
_TAGGED_RE = re.compile(r"@sha256:[0-9a-f]{64}$|:[\w][\w.-]*$")
_BUILDS_RE = re.compile(r"build(?!er)|\bload\b|dockerfile", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z_]\w*")


def is_program_source(shown: str) -> bool:
    """Whether a Rust source is a program's own code by its path: not a test, bench or example target's, nor a
    `_test.rs` or `tests.rs` file."""
    path = PurePosixPath(shown)
    if path.suffix != ".rs" or path.name == "tests.rs" or path.name.endswith("_test.rs"):
        return False
    return not _TEST_DIRECTORIES & set(path.parts[:-1])


def without_test_items(code: str) -> str:
    """`code` (without comments) with each `#[cfg(test)]` item blanked (newlines kept): up to its `;`, or its block's
    closing brace (strings skipped), or the end of an unclosed one. Each offset is read once."""
    out: list[str] = []
    at = 0
    for attribute in _CFG_TEST_RE.finditer(code):
        if attribute.start() < at:
            continue  # inside an item already blanked
        end_mark = _ITEM_END_RE.search(code, attribute.end())
        if end_mark is None:
            end = len(code)
        elif end_mark.group(0) == ";":
            end = end_mark.end()
        else:
            end = call_arguments(code, end_mark.end())[1]
        out += [code[at : attribute.start()], "".join(c if c == "\n" else " " for c in code[attribute.start() : end])]
        at = end
    out.append(code[at:])
    return "".join(out)


def program_image_constants(text: str, origin: str) -> tuple[list[Found], list[tuple[str, Found]]]:
    """The images of the file's used image constants (see the module's docstring), in order; and (name, image) of its
    `pub` ones the file does not use, for the caller to look for in the tree's other program sources."""
    if not is_program_source(origin) or "IMAGE" not in text:
        return [], []
    code = without_test_items(without_comments(text))
    declared = [
        (match["name"], bool(match["public"]), match["value"], match.start("value"))
        for match in _DECLARATION_RE.finditer(code)
        if _image(match["value"])
    ] + _joined_pairs(code)
    if not declared:
        return [], []
    names = {name for name, _, _, _ in declared}
    uses: dict[str, int] = {}
    building: set[str] = set()
    for line in code.split("\n"):
        words = set(_WORD_RE.findall(line)) & names
        building |= words if words and _BUILDS_RE.search(line) else set()
        for word in _WORD_RE.findall(line) if words else []:
            if word in names:
                uses[word] = uses.get(word, 0) + 1
    declarations: dict[str, int] = {}
    for name, _, _, _ in declared:
        declarations[name] = declarations.get(name, 0) + 1
    lines = LineIndex(text)
    used: list[Found] = []
    pending: list[tuple[str, Found]] = []
    for name, public, value, start in sorted(declared, key=lambda item: item[3]):
        if name in building:
            continue
        item = Found(value, origin, lines.line(start), use=USE, kind=KIND)
        if uses.get(name, 0) > declarations[name]:
            used.append(item)
        elif public:
            pending.append((name, item))
    return used, pending


def _joined_pairs(code: str) -> list[tuple[str, bool, str, int]]:
    """(repository constant's name, whether `pub`, repository:tag, the repository literal's offset) of each pair of
    constants `P_REPOSITORY` (or `P_REPO`) and `P_TAG` the code declares, `P` named for an image
    (`GRAFANA_DOCKER_IMAGE`), whose join is an image reference (a library image too: the names say it is one)."""
    parts: dict[str, dict[str, re.Match[str]]] = {}
    for match in _PART_RE.finditer(code):
        parts.setdefault(match["prefix"], {}).setdefault("TAG" if match["part"] == "TAG" else "REPOSITORY", match)
    joined: list[tuple[str, bool, str, int]] = []
    for pair in parts.values():
        repository, tag = pair.get("REPOSITORY"), pair.get("TAG")
        if repository is None or tag is None or _TAGGED_RE.search(repository["value"]) is not None:
            continue
        value = f"{repository['value']}:{tag['value']}"
        if reference_or_none(value) is not None:
            joined.append((repository["name"], bool(repository["public"]), value, repository.start("value")))
    return joined


def _image(value: str) -> bool:
    """Whether a constant's value is an image reference with a tag or a digest, naming a registry or a namespace."""
    return "/" in value and _TAGGED_RE.search(value) is not None and reference_or_none(value) is not None
