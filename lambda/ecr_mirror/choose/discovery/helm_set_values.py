"""The values a shell script's `helm install` or `helm upgrade` sets on the command line for a chart it names by a
path (pure).

`helm upgrade --install qdrant charts/qdrant -n it --set replicaCount=3 --set image.tag=v1.7.3`: `--set` and
`--set-string` give values over the chart's, "set values on the command line (can specify multiple or separate
values with commas: key1=val1,key2=val2)" (https://helm.sh/docs/helm/helm_install/), a dotted key naming a nested
value (https://helm.sh/docs/intro/using_helm/#the-format-and-limitations-of---set): `image.tag=v1.7.3` is
`{image: {tag: v1.7.3}}`. `--set` reads `true` and `false` as booleans, `null` as no value and an integer as a
number; `--set-string` keeps every value a string. A value holding a variable is the script's value of it
(`image.tag=${IMAGE_TAG}` after `IMAGE_TAG="${IMAGE_TAG:=dev}"`); one the script does not give (`$1`) is kept as
written, so the image it makes is reported unresolved, never the chart's default beside a repository the command sets.
A pair with an index or a list (`a[0]=x`, `a={x,y}`), or whose key holds a variable, is left out; so are `--set-file`
and `--set-json`. `helm
template` renders and installs nothing, and is not read. The chart is each word of the command that is a path from
the script (sourced_paths.py: `charts/qdrant`, `"${ROOT}"/charts/x`); cli/discover_helm_set.py reads the words that
are a chart of the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import source_target

_HELM_RE = re.compile(r"(?<![\w./$-])helm(?=[ \t])")
_INSTALLS = frozenset({"install", "upgrade"})
_ENDS = frozenset({"|", "||", "&&", ";", "&"})
_SETS = ("--set", "--set-string")
_KEY_RE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_SPLIT_RE = re.compile(r"(?<!\\),")


@dataclass(frozen=True, slots=True)
class HelmSet:
    """A `helm install|upgrade` of a script: its line, the words that may name the chart (anchor and path,
    sourced_paths.source_target) and the values it sets, nested as a values file nests them."""

    line: int
    charts: tuple[tuple[str, str], ...]
    values: dict[str, object] = field(default_factory=dict)


def _typed(value: str, string: bool) -> object:
    """A value as `--set` types it (Helm's strvals: `true`, `false` in any case, `null`, and an integer not starting
    with 0 but `0` itself); `--set-string` keeps it a string."""
    if string:
        return value
    if value.lower() in ("true", "false", "null"):
        return {"true": True, "false": False, "null": None}[value.lower()]
    return int(value) if re.fullmatch(r"0|-?[1-9]\d{0,17}", value) else value


def _put(values: dict[str, object], key: str, value: object) -> None:
    *parents, last = key.split(".")
    node = values
    for part in parents:
        child = node.get(part)
        node[part] = child = child if isinstance(child, dict) else {}
        node = child
    node[last] = value


def set_values(
    given: list[tuple[str, str]], resolve: Callable[[str], tuple[str, str | None]] | None = None
) -> dict[str, object]:
    """The values of `--set` (`--set-string`) arguments, (option, argument) in their order, nested; `resolve`: the
    script's values of the variables a value holds (ShellValues.resolve), a value it cannot give kept as written."""
    values: dict[str, object] = {}
    for option, argument in given:
        for pair in _SPLIT_RE.split(argument):
            key, equals, value = pair.replace("\\,", ",").partition("=")
            if not equals or _KEY_RE.fullmatch(key) is None or value.startswith("{"):
                continue
            if "$" in value and resolve is not None:
                value = resolve(value)[0]
            _put(values, key, value if "$" in value else _typed(value, option == "--set-string"))
    return values


def _command(words: list[str], shell: ShellValues, line: int) -> HelmSet | None:
    words = words[: next((at for at, word in enumerate(words) if word in _ENDS), len(words))]
    verb = next((at for at, word in enumerate(words) if not word.startswith("-")), None)
    if verb is None or words[verb] not in _INSTALLS:
        return None
    given: list[tuple[str, str]] = []
    places: list[tuple[str, str]] = []
    rest = words[verb + 1 :]
    for at, word in enumerate(rest):
        option, equals, argument = word.partition("=")
        if option in _SETS and equals:
            given.append((option, argument))
        elif word in _SETS and at + 1 < len(rest):
            given.append((word, rest[at + 1]))
        elif not word.startswith("-") and (at == 0 or rest[at - 1] not in _SETS):
            places += [place] if (place := source_target(word, shell.values)) is not None else []
    settings = set_values(given, shell.resolve)
    return HelmSet(line, tuple(places), settings) if settings and places else None


def helm_sets(text: str) -> list[HelmSet]:
    """Each `helm install|upgrade` of the shell script `text` that sets values on its command line."""
    if "helm" not in text or "--set" not in text:
        return []
    shell = ShellValues.of(text)
    out: list[HelmSet] = []
    for line, joined in joined_lines(text):
        for match in _HELM_RE.finditer(joined):
            if in_command_position(joined[: match.start()]):
                found = _command(command_words(joined[match.end() :]), shell, line)
                out += [found] if found is not None else []
    return out
