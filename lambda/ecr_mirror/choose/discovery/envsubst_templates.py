"""The files a script renders with envsubst, and the values it renders them with (pure).

A setup script that fills a compose template (`envsubst < docker-compose.yml.tmpl > artifacts/docker-compose.yml`,
also `envsubst 'SHELL-FORMAT' < FILE` and `cat FILE | envsubst`) makes the template a compose file of the tree; the
values of its `$NAME`s are those of the environment the script gives envsubst: the files it sources (`source
base.setup.env`, `. ./defaults.env`, each a literal path) and its own assignments, a name taken only when they give it
one value (`NAME=${NAME:-"latest"}`, the default when the caller sets nothing, is `latest`; a name assigned two values,
or none, is left to the template, unresolved). A SHELL-FORMAT argument (`envsubst '$TAG $HOST'`) substitutes only the
names it lists.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.shell_words import ShellValues

_FILE = r"""(?P<quote>["']?)(?P<file>[^\s;|&<>"'$`]+)(?P=quote)"""
_ENVSUBST_RE = re.compile(
    r"(?<![\w-])envsubst(?P<args>(?:[ \t]+(?:'[^'\n]*'|\"[^\"\n]*\"|-\S+))*)[ \t]*<[ \t]*" + _FILE
)
_CAT_RE = re.compile(
    r"(?<![\w-])cat[ \t]+" + _FILE + r"[ \t]*\|[ \t]*envsubst(?P<args>(?:[ \t]+(?:'[^'\n]*'|\"[^\"\n]*\"))*)"
)
_SOURCE_RE = re.compile(r"^[ \t]*(?:source|\.)[ \t]+" + _FILE + r"[ \t]*(?:(?:;|#|&&|\|\|).*)?$", re.MULTILINE)
_NAME_RE = re.compile(r"\$\{?([A-Za-z_]\w*)")


def rendered_templates(text: str) -> list[tuple[str, frozenset[str] | None]]:
    """(the file as written, the names a SHELL-FORMAT argument limits it to, or None) of each envsubst run that reads
    a literal path, in order."""
    out: list[tuple[str, frozenset[str] | None]] = []
    lines = LineIndex(text)
    for match in [*_ENVSUBST_RE.finditer(text), *_CAT_RE.finditer(text)]:
        if lines.led_by(match.start(), "#"):
            continue
        formats = [word for word in match["args"].split() if not word.startswith("-")]
        names = frozenset(_NAME_RE.findall(" ".join(formats))) if formats else None
        if (match["file"], names) not in out:
            out.append((match["file"], names))
    return out


def sourced_files(text: str) -> list[str]:
    """The literal paths a script sources (`source base.setup.env`, `. ./setup.env`), in order."""
    return [match["file"] for match in _SOURCE_RE.finditer(text)]


def rendered_environment(texts: list[str], names: frozenset[str] | None = None) -> dict[str, str]:
    """The names the sourced files and the script (`texts`) give one value each, as envsubst sees them."""
    values = ShellValues.of("\n".join(texts))
    environment: dict[str, str] = {}
    for name in values.values:
        if names is not None and name not in names:
            continue
        value, problem = values.resolve("${" + name + "}")
        if problem is None:
            environment[name] = value
    return environment
