"""Images named by a Dockerfile or Containerfile: every FROM and `COPY --from=<image>` (pure).

Follows the Dockerfile reference (https://docs.docker.com/reference/dockerfile/): the `# escape=` directive, line
continuations (comment and blank lines inside them dropped), case-insensitive instructions, ARGs declared before the
first FROM substituted into FROM lines (later ARGs are stage-scoped and cannot reach a FROM), `--platform` flags
skipped, `scratch` and earlier stage names (case-insensitive) skipped, heredoc bodies (`RUN <<EOF`) not parsed.
"""

from __future__ import annotations

import re
import shlex

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand

_DIRECTIVE_RE = re.compile(r"^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$")
_HEREDOC_RE = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
# Set by BuildKit for the platform being built, so they have no value in a source tree.
_PLATFORM_ARGS = frozenset(
    f"{side}{part}" for side in ("BUILD", "TARGET") for part in ("PLATFORM", "OS", "ARCH", "VARIANT")
)


def _escape_character(lines: list[str]) -> str:
    """The `# escape=` parser directive; directives only count before any other line."""
    for line in lines:
        match = _DIRECTIVE_RE.match(line.strip())
        if not match:
            break
        if match.group(1).lower() == "escape" and match.group(2) in ("\\", "`"):
            return match.group(2)
    return "\\"


def _skip_heredocs(instruction: str, lines: list[str], index: int) -> int:
    """The index after the bodies of the heredocs `instruction` opens (`<<EOF`, `<<-'EOF'`)."""
    for match in _HEREDOC_RE.finditer(instruction):
        strip_tabs, word = match.group(1) == "-", match.group(3)
        while index < len(lines):
            body = lines[index].lstrip("\t") if strip_tabs else lines[index]
            index += 1
            if body.rstrip("\r") == word:
                break
    return index


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, instruction) with continuations joined and comments dropped."""
    lines = text.splitlines()
    escape = _escape_character(lines)
    out: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        start, line = index + 1, lines[index].strip()
        index += 1
        if not line or line.startswith("#"):
            continue
        parts: list[str] = []
        while line.endswith(escape) and index < len(lines):
            parts.append(line[:-1])
            line = lines[index].strip()
            index += 1
            while (not line or line.startswith("#")) and index < len(lines):
                line = lines[index].strip()
                index += 1
        parts.append(line.removesuffix(escape))
        instruction = " ".join(p.strip() for p in parts if p.strip())
        out.append((start, instruction))
        if "<<" in instruction:
            index = _skip_heredocs(instruction, lines, index)
    return out


def _declare(arguments: str, values: dict[str, str | None]) -> None:
    """`ARG A=1 B="two" C`: values expanded with the ARGs before them, as Docker does."""
    try:
        words = shlex.split(arguments)
    except ValueError:
        words = arguments.split()
    for word in words:
        name, sep, default = word.partition("=")
        if not sep:
            values.setdefault(name, None)
            continue
        try:
            values[name] = expand(default, values)
        except (Unset, Malformed):
            values[name] = None


def _reason(name: str, values: dict[str, str | None]) -> str:
    if name in _PLATFORM_ARGS:
        return f"${name} is set by the builder for the platform being built"
    if name in values:
        return f"ARG {name} has no default value (pass it with --build-arg)"
    return f"${name} is not declared by an ARG before the first FROM"


def _image(text: str, values: dict[str, str | None], origin: str, line: int) -> Found:
    try:
        return Found(expand(text, values), origin, line)
    except Unset as unset:
        return Found(text, origin, line, _reason(unset.name, values))
    except Malformed as exc:
        return Found(text, origin, line, str(exc))


def _from(words: list[str]) -> tuple[str | None, str | None]:
    """(image, stage name) of `FROM [--platform=...] image [AS name]`."""
    while words and words[0].startswith("--"):
        flag = words.pop(0)
        if "=" not in flag and words:
            words.pop(0)  # `--platform linux/amd64`
    if not words:
        return None, None
    stage = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
    return words[0], stage


def _copy_source(words: list[str]) -> str | None:
    for word in words:
        if not word.startswith("--"):
            return None
        if word.lower().startswith("--from="):
            return word.split("=", 1)[1]
    return None


def dockerfile_images(text: str, origin: str) -> list[Found]:
    """Each image the Dockerfile pulls, in order (one item per use)."""
    values: dict[str, str | None] = {}
    stages: set[str] = set()
    seen_from = False
    found: list[Found] = []
    for line, instruction in logical_lines(text):
        keyword, _, rest = instruction.partition(" ")
        keyword = keyword.upper()
        if keyword == "ARG" and not seen_from:
            _declare(rest, values)
        elif keyword == "FROM":
            seen_from = True
            image, stage = _from(rest.split())
            if image is not None:
                item = _image(image, values, origin, line)
                if item.problem or item.text.lower() not in stages | {"scratch"}:
                    found.append(item)
            if stage:
                stages.add(stage)
        elif keyword == "COPY":
            source = _copy_source(rest.split())
            if source and not source.isdigit() and source.lower() not in stages:
                found.append(_image(source, values, origin, line))
    return found
