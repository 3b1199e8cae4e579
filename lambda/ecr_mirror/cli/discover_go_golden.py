"""`testdata/` files a Go test of their package rewrites: expected outputs of the golden-file idiom, not read.

The go tool ignores a directory named `testdata`, keeping it for the package's tests, which run in the package's
directory (https://pkg.go.dev/cmd/go#hdr-Test_packages). A golden test compares what the code under test produced
with a file there, and, run with an update flag, writes the file instead (envoy gateway's
`internal/infrastructure/kubernetes/ratelimit/resource_provider_test.go`: under `-override-testdata` it calls
`os.WriteFile(filename, ...)` for `fmt.Sprintf("testdata/deployments/%s.yaml", tc.caseName)`, else reads the file and
compares). Such a file holds whatever the program wrote (`custom-image`, `privaterepo/envoyproxy/gateway-dev:v1.2.3`):
it is never applied. Named like any manifest (`custom.yaml`), it is told by the test: a file under `DIR/testdata/` is
left out when a `_test.go` file directly in `DIR` calls `WriteFile(` (`os.WriteFile`, `ioutil.WriteFile`) and holds a
Go string literal naming the file's path from `DIR` (`"testdata/deployments/custom.yaml"`, or a format with `%s`,
`%v`, `%d` or `%q` for one path segment or part of one). A test that only reads the file (an e2e suite applying
`testdata/*.yaml`), a writing test of another package, or a path the writing test does not name leaves it read.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_small_files import head_bytes

GO_GOLDEN = "expected outputs a Go test of their package rewrites (testdata/ paths named beside os.WriteFile)"
_WRITES_RE = re.compile(rb"\bWriteFile\(")
# a Go string literal (interpreted or raw) that starts with a path under testdata/
_LITERAL_RE = re.compile(r'"(?:\./)?(testdata/(?:[^"\\\n]|\\.)*)"|`(?:\./)?(testdata/[^`\n]*)`')
_VERB_RE = re.compile(r"%[-+# 0-9.]*[sdvq]")

Files = list[tuple[str, Path, Kind]]


def _pattern(literal: str) -> re.Pattern[str]:
    """The paths a literal names: its format verbs each standing for a part of one path segment."""
    parts = _VERB_RE.split(literal)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


def _written_paths(test: Path) -> list[re.Pattern[str]]:
    """The testdata paths a `_test.go` file names, when it writes files; none otherwise."""
    if (data := head_bytes(test)) is None or _WRITES_RE.search(data) is None:
        return []
    text = data.decode("utf-8", "replace")
    return [_pattern(m.group(1) or m.group(2)) for m in _LITERAL_RE.finditer(text)]


def testdata_package(path: Path) -> tuple[Path, str] | None:
    """The package directory of a file under `testdata/` (the directory holding its nearest `testdata`) and the
    file's path from there. A `testdata/` at the top of a relative walk (`discover .` in a module whose root package
    holds it, actionlint's `testdata/`) is the package `.`'s."""
    parts = path.parts
    at = max((index for index, part in enumerate(parts[:-1]) if part == "testdata"), default=-1)
    if at < 0:
        return None
    return Path(*parts[:at]), "/".join(parts[at:])


def go_golden_outputs(files: Files, sources: list[tuple[str, Path]]) -> Files:
    """The files of `files` under a `testdata/` directory that a `_test.go` of its package writes and names."""
    placed = [(item, where) for item in files if (where := testdata_package(item[1])) is not None]
    if not placed:
        return []
    packages = {directory for _, (directory, _) in placed}
    tests: dict[Path, list[re.Pattern[str]]] = {}
    for _, source in sources:
        if source.name.endswith("_test.go") and source.parent in packages:
            tests.setdefault(source.parent, []).extend(_written_paths(source))
    return [
        item
        for item, (directory, relative) in placed
        if any(pattern.fullmatch(relative) for pattern in tests.get(directory, ()))
    ]
