"""jib_core: the base images a Java or Kotlin program builds on with Jib Core."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jib_core import jib_core_images, may_build_with_jib

SOURCE = """\
package com.example.images;

public class ImageBuildIT {
  private static final String BASE_DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String LOCAL = "localhost:5000/app";

  @Test
  public void buildsOnBusybox() throws Exception {
    Jib.from("busybox:1.36")
        .setEntrypoint("echo", "hello")
        .containerize(Containerizer.to(RegistryImage.named(LOCAL)));
  }

  @Test
  public void buildsOnAPinnedBase() throws Exception {
    Jib.from("gcr.io/distroless/base@" + BASE_DIGEST)
        .containerize(Containerizer.to(DockerDaemonImage.named("app")));
    Jib.from(RegistryImage.named("registry://eclipse-temurin:21-jre").addCredential("u", "p"))
        .containerize(Containerizer.to(TarImage.at(path).named("app")));
    JavaContainerBuilder.from(RegistryImage.named("docker.io/library/amazoncorretto:21"))
        .toContainerBuilder()
        .containerize(Containerizer.to(DockerDaemonImage.named("app")));
  }

  @Test
  public void localBasesPullNothing() throws Exception {
    Jib.from("docker://app:latest").containerize(Containerizer.to(RegistryImage.named(LOCAL)));
    Jib.from(DockerDaemonImage.named("app")).containerize(Containerizer.to(RegistryImage.named(LOCAL)));
    // Jib.from("alpine:3.20") in a comment
  }

  @Test
  public void throughAHelper() throws Exception {
    buildOn(ImageReference.of("gcr.io", "distroless/java17", BASE_DIGEST), "a");
    buildOn(ImageReference.parse("eclipse-temurin:17-jre-alpine"), "b");
    buildOn(ImageReference.of(null, "library/ubuntu", "24.04"), "c");
  }

  private JibContainer buildOn(ImageReference baseImage, String name) throws Exception {
    return Jib.from(baseImage).containerize(Containerizer.to(DockerDaemonImage.named(name)));
  }
}
"""


def test_the_bases_jib_core_builds_on_are_read_with_their_lines() -> None:
    assert may_build_with_jib("src/it/java/ImageBuildIT.java", SOURCE.encode())
    found = [(item.text, item.line, item.use, item.kind) for item in jib_core_images(SOURCE, "ImageBuildIT.java")]
    digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    assert found == [
        ("busybox:1.36", 10, "Jib.from", "Java source"),
        (f"gcr.io/distroless/base@{digest}", 17, "Jib.from", "Java source"),
        ("eclipse-temurin:21-jre", 19, "Jib.from", "Java source"),
        ("docker.io/library/amazoncorretto:21", 21, "Jib.from", "Java source"),
        (f"gcr.io/distroless/java17@{digest}", 35, "Jib.from", "Java source"),
        ("eclipse-temurin:17-jre-alpine", 36, "Jib.from", "Java source"),
        ("library/ubuntu:24.04", 37, "Jib.from", "Java source"),
    ]


def test_a_builder_never_containerized_pulls_nothing() -> None:
    # a unit test hands the builder to the code it tests, which never runs it
    text = 'class PropsTest {\n  void t() {\n    props.build(JavaContainerBuilder.from("ignored"));\n  }\n}\n'
    assert not may_build_with_jib("PropsTest.java", text.encode())
    assert jib_core_images(text, "PropsTest.java") == []
    assert not may_build_with_jib("build.py", SOURCE.encode())
