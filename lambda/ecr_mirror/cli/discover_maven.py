"""The images Maven plugins of the tree's POMs pull, read with the properties of each POM's parent chain
(choose/discovery/maven_poms.py, maven_tree.py, maven_docker.py, spring_boot_images.py): the POMs are among the texts
read (every `pom.xml`), a parent found at its `<relativePath>` (by default `../pom.xml`); a parent outside the tree
gives no properties. Each again with the properties and profiles each Maven run of the workflows and of the local
composite actions they call gives the POMs it builds (maven_ci.py). And the files Maven copies with resource filtering,
whose `${name}`s are the POM's properties once copied: a line of such a file holding a `${name}` is read again with
them."""

from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
from collections.abc import Iterator

from ecr_mirror.choose.discovery.action_calls import action_calls
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.maven_ci import MavenRun, composite_maven_runs, workflow_maven_runs
from ecr_mirror.choose.discovery.maven_docker import configures_images, maven_docker_images
from ecr_mirror.choose.discovery.maven_poms import (
    FilteredDirectory,
    Node,
    filtered_directories,
    interpolated,
    profile_properties,
)
from ecr_mirror.choose.discovery.maven_tree import Poms, is_pom
from ecr_mirror.choose.discovery.spring_boot_images import MARK as SPRING_BOOT
from ecr_mirror.choose.discovery.spring_boot_images import spring_boot_images
from ecr_mirror.errors import ConfigError

_BASEDIR = ("${project.basedir}/", "${basedir}/")
_WORKFLOWS = ".github/workflows"
_ACTION_FILES = ("action.yml", "action.yaml")


def _root(workflow: str) -> str | None:
    """The repository's top for a workflow of its `.github/workflows/` (None for a workflow-shaped file elsewhere)."""
    directory = posixpath.dirname(posixpath.normpath(workflow))
    return posixpath.dirname(posixpath.dirname(directory)) if directory.endswith(_WORKFLOWS) else None


def _ci_runs(texts: dict[str, str]) -> Iterator[tuple[str, MavenRun]]:
    """(repository top, run) of each Maven run of the workflows and of the local composite actions they call."""
    actions = {posixpath.normpath(shown): text for shown, text in texts.items() if kind_of(shown) is Kind.ACTION}
    for shown, text in texts.items():
        if kind_of(shown) is not Kind.WORKFLOW or ("mvn" not in text and "uses: ./" not in text):
            continue
        if (root := _root(shown)) is None:
            continue
        try:
            yield from ((root, run) for run in workflow_maven_runs(text, shown))
            for directory, line, inputs in action_calls(text, shown):
                caller = f"{shown}:{line or 0}"
                for name in _ACTION_FILES:
                    action = posixpath.normpath(posixpath.join(root, directory, name))
                    for run in (
                        composite_maven_runs(actions[action], action, inputs, caller) if action in actions else ()
                    ):
                        yield root, run
        except ConfigError:
            continue  # a file that does not parse is reported by its own reader


def maven_defines(texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, value, where) of each user property (`-Dname=value`) a Maven run of the CI gives."""
    return [(name, value, run.where) for _, run in _ci_runs(texts) for name, value in run.defines]


def _built(poms: Poms, root: str, run: MavenRun) -> list[str]:
    """The POMs a run builds that configure the docker-maven-plugin: its `-pl` modules, else every one below it."""
    base = posixpath.normpath(posixpath.join(root, run.directory))
    if not run.modules:
        return [p for p in poms.paths if p == f"{base}/pom.xml" or p.startswith(f"{base}/")]
    out: list[str] = []
    for module in run.modules:
        if module.startswith(":") or ":" in module:
            out += poms.by_artifact(module.rsplit(":", 1)[-1])
        else:
            path = posixpath.normpath(posixpath.join(base, module))
            out.append(path if path.endswith(".xml") else posixpath.join(path, "pom.xml"))
    return out


def _plugin_images(project: Node, origin: str, properties: dict[str, str]) -> list[Found]:
    """The images a POM's docker-maven-plugin (or JKube's) and Spring Boot's `build-image` pull."""
    return maven_docker_images(project, origin, properties) + spring_boot_images(project, origin, properties)


def _ci_pulls(
    texts: dict[str, str], poms: Poms, plugins: dict[str, str], own: set[tuple[str, int | None, str]]
) -> list[Found]:
    """The images of the POMs' plugins (`plugins`: normalized path -> shown) that the CI's Maven runs change."""
    found: list[Found] = []
    for root, run in _ci_runs(texts):
        if not run.defines and not run.profiles:
            continue
        for path in _built(poms, root, run):
            project = poms.project(path) if path in plugins else None
            if project is None:
                continue
            values = poms.properties(path, run.profiles, dict(run.defines))
            for item in _plugin_images(project, plugins[path], values):
                key = (item.origin, item.line, item.text)
                if item.problem is None and key not in own:
                    own.add(key)
                    found.append(dataclasses.replace(item, use=f"{item.use} (with the Maven run of {run.where})"))
    return found


def maven_pulls(texts: dict[str, str]) -> list[Found]:
    """The images the docker-maven-plugin of each POM among `texts` pulls (a POM without it is not parsed), and those
    the CI's Maven runs make it pull."""
    poms = Poms(texts)
    found: list[Found] = []
    plugins: dict[str, str] = {}
    for shown, text in texts.items():
        if not is_pom(shown) or not (configures_images(text) or SPRING_BOOT in text):
            continue
        path = posixpath.normpath(shown)
        project = poms.project(path)
        if project is not None:
            plugins[path] = shown
            found += _plugin_images(project, shown, poms.properties(path))
    own = {(item.origin, item.line, item.text) for item in found}
    return found + (_ci_pulls(texts, poms, plugins, own) if plugins else [])


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether a path matches one of Maven's Ant-style patterns (`**/*.yaml` also matching `x.yaml`)."""
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(relative, p.removeprefix("**/")) for p in patterns)


def _filtered_in(origin: str, pom: str, directory: FilteredDirectory) -> bool:
    """Whether the file `origin` is copied with filtering from `directory` of the POM at `pom`."""
    written = directory.directory
    for prefix in _BASEDIR:
        written = written.removeprefix(prefix)
    base = posixpath.normpath(posixpath.join(posixpath.dirname(pom), written))
    path = posixpath.normpath(origin)
    if not path.startswith(base + "/"):
        return False
    relative = path[len(base) + 1 :]
    included = not directory.includes or _matches(relative, directory.includes)
    return included and not _matches(relative, directory.excludes)


def maven_filtered(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found`, each line holding a `${name}` in a file Maven copies with filtering read again with the properties
    of the POM that copies it (its parents' and the profile's declaring the resource), when they give every name;
    its use names the POM's `<filtering>` line."""
    poms = Poms(texts)
    directories = [
        (shown, directory)
        for shown, text in texts.items()
        if is_pom(shown) and "<filtering>" in text and (project := poms.project(posixpath.normpath(shown)))
        for directory in filtered_directories(project)
    ]
    if not directories:
        return found
    out: list[Found] = []
    for item in found:
        pom, directory = next(
            ((p, d) for p, d in directories if "${" in item.text and _filtered_in(item.origin, p, d)),
            (None, None),
        )
        if pom is None or directory is None:
            out.append(item)
            continue
        value, why = interpolated(item.text, {**poms.properties(posixpath.normpath(pom)), **directory.properties})
        use = f"{item.use} (filtered by {pom}:{directory.line})"
        out.append(item if why else dataclasses.replace(item, text=value, problem=None, use=use))
    return out


_JIB_BASE = "jib from.image"
_JIB_PLUGIN = "jib-maven-plugin"


def _jib_image_nodes(project: Node) -> dict[int, Node]:
    """The `<from><image>` elements of the POM's jib-maven-plugin declarations, by line."""
    out: dict[int, Node] = {}
    for plugin in project.walk():
        if plugin.tag != "plugin" or plugin.child_text("artifactId") != _JIB_PLUGIN:
            continue
        for node in plugin.walk():
            if node.tag == "image" and node.parent is not None and node.parent.tag == "from":
                out[node.line] = node
    return out


def maven_inherited(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found`, each Jib base of a POM left unresolved for a `${name}` read again with the properties of the POM's
    parent chain in the tree (its declaring profile's first), as Maven inherits them
    (https://maven.apache.org/pom.html#Inheritance); one still missing a name stays as it was."""
    if not any(item.use == _JIB_BASE and item.problem and is_pom(item.origin) for item in found):
        return found
    poms = Poms(texts)
    out: list[Found] = []
    for item in found:
        path = posixpath.normpath(item.origin)
        project = poms.project(path) if item.use == _JIB_BASE and item.problem and is_pom(path) else None
        node = _jib_image_nodes(project).get(item.line or 0) if project is not None else None
        if node is None:
            out.append(item)
            continue
        value, why = interpolated(node.text, {**poms.properties(path), **profile_properties(node)})
        out.append(item if why else dataclasses.replace(item, text=value, problem=None))
    return out
