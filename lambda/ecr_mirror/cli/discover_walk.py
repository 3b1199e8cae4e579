"""Which files `discover` reads: the walk of each PATH, what it skips and why.

Directories are walked without following symbolic links. Hidden directories are walked (`.github`, `.gitlab`,
`.gitlab-ci`, `.devcontainer`, `.circleci`, ...), except version control (`.git`, `.hg`, `.svn`). Skipped, with the
candidate files under them counted: dependencies (`vendor`, `node_modules`), the projects a Maven archetype generates
(`archetype-resources`), copies of other projects (`third_party`, `third-party`: gatekeeper's vendored kind script,
Kubernetes' hack scripts; `licenses`, `third_party_licenses`: what `go-licenses save` copies of each dependency, its
CI files too), tests' expected outputs (`expected`, `golden`; files too, cli/discover_expected.py), unit tests' inputs
(`__fixtures__`, RSpec's `spec/fixtures`: cli/discover_fixture_dirs.py), the Dockerfiles a Go module keeps in
`testdata/` for its own Dockerfile parser (cli/discover_parser_fixtures.py), Kyverno CLI tests' inputs
(cli/discover_kyverno_tests.py), what Chainsaw tests only assert (cli/discover_chainsaw_inputs.py), the JVM sources of
Maven modules no aggregating POM lists (cli/discover_maven_reactor.py), caches and virtual environments
(`__pycache__`, `.venv`, `.tox`), a documentation site's pages and assets no file of the tree names
(cli/discover_doc_sites.py), what the `.gitignore` files of the tree (and of its repository above it) ignore, and what
`--exclude GLOB` matches (gitignore syntax, relative to the PATH); as in git, a file the repository tracks is read
though a `.gitignore` pattern matches it (`git ls-files`, in a git checkout), and an ignored directory holding one is
entered for the tracked files only. A file named as a PATH is always read. Makefiles (also `*.mk`, `*.make`), shell
scripts (`*.sh`, `*.bash`, Bats tests `*.bats`, and files of no known name that start with a `#!` line naming a
shell), PowerShell scripts (`*.ps1`), `justfile` and `package.json` are collected apart, for the images they build
(`docker build -t`) and run (`docker run`); Go, Java, Kotlin, Python, JavaScript/TypeScript and C# sources apart too,
for the images their tests start with Testcontainers and the docker commands JavaScript/TypeScript runs
(cli/discover_sources.py). A file of no known name is read as a Dockerfile when its content is one beyond doubt
(`docker/alpine`: only small text files without an extension of another kind are opened), and the caller says so; a
`*.hcl` file of no known name is read as a Nomad job file when its top level is a `job` block, and as a bake file
(given to `docker buildx bake -f`) when it has a top-level `target` block, and a `*.stub` file as a compose file when
it is YAML of compose services (cli/discover_sniffed.py). Woodpecker and Cirrus CI files are read as such at the top
of the walk or of a repository in it, where their CI reads them; GitHub Actions workflows of a nested folder's
`.github/workflows/` are skipped and counted (cli/discover_ci_tops.py)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ecr_mirror.choose.discovery.cmake_commands import is_cmake
from ecr_mirror.choose.discovery.codebuild import is_buildspec
from ecr_mirror.choose.discovery.dockerfile_shape import dockerfile_shape, may_be_dockerfile
from ecr_mirror.choose.discovery.ignore import Pattern, deciding, parse_pattern
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.spring_property_images import is_named_source
from ecr_mirror.choose.discovery.testcontainers_languages import SOURCE_SUFFIXES
from ecr_mirror.cli.discover_ci_tops import ci_top, nested_ci
from ecr_mirror.cli.discover_doc_sites import DOC_SITES, content_folders, is_sphinx_source, named_site_files
from ecr_mirror.cli.discover_expected import EXPECTED_DIRECTORIES, EXPECTED_OUTPUTS, expected_cases, is_expected_output
from ecr_mirror.cli.discover_fixture_dirs import FIXTURES, QUERY_SAMPLES, is_fixture_directory, is_query_samples
from ecr_mirror.cli.discover_git_ignores import read_ignore, repository_ignores, tracked_though_ignored
from ecr_mirror.cli.discover_maven_reactor import (
    UNLISTED_MODULE_POMS,
    UNLISTED_MODULES,
    module_poms,
    module_sources,
    unbuilt_modules,
)
from ecr_mirror.cli.discover_sniffed import MAX_JSON_BYTES, SNIFFED_SUFFIXES, content_kind, head_of
from ecr_mirror.cli.discover_test_inputs import test_inputs
from ecr_mirror.cli.discover_vendored import referenced_vendored
from ecr_mirror.errors import MirrorError

MAX_SNIFFED_BYTES = 256 * 1024  # a file of no known name larger than this is not opened to see if it is a Dockerfile
SNIFF_BYTES = 8192
_LICENSES = "license texts and dependencies' files copied with them (licenses/, third_party_licenses/)"
_VERSION_CONTROL = frozenset({".git", ".hg", ".svn"})
_SKIPPED = {
    "vendor": "vendored dependencies (vendor/)",
    **dict.fromkeys(("third_party", "third-party"), "vendored code of other projects (third_party/, third-party/)"),
    "archetype-resources": "Maven archetype templates (archetype-resources/), projects generated for users",
    "node_modules": "dependencies (node_modules/)",
    "__pycache__": "caches and virtual environments",
    ".venv": "caches and virtual environments",
    ".tox": "caches and virtual environments",
    ".terraform": "Terraform's downloaded modules and providers (.terraform/)",
    **dict.fromkeys(("licenses", "LICENSES", "licences", "third_party_licenses", "third-party-licenses"), _LICENSES),
    **dict.fromkeys(EXPECTED_DIRECTORIES, EXPECTED_OUTPUTS),
}
_GITIGNORED = "ignored by .gitignore"
_EXCLUDED = "matched by --exclude"
_NOT_SHAPED = "start with FROM but are not shaped like a Dockerfile"
# Files that may build images before compose files, manifests or other Dockerfiles use them (`docker build -t`)
_SCRIPT_NAMES = frozenset({"makefile", "gnumakefile", "justfile", ".justfile", "package.json"})
# Bats test files are bash; `*.txtar` Go testscripts, read for their `exec` commands (choose/discovery/testscript.py)
_SCRIPT_SUFFIXES = (".mk", ".make", ".sh", ".bash", ".bats", ".ps1", ".bat", ".cmd", ".txtar")
_SHEBANG_RE = re.compile(rb"#![ \t]*/\S*/(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:ba|da|k|z)?sh\b")
# a library a script sources has no `#!` line; ShellCheck's directive on its first line names its shell instead
# (`# shellcheck shell=bash`, https://www.shellcheck.net/wiki/Directive#shell)
_SHELLCHECK_RE = re.compile(rb"#[ \t]*shellcheck[ \t]+(?:\S+[ \t]+)*shell=(?:ba|da|k)?sh\b")


@dataclass
class Walk:
    files: list[tuple[str, Path, Kind]] = field(default_factory=list)  # (name shown, path, kind)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason -> candidate files not read
    warnings: list[str] = field(default_factory=list)
    by_content: list[str] = field(default_factory=list)  # Dockerfiles recognised by their content, not their name
    scripts: list[tuple[str, Path]] = field(default_factory=list)  # Makefiles, shell scripts: read for local builds
    sources: list[tuple[str, Path]] = field(default_factory=list)  # Go, Java, Python, JS/TS: read for Testcontainers
    environments: dict[Path, dict[str, str]] = field(default_factory=dict)  # compose templates' envsubst values
    tops: list[str] = field(default_factory=list)  # the directories given, as given: the trees' tops
    vendored: list[Path] = field(default_factory=list)  # the third_party/ directories skipped
    doc_sites: list[Path] = field(default_factory=list)  # a documentation site's content folders skipped

    @property
    def kinds(self) -> dict[str, Kind]:
        """The kind the walk reads each file as, by the name it shows."""
        return {shown: kind for shown, _, kind in self.files}


@dataclass(frozen=True)
class _Rules:
    """gitignore patterns, each list with the directory its paths are relative to."""

    ignore: tuple[tuple[Path, tuple[Pattern, ...]], ...]
    exclude: tuple[Pattern, ...]
    root: Path
    tracked: frozenset[Path] = frozenset()  # files git tracks though a .gitignore pattern matches them
    holding: frozenset[Path] = frozenset()  # the directories above them
    ignored: bool = False  # this directory is ignored: only the tracked files below it are read

    def _ignored(self, path: Path, *, is_dir: bool) -> bool:
        decided: Pattern | None = None
        for base, patterns in self.ignore:
            if path.is_relative_to(base):
                decided = deciding(list(patterns), path.relative_to(base).as_posix(), is_dir=is_dir) or decided
        return self.ignored or (decided is not None and not decided.negated)

    def why_skipped(self, path: Path, *, is_dir: bool) -> str | None:
        if is_dir and path.name in _SKIPPED:
            return _SKIPPED[path.name]
        if is_dir and is_fixture_directory(path):
            return FIXTURES
        if is_dir and is_query_samples(path):
            return QUERY_SAMPLES
        path = path.absolute()
        relative = path.relative_to(self.root).as_posix()
        if (pattern := deciding(list(self.exclude), relative, is_dir=is_dir)) and not pattern.negated:
            return _EXCLUDED
        if path in self.tracked or (is_dir and path in self.holding):
            return None  # git reads a tracked file whatever ignores it; a directory holding one is entered
        return _GITIGNORED if self._ignored(path, is_dir=is_dir) else None

    def entering(self, directory: Path) -> _Rules:
        absolute = directory.absolute()
        ignored = absolute != self.root and absolute in self.holding and self._ignored(absolute, is_dir=True)
        patterns = read_ignore(directory / ".gitignore")
        if not patterns and ignored == self.ignored:
            return self
        ignore = (*self.ignore, (directory, patterns)) if patterns else self.ignore
        return _Rules(ignore, self.exclude, self.root, self.tracked, self.holding, ignored)


def is_script(name: str) -> bool:
    """Makefiles (`Makefile.docker`, run with `make -f`, too; not autotools' `Makefile.in`/`.am` inputs), shell and
    PowerShell scripts, `justfile` (`.justfile`, any case, as just finds it), `package.json`, CMake's files (the
    commands they run, choose/discovery/cmake_commands.py)."""
    lowered = name.lower()
    if lowered.startswith("makefile.") and not lowered.endswith((".in", ".am")):
        return True
    return lowered in _SCRIPT_NAMES or lowered.endswith(_SCRIPT_SUFFIXES) or is_cmake(lowered)


def _sniffed(shown: str, path: Path, walk: Walk) -> Kind | None:
    """Kind.DOCKERFILE for a file of no known name that is a Dockerfile beyond doubt (kinds.dockerfile_shape); one
    that starts with FROM without being one is counted as skipped. Only small text files without an extension of
    another kind are opened, and only their first 8 KiB read."""
    if not may_be_dockerfile(path):
        return None
    head = head_of(path, MAX_SNIFFED_BYTES, SNIFF_BYTES)
    if head is None or b"\0" in head:
        return None
    if _SHEBANG_RE.match(head) or _SHELLCHECK_RE.match(head):
        walk.scripts.append((shown, path))  # `tools/lint`: a script without an extension, read for its commands
        return None
    shape = dockerfile_shape(head.decode("utf-8", "replace"))
    if shape:
        walk.by_content.append(shown)
        return Kind.DOCKERFILE
    if shape is False:
        walk.skipped.setdefault(_NOT_SHAPED, []).append(shown)
    return None


def _candidates(directory: Path) -> list[str]:
    """The files a walk would have read under a skipped directory (names only; nothing is opened)."""
    out: list[str] = []
    for current, subdirectories, names in os.walk(directory):
        subdirectories[:] = sorted(d for d in subdirectories if d not in _VERSION_CONTROL)
        out += [str(Path(current) / name) for name in sorted(names) if kind_of(Path(current) / name)]
    return out


def _skips(path: Path, rules: _Rules, site_folders: set[Path], walk: Walk) -> bool:
    """Whether the walk skips the directory `path`, its candidate files counted with the reason."""
    if why := rules.why_skipped(path, is_dir=True):
        walk.vendored += [path] if why == _SKIPPED["third_party"] else []
    elif path in site_folders or is_sphinx_source(path):
        why = DOC_SITES
        walk.doc_sites.append(path)
    else:
        return False
    if candidates := _candidates(path):
        walk.skipped.setdefault(why, []).extend(candidates)
    return True


def _walk_directory(top: Path, excludes: tuple[Pattern, ...], walk: Walk) -> None:
    absolute, first = top.absolute(), len(walk.files)
    first_script, first_source = len(walk.scripts), len(walk.sources)
    tracked = tracked_though_ignored(absolute)
    holding = frozenset(directory for path in tracked for directory in path.parents)
    rules = {top: _Rules(repository_ignores(absolute), excludes, absolute, tracked, holding).entering(absolute)}
    site_folders: set[Path] = set()
    for current, subdirectories, names in os.walk(top):
        here = Path(current)
        kept: list[str] = []
        site_folders.update(here / folder for folder in content_folders(here, names))
        for name in sorted(subdirectories):
            path = here / name
            if name in _VERSION_CONTROL:
                continue
            if _skips(path, rules[here], site_folders, walk):
                continue
            rules[path] = rules[here].entering(path.absolute())
            kept.append(name)
        subdirectories[:] = kept
        cases = expected_cases(names)
        for name in sorted(names):
            path = here / name
            kind = kind_of(path.absolute())
            if kind is Kind.WOODPECKER and not ci_top(path, top):
                kind = Kind.YAML  # Woodpecker reads workflows at a repository's top only: a linter's fixtures
            if kind is Kind.CIRRUS and not ci_top(path, top):
                kind = Kind.YAML  # Cirrus CI reads the repository's top one: a vendored library's (`lib/zstd/`)
            script = kind is None and is_script(name)
            sniffed = kind is None and name.lower().endswith(SNIFFED_SUFFIXES)  # read by content (discover_sniffed.py)
            source = kind is None and (path.suffix.lower() in SOURCE_SUFFIXES or is_named_source(path))
            if (
                kind is None and not (script or sniffed or source) and not may_be_dockerfile(path)
            ) or not path.is_file():
                continue
            if why := rules[here].why_skipped(path, is_dir=False):
                if kind is not None:
                    walk.skipped.setdefault(why, []).append(str(path))
                continue
            if nested := nested_ci(kind, path, top):
                walk.skipped.setdefault(nested, []).append(str(path))  # GitHub and CircleCI read the root's only
                continue
            if kind is not None and is_expected_output(name, cases):
                walk.skipped.setdefault(EXPECTED_OUTPUTS, []).append(str(path))
                continue
            _place(str(path), path, kind, walk)
    for why, fixtures in test_inputs(walk.files[first:], walk.sources, top, walk.scripts[first_script:]):
        if fixtures:
            skipped = set(fixtures)
            walk.files[:] = [item for item in walk.files if item not in skipped]
            walk.skipped.setdefault(why, []).extend(shown for shown, _, _ in fixtures)
    _without_unbuilt_modules(walk, top, (first, first_script, first_source))


def _without_unbuilt_modules(walk: Walk, top: Path, firsts: tuple[int, int, int]) -> None:
    """Leave out the JVM sources and the POMs of the Maven modules of the directory `top` (its files, scripts and
    sources from `firsts` on) that no reactor builds (cli/discover_maven_reactor.py)."""
    first, first_script, first_source = firsts
    if not (modules := unbuilt_modules(walk.files[first:], walk.scripts[first_script:], top)):
        return
    if unbuilt := module_sources(walk.sources[first_source:], top, modules):
        left_out = set(unbuilt)
        walk.sources[:] = [item for item in walk.sources if item not in left_out]
        walk.skipped.setdefault(UNLISTED_MODULES, []).extend(shown for shown, _ in unbuilt)
    if poms := module_poms(walk.files[first:], top, modules):
        unread = set(poms)
        walk.files[:] = [item for item in walk.files if item not in unread]
        walk.skipped.setdefault(UNLISTED_MODULE_POMS, []).extend(shown for shown, _, _ in poms)


def _place(shown: str, path: Path, kind: Kind | None, walk: Walk) -> bool:
    """Put a file where it is read: a script or a source file to their readers, a JSON file shaped like an ECS task
    definition or a CloudFormation template, a file of a known kind or one that is a Dockerfile beyond doubt to the
    files; False for a file of no kind discover reads. The walk and a file named on the command line share it."""
    if kind is None and (is_script(path.name) or path.suffix.lower() in SOURCE_SUFFIXES or is_named_source(path)):
        (walk.scripts if is_script(path.name) else walk.sources).append((shown, path))
        return True
    if kind is None and path.name.lower().endswith(SNIFFED_SUFFIXES) and (kind := content_kind(path)) is None:
        return False  # an ECS task definition, a Nomad job or bake file, a Quadlet image unit, a compose stub
    if kind is None and (kind := _sniffed(shown, path, walk)) is None:
        return False
    if kind is Kind.CODEBUILD and not is_buildspec(
        (head_of(path, MAX_JSON_BYTES, MAX_JSON_BYTES) or b"").decode("utf-8", "replace")
    ):
        kind = Kind.YAML  # a `buildspec.yml` of another tool: no `version` and `phases`
    walk.files.append((shown, path, kind))
    return True


def _read_referenced(top: Path, excludes: tuple[Pattern, ...], walk: Walk) -> None:
    """Read the files under the skipped third_party/ directories of `top` that its read files name
    (cli/discover_vendored.py), and no longer count them as skipped."""
    read = [path for _, path, _ in walk.files] + [path for _, path in walk.scripts]
    directories, files = referenced_vendored(top, read, [d for d in walk.vendored if d.is_relative_to(top)])
    _read_after_all(directories, files, _SKIPPED["third_party"], excludes, walk)


def _read_named_sites(top: Path, excludes: tuple[Pattern, ...], walk: Walk) -> None:
    """Read the files of the skipped documentation site folders of `top` that its read files name
    (cli/discover_doc_sites.py), and no longer count them as skipped."""
    read = [path for _, path, _ in walk.files] + [path for _, path in (*walk.scripts, *walk.sources)]
    directories, files = named_site_files(top, read, [d for d in walk.doc_sites if d.is_relative_to(top)])
    _read_after_all(directories, files, DOC_SITES, excludes, walk)


def _read_after_all(
    directories: list[Path], files: list[Path], reason: str, excludes: tuple[Pattern, ...], walk: Walk
) -> None:
    for directory in directories:
        _walk_directory(directory, excludes, walk)
    for path in files:
        _place(str(path), path, kind_of(path.absolute()), walk)
    taken = {str(path) for path in files}
    kept = [
        shown
        for shown in walk.skipped.get(reason, [])
        if shown not in taken and not any(Path(shown).is_relative_to(directory) for directory in directories)
    ]
    if kept:
        walk.skipped[reason] = kept
    else:
        walk.skipped.pop(reason, None)


def walk_paths(paths: list[str], exclude: list[str]) -> Walk:
    """The files to read; a PATH that does not exist is an error, a file of no known kind a warning."""
    missing = [given for given in paths if not Path(given).exists()]
    if missing:
        raise MirrorError(f"{missing[0]!r}: no such file or directory")
    excludes = tuple(pattern for glob in exclude if (pattern := parse_pattern(glob)) is not None)
    walk = Walk()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            walk.tops.append(given)
            _walk_directory(path, excludes, walk)
            _read_referenced(path, excludes, walk)
            _read_named_sites(path, excludes, walk)
        elif not _place(given, path, kind_of(path.absolute()), walk):
            walk.warnings.append(
                f"{given!r} is not a Dockerfile, Containerfile, compose file, CI file, Jenkinsfile, bake file, dev "
                "container, Nomad job, YAML file, script or source file discover reads (files are recognised by name; "
                "see `discover --help`); skipped"
            )
    return walk
