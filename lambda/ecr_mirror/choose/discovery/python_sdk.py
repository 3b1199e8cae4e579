"""Images a Python file pulls and starts through the Docker SDK for Python (pure).

A test fixture or a tool that starts a container with the Docker SDK (https://docker-py.readthedocs.io) names the
image it pulls: `client.images.pull("redis", tag="7")` pulls it, and `client.containers.run("postgres:16", ...)`
pulls it when the engine does not have it (the SDK's `run` pulls on `ImageNotFound`, its `containers.create` does
not, and is not read). podman-py (https://podman-py.readthedocs.io) has the same two calls. Read only in a file that
imports `docker` or `podman`, and only:

- `images.pull(REPOSITORY, TAG)`: the repository (first argument or `repository=`) with the tag (second argument
  or `tag=`), which replaces a tag written in the repository (a `sha256:` tag is a digest, joined with `@`); a pull
  with `all_tags=True` pulls every tag, and is not read;
- `containers.run(IMAGE, ...)`: the image (first argument or `image=`);
- the low-level `APIClient`'s `pull(REPOSITORY, TAG)`, read as `images.pull` (the SDK's `APIClient.pull` pulls
  `latest` when no tag is given): `client.api.pull(...)` (a `DockerClient`'s `api`), and `RECEIVER.pull(...)` on a
  receiver the file binds to `APIClient(...)` or named as a client is (`client`, `self.client`, `api_client`, `api`);
  another object's `pull` (`repo.remotes.origin.pull("main")`) is not read.

Testcontainers for Python's own client, `DockerClient` of `testcontainers.core.docker_client`, is read too: its
`run(image, ...)` calls the SDK's `containers.run` (https://github.com/testcontainers/testcontainers-python/blob/main/
src/testcontainers/core/docker_client.py), so `client.run(image="alpine/socat", ...)` on a receiver the file binds to
`DockerClient()` pulls `alpine/socat`; another object's `run` (a project's `Runner().run(image=...)`) is not read,
nor one on a client a test patches before (`monkeypatch.setattr(client, "client", fake_client)`: testcontainers'
own unit test of `run`).

Not read in a test (python_sdk_scope.py): a call on a fake client, every call of a file that imports the suite's fake
engine, a call a test expects to fail with `ImageNotFound` / `NotFound`.

An argument is a one-line literal, a name the file binds to literals (`CACHE_IMAGE = "redis:7"`, read at the line of
the literal, as source_names.py binds names), a join of those with `+`, or an f-string whose fields are such names
(`f"postgres:{PG_MAJOR}"`); a name of a pytest fixture of the file giving literals is bound to them, and a receiver
naming a fixture that returns `APIClient(...)` is a low-level client (pytest_fixture_values.py: aiopg's conftest,
`docker.pull(f"postgres:{pg_tag}")` in a fixture taking the fixtures `docker`, `return APIClient(version="auto")`,
and `pg_tag`, parametrized by its `pytest_generate_tests` hook with `["13"]` or `["9.6", "10", "11", "12", "13"]`).
Anything else (a function's parameter, an attribute, a call, a field that is no name bound in the file) is known
only when the program runs: the image is unresolved, as written, naming it.
"""

from __future__ import annotations

import ast
import itertools
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.pytest_fixture_values import Fixtures, fixture_values
from ecr_mirror.choose.discovery.python_sdk_scope import (
    Bindings,
    adjacent_bindings,
    imports_fake_engine,
    is_fake,
    joined_literals,
    missing_image_blocks,
)
from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.choose.discovery.source_expressions import expression_end
from ecr_mirror.choose.discovery.source_names import PART, SourceNames

_IMPORT_RE = re.compile(
    r"^[ \t]*(?:import|from)[ \t]+(?:docker|podman|testcontainers\.core\.docker_client)\b", re.MULTILINE
)
_DEF_RE = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]", re.MULTILINE)
_CORE_CLIENT_RE = re.compile(r"^[ \t]*from[ \t]+testcontainers\.core\.docker_client[ \t]+import\b", re.MULTILINE)
_CALL_RE = re.compile(  # the receiver when it is a dotted name (`client`, `self.client`), else none (`from_env()`)
    r"(?:(?<![\w.])(?P<receiver>[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*?)[ \t]*)?\.[ \t]*"
    r"(?P<method>images[ \t]*\.[ \t]*pull|containers[ \t]*\.[ \t]*run|api[ \t]*\.[ \t]*pull|pull|run)[ \t]*\("
)
_CLIENT_RE = re.compile(r"(?:^|_)(?:api|client)$", re.IGNORECASE)  # a receiver named as a low-level client is
_STRING_RE = re.compile(r"""(?P<prefix>[rRbBuUfF]{0,2})(?P<quote>["'])(?P<body>[^"'\\\n]*)(?P=quote)""")
_SPACE_RE = re.compile(r"(?:\s|#[^\n]*)*")
_KEYWORD_RE = re.compile(r"(?P<keyword>[A-Za-z_]\w*)[ \t]*=(?!=)\s*")
_SPREAD_RE = re.compile(r"(?P<keyword>\*\*)\s*")  # `**options`: keyword arguments known only when the program runs
_NAME_RE = re.compile(r"[A-Za-z_]\w*")
_JOINED_RE = re.compile(PART + r"(?:\s*\+\s*" + PART + r")+")
_FIELD_RE = re.compile(r"\{([^{}]*)\}")
_MAX_VALUES = 16

Argument = tuple[str | None, int, str]  # (keyword or None, where the value starts, the value as written)
Value = tuple[int, str, str | None]  # (where the value is written, the value or the text as written, why unknown)


def _arguments(text: str, at: int) -> list[Argument]:
    """The arguments of the call whose `(` ends just before `at`, to its closing parenthesis."""
    arguments: list[Argument] = []
    while True:
        at = _SPACE_RE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
        if at >= len(text) or text[at] == ")":
            return arguments
        keyword = _KEYWORD_RE.match(text, at) or _SPREAD_RE.match(text, at)
        start = keyword.end() if keyword else at
        end = expression_end(text, start, _STRING_RE, "\"'")
        if end == start:
            return arguments  # a bracket that closes something else: not read further
        arguments.append((keyword["keyword"] if keyword else None, start, text[start:end].rstrip()))
        if text[end : end + 1] != ",":
            return arguments
        at = end + 1


def _unknown(start: int, written: str, expression: str) -> list[Value]:
    return [(start, written, f"`{expression}` is known only when the program runs (not a literal of this file)")]


def _values(start: int, written: str, names: SourceNames) -> list[Value]:
    """What an argument may hold: literals, names bound to literals, their joins and f-strings over such names."""
    if (joined := joined_literals(written)) is not None:
        return [(start, joined, None)]
    literal = _STRING_RE.fullmatch(written)
    if literal is not None and "f" not in literal["prefix"].lower():
        return [(start, literal["body"], None)]
    if literal is not None:
        body = literal["body"]
        fields = _FIELD_RE.findall(body)
        choices: list[list[str]] = []
        for field in fields:
            name = field.strip()  # `{ NAME }` is NAME
            bound = sorted({value for _, value in names.values(name)}) if _NAME_RE.fullmatch(name) else []
            if not bound:
                return _unknown(start, body, name)
            choices.append(bound)
        pieces = _FIELD_RE.split(body)[::2]
        return [
            (start, "".join(piece + value for piece, value in zip(pieces, (*combination, ""), strict=True)), None)
            for combination in itertools.islice(itertools.product(*choices), _MAX_VALUES)
        ]
    if _NAME_RE.fullmatch(written) or _JOINED_RE.fullmatch(written):
        known = names.values(written) if _NAME_RE.fullmatch(written) else names.joined(start, written)
        if known:
            return [(at, value, None) for at, value in known]
    return _unknown(start, written, written)


def _given(arguments: list[Argument], position: int, keyword: str) -> tuple[int, str] | None:
    """The argument at `position` or named `keyword`; else the `**options` the call spreads, which may hold it."""
    positional = [(start, value) for name, start, value in arguments if name is None]
    named = [(start, value) for name, start, value in arguments if name == keyword]
    spread = [(start, value) for name, start, value in arguments if name == "**"]
    if named:
        return named[0]
    return positional[position] if len(positional) > position else (spread[0] if spread else None)


def _tagged(repository: str, tag: str) -> str:
    """The image `images.pull(repository, tag)` pulls: the tag replaces one the repository names."""
    slash = repository.rfind("/")
    colon = repository.rfind(":")
    bare = repository[:colon] if colon > slash else repository
    return f"{bare}@{tag}" if tag.startswith("sha256:") else f"{bare}:{tag}"


def _images(arguments: list[Argument], method: str, names: SourceNames) -> list[Value]:
    if method in ("containers.run", "run"):
        image = _given(arguments, 0, "image")
        return _values(*image, names) if image else []
    repository = _given(arguments, 0, "repository")  # images.pull, and the low-level pull
    if repository is None or any(name == "all_tags" and value != "False" for name, _, value in arguments):
        return []
    images = _values(*repository, names)
    tag = _given(arguments, 1, "tag")
    if tag is None or tag[1] == "None":
        return images
    tags = _values(*tag, names)
    unknown = [item for item in images + tags if item[2] is not None]
    if unknown:
        return unknown[:1]
    tagged: list[Value] = [(at, _tagged(image, value), None) for at, image, _ in images for _, value, _ in tags]
    return tagged[:_MAX_VALUES]


def _names(text: str, fixtures: Fixtures) -> SourceNames:
    """The file's names, with those bound to adjacent string literals (`ref = ('a' 'b')`) and the fixtures giving
    string literals as literals."""
    names = SourceNames.of(text)
    for name, bound in adjacent_bindings(text).items():
        names.literals.setdefault(name, []).extend(bound)
    starts = [0] + [at + 1 for at, character in enumerate(text) if character == "\n"]
    for name, values in fixtures.items():
        for value in values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.lineno <= len(starts):
                at = starts[value.lineno - 1] + value.col_offset  # close enough for a position: ASCII before it
                names.literals.setdefault(name, []).append((at, value.value))
    return names


def _is_api_client(value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and (
        (isinstance(value.func, ast.Name) and value.func.id == "APIClient")
        or (isinstance(value.func, ast.Attribute) and value.func.attr == "APIClient")
    )


def _low_level(bound: Bindings, receiver: str, at: int, fixtures: Fixtures) -> bool:
    """Whether `receiver` is an `APIClient`: named as a client is, bound to `APIClient(...)` in the file, or a
    fixture of the file returning one."""
    if _CLIENT_RE.search(receiver.rsplit(".", 1)[-1]) is not None:
        return True
    if receiver in fixtures and all(_is_api_client(value) for value in fixtures[receiver]):
        return True
    value = bound.last(receiver, at)
    return value is not None and re.match(r"(?:[\w.]+\.)?APIClient\(", value) is not None


def _core_client(text: str, bound: Bindings, receiver: str, at: int) -> bool:
    """Whether `receiver` is bound to Testcontainers' `DockerClient(...)` in the file, and not patched between its
    function's `def` and `at`."""
    value = bound.last(receiver, at)
    if value is None or re.match(r"DockerClient\(", value) is None:
        return False
    start = max((match.start() for match in _DEF_RE.finditer(text, 0, at)), default=0)
    patched = re.compile(rf"\bsetattr\(\s*{re.escape(receiver)}\s*,")
    return patched.search(text, start, at) is None


def python_sdk_pulls(text: str, origin: str) -> list[Found]:
    """The images a Python source pulls (`images.pull`, `APIClient.pull`) or starts (`containers.run`) through the
    Docker SDK or podman-py, in the file's order; those known only when it runs unresolved."""
    if not origin.endswith(".py") or _IMPORT_RE.search(text) is None or imports_fake_engine(text):
        return []
    core_client = _CORE_CLIENT_RE.search(text) is not None
    tree = parsed(text)
    fixtures = fixture_values(tree) if tree is not None else {}
    names = _names(text, fixtures)
    found: list[tuple[int, Found]] = []
    lines = LineIndex(text)
    missing = missing_image_blocks(text)
    bound = Bindings.of(text)
    for call in _CALL_RE.finditer(text):
        if lines.led_by(call.start(), "#") or any(start <= call.start() < end for start, end in missing):
            continue
        method = re.sub(r"\s", "", call["method"])
        receiver = re.sub(r"\s", "", call["receiver"] or "")
        if method == "pull" and not (receiver and _low_level(bound, receiver, call.start(), fixtures)):
            continue
        if method == "run" and not (core_client and receiver and _core_client(text, bound, receiver, call.start())):
            continue
        if receiver and is_fake(bound.last(receiver, call.start())):
            continue
        for at, value, problem in _images(_arguments(text, call.end()), method, names):
            line = lines.line(at)
            use = "testcontainers DockerClient run" if method == "run" else f"docker SDK {method}"
            found.append((at, Found(value, origin, line, problem=problem, use=use, kind="Python source")))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]
