"""The images Go tests start with ory/dockertest (pure).

https://github.com/ory/dockertest: a test asks a pool for a container, and dockertest pulls the image when the
engine lacks it: `pool.Run("postgres", "15-alpine", env)` and `pool.RunWithOptions(&dockertest.RunOptions{
Repository: "alpine", Tag: "3"})`, the tag `latest` when it is empty or left out (dockertest's own default). Read
only in a Go file that imports `github.com/ory/dockertest` (any major version, `_test.go` files too: those are the
tests that run the containers), `Run` only on a name the file binds to `dockertest.NewPool(...)` or declares a
`*dockertest.Pool` (`t.Run("case", ...)` is a subtest), and only a repository and a tag written as literal strings or
names the same file binds to literals (`const postgresImage = "postgres"`, read at the literal's line,
source_names.py), or a struct's fields the file gives literals row by row (`Repository: setting.ImageName, Tag:
setting.ImageVersion` with `mysql = dbSetting{ImageName: "mariadb", ImageVersion: "10.4.7"}`: each row its own pair,
at the row's line, go_test_tables.row_pairs); a field no row gives a literal, or a parameter (`Repository:
conf.image`), known only when the test runs, adds nothing.
`BuildAndRun` builds its image from a Dockerfile, which the walk reads as any other. `use` is `dockertest`.
Comments are not read (go_comments.py): a doc comment's example call (`// pool.Run("mysql", "5.3", env)`) runs nothing.

dockertest's own package (its repository's `package dockertest`, whose nearest `go.mod` names the module
`github.com/ory/dockertest`, any major version) calls its names unqualified, as any Go package calls its own:
`pool, err = NewPool(docker)`, `var pool *Pool`, `pool.Run("postgres", "9.5", env)`, `&RunOptions{Repository:
"alpine", Tag: "3.16"}` are read the same way there (`own_dockertest_images`, the major version the module's).

dockertest v4 (`github.com/ory/dockertest/v4`) takes the repository second and the tag as an option:
`pool.Run(ctx, "mysql", dockertest.WithTag("8"))`, `pool.RunT(t, "redis", ...)`, `latest` without `WithTag` (v4's
`buildRunConfig`); the first argument (`ctx`, `t`, `t.Context()`) is not read. A tag given as Go's `cmp.Or(version,
"16")` (the first argument that is not empty) is its last argument when that is a literal: the default a helper
starts when its caller gives no version (ory's `startPostgreSQL(t, "")`), as a script's `${VERSION:-16}` is read; a
tag given by another expression adds nothing.
"""

from __future__ import annotations

import itertools
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.go_test_tables import block_end, row_pairs
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

MARK = b"github.com/ory/dockertest"
_IMPORT_RE = re.compile(r'(?:(?P<alias>[A-Za-z_]\w*)[ \t]+)?"github\.com/ory/dockertest(?:/v(?P<major>\d+))?"')
_ARGUMENT = (
    r"""(?:"(?P<literal>[^"\\\n]*)"|`(?P<raw>[^`\n]*)`"""
    r"|(?P<base>[A-Za-z_]\w*)\.(?P<field>[A-Za-z_]\w*)|(?P<name>[A-Za-z_]\w*))"
)
_REPOSITORY_RE = re.compile(r"(?<![\w.])Repository\s*:\s*" + _ARGUMENT + r"\s*(?=[,}\n])")
_TAG_RE = re.compile(r"(?<![\w.])Tag\s*:\s*" + _ARGUMENT + r"\s*(?=[,}\n])")
_TAG_ARGUMENT_RE = re.compile(_ARGUMENT + r"\s*,")
_FIRST_ARGUMENT = r"[\w.]+(?:\(\s*\))?"  # v4's context or test: `ctx`, `t`, `t.Context()`, `context.Background()`


def _values(match: re.Match[str] | None, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, text) of what an argument may be: the literal, or each literal its name is bound to."""
    if match is None:
        return [(-1, "")]  # left out: dockertest's `latest`
    for group in ("literal", "raw"):
        if match[group] is not None:
            return [(match.start(group), match[group])]
    return names.values(match["name"])


def _given(
    text: str, repository: re.Match[str], tag: re.Match[str] | None, names: SourceNames, base: int
) -> list[tuple[int, str]]:
    """The images a repository and a tag argument give: literals and names as written, or a struct's fields
    (`Repository: setting.ImageName, Tag: setting.ImageVersion`) row by row, each row's own pair."""
    if repository["field"] is None:
        if tag is not None and tag["field"] is not None:
            return []  # a field of a row beside a repository not read from the rows: known only when it runs
        return _images(_values(repository, names), _values(tag, names), base)
    if tag is not None and (tag["field"] is None or tag["base"] != repository["base"]):
        return []
    second = tag["field"] if tag is not None else ""
    given: list[tuple[int, str]] = []
    for at, name, version in row_pairs(text, repository["field"], second):
        given += _images([(at, name)], [(-1, version or "")], base)
    return given


def _qualified(package: str) -> str:
    """The pattern of a dockertest name's qualifier: `dockertest.` (or the import's alias), none in its own package."""
    return re.escape(package) + r"\." if package else ""


def _pools(text: str, package: str) -> set[str]:
    """The names the file binds to a dockertest pool."""
    made = re.finditer(rf"(?<![\w.])(\w+)\s*(?:,\s*\w+\s*)?:?=\s*{_qualified(package)}NewPool\w*\(", text)
    typed = re.finditer(rf"(?<![\w.])(\w+)\s+\*{_qualified(package)}Pool\b", text)
    return {match.group(1) for match in itertools.chain(made, typed)}


def _images(repositories: list[tuple[int, str]], tags: list[tuple[int, str]], base: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for (at, repository), (_, tag) in itertools.product(repositories, tags):
        if repository.strip() and "@" not in repository and ":" not in repository.rsplit("/", 1)[-1]:
            out.append((at if at >= 0 else base, f"{repository.strip()}:{tag.strip() or 'latest'}"))
    return out


def _or_default(text: str, package: str, start: int, end: int) -> list[tuple[int, str]]:
    """The literal default of a tag given as `WithTag(cmp.Or(version, "16"))` (Go's first non-empty argument: the
    last literal when the caller gives no version), or nothing for another expression."""
    given = re.compile(rf"(?<![\w.]){_qualified(package)}WithTag\(\s*cmp\.Or\(").search(text, start, end)
    if given is None:
        return []
    arguments = text[given.end() : block_end(text, given.end(), "()") - 1]
    last = re.search(r",\s*\"([^\"\\\n]*)\"\s*,?\s*$", arguments)
    return [(given.end() + last.start(1), last.group(1))] if last is not None else []


def _v4_runs(text: str, package: str, pools: set[str], names: SourceNames) -> list[tuple[int, str]]:
    """v4's `pool.Run(ctx, repository, options...)` / `pool.RunT(t, ...)`: the tag is `WithTag`'s, else `latest`."""
    pooled = "|".join(map(re.escape, sorted(pools)))
    call = rf"(?<![\w.])(?:{pooled})\.RunT?\(\s*{_FIRST_ARGUMENT}\s*,\s*{_ARGUMENT}\s*(?=[,)])"
    with_tag = re.compile(rf"(?<![\w.]){_qualified(package)}WithTag\(\s*{_ARGUMENT}\s*\)")
    given: list[tuple[int, str]] = []
    for run in re.finditer(call, text):
        end = block_end(text, text.index("(", run.start()) + 1, "()")
        tag = with_tag.search(text, run.end(), end)
        tags = _values(tag, names)
        if tag is None and re.search(rf"(?<![\w.]){_qualified(package)}WithTag\(", text[run.end() : end]):
            tags = _or_default(text, package, run.end(), end)  # else an expression known only when it runs
        given += _images(_values(run, names), tags, run.start())
    return given


def dockertest_images(text: str, origin: str) -> list[Found]:
    """The images a Go source starts with dockertest (`pool.Run`, `RunOptions{Repository, Tag}`), in its order."""
    if not origin.endswith(".go") or (imported := _IMPORT_RE.search(text)) is None:
        return []
    return _started(text, origin, imported["alias"] or "dockertest", int(imported["major"] or 0))


def own_dockertest_images(text: str, origin: str, major: int) -> list[Found]:
    """The images a file of dockertest's own package (module major version `major`) starts, its names unqualified."""
    return _started(text, origin, "", major) if origin.endswith(".go") else []


def _started(text: str, origin: str, package: str, major: int) -> list[Found]:
    text = without_comments(text)
    names = SourceNames.of(text)
    given: list[tuple[int, str]] = []
    for options in re.finditer(rf"(?<![\w.]){_qualified(package)}RunOptions\s*\{{", text):
        end = block_end(text, options.end())
        repository = _REPOSITORY_RE.search(text, options.end(), end)
        if repository is not None:
            tag = _TAG_RE.search(text, options.end(), end)
            given += _given(text, repository, tag, names, options.start())
    pools = _pools(text, package)
    if pools and major >= 4:
        given += _v4_runs(text, package, pools, names)
    elif pools:
        call = rf"(?<![\w.])(?:{'|'.join(map(re.escape, sorted(pools)))})\.Run\(\s*{_ARGUMENT}\s*,\s*"
        for run in re.finditer(call, text):
            tag = _TAG_ARGUMENT_RE.match(text, run.end())
            if tag is not None:
                given += _given(text, run, tag, names, run.start())
    lines = LineIndex(text)
    return [
        Found(image, origin, lines.line(at), use="dockertest", kind="Go source")
        for at, image in sorted(set(given))
        if reference_or_none(image) is not None
    ]
