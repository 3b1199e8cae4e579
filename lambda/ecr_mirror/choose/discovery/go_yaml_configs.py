"""The images a tree's own Go tool pulls from the YAML file it reads, a list of image references (pure).

A fixture manager written in Go keeps the images it copies files out of in a YAML file beside its fixtures, read into
structs (`Reference string `yaml:"ref"``, https://pkg.go.dev/gopkg.in/yaml.v3#Unmarshal: a field's tag names its
key), each image handed to `exec.Command("docker", "pull", ..., image.Reference)` or to a function of the tool that
runs it (`pullDockerImage(image.Reference, image.Platform)` whose body runs `docker pull ... imageReference`). A
Makefile beside the file runs the tool there (`go run ../internal/manager download`: `go run` runs the program in
the Makefile's directory, https://pkg.go.dev/cmd/go#hdr-Compile_and_run_Go_program, and `-C DIR` changes to DIR
first), so the file the tool names by a relative path (`const Path = "config.yaml"`) is the one of that directory.

Read here: the fields whose values a docker command of the tool takes as its image (`fields_pulled`), the keys their
tags name (`tagged_keys`), the YAML files the tool names (`named_yaml`), the `go run` commands of a Makefile or
script (`go_runs`), and the file's values of those keys that are image references (`config_images`). The caller
(cli/discover_go_yaml_configs.py) ties them: a docker command of the tool whose image it computes, a Makefile running
the tool, a file of the name the tool gives in the directory the tool runs in.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

KIND = "YAML file a Go tool reads"
# `go run ../internal/manager download`, `go run -C .make . test`, `go run ./cmd/fetch`
_GO_RUN_RE = re.compile(r"\bgo[ \t]+run[ \t]+(?:-C[ \t]+(?P<dir>\S+)[ \t]+)?(?P<target>\.{1,2}(?:/[\w./-]*)?)(?=\s|$)")
# `ImageRef string `yaml:"ref"``, `Reference string `yaml:"ref,omitempty" json:"ref"``
_TAGGED_RE = re.compile(r"^[ \t]*(?P<field>[A-Z]\w*)[ \t]+string[ \t]+`[^`\n]*\byaml:\"(?P<key>[\w.-]+)[,\"]", re.M)
_NAMED_YAML_RE = re.compile(r"\"(?P<name>[\w./-]*[\w-]\.ya?ml)\"")
_COMMAND_RE = re.compile(r"\bexec\.Command(?:Context)?\((?P<arguments>.*)\)")
# `image.Reference` as an argument, not a call (`c.Name()`)
_SELECTOR_RE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.(?P<field>[A-Z]\w*)$")
_FUNC_RE = re.compile(r"^func[ \t]+(?:\([^)]*\)[ \t]*)?(?P<name>\w+)\((?P<parameters>[^)]*)\)", re.M)
_PARAMETER_RE = re.compile(r"^\$\{(?P<name>[A-Za-z_]\w*)\}$")


def go_runs(text: str) -> list[tuple[int, str, str]]:
    """(line, working directory, program directory) of each `go run` of a relative directory in `text`, both paths
    relative to the directory of the file holding the command (`.` for it)."""
    runs: list[tuple[int, str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for run in _GO_RUN_RE.finditer(line):
            directory = run["dir"] or "."
            runs.append((number, directory, f"{directory}/{run['target']}"))
    return runs


def tagged_keys(text: str) -> dict[str, str]:
    """Each string field of a struct of `text` with a `yaml` tag: field name -> key."""
    return {match["field"]: match["key"] for match in _TAGGED_RE.finditer(text)}


def named_yaml(text: str) -> set[str]:
    """The YAML files `text` names by a relative path in a string literal (`"config.yaml"`)."""
    return {match["name"] for match in _NAMED_YAML_RE.finditer(text) if not match["name"].startswith("/")}


def _arguments(text: str) -> list[str]:
    """The top-level comma-separated arguments of a call's argument text, stripped."""
    pieces: list[str] = []
    depth, start = 0, 0
    for index, character in enumerate(text):
        if character in "([{":
            depth += 1
        elif character in ")]}":
            depth -= 1
        elif character == "," and depth == 0:
            pieces.append(text[start:index].strip())
            start = index + 1
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def _selected(arguments: list[str]) -> set[str]:
    """The exported fields the arguments select (`image.Reference` -> `Reference`)."""
    return {match["field"] for argument in arguments if (match := _SELECTOR_RE.match(argument))}


def _parameter_index(text: str, line: int, name: str) -> tuple[str, int] | None:
    """(function, index) of parameter `name` of the function of `text` enclosing `line`."""
    enclosing = None
    for function in _FUNC_RE.finditer(text):
        if text.count("\n", 0, function.start()) + 1 > line:
            break
        enclosing = function
    if enclosing is None:
        return None
    names = [piece.split()[0] for piece in enclosing["parameters"].split(",") if piece.split()]
    return (enclosing["name"], names.index(name)) if name in names else None


def fields_pulled(text: str, line: int, written: str, package: list[str]) -> set[str]:
    """The struct fields whose values the docker command at `line` of the Go source `text` takes as its image
    (`written`, as discover shows it): a field its arguments select, or, when the image is a parameter of the
    enclosing function, the field the calls of that function in the `package`'s texts pass in its place."""
    lines = text.splitlines()
    if not 0 < line <= len(lines) or (command := _COMMAND_RE.search(lines[line - 1])) is None:
        return set()
    arguments = _arguments(command["arguments"])
    parameter = _PARAMETER_RE.match(written)
    if parameter is None or parameter["name"] == "GO_EXPRESSION":
        return _selected(arguments[-1:])
    if (place := _parameter_index(text, line, parameter["name"])) is None:
        return set()
    function, index = place
    call_re = re.compile(rf"(?<![\w.]){re.escape(function)}\((?P<arguments>.*)\)")
    fields: set[str] = set()
    for source in package:
        for call in call_re.finditer(source):
            passed = _arguments(call["arguments"])
            if not source[: call.start()].rstrip().endswith("func") and index < len(passed):
                fields |= _selected([passed[index]])
    return fields


def config_images(text: str, keys: set[str], origin: str, use: str) -> list[Found]:
    """The values of `keys` in the YAML `text` (`ref: IMAGE` or `- ref: "IMAGE"`, at any depth) that are image
    references, each at its line."""
    if not keys:
        return []
    key_re = re.compile(
        rf"^[ \t]*(?:-[ \t]+)?(?:{'|'.join(map(re.escape, sorted(keys)))}):[ \t]+"
        r"(?P<quote>[\"']?)(?P<value>[^\s\"'#]+)(?P=quote)[ \t]*(?:#.*)?$"
    )
    found: list[Found] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if (match := key_re.match(line)) and reference_or_none(match["value"]) is not None:
            found.append(Found(match["value"], origin, number, use=use, kind=KIND))
    return found
