"""Images a JavaScript or TypeScript file pulls and starts through dockerode, the Docker Engine API client for Node
(https://github.com/apocas/dockerode) (pure).

A test setup that starts its database with dockerode names the image it pulls (`await docker.pull(image)`) and
starts (`docker.createContainer({ Image: image, ... })`, `docker.run(image, [cmd], stream)`). Read only in a file that
imports dockerode (`import Docker from 'dockerode'`, `require('dockerode')`), and only an argument that is a
one-line literal ('...', "...", or a template string without `${...}`), or a name the same file binds to such
literals (`const image = 'geldata/gel:6'`, source_names.py), that is an image reference:

- `OBJ.pull(IMAGE, ...)` and `OBJ.run(IMAGE, [...], ...)`, where OBJ is a dockerode object: a name the file binds to
  `new Docker(...)` (the name dockerode is imported as), or a name or field with `docker` in it (`docker`,
  `this.dockerClient`); another object's `pull` (`git.pull('origin')`) is not read;
- the `Image` key of the options the file passes (`createContainer({ Image: IMAGE })`): the Docker API's own
  spelling, which dockerode passes through; not one inside a `Config: { ... }` object, where `docker inspect`
  reports the image (a test's fixture of an inspect result).

An image the same file builds first (`docker.buildImage(context, { t: IMAGE_TAG })`, a literal or a name bound to
one) is made there, not pulled, and not listed. Not read: an image built from variables, a template string with
`${...}`, a concatenation, a name bound in another file, and images dockerode only looks up (`getImage`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import Reference, reference_or_none

_LANGUAGES = frozenset({"JavaScript", "TypeScript"})
_IMPORT_RE = re.compile(
    r"""^\s*import\s+(?:\*\s+as\s+)?(?P<imported>[A-Za-z_$][\w$]*)\s+from\s*['"]dockerode['"]"""
    r"""|(?:const|let|var)\s+(?P<required>[A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]dockerode['"]\s*\)"""
    r"""|\bfrom\s*['"]dockerode['"]|\brequire\(\s*['"]dockerode['"]\s*\)|\bimport\(\s*['"]dockerode['"]\s*\)""",
    re.MULTILINE,
)
_ARGUMENT = r"""(?:'(?P<single>[^'\\\n]+)'|"(?P<double>[^"\\\n]+)"|`(?P<template>[^`\\\n$]+)`|(?P<name>[A-Za-z_]\w*))"""
_CALL_RE = re.compile(
    r"(?P<object>[A-Za-z_$][\w$]*)\s*\.\s*(?P<method>pull|run)\(\s*" + _ARGUMENT + r"\s*(?P<after>[,)])"
)
_RUN_COMMAND_RE = re.compile(r"\s*\[")
_IMAGE_KEY_RE = re.compile(r"(?<![\w$.])['\"]?Image['\"]?\s*:\s*" + _ARGUMENT + r"\s*[,}\n]")
_COMMENTS = ("//", "/*", "*")
_CONFIG_KEY_RE = re.compile(r"(?<![\w$.])['\"]?Config['\"]?\s*:\s*\Z")
_BUILD_IMAGE_RE = re.compile(r"\.\s*buildImage\(")
_BUILD_TAG_RE = re.compile(r"(?<![\w$.])['\"]?t['\"]?\s*:\s*" + _ARGUMENT + r"\s*[,}\n]")  # buildImage's `{ t: NAME }`


def _built(text: str, names: SourceNames) -> set[Reference]:
    """The images the file builds itself (`docker.buildImage(context, { t: IMAGE_TAG })`) before it starts them."""
    if _BUILD_IMAGE_RE.search(text) is None:
        return set()
    tags = [image for m in _BUILD_TAG_RE.finditer(text) for _, image in _given(m, names)]
    return {ref for tag in tags if (ref := reference_or_none(tag.strip())) is not None}


def _in_inspect_config(text: str, start: int) -> bool:
    """Whether the object around `start` is the value of a `Config` key: `docker inspect`'s report (`Config: { Image:
    ... }`, a test's fixture), not the options a container is created with (`Image` at their top)."""
    depth = 0
    for at in range(start - 1, -1, -1):
        if text[at] == "}":
            depth += 1
        elif text[at] == "{":
            if depth == 0:
                return _CONFIG_KEY_RE.search(text, 0, at) is not None
            depth -= 1
    return False


def _objects(text: str) -> set[str]:
    """The names the file binds to a dockerode object (`const engine = new Docker()`, after `import Docker from
    'dockerode'`)."""
    classes = {m["imported"] or m["required"] for m in _IMPORT_RE.finditer(text) if m["imported"] or m["required"]}
    objects: set[str] = set()
    for cls in classes:
        pattern = r"(?P<bound>[A-Za-z_$][\w$]*)\s*(?::\s*[\w.$]+\s*)?=\s*new\s+" + re.escape(cls) + r"\s*\("
        objects |= {match["bound"] for match in re.finditer(pattern, text)}
    return objects


def _given(match: re.Match[str], names: SourceNames) -> list[tuple[int, str]]:
    for group in ("single", "double", "template"):
        if match[group] is not None:
            return [(match.start(group), match[group])]
    return names.values(match["name"])


def dockerode_pulls(text: str, origin: str) -> list[Found]:
    """The images a JavaScript/TypeScript file that imports dockerode pulls or starts, in the file's order."""
    language = language_of(origin)
    if language not in _LANGUAGES or "dockerode" not in text or _IMPORT_RE.search(text) is None:
        return []
    names = SourceNames.of(text)
    objects = _objects(text)
    given: list[tuple[int, str]] = []
    lines = LineIndex(text)
    for call in _CALL_RE.finditer(text):
        receiver = call["object"]
        if receiver not in objects and "docker" not in receiver.lower():
            continue
        if call["method"] == "run" and not (call["after"] == "," and _RUN_COMMAND_RE.match(text, call.end())):
            continue  # dockerode's `run(image, cmd, stream)`: a command array follows the image
        if not lines.led_by(call.start(), _COMMENTS):
            given += _given(call, names)
    for key in _IMAGE_KEY_RE.finditer(text):
        if not lines.led_by(key.start(), _COMMENTS) and not _in_inspect_config(text, key.start()):
            given += _given(key, names)
    built = _built(text, names)
    return [
        Found(image.strip(), origin, lines.line(start), use="dockerode", kind=f"{language} source")
        for start, image in sorted(set(given))
        if (ref := reference_or_none(image.strip())) is not None and ref not in built
    ]
