"""The images a Go program's configuration defaults with viper (pure).

A program configured with viper gives each setting its default in code, `v.SetDefault(KEY, VALUE)`
(https://pkg.go.dev/github.com/spf13/viper#SetDefault), and a program that installs components in the clusters it
manages keeps their images there: banzaicloud's Pipeline, `v.SetDefault("cluster::monitoring::images::grafana::
repository", "grafana/grafana")` with `...::grafana::tag` `"7.3.5"`, and chart values or a list of images one per
Kubernetes version as Go maps (`"image": map[string]interface{}{"registry": "k8s.gcr.io", "repository":
"external-dns/external-dns", "tag": "v0.7.5"}`). The program deploys each when a user's configuration leaves it. Read,
in a Go file that is a program's own code (go_program_images.is_program_code: no test code, fake or mock), each
`SetDefault` call whose key's parts (split at `.` or `::`, viper's delimiter or the program's own):
- end in a part naming an image (`image`, `*Image`, `*_image`, `*-image`) given a reference with a tag or a digest;
- end in `repository` (or `repo`) under a part naming images, given a literal, joined with the literal the same key
  ending in `tag` (or `version`) is given (`...::loki::repository` with `...::loki::tag`);
and each map of the call's value holding `"repository"` and `"tag"` literals (with `"registry"`, put before them) when
the call's key or a map key above it names an image, the join listed at the repository's line. `use` `viper default
(Go program)`. A repository of no image (a chart's, `https://charts.bitnami.com/bitnami`) and an untagged value are
not read; nor is a value that is not a literal (a variable, a call).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.image_keys import pinned_reference, property_names_image, property_names_images
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

MARK = b"SetDefault("
USE = "viper default (Go program)"
_CALL_RE = re.compile(r"\.SetDefault\(\s*\"(?P<key>[^\"\\\n]*)\"\s*,\s*")
_STRING_RE = re.compile(r"\"(?P<value>[^\"\\\n]*)\"\s*\)")
_TOKEN_RE = re.compile(r"[(){}]|\"(?:[^\"\\\n]|\\.)*\"|`[^`]*`")
_ENTRY_RE = re.compile(r"\"(?P<key>registry|repository|tag)\"\s*:\s*\"(?P<value>[^\"\\\n]*)\"")
_IMAGE_PART_RE = re.compile(r"image|\w*Image|[\w-]*[-_]image", re.IGNORECASE)  # found anywhere in a map's key


def _image_named(part: str) -> bool:
    """Whether a part of a key names an image or images (`images`, `monitoring::images::grafana`)."""
    return property_names_image(part) or property_names_images(part)


def _joined(entries: dict[str, tuple[str, int]]) -> str | None:
    """`registry/repository:tag` of a map's entries, when it is an image reference."""
    if "repository" not in entries or "tag" not in entries:
        return None
    repository = entries["repository"][0]
    registry = entries["registry"][0].rstrip("/") if "registry" in entries else ""
    reference = f"{registry}/{repository}" if registry else repository
    return None if "://" in reference else f"{reference}:{entries['tag'][0]}"


class _Reader:
    def __init__(self, text: str, origin: str) -> None:
        self.text, self.origin = text, origin
        self.lines = LineIndex(text)
        self.found: dict[tuple[int, str], None] = {}
        self.repositories: dict[str, tuple[str, int]] = {}
        self.tags: dict[str, str] = {}

    def add(self, image: str, at: int) -> None:
        if reference_or_none(image) is not None:
            self.found.setdefault((self.lines.line(at), image), None)

    def literal(self, key: str, value: str, at: int) -> None:
        parts = [part for part in re.split(r"::|\.", key) if part]
        if not parts:
            return
        last, prefix = parts[-1], "::".join(parts[:-1])
        if property_names_image(last) and pinned_reference(value):
            self.add(value.strip(), at)
        elif any(_image_named(part) for part in parts[:-1]):
            if last.lower() in ("repository", "repo"):
                self.repositories[prefix] = (value, at)
            elif last.lower() in ("tag", "version"):
                self.tags[prefix] = value

    def maps(self, key: str, start: int) -> int:
        """Read the maps of a call's value from `start`; the offset where the call ends."""
        stack: list[tuple[bool, dict[str, tuple[str, int]]]] = []
        depth, last_string = 1, ""
        named = bool(_IMAGE_PART_RE.search(key))
        for token in _TOKEN_RE.finditer(self.text, start):
            word = token.group(0)
            if word == "(":
                depth += 1
            elif word == ")":
                depth -= 1
                if depth == 0:
                    return token.end()
            elif word == "{":
                above = stack[-1][0] if stack else named
                stack.append((above or _IMAGE_PART_RE.search(last_string) is not None, {}))
            elif word == "}":
                if stack:
                    image, entries = stack.pop()
                    if image and (joined := _joined(entries)) is not None:
                        self.add(joined, entries["repository"][1])
            elif word.startswith('"'):
                last_string = word[1:-1]
                entry = _ENTRY_RE.match(self.text, token.start())
                if entry is not None and stack:
                    stack[-1][1].setdefault(entry["key"], (entry["value"], entry.start("value")))
        return len(self.text)


def viper_default_images(text: str, origin: str) -> list[Found]:
    """The images a Go program's viper defaults name (see the module), in the file's order."""
    if not origin.endswith(".go") or not is_program_code(origin) or "SetDefault(" not in text:
        return []
    reader = _Reader(text, origin)
    at = 0
    for call in _CALL_RE.finditer(text):
        if call.start() < at or reader.lines.led_by(call.start(), "//"):
            continue
        if (value := _STRING_RE.match(text, call.end())) is not None:
            reader.literal(call["key"], value["value"], value.start("value"))
            at = value.end()
        else:
            at = reader.maps(call["key"], call.end())
    for prefix, (repository, start) in reader.repositories.items():
        if prefix in reader.tags and ":" not in repository.rsplit("/", 1)[-1] and "://" not in repository:
            reader.add(f"{repository}:{reader.tags[prefix]}", start)
    return [Found(image, origin, line, None, use=USE, kind="Go source") for line, image in sorted(reader.found)]
