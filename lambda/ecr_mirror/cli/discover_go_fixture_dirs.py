"""Manifests in a Go package's test fixture directory (not `testdata/`) that only its unit tests read: not read.

Beside `testdata/` (cli/discover_go_unit_fixtures.py), a package may keep its unit tests' inputs in a directory of
another name: jenkins-x's gitops plugin's `pkg/cmd/annotate/testpodspec/*/source.yaml`, which `annotate_test.go`
lists with `testUpdateAnnotationsInYamlFiles(t, "testpodspec", true)`, annotates and compares offline
(`ghcr.io/jenkins-x/jx-boot:3.7.8`). The go tool builds such a directory as a package of its own if it holds Go files
(https://pkg.go.dev/cmd/go#hdr-Test_packages), so only one holding none is a plain data directory. A YAML file under
`DIR/F/` is left out when

- `F`, a directory directly in `DIR`, is named as a test's (`test` or `fixture` in its name, any case:
  `testpodspec`, `helpers_test_data`, `fixtures`, `image-puller-resources-test`; not a suite's directory, `test`,
  `tests`, `e2e`, `integration`, whose manifests a script may apply) and holds no Go file;
- `DIR` is a program package (a Go file that is no `_test.go`; not under a directory of tests), none of whose Go files
  reaches a cluster or is an end-to-end suite (the conditions of cli/discover_go_unit_fixtures.py);
- a `_test.go` of `DIR` holds a Go string naming `F` or a path under it (`"testpodspec"`, `"./fixtures/a.yaml"`),
  and no other Go file of `DIR` does nor embeds it (`//go:embed`): the program's own data.

A directory whose name does not say it is a test's stays read, whatever a unit test does with it: a package's
`manifests/` or `deploy/resources/` may be the deployed manifests a unit test validates before release
(openshift-knative serverless-operator's `knative-operator/deploy/resources/knativekafka/*`, which a manifest test
loads and the operator deploys), so a harbor-operator's `controllers/goharbor/harbor/manifests/` inputs are read.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.go_e2e_images import is_suite
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_go_unit_fixtures import reaches_a_cluster, read_head

GO_FIXTURE_DIRS = (
    "manifests in a Go package's test fixture directory only its unit tests read (not testdata/, no cluster)"
)
Files = list[tuple[str, Path, Kind]]
_KINDS = frozenset({Kind.YAML, Kind.ACTION})
_TEST_NAME_RE = re.compile(r"test|fixture", re.IGNORECASE)
# the directory of a suite, not of one test's inputs: a script or CI job may apply what is there (`test/e2e/`)
_SUITE_NAME_RE = re.compile(r"tests?|testing|e2e[\w.-]*|integration[\w.-]*|itests?", re.IGNORECASE)
# a Go string (interpreted or raw) holding a relative path, `./` before it allowed: its first element, and the rest
_PATH_RE = re.compile(r'"(?:\./)?([\w.-]+)((?:/[^"\\\n]*)?)"|`(?:\./)?([\w.-]+)((?:/[^`\n]*)?)`')
_EMBED_RE = re.compile(r"^[ \t]*//go:embed[ \t]+(.+)$", re.MULTILINE)


def _fixture_directory(path: Path, packages: set[Path]) -> Path | None:
    """The directory of `path`'s ancestors that lies directly in a Go package's directory, if it is named as a
    test's and is no `testdata` (those are cli/discover_go_unit_fixtures.py's)."""
    for directory in path.parents:
        if directory.parent in packages and directory != directory.parent:
            if directory.name == "testdata" or "testdata" in path.relative_to(directory).parts:
                return None
            named = _TEST_NAME_RE.search(directory.name) and not _SUITE_NAME_RE.fullmatch(directory.name)
            return directory if named else None
    return None


def _names(text: str, fixture: str) -> bool:
    """Whether a Go file's text holds a string naming the directory `fixture` (its name) or a path under it."""
    return any((match.group(1) or match.group(3)) == fixture for match in _PATH_RE.finditer(text))


def _embeds(text: str, fixture: str) -> bool:
    return any(
        word.strip('"`').removeprefix("./").split("/")[0] == fixture
        for directive in _EMBED_RE.finditer(text)
        for word in directive.group(1).split()
    )


def _shown(directory: Path, top: Path) -> str:
    try:
        return directory.relative_to(top).as_posix()
    except ValueError:
        return directory.as_posix()


def go_fixture_dirs(files: Files, sources: list[tuple[str, Path]], top: Path) -> Files:
    """The YAML files of `files` in a test fixture directory of a Go package that only its unit tests name (see the
    module's docstring); `sources` are the walk's source files, `top` the directory walked."""
    go_sources = [source for _, source in sources if source.suffix == ".go"]
    packages = {source.parent for source in go_sources}
    fixtures = {item[1]: at for item in files if item[2] in _KINDS and (at := _fixture_directory(item[1], packages))}
    if not fixtures:
        return []
    holding_go = {directory for source in go_sources for directory in source.parents if directory in fixtures.values()}
    wanted = {directory.parent for directory in fixtures.values()}
    texts: dict[Path, dict[Path, str]] = {}
    for source in go_sources:
        if source.parent in wanted:
            texts.setdefault(source.parent, {})[source] = read_head(source)
    offline = {
        package
        for package, of in texts.items()
        if not is_test_code(f"{_shown(package, top)}/x.go")
        and any(not source.name.endswith("_test.go") for source in of)
        and not any(reaches_a_cluster(text) or is_suite(text, str(source)) for source, text in of.items())
    }
    left_out: Files = []
    for item in files:
        if (fixture := fixtures.get(item[1])) is None or fixture in holding_go or fixture.parent not in offline:
            continue
        of = texts[fixture.parent]
        tests = [text for source, text in of.items() if source.name.endswith("_test.go")]
        code = [text for source, text in of.items() if not source.name.endswith("_test.go")]
        named = any(_names(text, fixture.name) for text in tests)
        owned = any(_names(text, fixture.name) for text in code) or any(
            _embeds(text, fixture.name) for text in of.values()
        )
        if named and not owned:
            left_out.append(item)
    return left_out
