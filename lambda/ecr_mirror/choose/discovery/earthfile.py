"""Images an Earthfile pulls when Earthly runs its targets (pure).

Earthly (https://docs.earthly.dev/docs/earthfile) reads files named `Earthfile`: a base recipe, then targets
(`name:` at the start of a line, its commands indented below) and functions (`NAME:` whose first command is
`COMMAND` or `FUNCTION`). Pulled: the image of each `FROM` (not a target reference such as `+base`, `./dir+build`
or `github.com/org/repo+target`, which holds a `+`, nor `FROM DOCKERFILE`, whose Dockerfile the walk reads), each
`WITH DOCKER --pull IMAGE`, and the images of the `docker run` / `docker pull` commands of `RUN` lines (inside
`WITH DOCKER` they run against the daemon Earthly starts), read by the scripts' rules; an image a `WITH DOCKER
--load NAME=+target` loads, or `SAVE IMAGE` names, is built here and not listed when a `docker run` of the file
names it.

`$NAME` and `${NAME}` take the values of `ARG NAME=default` (also `LET` and `SET`): each target is read with its
own defaults (it may be run alone, `earthly +target`), and again with the values each call of the same file gives
it: `BUILD +target --NAME=value`, `FROM +target --NAME=value`, `DO +FUNCTION --NAME=value`, `COPY (+target/out
--NAME=value) ...`, `WITH DOCKER --load (+target --NAME=value)`, and the older `--build-arg NAME=value` before the
reference; several values of one name (`BUILD --build-arg PG=16 --build-arg PG=17 +test`) build the target once
per value, as Earthly does, and a call's values may come from its caller's ARGs; the values a target was given pass on
to the targets of the same file it calls (`FROM +base` in a target `BUILD +test --BASE=1.17` calls builds `+base`
with BASE=1.17), not to a function. The ARGs of the base recipe are
seen by every target. A value that is a shell-out (`ARG V=$(cat version)`), an ARG without a default that no call
gives, and Earthly's built-in ARGs (`TARGETARCH`, `EARTHLY_GIT_HASH`) leave the image unresolved, naming them.
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.dockerfile import logical_lines
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand

_TARGET_RE = re.compile(r"^([A-Za-z][\w.-]*):$")
_REFERENCE_RE = re.compile(r"^\+([\w.-]+)")  # a target of the same Earthfile (`+build`, `+build/out`)
_ASSIGN_KEYWORDS = frozenset(["ARG", "LET", "SET"])
_ARG_OPTION_RE = re.compile(r"^--[a-z-]+$")
_PARENTHESISED_RE = re.compile(r"\(\s*([^()]*?)\s*\)")
_BUILTIN_PREFIXES = ("TARGET", "NATIVE", "USER", "EARTHLY_")
_MAX_CALLS = 64  # value sets a target is read with; a call graph of more is cut there


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text, comments=False)
    except ValueError:
        return text.split()


@dataclass
class _Recipe:
    name: str
    lines: list[tuple[int, str, str]] = field(default_factory=list)  # (line, KEYWORD, rest)


def _recipes(text: str) -> tuple[_Recipe, dict[str, _Recipe]]:
    """The base recipe and each target or function, by name."""
    raw = text.splitlines()
    base = _Recipe("")
    recipes: dict[str, _Recipe] = {}
    current = base
    for line, instruction in logical_lines(text):
        header = _TARGET_RE.match(instruction)
        if header and raw[line - 1][:1] not in (" ", "\t"):
            current = recipes.setdefault(header.group(1), _Recipe(header.group(1)))
            continue
        keyword, _, rest = instruction.partition(" ")
        current.lines.append((line, keyword.upper(), rest.strip()))
    return base, recipes


def _reason(name: str, values: Mapping[str, str | None]) -> str:
    if name.startswith(_BUILTIN_PREFIXES):
        return f"${name} is set by Earthly when it runs"
    if name in values:
        return f"ARG {name} has no default value (given with --{name}=... when the target is run)"
    return f"${name} is not declared by an ARG of the target or the base recipe"


def _image(text: str, values: Mapping[str, str | None], origin: str, line: int, use: str) -> Found:
    try:
        resolved = expand(text, values)
    except Unset as unset:
        return Found(text, origin, line, _reason(unset.name, values), use)
    except Malformed as exc:
        return Found(text, origin, line, str(exc), use)
    if "$(" in text:
        return Found(text, origin, line, "a shell-out, known only when Earthly runs", use)
    return Found(resolved, origin, line, use=use)


def _assign(keyword: str, rest: str, values: dict[str, str | None], given: Mapping[str, str]) -> None:
    """`ARG [--required] [--global] NAME[=default]`, `LET NAME=value`, `SET NAME=value`."""
    words = [word for word in _words(rest) if not _ARG_OPTION_RE.match(word)]
    if not words:
        return
    name, sep, default = words[0].partition("=")
    if not sep and len(words) >= 3 and words[1] == "=":
        default, sep = " ".join(words[2:]), "="  # `ARG NAME = value`
    if keyword == "ARG" and name in given:
        values[name] = given[name]
    elif not sep:
        values.setdefault(name, None)
    elif "$(" in default:
        values[name] = None  # a shell-out
    else:
        try:
            values[name] = expand(default, values)
        except (Unset, Malformed):
            values[name] = None


def _call_values(arguments: list[str], build_args: list[str], values: Mapping[str, str | None]) -> list[dict[str, str]]:
    """The value sets a call gives its target: one per combination when a name is given several values; a value
    that cannot be known is not given, so the target's default applies."""
    given: dict[str, list[str]] = {}
    for pair in [*build_args, *(word[2:] for word in arguments if word.startswith("--") and "=" in word)]:
        name, _, value = pair.partition("=")
        try:
            resolved = expand(value, values)
        except (Unset, Malformed):
            continue
        if "$(" not in resolved and resolved not in given.setdefault(name, []):
            given[name].append(resolved)
    names = [name for name in given if given[name]]
    return [dict(zip(names, combination, strict=True)) for combination in itertools.product(*(given[n] for n in names))]


def _target_call(words: list[str], values: Mapping[str, str | None]) -> tuple[str, list[dict[str, str]]] | None:
    """`[--build-arg N=V]... [--flags] +target [--N=V]...`: the target of the same file and the values given."""
    build_args: list[str] = []
    index = 0
    while index < len(words) and words[index].startswith("--"):
        word = words[index]
        if word == "--build-arg" and index + 1 < len(words):
            build_args.append(words[index + 1])
            index += 2
            continue
        if word.startswith("--build-arg="):
            build_args.append(word.split("=", 1)[1])
        elif word == "--platform" and index + 1 < len(words):
            index += 1
        index += 1
    if index >= len(words) or (match := _REFERENCE_RE.match(words[index])) is None:
        return None
    return match.group(1), _call_values(words[index + 1 :], build_args, values)


def _calls(keyword: str, rest: str, values: Mapping[str, str | None]) -> list[tuple[str, list[dict[str, str]]]]:
    """The targets of the same file a command runs, each with the value sets it gives."""
    if keyword in ("BUILD", "FROM", "DO"):
        call = _target_call(_words(rest), values)
        return [call] if call else []
    if keyword not in ("COPY", "WITH"):
        return []
    calls = [call for group in _PARENTHESISED_RE.findall(rest) if (call := _target_call(_words(group), values))]
    words = _words(_PARENTHESISED_RE.sub(" ", rest))
    build_args = _option_values(words, "--build-arg")
    for word in words:
        # `+target`, `NAME=+target` (`--load NAME=+target`), `--load=NAME=+target`, `--load=+target`
        if (match := _REFERENCE_RE.match(word.rsplit("=", 1)[-1])) is not None:
            calls.append((match.group(1), _call_values([], build_args, values)))
    return calls


def _option_values(words: list[str], option: str) -> list[str]:
    """The values of `OPTION VALUE` / `OPTION=VALUE` (repeatable: `--pull`, `--load`, `--build-arg`)."""
    out: list[str] = []
    for index, word in enumerate(words):
        if word == option and index + 1 < len(words):
            out.append(words[index + 1])
        elif word.startswith(f"{option}="):
            out.append(word.split("=", 1)[1])
    return out


def _from_image(rest: str) -> str | None:
    words = _words(rest)
    while words and words[0].startswith("--"):
        flag = words.pop(0)
        if flag in ("--platform", "--build-arg") and words:
            words.pop(0)
    if not words or words[0].upper() == "DOCKERFILE" or "+" in words[0] or words[0] == "scratch":
        return None
    return words[0]


def _run_command(rest: str, values: Mapping[str, str | None]) -> str:
    """A RUN line's command (its `--flags` dropped, a JSON form joined) with the ARGs it names substituted."""
    command = rest
    while (match := re.match(r"--[\w-]+(?:=\S*)?\s+", command)) is not None:
        command = command[match.end() :]
    if command.startswith("["):
        command = " ".join(_words(command.strip("[]").replace(",", " ")))

    def known(match: re.Match[str]) -> str:
        value = values.get(match.group(1) or match.group(2))
        return value if value is not None else match.group(0)

    return re.sub(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)", known, command)


def _tagged(name: str) -> str:
    return name if "@" in name or ":" in name.rsplit("/", 1)[-1] else f"{name}:latest"


def _loaded(recipes: list[_Recipe]) -> set[str]:
    """Images the file makes: `SAVE IMAGE NAME...` and the names of `WITH DOCKER --load NAME=+target`."""
    names: set[str] = set()
    for recipe in recipes:
        for _, keyword, rest in recipe.lines:
            words = _words(rest)
            if keyword == "SAVE" and words[:1] == ["IMAGE"]:
                names |= {_tagged(word) for word in words[1:] if not word.startswith("--")}
            if keyword == "WITH":
                names |= {_tagged(v.split("=", 1)[0]) for v in _option_values(words, "--load") if "=+" in v}
    return names


def _read(
    recipe: _Recipe, values: dict[str, str | None], given: Mapping[str, str], origin: str, loaded: set[str]
) -> tuple[list[Found], list[tuple[str, list[dict[str, str]]]]]:
    found: list[Found] = []
    calls: list[tuple[str, list[dict[str, str]]]] = []
    for line, keyword, rest in recipe.lines:
        if keyword in _ASSIGN_KEYWORDS:
            _assign(keyword, rest, values, given)
            continue
        calls += _calls(keyword, rest, values)
        if keyword == "FROM" and (image := _from_image(rest)) is not None:
            found.append(_image(image, values, origin, line, "FROM"))
        elif keyword == "WITH":
            found += [
                _image(i, values, origin, line, "WITH DOCKER --pull") for i in _option_values(_words(rest), "--pull")
            ]
        elif keyword == "RUN" and ("docker" in rest or "podman" in rest):
            for item in docker_runs(_run_command(rest, values), origin):
                if item.problem is None and _tagged(item.text) in loaded:
                    continue
                found.append(Found(item.text, origin, line, item.problem, item.use))
    return found, calls


def _passed(given: Mapping[str, str], values: dict[str, str], callee: _Recipe | None) -> dict[str, str]:
    """The values a call gives a target of the same file: the caller's own overrides, then the call's values over
    them ("Arg overrides within the same Earthfile are passed automatically to each other",
    https://docs.earthly.dev/docs/guides/build-args); a function (`DO +NAME`) takes only the values `DO` gives."""
    if callee is None or not given or (callee.lines and callee.lines[0][1] in ("COMMAND", "FUNCTION")):
        return values
    return {**given, **values}


def earthfile_images(text: str, origin: str, runs: Sequence[tuple[str, dict[str, str]]] = ()) -> list[Found]:
    """Each image the Earthfile's targets pull, in file order, once per distinct reference and line; `runs` are
    targets run from outside the file with the values given them (`earthly +test --PG=17`: ("test", {"PG": "17"}))."""
    base, recipes = _recipes(text)
    loaded = _loaded([base, *recipes.values()])
    global_values: dict[str, str | None] = {}
    found, calls = _read(base, global_values, {}, origin, loaded)
    pending: list[tuple[str, dict[str, str]]] = [(name, {}) for name in recipes] + list(runs)
    pending += [(name, given) for name, sets in calls for given in sets]
    read: dict[str, list[dict[str, str]]] = {}
    while pending:
        name, given = pending.pop(0)
        if name not in recipes or given in read.setdefault(name, []) or len(read[name]) >= _MAX_CALLS:
            continue
        read[name].append(given)
        more, calls = _read(recipes[name], dict(global_values), given, origin, loaded)
        found += more
        pending += [(callee, _passed(given, values, recipes.get(callee))) for callee, sets in calls for values in sets]
    unique: dict[tuple[str, int | None, str | None, str], Found] = {}
    for item in found:
        unique.setdefault((item.text, item.line, item.problem, item.use), item)
    return sorted(unique.values(), key=lambda item: item.line or 0)
