"""The JVM sources of the Maven modules no reactor of the tree builds, and that nothing runs apart: not read (I/O).

A module the aggregating POM of the directory above leaves out of its `<modules>` (choose/discovery/maven_reactor.py)
is neither compiled nor tested by the tree's Maven runs, so the containers its Java, Kotlin, Groovy and Scala tests
start are never pulled (testcontainers-samples' commented-out `<!-- <module>spring-boot-kafka-chaos</module> -->`).
Unless the tree runs it apart: a file it reads outside the module, other than a POM (a workflow's `mvn -f
kafka-chaos/pom.xml`, a script's `cd kafka-chaos`), names the module's directory; then its sources are read.
Nor do the Maven plugins its POMs configure run (the fabric8 docker-maven-plugin's `docker:start` images of
servicecomb's commented-out `demo-etcd`): its POMs are not read either. Only the sources and the POMs: the module's
compose files, Dockerfiles and manifests may be used without Maven, and are read.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.maven_reactor import unlisted_modules
from ecr_mirror.cli.discover_small_files import small_bytes, small_text

UNLISTED_MODULES = "sources of Maven modules no aggregating POM lists and nothing runs apart"
UNLISTED_MODULE_POMS = "POMs of Maven modules no aggregating POM lists and nothing runs apart"
_POM = "pom.xml"
_JVM_SUFFIXES = (".java", ".kt", ".groovy", ".scala")


def _relative(path: Path, top: Path) -> str | None:
    try:
        return path.absolute().relative_to(top.absolute()).as_posix()
    except ValueError:
        return None


_WORDS_RE = re.compile(rb"[\w.-]+")


def _names_in(data: bytes, names: frozenset[bytes], longest: int) -> set[bytes]:
    """The `names` that `data` holds as words: a run of word characters, dots and dashes, or the part of one before
    a dot (`kafka-chaos/pom.xml`, `cd kafka-chaos`, `kafka-chaos.sh`), each looked up once."""
    held: set[bytes] = set()
    for run in _WORDS_RE.finditer(data):
        word = run[0]
        held |= {word} & names if len(word) <= longest else set()
        dot = word.find(b".", 0, longest + 1)
        while dot != -1:
            held |= {word[:dot]} & names
            dot = word.find(b".", dot + 1, longest + 1)
    return held


def _named_elsewhere(modules: list[str], texts: list[tuple[str, Path]], top: Path) -> set[str]:
    """The `modules` whose directory's last name a file of `texts` outside the module names (as a word), each file
    read once: linear in the files and the modules."""
    by_name: dict[bytes, list[str]] = {}
    for module in modules:
        by_name.setdefault(module.rsplit("/", 1)[-1].encode(), []).append(module)
    names, longest = frozenset(by_name), max(map(len, by_name))
    # a name of other characters (a space, a `+`) looked for as a word on its own
    others = [
        (name, re.compile(rb"(?<![\w.-])" + re.escape(name) + rb"(?![\w-])"))
        for name in names
        if not _WORDS_RE.fullmatch(name)
    ]
    named: set[str] = set()
    for _, path in texts:
        if len(named) == len(modules):
            break
        if (relative := _relative(path, top)) is None or (data := small_bytes(path)) is None:
            continue
        held = _names_in(data, names, longest) | {name for name, pattern in others if pattern.search(data)}
        for name in held:
            named.update(
                module for module in by_name[name] if not (relative == module or relative.startswith(module + "/"))
            )
    return named


def unbuilt_modules(files: list[tuple[str, Path, Kind]], scripts: list[tuple[str, Path]], top: Path) -> list[str]:
    """The directories (posix, relative to `top`) of the Maven modules of the tree that no aggregating POM lists and
    no other file of `files` or `scripts` (POMs aside) names."""
    poms: dict[str, Path] = {}
    for _, path, _ in files:
        if path.name == _POM and (relative := _relative(path.parent, top)) is not None:
            poms["" if relative == "." else relative] = path
    if len(poms) < 2:
        return []
    texts = {directory: text for directory, path in poms.items() if (text := small_text(path)) is not None}
    unlisted = unlisted_modules(texts)
    if not unlisted:
        return []
    others = [(shown, path) for shown, path, _ in files if path.name != _POM] + scripts
    named = _named_elsewhere(unlisted, others, top)
    return [module for module in unlisted if module not in named]


def _under(path: Path, top: Path, modules: list[str]) -> bool:
    relative = _relative(path, top)
    return relative is not None and any(relative.startswith(module + "/") for module in modules)


def unbuilt_module_sources(
    files: list[tuple[str, Path, Kind]], scripts: list[tuple[str, Path]], sources: list[tuple[str, Path]], top: Path
) -> list[tuple[str, Path]]:
    """The JVM sources of `sources` under a Maven module of the tree at `top` that no aggregating POM lists and no
    other file of `files` or `scripts` (POMs aside) names."""
    return module_sources(sources, top, unbuilt_modules(files, scripts, top))


def module_sources(sources: list[tuple[str, Path]], top: Path, modules: list[str]) -> list[tuple[str, Path]]:
    """The JVM sources of `sources` under one of `modules` (directories relative to `top`)."""
    return [(shown, path) for shown, path in sources if path.suffix in _JVM_SUFFIXES and _under(path, top, modules)]


def module_poms(files: list[tuple[str, Path, Kind]], top: Path, modules: list[str]) -> list[tuple[str, Path, Kind]]:
    """The POMs of `files` under one of `modules` (their own and their submodules'): the Maven plugins they configure
    run only in a Maven build of the module (the fabric8 docker-maven-plugin's `docker:start` images)."""
    return [item for item in files if item[1].name == _POM and _under(item[1], top, modules)]
