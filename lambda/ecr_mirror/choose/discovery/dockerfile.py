"""Images named by a Dockerfile or Containerfile: the `# syntax=` frontend, every FROM, `COPY --from=<image>` and
`RUN --mount=...,from=<image>` (pure).

Follows the Dockerfile reference (https://docs.docker.com/reference/dockerfile/): parser directives (`# syntax=`,
`# escape=`) only in the comment lines at the very top, line continuations (comment and blank lines inside them
dropped), case-insensitive instructions, ARGs declared before the first FROM substituted into FROM lines (later ARGs
are stage-scoped and cannot reach a FROM), `--platform` flags skipped, `scratch` and stage names (case-insensitive)
skipped, heredoc bodies (`RUN <<EOF`) not parsed.

Not images: a FROM built from variables whose every possible value is a stage of the file (`FROM binaries-$TARGETOS`
with stages `binaries-linux`, `binaries-darwin`), and a name with an underscore and no registry, path or tag
(`COPY --from=binary_dir`, `FROM base_ctx`): Docker Hub's official images never have one, so it names a build
context given with `--build-context` or bake's `contexts`. Nor a FROM of a number lower than the count of the stages
before it (`FROM 0`): an earlier stage by its index, as `COPY --from=0` names one (buildah resolves a FROM so, and its
tests chain unnamed stages by index; a larger number is read as written).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand
from ecr_mirror.oci.reference import reference_or_none

_DIRECTIVE_RE = re.compile(r"^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$")
_SEPARATOR_RE = re.compile(r"^(\S+)\s+")
_HEREDOC_RE = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
# Set by BuildKit for the platform being built, so they have no value in a source tree.
_MAX_UNDECLARED = 8  # variables of one FROM expanded to nothing, at most
_PLATFORM_ARGS = frozenset(
    f"{side}{part}" for side in ("BUILD", "TARGET") for part in ("PLATFORM", "OS", "ARCH", "VARIANT")
)


def directives(lines: list[str]) -> dict[str, tuple[int, str]]:
    """Parser directives (lower-case name -> (line, value)): only the `# name=value` lines at the very top."""
    out: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        match = _DIRECTIVE_RE.match(line.strip())
        if not match:
            break
        out.setdefault(match.group(1).lower(), (number, match.group(2)))
    return out


def _escape_character(lines: list[str]) -> str:
    escape = directives(lines).get("escape", (0, "\\"))[1]
    return escape if escape in ("\\", "`") else "\\"


def _heredoc_openers(instruction: str) -> list[re.Match[str]]:
    """The heredoc markers of an instruction's shell words (`<<EOF`, `<<-'EOF'`): not a `<<` inside a quoted string,
    which is part of that word (BuildKit reads heredocs from the words,
    https://docs.docker.com/reference/dockerfile/#here-documents)."""
    found: list[re.Match[str]] = []
    index = 0
    while index < len(instruction):
        char = instruction[index]
        if char == "<" and (match := _HEREDOC_RE.match(instruction, index)) is not None:
            found.append(match)
            index = match.end()
        elif char in ("'", '"'):
            index += 1
            while index < len(instruction) and instruction[index] != char:
                index += 2 if char == '"' and instruction[index] == "\\" else 1
            index += 1
        else:
            index += 2 if char == "\\" else 1
    return found


def _skip_heredocs(instruction: str, lines: list[str], index: int) -> int:
    """The index after the bodies of the heredocs `instruction` opens (`<<EOF`, `<<-'EOF'`)."""
    for match in _heredoc_openers(instruction):
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
        # the instruction ends at the first whitespace, a tab too (`FROM\t$BASE`): one space after it
        out.append((start, _SEPARATOR_RE.sub(r"\1 ", instruction, count=1)))
        if "<<" in instruction:
            index = _skip_heredocs(instruction, lines, index)
    return out


def _declare(arguments: str, values: dict[str, str | None], given: Mapping[str, str]) -> None:
    """`ARG A=1 B="two" C`: values expanded with the ARGs before them, as Docker does; a build argument given
    (`--build-arg`, compose `build.args`) replaces the default of an ARG the file declares."""
    try:
        words = shlex.split(arguments)
    except ValueError:
        words = arguments.split()
    for word in words:
        name, sep, default = word.partition("=")
        if name in given:
            values[name] = given[name]
            continue
        if not sep:
            values.setdefault(name, None)
            continue
        try:
            values[name] = expand(default, values, patterns=True)
        except (Unset, Malformed):
            values[name] = None


_NO_DEFAULT = "ARG {name} has no default value (pass it with --build-arg)"
_NO_DEFAULT_RE = re.compile(r"ARG (\w+) has no default value \(pass it with --build-arg\)")


def _reason(name: str, values: dict[str, str | None]) -> str:
    if name in _PLATFORM_ARGS:
        return f"${name} is set by the builder for the platform being built"
    if name in values:
        return _NO_DEFAULT.format(name=name)
    return f"${name} is not declared by an ARG before the first FROM"


def arg_without_default(problem: str | None) -> str | None:
    """The `ARG` a use's problem says has no default value (a build argument would give it), else None."""
    match = _NO_DEFAULT_RE.fullmatch(problem) if problem else None
    return match.group(1) if match else None


# a placeholder another tool fills before the build: `{ARG_FROM}` (a Makefile's sed), `%%BASE%%`, `@BASE@` (autoconf);
# not `${NAME}`, which the builder expands, nor a digest's `@sha256:`
_PLACEHOLDER_RE = re.compile(r"(?<!\$)\{[A-Za-z_][\w.-]*\}|%[A-Za-z_]\w*%|@[A-Za-z_]\w*@")


def _image(text: str, values: dict[str, str | None], origin: str, line: int, use: str) -> Found:
    if "{{" in text:
        return Found(text, origin, line, "a template expression: render the template first", use)
    if _PLACEHOLDER_RE.search(text):
        return Found(text, origin, line, "a template placeholder: the file is filled in before it is built", use)
    try:
        return Found(expand(text, values, patterns=True), origin, line, use=use)
    except Unset as unset:
        if (empty := _undeclared_empty(text, values)) is not None:
            return Found(empty, origin, line, use=use)
        return Found(text, origin, line, _reason(unset.name, values), use)
    except Malformed as exc:
        return Found(text, origin, line, str(exc), use)


def _undeclared_empty(text: str, values: dict[str, str | None]) -> str | None:
    """`text` with every variable no ARG declares (but the builder's platform ones) expanded to the empty string, as
    BuildKit expands it (its UndefinedArgInFrom check warns, https://docs.docker.com/reference/build-checks/undefined-
    arg-in-from/; a `--build-arg` reaches only a declared ARG): `${BASE_PRIVATE_REGISTRY}python:3.7` is `python:3.7`,
    `node:22${VARIANT}` is `node:22`; None when what is left is no image (`${REGISTRY}/tools:1.0`, `app:${VERSION}`)
    or another variable has no value."""
    given = dict(values)
    for _ in range(_MAX_UNDECLARED):
        try:
            expanded = expand(text, given, patterns=True)
        except Unset as unset:
            if unset.name in given or unset.name in _PLATFORM_ARGS:
                return None  # declared without a default, or the builder's: not empty
            given[unset.name] = ""
            continue
        except Malformed:
            return None
        return expanded if expanded.strip() and reference_or_none(expanded) is not None else None
    return None


def _stage_pattern(text: str) -> re.Pattern[str] | None:
    """`binaries-$TARGETOS` -> /binaries-.+/: the stage names a FROM built from variables can reach."""
    pieces = re.split(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*", text)
    if len(pieces) < 2 or not "".join(pieces):
        return None  # no variable, or nothing but variables: it could be anything
    return re.compile(".+".join(re.escape(piece) for piece in pieces), re.IGNORECASE)


def _names_a_stage(item: Found, earlier: set[str], every: set[str]) -> bool:
    if item.problem is None:
        return item.text.lower() in earlier or item.text.lower() == "scratch"  # no set built per FROM: linear
    pattern = _stage_pattern(item.text)
    return pattern is not None and any(pattern.fullmatch(stage) for stage in every)


def _an_earlier_index(item: Found, begun: int) -> bool:
    """A FROM of a number lower than the count of stages before it: that stage by its index (`FROM 0`)."""
    return item.problem is None and item.text.isdigit() and int(item.text) < begun


def _names_a_context(item: Found) -> bool:
    """A bare name with an underscore: not an official image (none has one), so a named build context."""
    return item.problem is None and "_" in item.text and not any(c in item.text for c in "/:@")


def _template_spans(words: list[str]) -> list[str]:
    """The words with each `{{ ... }}` template expression kept in one (`node:{{ .Values.v }}-slim`)."""
    out: list[str] = []
    for word in words:
        if out and out[-1].count("{{") > out[-1].count("}}"):
            out[-1] += f" {word}"
        else:
            out.append(word)
    return out


def _from(words: list[str]) -> tuple[str | None, str | None]:
    """(image, stage name) of `FROM [--platform=...] image [AS name]`."""
    words = _template_spans(words)
    while words and words[0].startswith("--"):
        flag = words.pop(0)
        if "=" not in flag and words:
            words.pop(0)  # `--platform linux/amd64`
    if not words:
        return None, None
    stage = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
    return re.sub(r"[\"']", "", words[0]), stage  # `alpine:"${TAG}"`: BuildKit's shell lexer drops the quotes


def _copy_source(words: list[str]) -> str | None:
    for word in words:
        if not word.startswith("--"):
            return None
        if word.lower().startswith("--from="):
            return word.split("=", 1)[1]
    return None


def _mount_sources(words: list[str]) -> list[str]:
    """The `from=` of each `RUN --mount=type=...,from=IMAGE_OR_STAGE,...` flag."""
    sources: list[str] = []
    for word in words:
        if not word.startswith("--"):
            break
        if word.lower().startswith("--mount="):
            for field in word.split("=", 1)[1].split(","):
                key, _, value = field.partition("=")
                if key.strip().lower() == "from" and value:
                    sources.append(value.strip("\"'"))
    return sources


def _syntax(lines: list[str], origin: str) -> list[Found]:
    """The `# syntax=` frontend: BuildKit pulls it before it reads the rest of the file."""
    syntax = directives(lines).get("syntax")
    return [Found(syntax[1], origin, syntax[0], use="# syntax")] if syntax else []


def instruction_sources(keyword: str, rest: str) -> list[tuple[str, str]]:
    """(text, use) of what an instruction pulls, before substitution."""
    words = rest.split()
    if keyword == "FROM":
        image = _from(words)[0]
        return [(image, "FROM")] if image is not None else []
    if keyword == "COPY":
        source = _copy_source(words)
        return [(source, "COPY --from")] if source and not source.isdigit() else []
    if keyword == "RUN":
        return [(source, "RUN --mount") for source in _mount_sources(words) if not source.isdigit()]
    return []


def dockerfile_images(text: str, origin: str, build_args: Mapping[str, str] | None = None) -> list[Found]:
    """Each image the Dockerfile pulls, in order (one item per use), with the `build_args` a build passes."""
    instructions = [(line, *instruction.partition(" ")[::2]) for line, instruction in logical_lines(text)]
    every = {_from(rest.split())[1] or "" for _, keyword, rest in instructions if keyword.upper() == "FROM"} - {""}
    values: dict[str, str | None] = {}
    stages: set[str] = set()
    begun = 0  # the stages begun so far: a FROM's index
    seen_from = False
    found = _syntax(text.splitlines(), origin)
    for line, written, rest in instructions:
        keyword = written.upper()
        seen_from = seen_from or keyword == "FROM"
        if keyword == "ARG" and not seen_from:
            _declare(rest, values, build_args or {})
        for source, use in instruction_sources(keyword, rest):
            item = _image(source, values, origin, line, use)
            if use == "FROM" and _an_earlier_index(item, begun):
                continue
            if not _names_a_stage(item, stages, every) and not _names_a_context(item):
                found.append(item)
        begun += keyword == "FROM"
        if keyword == "FROM" and (stage := _from(rest.split())[1]):
            stages.add(stage)
    return found
