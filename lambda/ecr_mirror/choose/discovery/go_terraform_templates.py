"""Terraform configurations a Go test fills from a `.tf` template of the tree with `fmt.Sprintf` (pure).

A Terraform provider's acceptance tests keep their configurations in testdata files with Go verbs in them
(`testdata/resources/docker_image/testAccDockerImageName.tf`: `name = "%s"`) and hand the test framework
`fmt.Sprintf(loadTestConfiguration(t, RESOURCE, "docker_image", "testAccDockerImageName"), "ubuntu:jammy@sha256:...")`:
Terraform then applies the filled text, pulling what its resources name. A call of `fmt.Sprintf` whose format is a
call with literal arguments naming one `.tf` file of the tree (a literal that is the file's name without `.tf`, every
other literal a directory on its path; exactly one such file) is that file filled with the call's other arguments:
literals, constants, or the literal the Go file last binds to a name before the call (go_command_wrappers.py's
reading). The verbs `%s`, `%v`, `%d` and `%q` (Go's quoting) are filled in order, `%%` is `%`; a call whose
arguments are not all known, or whose count does not match the verbs, or a format with other verbs (`%[1]s`), is not
read. The filled text is read as a Terraform module of that one file (terraform.py) and the images of the
template's lines with a verb are the call's, at its line (the others are the template's own, read with it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.go_command_wrappers import bound_value
from ecr_mirror.choose.discovery.go_commands import call_arguments
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames

MARK = b"fmt.Sprintf("
_SPRINTF_RE = re.compile(r"(?<![\w.])fmt\.Sprintf\s*\(\s*")
_INNER_RE = re.compile(r"[A-Za-z_][\w.]*\s*\(")
VERB_RE = re.compile(r"%(?:%|[-+# 0]*\d*(?:\.\d+)?(?:\[\d+\])?[a-zA-Z]|\[)")


@dataclass(frozen=True)
class Filled:
    """A template filled by one call: the Go file's line, the template's shown name and the filled text."""

    line: int
    template: str
    text: str


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def go_format(template: str, values: list[str]) -> str | None:
    """`fmt.Sprintf(template, values...)` for the verbs `%s`, `%v`, `%d`, `%q` and `%%`; None otherwise, or when the
    count of values is not that of the verbs."""
    out: list[str] = []
    at, given = 0, iter(values)
    used = 0
    for verb in VERB_RE.finditer(template):
        out.append(template[at : verb.start()])
        at = verb.end()
        if verb.group() == "%%":
            out.append("%")
            continue
        if verb.group() not in ("%s", "%v", "%d", "%q") or used >= len(values):
            return None
        value, used = next(given), used + 1
        out.append(_quoted(value) if verb.group() == "%q" else value)
    return "".join(out) + template[at:] if used == len(values) else None


def _template(literals: list[str], templates: Mapping[str, str]) -> str | None:
    """The one template whose name (without `.tf`) is one of `literals` and whose directories hold the others."""
    matches = []
    for shown in templates:
        path = PurePosixPath(shown)
        if path.stem in literals or path.name in literals:
            others = [literal for literal in literals if literal not in (path.stem, path.name)]
            if all(other in path.parent.parts for other in others):
                matches.append(shown)
    return matches[0] if len(matches) == 1 else None


def filled_templates(text: str, templates: Mapping[str, str]) -> list[Filled]:
    """The templates (shown name -> text) a Go source fills with `fmt.Sprintf`, each filled, in order."""
    names, lines = SourceNames.of(text), LineIndex(text)
    out: list[Filled] = []
    for call in _SPRINTF_RE.finditer(text):
        inner = _INNER_RE.match(text, call.end())
        if inner is None or lines.led_by(call.start(), "//"):
            continue
        given = call_arguments(text, inner.end())
        literals = [argument for argument in given or [] if argument is not None and not argument.startswith("${")]
        if not literals or (shown := _template(literals, templates)) is None:
            continue
        arguments = call_arguments(text, call.end())
        values = [bound_value(argument, names, call.start()) for argument in (arguments or [None])[1:]]
        known = [value for value in values if value is not None and not value.startswith("${")]
        if arguments is None or len(known) != len(values):
            continue
        if (filled := go_format(templates[shown], known)) is not None:
            out.append(Filled(lines.line(call.start()), shown, filled))
    return out
