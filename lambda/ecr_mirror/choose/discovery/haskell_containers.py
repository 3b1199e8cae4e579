"""The images Haskell code starts with testcontainers-hs (pure).

testcontainers-hs (https://hackage.haskell.org/package/testcontainers, module `TestContainers.Docker`) names the image
of a container request with `fromTag :: ImageTag -> ToImage`, "Get an image from a tag. The image is pulled if it's
not there": `run $ containerRequest (fromTag "redis:7.4")`; its `TestContainers.Image` exports predefined images the
same way (`redis = fromTag "redis:7.4"`), and the library starts its reaper from a tag constant (`containerRequest
(fromTag ryukImageTag)`). Read in a Haskell file that imports the library (`import TestContainers.Tasty`, `import
qualified TestContainers.Docker as TC`) or is one of its modules (`module TestContainers.Image`), comments (`-- ...`,
Haddock examples, `{- ... -}`) left out: `fromTag "..."`, and `fromTag NAME` with NAME bound at the top level to a
literal (`NAME =` then `"..."`, on the same line or the next) in the file or, through `imported_tag_images`, in a
module of the tree the file imports (`import TestContainers.Docker.Reaper`), at the literal's line.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex

_USES_RE = re.compile(r"^(?:import\s+(?:qualified\s+)?|module\s+)TestContainers\b", re.MULTILINE)
_BLOCK_COMMENT_RE = re.compile(r"\{-[\s\S]*?-\}")
_LINE_COMMENT_RE = re.compile(r"(?<![!#$%&*+./<=>?@\\^|~:-])--+(?![!#$%&*+./<=>?@\\^|~:]).*$", re.MULTILINE)
_NAME = r"[a-z_][\w']*"
# `fromTag "redis:7.4"`, `fromTag $ "..."`, `fromTag ryukImageTag`, `TC.fromTag ...`; not its own definition,
# `fromTag tag = ...`, at the start of a line
_FROM_TAG_RE = re.compile(
    r"(?<=[^\n])(?<![\w'])fromTag\s+(?:\$\s*)?(?:\"(?P<image>[^\"\\\n]+)\"|(?P<name>" + _NAME + r")(?![\w']))"
)
_IMPORT_RE = re.compile(r"^import\s+(?:qualified\s+)?(?P<module>[A-Z][\w.]*)", re.MULTILINE)
_MODULE_RE = re.compile(r"^module\s+(?P<module>[A-Z][\w.]*)", re.MULTILINE)


def uses_haskell_testcontainers(text: str) -> bool:
    """Whether a Haskell file imports testcontainers-hs or is one of its modules."""
    return _USES_RE.search(text) is not None


def _code(text: str) -> str:
    """The text with its comments blanked, offsets kept (a `--` inside a string is rare enough to ignore)."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    return _LINE_COMMENT_RE.sub(blank, _BLOCK_COMMENT_RE.sub(blank, text))


def _bound(code: str, name: str) -> list[tuple[int, str]]:
    """(offset, literal) of the file's top-level bindings of `name` to a string (`name =` then `"..."`)."""
    pattern = re.compile(r"^" + re.escape(name) + r"\s*=\s*\"(?P<value>[^\"\\\n]+)\"", re.MULTILINE)
    return [(m.start("value"), m["value"]) for m in pattern.finditer(code)]


def haskell_container_images(text: str) -> list[tuple[int, str]]:
    """(offset, image as written) of each `fromTag` of the file given a literal or a name the file binds to one."""
    code = _code(text)
    out: list[tuple[int, str]] = []
    for match in _FROM_TAG_RE.finditer(code):
        out += [(match.start("image"), match["image"])] if match["image"] else _bound(code, match["name"])
    return out


def imported_tag_images(texts: dict[str, str]) -> list[Found]:
    """The images of the tree's Haskell Testcontainers sources (`texts`, by name shown) given to `fromTag` as a name
    the file does not bind but a module of the tree it imports binds to a literal, at that literal's line."""
    haskell = {shown: _code(text) for shown, text in texts.items() if shown.endswith(".hs")}
    modules = {m["module"]: shown for shown, code in haskell.items() for m in _MODULE_RE.finditer(code)}
    out: list[Found] = []
    for code in haskell.values():
        if not uses_haskell_testcontainers(code):
            continue
        names = {m["name"] for m in _FROM_TAG_RE.finditer(code) if m["name"] and not _bound(code, m["name"])}
        imported = [modules[m["module"]] for m in _IMPORT_RE.finditer(code) if m["module"] in modules]
        for shown in imported:
            lines = LineIndex(haskell[shown])
            for name in sorted(names):
                out += [
                    Found(value, shown, lines.line(at), use="testcontainers", kind="Haskell source")
                    for at, value in _bound(haskell[shown], name)
                ]
    return out
