"""Images a JavaScript or TypeScript test module takes from a JSON file it loads by a literal path (pure).

A test suite may keep its images in one JSON file that several languages' tests read (`test-images.json`:
`{"images": {"redpanda": {"repository": "redpandadata/redpanda", "tag": "v25.3.6"}}}`), its Testcontainers setup
importing the names a small module makes of it (`export const REDPANDA_IMAGE = process.env.TEST_IMAGE_REDPANDA ||
formatImage(config.images.redpanda)`). Read in a module that Testcontainers tests are (or that one imports by a
relative path, cli/discover_sources.py), for each name bound to a JSON file loaded by a literal path
(`JSON.parse(readFileSync(resolve(__dirname, '../../test-images.json'), 'utf-8'))`, the path a name bound to such
an expression, `path.join(__dirname, ...)`, `new URL('../x.json', import.meta.url)`; `require('./x.json')`; `import
config from './x.json'`; not an absolute path, a file of the machine the tests run on, not of the tree): each member
the module reads (`config.images.redpanda`, the line it is read on) that is an image: an object with a string
`repository` (or `image`) and `tag` (`repository@tag` when the tag is a digest `sha256:...`), or a string with a
tag or digest under a key naming an image (`image`, `images`, `*Image`, `*_image`). An entry the module does not
read (a nightly image only another language's helper returns) is not listed.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

_QUOTED = r"""['"][^'"\n]+['"]"""
_PATH_EXPRESSION = (
    r"(?:path\s*\.\s*)?(?:resolve|join)\(\s*__dirname\s*(?P<parts>(?:,\s*" + _QUOTED + r"\s*)+)\)"
    r"|new\s+URL\(\s*(?P<url>" + _QUOTED + r")\s*,\s*import\.meta\.url\s*\)"
)
_DECLARE = r"(?:export\s+)?(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>\[\]]+\s*)?=\s*"
_PATH_BINDING_RE = re.compile(_DECLARE + r"(?:" + _PATH_EXPRESSION + r")")
_READ_RE = re.compile(
    _DECLARE
    + r"JSON\s*\.\s*parse\(\s*(?:fs\s*\.\s*)?readFileSync\(\s*(?:(?P<given>[A-Za-z_$][\w$]*)|"
    + _PATH_EXPRESSION.replace("?P<parts>", "?P<parts2>").replace("?P<url>", "?P<url2>")
    + r")\s*[,)]"
)
_REQUIRE_RE = re.compile(_DECLARE + r"require\(\s*['\"](?P<file>\.\.?/[^'\"\n]+\.json)['\"]\s*\)")
_IMPORT_RE = re.compile(
    r"^\s*import\s+(?P<name>[A-Za-z_$][\w$]*)\s+from\s+['\"](?P<file>\.\.?/[^'\"\n]+\.json)['\"]", re.M
)
_RELATIVE_IMPORT_RE = re.compile(r"""(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](?P<module>\.\.?/[^'"\n]+)['"]""")
_IMAGE_KEY_RE = re.compile(r"^(?:images?|\w*Image|\w*_image)$", re.IGNORECASE)
_DIGEST = "sha256:"


@dataclass(frozen=True)
class JsonLoad:
    """A name of a module bound to the JSON file at `file` (relative to the module's directory)."""

    name: str
    file: str


def relative_imports(text: str) -> list[str]:
    """The relative module specifiers a JavaScript or TypeScript source imports (`./test-images.mjs`)."""
    return list(dict.fromkeys(match["module"] for match in _RELATIVE_IMPORT_RE.finditer(text)))


def _path(parts: str | None, url: str | None) -> str:
    if url is not None:
        return url.strip("'\"")
    return posixpath.join(*(part.strip().strip("'\"") for part in (parts or "").split(",") if part.strip()))


def json_loads(text: str) -> list[JsonLoad]:
    """The names a module binds to JSON files it loads by a literal path."""
    paths = {match["name"]: _path(match["parts"], match["url"]) for match in _PATH_BINDING_RE.finditer(text)}
    loads: list[JsonLoad] = []
    for match in _READ_RE.finditer(text):
        given = match["given"]
        file = paths.get(given) if given else _path(match["parts2"], match["url2"])
        if file is not None and file.endswith(".json") and not posixpath.isabs(file):
            loads.append(JsonLoad(match["name"], file))
    loads += [
        JsonLoad(match["name"], match["file"]) for match in (*_REQUIRE_RE.finditer(text), *_IMPORT_RE.finditer(text))
    ]
    return loads


def _image(value: object, keys: tuple[str, ...]) -> str | None:
    """The image a JSON entry names, or None."""
    if isinstance(value, dict):
        repository, tag = value.get("repository") or value.get("image"), value.get("tag")
        if not isinstance(repository, str) or not (tag is None or isinstance(tag, str)):
            return None
        if not tag:
            return repository
        return f"{repository}@{tag}" if tag.startswith(_DIGEST) else f"{repository}:{tag}"
    named = any(_IMAGE_KEY_RE.match(key) for key in keys)
    if isinstance(value, str) and named and (reference := reference_or_none(value, default_tag=None)) is not None:
        return value if reference.tag or reference.digest else None
    return None


def json_images(text: str, origin: str, load: JsonLoad, data: str, json_name: str) -> list[Found]:
    """The images the module (`text`) reads from the JSON file `load` names (its text `data`, shown as
    `json_name`), each at the line of the member that reads it."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the interpreter's stack
        return []
    found: list[Found] = []
    lines = LineIndex(text)
    member_re = re.compile(r"(?<![\w$.])" + re.escape(load.name) + r"((?:\s*\.\s*[A-Za-z_$][\w$]*)+)")
    for match in member_re.finditer(text):
        keys = tuple(key.strip() for key in match.group(1).split(".")[1:])
        value: object = document
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        image = _image(value, keys)
        if image is None or reference_or_none(image) is None:
            continue
        line = lines.line(match.start())
        use = f"testcontainers ({'.'.join(keys)} of {json_name})"
        found.append(Found(image, origin, line, use=use, kind=f"{language_of(origin) or 'JavaScript'} source"))
    return found
