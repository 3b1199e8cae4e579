"""The images the fabric8 docker-maven-plugin pulls, from a Maven POM (pure).

The plugin (`io.fabric8:docker-maven-plugin`, formerly `org.jolokia:docker-maven-plugin`) builds and starts
containers around a build's integration tests, from the `<images>` of its `<configuration>` (also an execution's),
https://dmp.fabric8.io/#image-configuration:

- an `<image>` with a `<build>` is built under its `<name>` (built here, not pulled) from the base image `<from>`,
  or `<fromExt><name>`, which `docker:build` pulls (https://dmp.fabric8.io/#build-configuration); a build from a
  Dockerfile (`<dockerFile>`, `<contextDir>`) names no base here (the Dockerfile is read by its own reader), and the
  plugin's default base when none is given is not listed (the plugin's version decides it);
- an `<image>` without a `<build>` is an image `docker:start` pulls and runs by its `<name>` (a database or a
  registry the tests talk to, https://dmp.fabric8.io/#docker:start).

`${name}` is interpolated with the properties the caller gives (the POM's and its parents', maven_poms.py), a
plugin declared in a `<profile>` with that profile's properties first; one no property gives is unresolved, naming it.
Eclipse JKube's Maven plugins (`org.eclipse.jkube`'s `kubernetes-maven-plugin` and `openshift-maven-plugin`) and the
`fabric8-maven-plugin` they succeed take the same `<images>` configuration: `k8s:build` (`oc:build`) builds an
`<image>` with a `<build>` from its `<from>` (https://eclipse.dev/jkube/docs/kubernetes-maven-plugin/, "Image
configuration" and "Build configuration"), which is pulled; they start no container, so an `<image>` without a
`<build>` (a name the generated manifests carry) is not listed, and the default base their generators pick when no
`<images>` are written (`quay.io/jkube/jkube-java`, chosen by the plugin's version) is not either.
An image's `<external>` properties configuration (`docker.from`, `docker.name` properties overriding the XML) is not
read. The `docker.filter` property, which limits the images a run starts, is not read either: every image is listed.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.maven_modules import MAVEN_BUILD
from ecr_mirror.choose.discovery.maven_poms import Node, interpolated, parse_pom, profile_properties

KIND = "Maven POM"
_GROUPS = ("io.fabric8", "org.jolokia")
# plugins that build `<images>` but start none: JKube's and the fabric8-maven-plugin (groupId, artifactId)
_BUILDERS = (
    ("org.eclipse.jkube", "kubernetes-maven-plugin"),
    ("org.eclipse.jkube", "openshift-maven-plugin"),
    ("io.fabric8", "fabric8-maven-plugin"),
)
MARKS = ("docker-maven-plugin", *(artifact for _, artifact in _BUILDERS))  # a POM naming none is not parsed


def configures_images(text: str) -> bool:
    """Whether a POM's text names a plugin whose `<images>` are read here."""
    return any(mark in text for mark in MARKS)


def _plugins(project: Node, builders: bool = False) -> list[Node]:
    """The docker-maven-plugin declarations of a POM (its build, its profiles', plugin management's), or with
    `builders` those of the plugins that only build (JKube's)."""
    return [
        node
        for node in project.walk()
        if node.tag == "plugin"
        and (
            (node.child_text("groupId"), node.child_text("artifactId")) in _BUILDERS
            if builders
            else node.child_text("artifactId") == "docker-maven-plugin" and node.child_text("groupId") in _GROUPS
        )
    ]


def _images(plugin: Node) -> list[Node]:
    return [node for node in plugin.walk() if node.tag == "image" and node.parent and node.parent.tag == "images"]


def _entries(image: Node) -> list[tuple[str, Node]]:
    """(use, element) of the images one `<image>` pulls: its base when it builds, else its name."""
    build = image.child("build")
    if build is None:
        name = image.child("name")
        return [("<name>", name)] if name is not None and name.text else []
    base = build.child("from")
    if base is not None and base.text:
        return [("<from>", base)]
    extended = build.child("fromExt")
    name = extended.child("name") if extended is not None else None
    if name is not None and name.text:
        return [("<fromExt>", name)]
    return []


def maven_docker_images(project: Node, origin: str, properties: dict[str, str]) -> list[Found]:
    """The images a POM's docker-maven-plugin pulls, `${name}` from `properties` (the POM's and its parents')."""
    found: list[Found] = []
    for builders in (False, True):
        for plugin in _plugins(project, builders):
            values = {**properties, **profile_properties(plugin)}
            name = plugin.child_text("artifactId")
            for image in _images(plugin):
                for use, node in _entries(image):
                    if builders and image.child("build") is None:
                        continue
                    value, why = interpolated(node.text, values)
                    found.append(Found(value, origin, node.line, why, f"{name} {use}", KIND))
    return found


def maven_docker_builds(text: str, origin: str, properties: dict[str, str] | None = None) -> list[LocalBuild]:
    """The names the plugin builds (`<name>` of an `<image>` with a `<build>`), literal or with the POM's
    `properties` (its own, its parents' and Maven's `project.version`: maven_tree.Poms.properties)."""
    project = parse_pom(text) if "docker-maven-plugin" in text else None
    if project is None:
        return []
    builds: list[LocalBuild] = []
    for plugin in _plugins(project):
        for image in _images(plugin):
            name = image.child("name")
            if image.child("build") is None or name is None or not name.text:
                continue
            value, why = interpolated(name.text, properties or {})
            builds += [LocalBuild(value, origin, name.line, MAVEN_BUILD)] if why is None else []
    return builds
