"""Values a Makefile, a shell script or a CI step reads from a file of the tree (pure).

Projects keep a version or a pinned image in a file of its own, one line, for every build to read: ingress-nginx's
`GOLANG_VERSION` and `NGINX_BASE`, read by its Makefile as `GO_VERSION ?= $(shell cat GOLANG_VERSION)` and by a
tool's Makefile as `$(shell cat $(DIR)/../../NGINX_BASE)`, by a script as `HTTPBUN_IMAGE=$(cat
$BASEDIR/HTTPBUN_IMAGE)`, by a workflow step as `export TAG=$(cat images/nginx/TAG)`. Read are make's `$(shell cat
PATH)` and `$(file <PATH)` (https://www.gnu.org/software/make/manual/html_node/File-Function.html), and the shell's
`$(cat PATH)`, `$(<PATH)` and `` `cat PATH` `` (in a recipe, `$$(cat PATH)`): each is replaced, where it is written
(the lines keep their numbers), by the file's text without its final newline, as the shell's command substitution
and make's `shell` function give it (https://www.gnu.org/software/bash/manual/bash.html#Command-Substitution), when
that text is one word on one line (`1.26.1`, `registry.k8s.io/ingress-nginx/nginx:v2.2.8@sha256:...`). A file of
several lines or words, a path outside the tree, one that does not exist or one with a variable the file gives no
value stays as written, known only when it runs. The first line alone, `head -n 1 PATH` (`-1`, `-n1`, `--lines=1`;
https://www.gnu.org/software/coreutils/manual/html_node/head-invocation.html), piped or not into `tr -d 'SET'`,
which deletes each character of SET (https://www.gnu.org/software/coreutils/manual/html_node/tr-invocation.html; a
backslash escapes the next one, a set with a range or a class, `a-z`, `[:space:]`, is not read), is read so too:
the k6 extensions' `golangci_version = $(shell head -n 1 .golangci.yml | tr -d '\\# ')` over a config whose first
line is `# v1.64.8`. A value yq reads from a YAML file, `$(yq .appVersion charts/pulsar/Chart.yaml)`, `$(yq e
'.image.tag' values.yaml)` (`eval`, `e`, `-r`; make's `$(shell yq ...)`: https://mikefarah.gitbook.io/yq/commands/evaluate,
the expression a path of keys), is the scalar at that path of the file's one document as yq prints it, a string
without its quotes or an integer (Apache Pulsar's `common_auth.sh`, `PULSAR_VERSION=$(yq .appVersion
charts/pulsar/Chart.yaml)`: `4.0.12`), when it is one word; a list, a mapping, a float (printed as written), a key
the file lacks or a file of several documents stays as written.

The path is relative to where the command runs: a Makefile's own directory (make runs there; `$(CURDIR)` and a name
bound to the Makefile's directory, `DIR = $(shell dirname $(realpath $(lastword $(MAKEFILE_LIST))))`, are it), a
script's directory for a name bound to it (`BASEDIR=$(dirname "$0")`, `${BASH_SOURCE[0]}` too, `/..` after it going
up), and otherwise, for a script or a CI step, the first of the caller's directories that holds the file (a CI
step's: the checkout's top).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence

from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

Load = Callable[[str], str | None]  # the text of a file of the tree (a path as shown), None when there is none

MAX_BYTES = 4096
YAML_MAX_BYTES = 1024 * 1024  # a YAML file yq reads a value from
_PATH = r"[\"']?((?:[\w./@+-]|\$\(\w+\)|\$\{\w+\}|\$\w+)+)[\"']?"
_MAKE_RE = re.compile(r"\$\((?:shell[ \t]+cat[ \t]+" + _PATH + r"|file[ \t]*<[ \t]*" + _PATH + r")[ \t]*\)")
_SHELL_RE = re.compile(
    r"\$?\$\([ \t]*(?:cat[ \t]+|<[ \t]*)" + _PATH + r"[ \t]*\)|`[ \t]*cat[ \t]+" + _PATH + r"[ \t]*`"
)
# `head -n 1 PATH`, piped into `tr -d 'SET'` or not: make's `$(shell ...)`, the shell's `$(...)` (`$$(...)`)
_HEAD = (
    r"head[ \t]+(?:-n[ \t]*1|-1|--lines=1)[ \t]+"
    + _PATH
    + r"(?:[ \t]*\|[ \t]*tr[ \t]+-d[ \t]+(?:'([^'\n]*)'|\"([^\"\n]*)\"))?"
)
_HEAD_MAKE_RE = re.compile(r"\$\(shell[ \t]+" + _HEAD + r"[ \t]*\)")
_HEAD_SHELL_RE = re.compile(r"\$?\$\([ \t]*" + _HEAD + r"[ \t]*\)")
# yq's path expression on a file: `yq .appVersion FILE`, `yq e '.image.tag' FILE` (make's `$(shell yq ...)` too)
_YQ = r"yq[ \t]+(?:(?:e|eval)[ \t]+)?(?:-r[ \t]+)?[\"']?((?:\.[A-Za-z_][\w-]*)+)[\"']?[ \t]+" + _PATH + r"[ \t]*\)"
_YQ_MAKE_RE = re.compile(r"\$\(shell[ \t]+" + _YQ)
_YQ_SHELL_RE = re.compile(r"\$?\$\([ \t]*" + _YQ)
_NAME_RE = re.compile(r"\$(?:\((\w+)\)|\{(\w+)\}|(\w+))")
# a name bound to the file's own directory: make's `$(dir $(abspath $(lastword $(MAKEFILE_LIST))))` and the like,
# a script's `$(dirname "$0")`, `$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)`
_MAKE_DIRECTORY_RE = re.compile(
    r"^\$\((?:shell[ \t]+dirname|dir|patsubst[^$]*)[ \t]*.*\$\(lastword[ \t]+\$\(MAKEFILE_LIST\)\)"
)
_SCRIPT_DIRECTORY_RE = re.compile(
    r"dirname[ \t]+(?:\$\((?:readlink[ \t]+-f|realpath)[ \t]+)?[\"']?"
    r"\$(?:0|\{0\}|\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE)[\"']?\)?\)?[\"']?(?P<up>(?:/\.\.)*)"
)
_PLAIN_RE = re.compile(r"[^\s'\"$`\\;&|<>(){}]+")


def _own_directory(value: str, make: bool) -> str | None:
    """`.` (or `..`, `../..`) when a value names the file's own directory (or one above it); None otherwise."""
    if make and (value in ("$(CURDIR)", "$(shell pwd)") or _MAKE_DIRECTORY_RE.match(value)):
        return "."
    if (match := _SCRIPT_DIRECTORY_RE.search(value)) is not None:
        ups = match.group("up").count("..")
        return "/".join([".."] * ups) or "."
    return None


def command_path(written: str, values: ShellValues, make: bool) -> tuple[str, bool] | None:
    """The path as the command reads it and whether it starts at the file's own directory; None when unknown."""
    anchored = False

    def one(match: re.Match[str]) -> str:
        nonlocal anchored
        name = next(group for group in match.groups() if group)
        if name == "CURDIR" and make:
            anchored = True
            return "."
        known = values.values.get(name, set())
        if len(known) == 1 and (own := _own_directory(next(iter(known)), make)) is not None:
            anchored = True
            return own
        resolved, problem = values.resolve(match.group())
        if problem is not None:
            raise LookupError(problem)
        return resolved

    try:
        path = _NAME_RE.sub(one, written)
    except LookupError:
        return None
    return (path, anchored) if _PLAIN_RE.fullmatch(path) else None


def located(written: str, values: ShellValues, own: str, bases: Sequence[str], load: Load) -> str | None:
    """The text of the file a script's path `written` names (its names resolved by `values`; see the module for
    where it is looked up), None when the path or the file is not known."""
    if (found := command_path(written, values, False)) is None or found[0].startswith("/"):
        return None
    path, anchored = found
    for base in [own] if anchored else bases:
        if (text := load(posixpath.normpath(posixpath.join(base, path)))) is not None:
            return text
    return None


def _content(text: str | None) -> str | None:
    """A file's one word: its text without the final newlines, when that is one word on one line."""
    if text is None or len(text) > MAX_BYTES:
        return None
    word = text.rstrip("\r\n")
    return word if _PLAIN_RE.fullmatch(word) else None


def _first_line(text: str | None, deleted: str | None) -> str | None:
    """A file's first line, the characters of `tr -d`'s set `deleted` (if given) taken out, when that is one word."""
    if text is None or len(text) > MAX_BYTES:
        return None
    line = text.split("\n", 1)[0].rstrip("\r")
    if deleted is not None:
        if re.search(r"(?<!\\)(?:.-.|\[)", deleted):
            return None  # a range (`a-z`) or a class (`[:space:]`): not read
        characters = set(re.sub(r"\\(.)", r"\1", deleted))
        line = "".join(character for character in line if character not in characters)
    return line if _PLAIN_RE.fullmatch(line) else None


def _yq_scalar(text: str | None, expression: str) -> str | None:
    """The scalar yq prints for the path `expression` (`.a.b`) of the YAML `text`, when it is one word."""
    if text is None or len(text) > YAML_MAX_BYTES:
        return None
    try:
        documents = load_documents(text, "yq")
    except ConfigError:
        return None
    node = documents[0] if len(documents) == 1 else None
    for key in expression.strip(".").split("."):
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, bool) or not isinstance(node, str | int):
        return None
    return str(node) if _PLAIN_RE.fullmatch(str(node)) else None


def with_file_values(text: str, own: str, bases: Sequence[str], load: Load, *, make: bool) -> str:
    """`text` (a file in directory `own`) with each read of a one-line file of the tree (or of a file's first line)
    replaced by the file's word (see the module); `bases`: the directories, in order, a path not anchored to `own` is
    looked up from."""
    if "cat" not in text and "<" not in text and "head" not in text and "yq" not in text:
        return text
    values = ShellValues.of(text)
    patterns = (_MAKE_RE, _SHELL_RE) if make else (_SHELL_RE,)

    def word_of(written: str, read: Callable[[str | None], str | None]) -> str | None:
        if (found := command_path(written, values, make)) is None:
            return None
        path, anchored = found
        if path.startswith("/"):
            return None
        for base in [own] if anchored or make else bases:
            word = read(load(posixpath.normpath(posixpath.join(base, path))))
            if word is not None:
                return word
        return None

    def one(match: re.Match[str]) -> str:
        written = next(group for group in match.groups() if group)
        return word_of(written, _content) or match.group()

    def first(match: re.Match[str]) -> str:
        deleted = match.group(2) if match.group(2) is not None else match.group(3)
        return word_of(match.group(1), lambda loaded: _first_line(loaded, deleted)) or match.group()

    for pattern in patterns:
        text = pattern.sub(one, text)

    def yq(match: re.Match[str]) -> str:
        return word_of(match.group(2), lambda loaded: _yq_scalar(loaded, match.group(1))) or match.group()

    for pattern in (_HEAD_MAKE_RE, _HEAD_SHELL_RE) if make else (_HEAD_SHELL_RE,):
        text = pattern.sub(first, text) if "head" in text else text
    for pattern in (_YQ_MAKE_RE, _YQ_SHELL_RE) if make else (_YQ_SHELL_RE,):
        text = pattern.sub(yq, text) if "yq" in text else text
    return text
