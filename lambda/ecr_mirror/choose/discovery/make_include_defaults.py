"""The values an including Makefile gives the defaults of the makefile it includes (pure).

GNU make reads an `include`d file where the `include` line stands, and `NAME ?= VALUE` assigns only a name that has
no value yet (https://www.gnu.org/software/make/manual/html_node/Setting.html). A project's Makefile that sets a name
before it includes a shared makefile therefore overrides that file's `?=` default: Prometheus' exporters say
`DOCKER_ARCHS ?= amd64 armv7 arm64` and then `include Makefile.common`, whose own `DOCKER_ARCHS ?= amd64 arm64 armv7
ppc64le riscv64 s390x` assigns nothing, and its `common-docker-%` builds run for the project's three. Each makefile
another includes is read with such a `?=` line written with the includer's value (lines keep their numbers).

Taken: a top-level assignment of the including file (not in a recipe nor a conditional, any operator but `+=`) on a
line before the `include` line naming the file, its value literal (no `$`); not when the shared file also assigns
the name with another operator (its own `:=` or `=` overrides), nor when two including files give two values. Also
one after the `include` line with `=`, `:=`, `::=` or `:::=` (the last), when the shared file refers to the name
only in recipe lines: make expands a recipe when it runs it, after reading every file, so with the name's last value
(https://www.gnu.org/software/make/manual/html_node/Reading-Makefiles.html, "Rule Definition": the recipe is
expanded deferred), while an immediate use (a `:=` value, a rule's targets) saw the default: kube-ovn's Makefile
says `include makefiles/kind.mk` and later `CILIUM_VERSION = v1.20.1`, kind.mk's `CILIUM_VERSION ?= v1.18.5` a
fallback its `kind-install-cilium-chaining` recipe never pulls.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.make_includes import included_makefiles, is_makefile, with_included_values

_ASSIGN_RE = re.compile(
    r"^(?:(?:export|override)[ \t]+)*(?P<name>[A-Za-z_][\w.-]*)[ \t]*"
    r"(?P<op>::?=|:::=|\?=|\+=|=)[ \t]*(?P<value>.*?)[ \t]*$"
)
_INCLUDE_RE = re.compile(r"^[ ]*-?s?include[ \t]+\S")
_REFERENCE_RE = re.compile(r"\$[({](?P<name>[A-Za-z_][\w.-]*)[):}]")
# a multi-line variable's text, `define NAME` ... `endef`: its lines assign nothing when the makefile is read
# (https://www.gnu.org/software/make/manual/html_node/Multi_002dLine.html)
_DEFINE_RE = re.compile(r"^[ \t]*(?:(?:export|override)[ \t]+)*define[ \t]+\S")
_ENDEF_RE = re.compile(r"^[ \t]*endef\b")
_CONDITIONAL_RE = re.compile(r"^[ \t]*(?P<open>ifeq|ifneq|ifdef|ifndef)\b|^[ \t]*(?P<close>endif)\b")


def _given(top: str, text: str, names: list[str]) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """For each makefile of `names` that `top` (its text `text`) includes: the literal values it set before, and
    those it sets after with `=`, `:=`, `::=` or `:::=` (the last of each name; `?=` assigns nothing then)."""
    assigned: dict[str, str] = {}
    given: dict[str, dict[str, str]] = {}
    later: dict[str, dict[str, str]] = {}
    depth = 0
    in_define = False
    for line in text.splitlines():
        if in_define or _DEFINE_RE.match(line):
            in_define = not _ENDEF_RE.match(line)
            continue
        if (conditional := _CONDITIONAL_RE.match(line)) is not None:
            depth += 1 if conditional["open"] else -1 if depth else 0
            continue
        if line.startswith("\t") or depth:
            continue
        if _INCLUDE_RE.match(line):
            for included in included_makefiles(top, line, names):
                given.setdefault(included, dict(assigned))
                later.setdefault(included, {})
            continue
        if (match := _ASSIGN_RE.match(line)) is not None:  # a recipe's lines are tab-led: this is no recipe's
            literal = "$" not in match["value"] and match["op"] != "+="
            if literal:
                assigned[match["name"]] = match["value"]
            else:
                assigned.pop(match["name"], None)
            for values in later.values() if match["op"] != "?=" else ():
                if literal:
                    values[match["name"]] = match["value"]
                else:
                    values.pop(match["name"], None)
    return given, later


def _used_outside_recipes(text: str) -> set[str]:
    """The names the makefile `text` refers to (`$(NAME)`, `${NAME}`, `$(NAME:a=b)`) on lines that are no recipe's
    (not tab-led): those are expanded as make reads them, so with the value set before; a recipe's are expanded when
    it runs, after make has read every file, so with the name's last value. One pass over the text."""
    return {
        reference["name"]
        for line in text.splitlines()
        if not line.startswith("\t")
        for reference in _REFERENCE_RE.finditer(line)
    }


def with_includer_values(scripts: dict[str, str]) -> dict[str, str]:
    """`scripts` (name shown -> text), each makefile another includes with its `?=` defaults of the names the
    including Makefile set before the `include` written with that value; other files as they are."""
    names = [shown for shown in scripts if is_makefile(shown)]
    values: dict[str, dict[str, set[str]]] = {}
    outside: dict[str, set[str]] = {}
    for top in names:
        if "include" in scripts[top]:
            given, later = _given(top, scripts[top], names)
            for included, before in given.items():
                if included not in outside:
                    outside[included] = _used_outside_recipes(scripts[included])
                after = {name: value for name, value in later[included].items() if name not in outside[included]}
                for name, value in {**before, **after}.items():
                    values.setdefault(included, {}).setdefault(name, set()).add(value)
    if not values:
        return scripts
    out = dict(scripts)
    for included, taken in values.items():
        lines = scripts[included].splitlines(keepends=True)
        assignments = [match for line in lines if (match := _ASSIGN_RE.match(line.rstrip("\r\n"))) is not None]
        own = {match["name"] for match in assignments if match["op"] != "?="}
        for index, line in enumerate(lines):
            match = _ASSIGN_RE.match(line.rstrip("\r\n"))
            if match is None or match["op"] != "?=" or match["name"] in own or len(taken.get(match["name"], ())) != 1:
                continue
            end = line[len(line.rstrip("\r\n")) :]
            lines[index] = line[: match.start("value")] + next(iter(taken[match["name"]])) + end
        out[included] = "".join(lines)
    return out


def with_run_values(scripts: dict[str, str]) -> dict[str, str]:
    """`scripts` with the includers' values of included makefiles' defaults, then each makefile with the values of
    the other files of its make runs (make_includes.with_included_values)."""
    return with_included_values(with_includer_values(scripts))
