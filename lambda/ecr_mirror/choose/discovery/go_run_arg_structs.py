"""Images a Go test framework starts through a struct of run arguments its methods hand a container CLI (pure).

An integration framework wraps the container CLI in methods taking a struct of arguments: cAdvisor's
`func (a dockerActions) Run(args DockerRunArgs, cmd ...string)` builds `[]string{"docker", "run", "-d"}` and
appends `args.Image`; its CRI-O and containerd twins run `crictl pull args.Image` and `ctr image pull args.Image`.
The framework and the tests then start containers with literals of the struct, `a.Run(DockerRunArgs{Image:
"registry.k8s.io/busybox:1.27"})`, `fm.Docker().Run(framework.DockerRunArgs{Image: "registry.k8s.io/pause"})`.

`image_types` reads a Go file for the functions (methods too) with a parameter `PARAM TYPE` (or `*TYPE`) whose
body holds a container CLI's name as a string literal (`"docker"`, `"podman"`, `"nerdctl"`, `"crictl"`, `"ctr"`)
and gives `PARAM.FIELD` (a field named `Image` or ending in `Image`) as a word after a literal `"run"`, `"pull"` or
`"create"` on one line: TYPE -> those FIELDs. `struct_literals` then reads every composite literal `TYPE{...}` of
the same package (unqualified) or `PKG.TYPE{...}` of another (PKG the package's name), `FIELD: "..."` giving the
image at its line. A struct whose image field no such command takes (a log line), a literal of a same-named type of
another package, and a value that is no string literal, are not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.go_test_tables import block_end

_FUNC_RE = re.compile(r"^func\s+(?:\([^)]*\)\s*)?\w+\s*\((?P<params>[^)]*)\)[^{\n]*\{", re.MULTILINE)
_PARAM_RE = re.compile(r"(?:^|,)\s*(?P<name>[A-Za-z_]\w*)\s+\*?(?P<type>[A-Z_a-z]\w*)\s*(?=,|$)")
_CLI_RE = re.compile(r'"(?:docker|podman|nerdctl|crictl|ctr)"')
_PACKAGE_RE = re.compile(r"^package\s+(\w+)", re.MULTILINE)


def package_name(text: str) -> str | None:
    """The name of a Go file's package (its `package` clause)."""
    match = _PACKAGE_RE.search(text)
    return match.group(1) if match else None


def image_types(text: str) -> dict[str, set[str]]:
    """TYPE -> the image FIELDs of TYPE a function of the file gives a container CLI's `run`, `pull` or `create`."""
    blank = without_comments(text)
    out: dict[str, set[str]] = {}
    for function in _FUNC_RE.finditer(blank):
        body = blank[function.end() : block_end(blank, function.end())]
        if not _CLI_RE.search(body):
            continue
        for param in _PARAM_RE.finditer(function["params"]):
            used = re.compile(
                rf'"(?:run|pull|create)"[^\n]*?(?<![\w.]){re.escape(param["name"])}\.(?P<field>\w*Image)\b'
            )
            for match in used.finditer(body):
                out.setdefault(param["type"], set()).add(match["field"])
    return out


def struct_literals(text: str, fields: dict[str, set[str]], qualifier: str | None) -> list[tuple[int, str]]:
    """(offset, literal) of each `FIELD: "..."` of a composite literal of `fields`' TYPEs in `text`: `TYPE{...}`
    when `qualifier` is None (the same package), else `QUALIFIER.TYPE{...}`; not in comments (a usage example)."""
    text = without_comments(text)
    out: list[tuple[int, str]] = []
    prefix = r"(?<![\w.])" if qualifier is None else rf"(?<![\w.]){re.escape(qualifier)}\."
    for kind, names in fields.items():
        for match in re.finditer(rf"{prefix}{re.escape(kind)}\s*\{{", text):
            end = block_end(text, match.end())
            for name in sorted(names):
                pattern = re.compile(rf'(?<![\w.]){re.escape(name)}:\s*"(?P<value>[^"\\\n]+)"\s*[,}}\n]')
                out += [(given.start("value"), given["value"]) for given in pattern.finditer(text, match.end(), end)]
    return sorted(out)
