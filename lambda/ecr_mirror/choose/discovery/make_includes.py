"""The variables a Makefile shares with the makefiles it includes (pure).

make reads an `include`d file as if its text stood at the `include` line, so a project whose Makefile says `include
make/deps.mk make/helm.mk` sets `DOCKER ?= docker` in one file and runs `$(DOCKER) run ... $(HELM_CT_IMG)` in
another: one make run, one set of variables. Each Makefile of the tree (`Makefile`, `GNUmakefile`, `*.mk`, `*.make`,
`Makefile.*`) is read with the literal one-word assignments of the makefiles of its run (the files it includes, those
including it, and theirs; those in their conditionals' branches with the directive lines around them, so that a value
per branch stays one: make_conditionals.py) appended after its last line, so its own lines keep their numbers, and
a name the file assigns itself keeps its own value. Include paths are relative to the directory make runs in, the
including Makefile's; `include`, `-include` and `sinclude`, several names on one line and `*` globs are read; a path
with a variable is followed when the run's top Makefile or the including file gives it one literal one-word value
(make expands an include line's variables first, https://www.gnu.org/software/make/manual/make.html#Include:
cluster-api-provider-aws' `ROOT_DIR_RELATIVE := .`, `include $(ROOT_DIR_RELATIVE)/common.mk`, which includes
`$(ROOT_DIR_RELATIVE)/versions.mk`), and not followed otherwise. A name two files of a run assign different values
has none that can be known (as two assignments in one file). A top-level assignment of a probe for the container CLI
(Grafana's docs.mk `PODMAN := $(shell if command -v podman ...; then echo podman; else echo docker; fi)`:
program_variables.probes_a_program) is shared too, to a makefile that does not assign the name, so that its `$(PODMAN)
run ... $(MERMAID_IMAGE)` recipe is read as `docker run`. So is a canned recipe (`define NAME` ... `endef`) of another
file of the run that the makefile calls, `$(call NAME,...)`, also through a canned recipe so shared (make reads every
`define` of the run before it runs a recipe, https://www.gnu.org/software/make/manual/html_node/Call-Function.html):
kube-ovn's `makefiles/kind.mk` `$(call kind_load_image,kube-ovn,$(FRR_IMAGE),1)`, whose `define kind_load_image` calls
`$(call docker_ensure_image_exists,$(2))`, defined in the top Makefile as `docker pull "$(1)"`.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable

from ecr_mirror.choose.discovery.make_conditionals import assigned_names, shared_lines
from ecr_mirror.choose.discovery.program_variables import probes_a_program

_INCLUDE_RE = re.compile(r"^[ ]*-?s?include[ \t]+([^#\n]+)", re.MULTILINE)
_ASSIGN_RE = re.compile(
    r"^(?:export[ \t]+|override[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?::{0,2}|\?)=[ \t]*(\S+)[ \t]*$", re.MULTILINE
)
_REFERENCE_RE = re.compile(r"\$[({]([A-Za-z_][\w.-]*)[)}]")
# the directory of the makefile make is reading, written before its own includes (GNU make's MAKEFILE_LIST ends with
# the file being parsed, https://www.gnu.org/software/make/manual/html_node/Special-Variables.html; `dir` keeps the
# trailing `/`): Emissary's `build-aux/ci.mk` says `include $(dir $(lastword $(MAKEFILE_LIST)))tools.mk`
_SELF_DIR_RE = re.compile(r"\$[({]dir[ \t]+\$[({]lastword[ \t]+\$[({]MAKEFILE_LIST[)}][)}][)}]")
# a top-level assignment of any value (`PODMAN := $(shell ...)`), not a recipe line (tab-led) nor an indented one
_ANY_ASSIGN_RE = re.compile(
    r"^(?:(?:export|override)[ \t]+)?(?P<name>[A-Za-z_]\w*)[ \t]*(?::{1,3}=|\?=|=)(?P<value>.*)$", re.MULTILINE
)
_CONDITIONAL_RE = re.compile(r"^ *(?P<open>ifeq|ifneq|ifdef|ifndef)\b|^ *(?P<close>endif)\b")
_DEFINE_RE = re.compile(r"^[ \t]*(?:(?:export|override)[ \t]+)*define[ \t]+(?P<name>[A-Za-z_][\w.-]*)")
_ENDEF_RE = re.compile(r"^[ \t]*endef\b")
_CALL_RE = re.compile(r"\$[({]call[ \t]+(?P<name>[A-Za-z_][\w.-]*)[ \t]*[,)}]")


def _program_lines(text: str, skip: set[str]) -> list[str]:
    """The top-level assignments of `text` (outside its conditionals) of a container-CLI probe, names in `skip` (the
    reading makefile's, whatever their value) left out."""
    out: list[str] = []
    depth = 0
    for line in text.splitlines():
        if (conditional := _CONDITIONAL_RE.match(line)) is not None:
            depth = depth + 1 if conditional["open"] else max(depth - 1, 0)
        elif (
            depth == 0
            and (match := _ANY_ASSIGN_RE.match(line)) is not None
            and match["name"] not in skip
            and probes_a_program(match["value"])
        ):
            out.append(line)
    return out


def _defines(text: str) -> dict[str, list[str]]:
    """The `define NAME` ... `endef` blocks of a makefile by name, each with its `define` and `endef` lines."""
    blocks: dict[str, list[str]] = {}
    lines = text.splitlines()
    end: int | None = None  # the first `endef` at or after the line read: one pass from the end, not one per define
    ends: list[int | None] = [None] * len(lines)
    for index in range(len(lines) - 1, -1, -1):
        ends[index] = end
        if _ENDEF_RE.match(lines[index]):
            end = index
    for index, line in enumerate(lines):
        if (define := _DEFINE_RE.match(line)) is not None and (closed := ends[index]) is not None:
            blocks.setdefault(define["name"], lines[index : closed + 1])
    return blocks


def _called_defines(reading: str, others: list[str]) -> list[str]:
    """The lines of the `define` blocks of `others` (the other makefiles of a run) that `reading` calls, `$(call
    NAME,...)`, or that a block so taken calls in turn; a name `reading` defines itself keeps its own block. Each
    block is searched for calls once, when taken."""
    if "call" not in reading:
        return []
    available: dict[str, list[str]] = {}
    for other in others:
        for name, block in _defines(other).items():
            available.setdefault(name, block)
    taken = set(_defines(reading))
    out: list[str] = []
    pending = [reading]
    while pending:
        for call in _CALL_RE.finditer(pending.pop()):
            if (name := call["name"]) in available and name not in taken:
                taken.add(name)
                out += available[name]
                pending.append("\n".join(available[name]))
    return out


def _values(*texts: str) -> dict[str, str]:
    """The names the makefile texts give one literal one-word value (no `$`), for the paths of include lines."""
    seen: dict[str, set[str]] = {}
    for text in texts:
        for name, value in _ASSIGN_RE.findall(text):
            seen.setdefault(name, set()).add(value)
    return {name: next(iter(values)) for name, values in seen.items() if len(values) == 1 and "$" not in str(values)}


def as_make_reads(text: str, shown: str = "Makefile") -> str:
    """A makefile's text as GNU make reads it: the CR of a line ended with CRLF ignored (read.c's `readline`, "Check
    to see if the line was really ended with CRLF; if so ignore the CR"), so that a Makefile committed with Windows
    line ends has the same conditionals, values and recipes (csi-driver-smb's `ifndef PUBLISH`); lines keep their
    numbers. Another script (`shown` not a makefile's name) as it is: bash does not drop the CR."""
    return text.replace("\r\n", "\n") if "\r\n" in text and is_makefile(shown) else text


def is_makefile(shown: str) -> bool:
    """`Makefile`, `GNUmakefile`, `Makefile.*`, and the names makefiles that others include are given, `*.mk` and
    `*.make` (kubernetes-csi's shared `release-tools/build.make`, which each project's Makefile includes)."""
    name = posixpath.basename(shown).lower()
    return name in ("makefile", "gnumakefile") or name.startswith("makefile.") or name.endswith((".mk", ".make"))


def _included(
    top: str, text: str, names: Iterable[str], values: dict[str, str] | None = None, including: str | None = None
) -> list[str]:
    """The files of `names` that the `include` lines of `text` (the file `including`, `top` when not given) name,
    from the directory of `top`; `values`, the literal values of the run's variables (its top Makefile's), with the
    including file's own."""
    directory = posixpath.dirname(top)
    known = {**(values or {}), **_values(text)}
    # `$(dir $(lastword $(MAKEFILE_LIST)))`: the directory of the makefile being read, as make's cwd names it
    here = posixpath.relpath(posixpath.dirname(including or top) or ".", directory or ".") + "/"
    found: list[str] = []
    for line in _INCLUDE_RE.finditer(text):
        for written in _SELF_DIR_RE.sub(lambda _: here, line.group(1)).split():
            word = _REFERENCE_RE.sub(lambda m: known.get(m.group(1), m.group(0)), written)
            if "$" in word:
                continue
            pattern = posixpath.normpath(posixpath.join(directory, word))
            if not any(mark in word for mark in "*?["):
                found += [name for name in names if posixpath.normpath(name) == pattern]
                continue
            found += [name for name in names if fnmatch.fnmatchcase(posixpath.normpath(name), pattern)]
    return found


def included_makefiles(top: str, text: str, names: Iterable[str]) -> list[str]:
    """The files of `names` that the `include` lines of the Makefile `top` (its text `text`) name."""
    return _included(top, text, names) if "include" in text else []


def _runs(makefiles: dict[str, str]) -> list[set[str]]:
    """The files of each make run: a Makefile and every file it includes, transitively, paths from its directory."""
    runs: list[set[str]] = []
    for top, text in makefiles.items():
        run, pending, values = {top}, [top], _values(text)
        while pending:
            including = pending.pop()
            for name in _included(top, makefiles[including], makefiles, values, including):
                if name not in run:
                    run.add(name)
                    pending.append(name)
        if len(run) > 1:
            runs.append(run)
    return runs


def with_included_values(scripts: dict[str, str]) -> dict[str, str]:
    """`scripts` (name shown -> text), each Makefile with the assignments of the other files of its make runs
    appended; other scripts as they are."""
    makefiles = {shown: text for shown, text in scripts.items() if is_makefile(shown)}
    if not any("include" in text for text in makefiles.values()):
        return scripts
    shared: dict[str, list[str]] = {}
    read: dict[str, set[str]] = {}  # the files whose lines a makefile was given already (in another run)
    for run in _runs(makefiles):
        for member in run:
            own = assigned_names(makefiles[member])
            every = {match["name"] for match in _ANY_ASSIGN_RE.finditer(makefiles[member])}
            lines = shared.setdefault(member, [])
            others = sorted(run - {member} - read.setdefault(member, set()))
            for other in others:
                lines += shared_lines(makefiles[other], own) + _program_lines(makefiles[other], every)
                read[member].add(other)
            lines += _called_defines(makefiles[member], [makefiles[other] for other in others])
    return {
        shown: text + ("" if text.endswith("\n") else "\n") + "\n".join(shared[shown]) + "\n"
        if shared.get(shown)
        else text
        for shown, text in scripts.items()
    }


def included_settings(text: str) -> list[str]:
    """The literal paths (no variable, no glob) of the `include` lines of the makefile `text` whose names are not a
    makefile's (`include config.env`: a file of `NAME=value` settings, which make reads as makefile text)."""
    return [
        word
        for line in _INCLUDE_RE.finditer(text)
        for word in line.group(1).split()
        if "$" not in word and not any(mark in word for mark in "*?[") and not is_makefile(word)
    ]


def with_settings(text: str, settings: Iterable[str]) -> str:
    """The makefile `text` with the one-word assignments of the settings files it includes (`settings`, their texts)
    appended after its last line, so that its lines keep their numbers; a name it assigns itself keeps its value."""
    own = assigned_names(text)
    lines = [line for setting in settings for line in shared_lines(setting, own)]
    return text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n" if lines else text
