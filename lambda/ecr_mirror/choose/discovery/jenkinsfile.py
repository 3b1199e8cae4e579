"""Images named by Jenkins pipelines: `Jenkinsfile`, `Jenkinsfile.*`, `*.jenkinsfile`, and `*.groovy` files that
look like a pipeline (pure).

Jenkins pulls an image where a pipeline says (https://www.jenkins.io/doc/book/pipeline/docker/):

- declarative agents: `agent { docker { image 'maven:3.9' } }` and the short `agent { docker 'maven:3.9' }`;
- scripted steps: `docker.image('node:20').inside { }` (and `.withRun`, `.run`, `.pull`), inside a
  `docker.withRegistry('https://ghcr.io', ...) { }` block from that registry;
- Kubernetes agents: `containerTemplate(image: '...')` and the `image:` lines of a pod written in the file
  (`yaml '''...'''`).

`agent { dockerfile true }` builds the Dockerfile of the repository, which the walk reads as any Dockerfile;
`docker.build('acme/app:ci')` builds an image (`jenkins_builds`): a later `docker.image('acme/app:ci')` uses it.

Groovy strings: single-quoted ones are literal; double-quoted ones substitute `${NAME}`, `$NAME`, `${env.NAME}`
from the variables the file defines with a literal (`def IMAGE = "python:3.12"`, `environment { IMG = 'x' }`,
`env.IMG = '...'`) and `${params.NAME}` from a parameter's `defaultValue` (what a build that is not given one
uses, as a Dockerfile ARG's default). Anything else (a name the file assigns twice, a method call, a variable of
Jenkins or of the job) is unresolved with the reason and its line. Comments are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jenkins_blocks import Block, Blocks, innermost
from ecr_mirror.choose.discovery.jenkins_uncalled import drop_uncalled
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.oci.reference import names_registry_host

KIND = "Jenkinsfile"
MAX_DEPTH = 8  # variables defined from variables
_PIPELINE_RE = re.compile(r"\bpipeline\s*\{|\bnode\s*[({]|\bdocker\.image\s*\(|\bpodTemplate\s*\(|\bagent\s*\{")
_IMAGE_RE = re.compile(r"\bimage(?:\s*\(\s*|\s*:\s*|[ \t]+)")
_SHORT_DOCKER_RE = re.compile(r"(?<![.\w])docker\s+(?=['\"])")
_BUILD_RE = re.compile(r"\bdocker\.build\s*\(\s*")
_REGISTRY_RE = re.compile(r"\bdocker\.withRegistry\s*\(\s*")
_ASSIGN_RE = re.compile(r"(?<![\w.=!<>])(?:env\.)?([A-Za-z_]\w*)\s*=(?!=)\s*")
_PARAMETER_RE = re.compile(r"\b(?:string|choice|text)\s*\(")
_IDENTIFIER_RE = re.compile(r"(?:(env|params)\.)?([A-Za-z_]\w*)(?![\w.(])")
_POD_IMAGE_RE = re.compile(r"""^\s*(?:-\s*)?image:\s*["']?([^\s"'#]+)["']?\s*(?:#.*)?$""")
_INTERPOLATION_RE = re.compile(r"\\\$|\$\{([^}]*)\}|\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_NAME_RE = re.compile(r"(?:(env|params)\.)?([A-Za-z_]\w*)")
_BLANKS_RE = re.compile(r"[ \t]*")
# Set by Jenkins for each build (https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#using-environment-variables)
_JENKINS_VARIABLES = frozenset(
    {
        "BUILD_ID",
        "BUILD_NUMBER",
        "BUILD_TAG",
        "BUILD_URL",
        "BRANCH_NAME",
        "CHANGE_ID",
        "CHANGE_TARGET",
        "EXECUTOR_NUMBER",
        "GIT_BRANCH",
        "GIT_COMMIT",
        "JENKINS_URL",
        "JOB_NAME",
        "NODE_NAME",
        "TAG_NAME",
        "WORKSPACE",
    }
)


@dataclass(frozen=True, slots=True)
class String:
    start: int  # offset of the opening quote
    end: int  # offset after the closing quote
    body: str
    interpolated: bool  # double-quoted
    line: int


class _Unknown(Exception):
    """A value this reader cannot know from the file; the message says why."""


def looks_like_pipeline(text: str) -> bool:
    """A `*.groovy` file is read only when it looks like a pipeline (most are other Groovy code)."""
    return bool(_PIPELINE_RE.search(scan(text)[0]))


def scan(text: str) -> tuple[str, dict[int, String]]:
    """(the text with comments and string contents blanked, newlines kept; the strings by their start offset)."""
    masked = list(text)
    strings: dict[int, String] = {}
    index, line, size = 0, 1, len(text)

    def blank(start: int, end: int) -> None:
        for position in range(start, end):
            if masked[position] != "\n":
                masked[position] = " "

    while index < size:
        char = text[index]
        if char == "\n":
            line += 1
            index += 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            end = size if end < 0 else end
            blank(index, end)
            index = end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            end = size if end < 0 else end + 2
            blank(index, end)
            line += text.count("\n", index, end)
            index = end
        elif char in "'\"":
            quote = text[index : index + 3] if text.startswith(char * 3, index) else char
            position = index + len(quote)
            while position < size and not text.startswith(quote, position):
                if len(quote) == 1 and text[position] == "\n":
                    break  # an unclosed one-line string: stop at the line's end
                position += 2 if text[position] == "\\" else 1
            body = text[index + len(quote) : position]
            end = min(position + len(quote), size)
            strings[index] = String(index, end, body, char == '"', line)
            blank(index + len(quote), position)
            line += text.count("\n", index, end)
            index = end
        else:
            index += 1
    return "".join(masked), strings


@dataclass
class _Pipeline:
    strings: dict[int, String]
    variables: dict[str, list[String]]
    parameters: dict[str, String]

    def value(self, string: String, depth: int = 0) -> str:
        """The string's value; _Unknown when it interpolates what the file does not give."""
        if not string.interpolated:
            return re.sub(r"\\(.)", r"\1", string.body)
        if depth > MAX_DEPTH:
            raise _Unknown("variables defined from each other too deeply")
        return _INTERPOLATION_RE.sub(lambda match: self._substitute(match, depth), string.body)

    def _substitute(self, match: re.Match[str], depth: int) -> str:
        if match.group(0) == "\\$":
            return "$"
        expression = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        name = _NAME_RE.fullmatch(expression)
        if name is None:
            raise _Unknown(f"${{{expression}}} is a Groovy expression, known only when the pipeline runs")
        return self.lookup(name.group(1), name.group(2), depth)

    def lookup(self, scope: str | None, name: str, depth: int = 0) -> str:
        if scope == "params":
            if name not in self.parameters:
                raise _Unknown(f"params.{name} has no defaultValue in this file")
            return self.value(self.parameters[name], depth + 1)
        definitions = self.variables.get(name, [])
        if len({(d.body, d.interpolated) for d in definitions}) == 1:
            return self.value(definitions[0], depth + 1)
        if definitions:
            raise _Unknown(f"{name} is assigned {len(definitions)} different values in this file")
        if name in _JENKINS_VARIABLES:
            raise _Unknown(f"{name} is set by Jenkins when the build runs")
        raise _Unknown(f"{name} has no value in this file (a parameter, credentials or a global variable?)")


def _next_character(masked: str, at: int) -> str:
    """The first character at or after `at` that is not a blank or a tab ("" at the end of the text)."""
    after = _BLANKS_RE.match(masked, at)
    return masked[after.end() : after.end() + 1] if after is not None else ""


def definitions(masked: str, strings: dict[int, String]) -> tuple[dict[str, list[String]], dict[str, String]]:
    variables: dict[str, list[String]] = {}
    for match in _ASSIGN_RE.finditer(masked):
        value = strings.get(match.end())
        if value is not None and _next_character(masked, value.end) not in (".", "+", "[", "?", "*"):
            variables.setdefault(match.group(1), []).append(value)
    parameters: dict[str, String] = {}
    for match in _PARAMETER_RE.finditer(masked):
        close = masked.find(")", match.end())
        arguments = masked[match.end() : close if close >= 0 else len(masked)]
        fields = {
            found.group(1): string
            for found in re.finditer(r"\b(name|defaultValue)\s*:\s*", arguments)
            if (string := strings.get(match.end() + found.end())) is not None
        }
        if "name" in fields and "defaultValue" in fields:
            parameters[fields["name"].body] = fields["defaultValue"]
    return variables, parameters


def _registries(masked: str, pipeline: _Pipeline) -> list[Block]:
    """(start, end, host or None when unknown, line) of each `docker.withRegistry(URL, ...) { }` block, in the file's
    order."""
    blocks: list[Block] = []
    lines = LineIndex(masked)
    braces = Blocks(masked)
    for match in _REGISTRY_RE.finditer(masked):
        url = pipeline.strings.get(match.end())
        host: str | None = None
        try:
            text = pipeline.value(url) if url is not None else None
            if text is not None:
                host = urlsplit(text if "://" in text else f"https://{text}").netloc or ""
        except _Unknown:
            pass
        if host in ("index.docker.io", "registry.hub.docker.com", "registry-1.docker.io"):
            host = ""
        blocks.append((match.end(), braces.end(match.end()), host, lines.line(match.start())))
    return blocks


def _with_registry(text: str, block: Block | None) -> tuple[str, str | None]:
    """(the reference, a problem) for an image pulled inside a `withRegistry` block (`block`) or not (None)."""
    if block is None:
        return text, None
    _, _, host, line = block
    if names_registry_host(text):
        return text, None  # the reference names its registry
    if host is None:
        return text, f"pulled from the registry of the docker.withRegistry at line {line}, not known from this file"
    return (f"{host}/{text}" if host else text), None


def _found(
    pipeline: _Pipeline,
    written: String | tuple[str | None, str, int],
    origin: str,
    use: str,
    block: Block | None,
) -> Found:
    if isinstance(written, tuple):  # an identifier: (scope, name, line)
        scope, name, line = written
        shown = f"{scope}.{name}" if scope else name
        try:
            value = pipeline.lookup(scope, name)
        except _Unknown as exc:
            return Found(shown, origin, line, str(exc), use, KIND)
    else:
        line, shown = written.line, written.body
        try:
            value = pipeline.value(written)
        except _Unknown as exc:
            return Found(shown, origin, line, str(exc), use, KIND)
    reference, problem = _with_registry(value.strip(), block)
    return Found(reference if problem is None else shown, origin, line, problem, use, KIND)


def _pod_images(string: String, origin: str) -> list[Found]:
    """The `image:` lines of a pod written in a multi-line string (`yaml '''...'''` of a Kubernetes agent)."""
    found: list[Found] = []
    for number, line in enumerate(string.body.splitlines()):
        if match := _POD_IMAGE_RE.match(line):
            value = match.group(1)
            problem = "a Groovy expression in the pod, known only when the pipeline runs" if "$" in value else None
            found.append(Found(value, origin, string.line + number, problem, "pod image", KIND))
    return found


def jenkinsfile_images(text: str, origin: str) -> list[Found]:
    """Each image the pipeline pulls, in file order."""
    masked, strings = scan(text)
    variables, parameters = definitions(masked, strings)
    pipeline = _Pipeline(strings, variables, parameters)
    blocks = _registries(masked, pipeline)
    matches = [
        (match, use)
        for regex, use in ((_IMAGE_RE, "image"), (_SHORT_DOCKER_RE, "agent docker"))
        for match in regex.finditer(masked)
    ]
    around = innermost(blocks, [match.end() for match, _ in matches])
    parentheses = Blocks(masked, "()")
    uses: list[tuple[int, Found]] = []
    lines = LineIndex(masked)
    for match, use in matches:
        offset = match.end()
        if (string := strings.get(offset)) is not None:
            uses.append((offset, _found(pipeline, string, origin, use, around.get(offset))))
        elif use == "image" and (name := _IDENTIFIER_RE.match(masked, offset)):
            line = lines.line(offset)
            written = (name.group(1), name.group(2), line)
            uses.append((offset, _found(pipeline, written, origin, use, around.get(offset))))
        elif "(" in match.group(0):  # docker.image(anything else): an expression
            line = lines.line(offset)
            expression = text[offset : parentheses.closing(match.start() + match.group(0).index("("))].strip()
            why = "a Groovy expression, known only when the pipeline runs"
            uses.append((offset, Found(expression, origin, line, why, use, KIND)))
    for string in strings.values():
        if "\n" in string.body and "image:" in string.body:
            uses += [(string.start, item) for item in _pod_images(string, origin)]
    uses = drop_uncalled(uses, text, masked, [(each.start, each.end) for each in strings.values()], origin)
    return [item for _, item in sorted(uses, key=lambda pair: (pair[1].line or 0, pair[0]))]


def jenkins_builds(text: str, origin: str) -> list[LocalBuild]:
    """The images `docker.build('NAME', ...)` builds (literal names only)."""
    masked, strings = scan(text)
    builds: list[LocalBuild] = []
    for match in _BUILD_RE.finditer(masked):
        string = strings.get(match.end())
        if string is not None and "$" not in string.body:
            builds.append(LocalBuild(string.body, origin, string.line, "docker.build"))
    return builds


_ENV_ASSIGN_RE = re.compile(r"(?<![\w.])env\.([A-Za-z_]\w*)\s*=(?!=)\s*")
_ENVIRONMENT_RE = re.compile(r"(?<![\w.])environment\s*\{")


def environment_values(text: str) -> dict[str, list[str]]:
    """The literal values the pipeline puts in the environment of its steps, name -> each distinct value: an
    `environment { NAME = '...' }` block's and a `script { }` block's `env.NAME = '...'` (Jenkins' `env` global,
    https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#setting-environment-variables-dynamically); an `sh` step's
    shell reads them as its variables. A name also given a value that is not a literal (`env.COMMIT =
    sh(script: ..., returnStdout: true)`), or a value the file does not know, is left out."""
    masked, strings = scan(text)
    variables, parameters = definitions(masked, strings)
    pipeline = _Pipeline(strings, variables, parameters)
    braces = Blocks(masked)
    blocks = [(match.end(), braces.closing(match.end() - 1)) for match in _ENVIRONMENT_RE.finditer(masked)]
    written: dict[str, list[String]] = {}
    computed: set[str] = set()
    index, reach = 0, -1  # the blocks opened before an assignment (in order, as the assignments), the furthest end
    for match in _ASSIGN_RE.finditer(masked):
        while index < len(blocks) and blocks[index][0] <= match.start():
            reach = max(reach, blocks[index][1])
            index += 1
        in_block = match.start() < reach  # inside a block opened before it that has not ended
        if not in_block and not _ENV_ASSIGN_RE.match(masked, match.start()):
            continue  # a Groovy variable (`def IMAGE = ...`), not the environment
        literal = strings.get(match.end())
        if literal is None or _next_character(masked, literal.end) in (".", "+", "[", "?", "*"):
            computed.add(match.group(1))
        else:
            written.setdefault(match.group(1), []).append(literal)
    values: dict[str, list[str]] = {}
    for name, each in written.items():
        for string in each if name not in computed else ():
            try:
                value = pipeline.value(string)
            except _Unknown:
                continue
            values.setdefault(name, []).extend([] if value in values.get(name, []) else [value])
    return values
