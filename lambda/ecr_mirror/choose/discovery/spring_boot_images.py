"""The images Spring Boot's Maven plugin pulls to build an image with Cloud Native Buildpacks, from a POM (pure).

`spring-boot:build-image` (`org.springframework.boot:spring-boot-maven-plugin`) runs a buildpacks builder image
over the application and writes an image on a run image, with the buildpacks it is given
(https://docs.spring.io/spring-boot/maven-plugin/build-image.html#build-image.customization). Read, in the plugin's
`<configuration>` (also an execution's, in a profile or in plugin management): the `<image>`'s `<builder>` and
`<runImage>`, pulled, and each `<buildpacks><buildpack>` that is an OCI image, which the builder pulls: `docker://`
dropped, a bare reference kept (`paketobuildpacks/java:22.3.0`), not one of the builder's own buildpacks
(`urn:cnb:builder:paketo-buildpacks/java`), a `file://` archive or a directory path. `${name}` takes the properties
the caller gives (the POM's and its parents', maven_poms.py; a CI run's `-Dname=value` over them, as for the
docker-maven-plugin): terrakube's `<builder>${buildpack.builder}</builder>` with
`paketobuildpacks/builder-jammy-java-tiny:0.1.58`, and `-Dbuildpack.builder=heroku/builder:24` in its release
workflow. The builder the plugin picks when none is written depends on its version and is not listed; the
`<name>` it builds is not pulled.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.maven_poms import Node, interpolated, profile_properties

KIND = "Maven POM"
MARK = "spring-boot-maven-plugin"  # a POM not naming it is not read for these
_ARTIFACT = ("org.springframework.boot", MARK)
_PULLED = ("builder", "runImage")


def buildpack_image(written: str) -> str | None:
    """The image a buildpack reference names: `docker://` dropped; None for a builder's buildpack or a path."""
    if written.startswith("docker://"):
        return written.removeprefix("docker://").lstrip("/")
    return None if written.startswith((".", "/", "~", "urn:", "file:")) or "://" in written else written


def _entries(image: Node) -> list[tuple[str, Node, str]]:
    """(use, element, written) of what one `<image>` configuration pulls."""
    out = [(f"<{tag}>", node, node.text) for tag in _PULLED if (node := image.child(tag)) is not None and node.text]
    buildpacks = image.child("buildpacks")
    for node in buildpacks.children if buildpacks is not None else []:
        if node.tag == "buildpack" and node.text and (written := buildpack_image(node.text)) is not None:
            out.append(("<buildpack>", node, written))
    return out


def spring_boot_images(project: Node, origin: str, properties: dict[str, str]) -> list[Found]:
    """The builder, run image and buildpack images a POM's `spring-boot:build-image` configuration pulls."""
    found: list[Found] = []
    for plugin in project.walk():
        if plugin.tag != "plugin" or (plugin.child_text("groupId"), plugin.child_text("artifactId")) != _ARTIFACT:
            continue
        values = {**properties, **profile_properties(plugin)}
        for image in plugin.walk():
            if image.tag != "image" or image.parent is None or image.parent.tag != "configuration":
                continue
            for use, node, written in _entries(image):
                value, why = interpolated(written, values)
                found.append(Found(value, origin, node.line, why, f"{MARK} {use}", KIND))
    return found
