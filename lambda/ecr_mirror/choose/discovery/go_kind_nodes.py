"""The node images a Go program makes kind (Kubernetes in Docker) boot (pure).

- kind's Go API (https://pkg.go.dev/sigs.k8s.io/kind/pkg/cluster): `provider.Create(name,
  cluster.CreateWithNodeImage("kindest/node:v1.31.4"))` "overrides the image on all nodes in config", the image each
  node container runs; read in a Go file that imports `sigs.k8s.io/kind/pkg/cluster` (under any name:
  `kindcluster.CreateWithNodeImage(...)`), its argument a literal or a name the same file binds to literals
  (source_names.py), at the literal's line, `use` `kind CreateWithNodeImage`; so is the `Image:` field of the
  `Node` objects of kind's configuration API (`sigs.k8s.io/kind/pkg/apis/config/v1alpha4`: `v1alpha4.Node{Role:
  v1alpha4.ControlPlaneRole, Image: "kindest/node:v1.35.0"}`, `[]v1alpha4.Node{{...}}`, given to
  `CreateWithV1Alpha4Config`), `use` `kind v1alpha4.Node`;
- the kind support of Kubernetes' e2e-framework (https://pkg.go.dev/sigs.k8s.io/e2e-framework/support/kind):
  `kind.WithImage(X)` in a file importing `sigs.k8s.io/e2e-framework/support/kind`, the node image its
  `kind create cluster --image` boots, `use` `e2e-framework kind.WithImage`; its argument as above, or a name the
  file gives a command-line flag's default with `flag.StringVar(&X, "cluster-image", "kindest/node:v1.36.1", ...)`
  (Go's flag package, https://pkg.go.dev/flag#StringVar: the value unless the run passes the flag), at the default's
  line;
- a kind cluster configuration a Go program writes in a raw string (`kind: Cluster` with `apiVersion:
  kind.x-k8s.io/...`) and hands to `kind create cluster --config`: the `image:` of its nodes, the node image kind
  pulls and boots each node from (https://kind.sigs.k8s.io/docs/user/configuration/#nodes), at the line that writes
  it, `use` `kind cluster config (Go string)`. A test harness often fills it in: `fmt.Sprintf(`...image: %s...`,
  name, image)` (the raw string the first argument, or a constant of the file that holds it), each verb taking its
  argument as Go's fmt numbers them (`%[2]s` too; `%%` none): a literal, a name the file binds to literals, or a
  name bound by indexing a `map[string]string{...}` literal of the file (`image, ok := images[k8sMinorVer]`): the
  key known only when the program runs, every value of the map (a literal key: its value), at each value's line, as
  for a script's associative array (shell_maps.py). A value known only when it runs (a parameter, a flag, an
  environment variable) adds nothing; `kind` is `Go source`.
"""

from __future__ import annotations

import itertools
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_call_arguments import call_arguments
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames, _block_end
from ecr_mirror.oci.reference import reference_or_none

CONFIG_MARK = b"kind.x-k8s.io/"
API_MARK = b'"sigs.k8s.io/kind/pkg/'
E2E_MARK = b'"sigs.k8s.io/e2e-framework/support/kind"'
_E2E_USE = "e2e-framework kind.WithImage"
_API_USE = "kind CreateWithNodeImage"
_NODE_USE = "kind v1alpha4.Node"
_CONFIG_USE = "kind cluster config (Go string)"
_IMPORT_RE = re.compile(
    r"""(?:^|[\s(])(?:(?P<alias>[A-Za-z_]\w*)[ \t]+)?"""
    r'"sigs\.k8s\.io/(?:kind/pkg/(?P<path>cluster|apis/config/v1alpha4)|e2e-framework/support/(?P<e2e>kind))"',
    re.M,
)
_NODE_IMAGE_RE = re.compile(r"""\bImage\s*:\s*(?P<argument>"[^"\\\n]*"|[A-Za-z_]\w*)\s*[,}\n]""")
_CLUSTER_RE = re.compile(r"^[ \t]*kind:[ \t]*([\"']?)Cluster\1[ \t]*$", re.M)
_IMAGE_LINE_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?image:[ \t]*([\"']?)(?P<value>[^\s\"'#]+)\1", re.M)
_VERB_RE = re.compile(r"%(?:%|(?:\[(?P<index>\d+)\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z])")
_SPRINTF_BEFORE_RE = re.compile(r"\bSprintf\(\s*$")
_BOUND_RAW_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*:?=[ \t]*$")
_MAP_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)[ \t]*:?=[ \t]*map\[string\]string[ \t]*\{")
_ENTRY_RE = re.compile(r"""(?:"(?P<key>[^"\\\n]*)"|[A-Za-z_][\w.]*)\s*:\s*"(?P<value>[^"\\\n]+)\"""")
_ARG_RE = re.compile(r"""\s*(?:"(?P<literal>[^"\\\n]*)"|(?P<name>[A-Za-z_]\w*))\s*$""")
_MAX_VALUES = 16

Values = list[tuple[int, str]]  # (the offset a literal is written at, the literal)


def may_boot_kind(shown: str, data: bytes) -> bool:
    """Whether a file may hold a kind configuration or a call of kind's `CreateWithNodeImage` (a cheap test)."""
    return shown.endswith(".go") and (CONFIG_MARK in data or API_MARK in data or E2E_MARK in data)


def _go_strings(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the bodies of the raw strings (`` `...` ``) of a Go source, its comments,
    interpreted strings and runes skipped."""
    out: list[tuple[int, int]] = []
    at = 0
    while at < len(text):
        char = text[at]
        if text.startswith("//", at):
            at = text.find("\n", at)
            at = len(text) if at < 0 else at
        elif text.startswith("/*", at):
            at = text.find("*/", at + 2)
            at = len(text) if at < 0 else at + 2
        elif char in "\"'":
            end = at + 1
            while end < len(text) and text[end] not in (char, "\n"):
                end += 2 if text[end] == "\\" else 1
            at = end + 1
        elif char == "`":
            end = text.find("`", at + 1)
            end = len(text) if end < 0 else end
            out.append((at + 1, end))
            at = end + 1
        else:
            at += 1
    return out


class _File:
    """One Go source: its names bound to literals and its `map[string]string` literals."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names = SourceNames.of(text)
        self.maps: dict[str, list[tuple[str | None, int, str]]] = {}
        for match in _MAP_RE.finditer(text):
            end = text.find("}", match.end())
            body = text[match.end() : end if end >= 0 else len(text)]
            entries = [(e["key"], match.end() + e.start("value"), e["value"]) for e in _ENTRY_RE.finditer(body)]
            self.maps.setdefault(match["name"], entries)

    def values(self, argument: str, offset: int, before: int) -> Values:
        """The literal values of a call's argument written at `offset` (a literal or a name), the name bound by
        the file's last binding before `before` when it indexes one of the file's maps."""
        match = _ARG_RE.fullmatch(argument)
        if match is None:
            return []
        if match["literal"] is not None:
            return [(offset + match.start("literal"), match["literal"])]
        name = match["name"]
        indexed = re.compile(
            rf"\b{name}(?:\s*,\s*\w+)?\s*:?=\s*(?P<map>[A-Za-z_]\w*)\[\s*(?:\"(?P<key>[^\"\\\n]*)\"|[^\]\n]+)\]"
        )
        last = next(reversed(list(indexed.finditer(self.text, 0, before))), None)
        if last is not None and last["map"] in self.maps:
            entries = self.maps[last["map"]]
            chosen = [entry for entry in entries if last["key"] is not None and entry[0] == last["key"]]
            return [(at, value) for _, at, value in (chosen or entries)]
        flags = rf'\bflag\.StringVar\(\s*&{name}\s*,\s*"[^"\\\n]*"\s*,\s*"(?P<value>[^"\\\n]+)"'
        defaults = [(flag.start("value"), flag["value"]) for flag in re.finditer(flags, self.text)]
        return self.names.values(name) or defaults


def _calls_args(text: str, start: int, end: int) -> list[list[tuple[int, str]]]:
    """The other arguments of each `Sprintf` call that formats the raw string at (start, end): the string itself
    as the first argument, or a name the file binds to it."""
    if _SPRINTF_BEFORE_RE.search(text, max(0, start - 200), start - 1) is not None:
        after = text[end + 1 :]
        comma = end + 1 + len(after) - len(after.lstrip())
        return [call_arguments(text, comma + 1) or []] if text.startswith(",", comma) else []
    bound = _BOUND_RAW_RE.search(text, max(0, start - 200), start - 1)
    if bound is None:
        return []
    call_re = re.compile(rf"\bSprintf\(\s*{bound['name']}\s*,")
    return [call_arguments(text, call.end()) or [] for call in call_re.finditer(text)]


def _verb_arguments(body: str) -> dict[int, int]:
    """The argument index (from 0, after the format) each verb of a format string takes, by the verb's offset, as
    Go's fmt numbers them: in order, `%[n]` setting the next to n, `%%` taking none."""
    out: dict[int, int] = {}
    index = 0
    for verb in _VERB_RE.finditer(body):
        if verb.group() != "%%":
            index = int(verb["index"]) - 1 if verb["index"] else index
            out[verb.start()] = index
            index += 1
    return out


def _filled(file: _File, value: str, at: int, taken: list[int | None], arguments: list[tuple[int, str]]) -> Values:
    """The images an `image:` value written at `at` takes from a call's arguments, `taken` the argument index of
    each of its verbs (None for `%%`): one per combination of the arguments' values, at the one literal's line."""
    parts: list[list[tuple[int | None, str]]] = []
    position = 0
    for verb, index in zip(_VERB_RE.finditer(value), taken, strict=True):
        parts.append([(None, value[position : verb.start()])])
        position = verb.end()
        if index is None:
            parts.append([(None, "%")])
        elif index >= len(arguments):
            return []
        else:
            offset, argument = arguments[index]
            parts.append([(where, text) for where, text in file.values(argument, offset, offset)])
    parts.append([(None, value[position:])])
    out: Values = []
    for combination in itertools.islice(itertools.product(*parts), _MAX_VALUES):
        places = [where for where, _ in combination if where is not None]
        out.append((places[0] if len(places) == 1 else at, "".join(text for _, text in combination)))
    return out


def _config_images(file: _File) -> Values:
    text, out = file.text, []
    for start, end in _go_strings(text):
        body = text[start:end]
        if "kind.x-k8s.io/" not in body or _CLUSTER_RE.search(body) is None:
            continue
        verbs = _verb_arguments(body) if "%" in body else {}
        for line in _IMAGE_LINE_RE.finditer(body):
            value, at = line["value"], start + line.start("value")
            if "%" not in value:
                out.append((at, value))
                continue
            taken = [verbs.get(line.start("value") + verb.start()) for verb in _VERB_RE.finditer(value)]
            for arguments in _calls_args(text, start, end):
                out += _filled(file, value, at, taken, arguments)
    return out


def _api_images(file: _File) -> list[tuple[int, str, str]]:
    """(offset, image, use) of `CreateWithNodeImage(X)` calls and of `v1alpha4.Node{Image: X}` objects."""
    text, out = file.text, []
    lines = LineIndex(text)
    for imported in _IMPORT_RE.finditer(text):
        alias = imported["alias"] or (imported["path"] or imported["e2e"]).rsplit("/", 1)[-1]
        if alias in ("_", "."):
            continue
        if imported["e2e"] is not None:
            for call in re.finditer(rf"(?<![\w.]){alias}\.WithImage\(", text):
                arguments = [] if lines.led_by(call.start(), "//") else call_arguments(text, call.end()) or []
                given = file.values(arguments[0][1], arguments[0][0], call.start()) if len(arguments) == 1 else []
                out += [(at, image, _E2E_USE) for at, image in given]
            continue
        if imported["path"] == "cluster":
            for call in re.finditer(rf"\b{alias}\.CreateWithNodeImage\(", text):
                arguments = [] if lines.led_by(call.start(), "//") else call_arguments(text, call.end()) or []
                given = file.values(arguments[0][1], arguments[0][0], call.start()) if len(arguments) == 1 else []
                out += [(at, image, _API_USE) for at, image in given]
            continue
        for node in re.finditer(rf"\b{alias}\.Node\s*\{{", text):
            body = text[node.end() : _block_end(text, node.end())]
            for field in _NODE_IMAGE_RE.finditer(body):
                at = node.end() + field.start("argument")
                out += [(where, image, _NODE_USE) for where, image in file.values(field["argument"], at, at)]
    return out


def kind_node_images(text: str, origin: str) -> list[Found]:
    """The node images a Go source makes kind boot (see the module), in the file's order."""
    file = _File(text)
    uses = (
        {(at, image): use for at, image, use in _api_images(file)}
        if API_MARK.decode() in text or E2E_MARK.decode() in text
        else {}
    )
    if CONFIG_MARK.decode() in text:
        uses |= {found: _CONFIG_USE for found in _config_images(file) if found not in uses}
    lines = LineIndex(text)
    return [
        Found(image, origin, lines.line(at), use=uses[(at, image)], kind="Go source")
        for at, image in sorted(uses)
        if reference_or_none(image) is not None
    ]
