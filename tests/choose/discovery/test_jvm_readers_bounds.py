"""Hang guards (tests/support/hang_guard.py) of the JVM source readers on hostile files (80,000 repeated lines, deep
nesting)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.composed_annotations import extension_image_defaults
from ecr_mirror.choose.discovery.docker_java_pulls import docker_java_pulls
from ecr_mirror.choose.discovery.go_kubebuilder_defaults import kubebuilder_default_images
from ecr_mirror.choose.discovery.gradle_dockerfile_tasks import dockerfile_task_bases
from tests.support.hang_guard import finishes

_N = 80_000


def test_many_extend_with_annotations_are_read_in_linear_time() -> None:
    assert finishes(extension_image_defaults, "@ExtendWith(X.class)\n" * _N, "A.java") == (set(), [])
    assert finishes(extension_image_defaults, "@ExtendWith(X::class)\n" * _N, "A.kt") == (set(), [])


def test_many_unclosed_annotation_types_are_read_in_linear_time() -> None:
    text = "@ExtendWith(X.class) @interface A {\n" * _N
    assert finishes(extension_image_defaults, text, "A.java") == (set(), [])


def test_a_composed_annotation_after_another_extend_with_is_still_read() -> None:
    text = (
        "@ExtendWith(A.class)\n@ExtendWith(B.class)\n@Target({ ElementType.TYPE })\npublic @interface WithDb {\n"
        '    String image() default "postgres:16";\n}\n'
    )
    pairs, found = extension_image_defaults(text, "WithDb.java")
    assert pairs == {("WithDb", "image")}
    assert [(item.text, item.line) for item in found] == [("postgres:16", 5)]


def test_many_pulls_in_tests_are_read_in_linear_time() -> None:
    one_test = "@Test void a() {\n" + '  client.pullImageCmd("alpine").withTag("3");\n' * _N + "}\n"
    many_tests = '@Test void a() { client.pullImageCmd("alpine"); }\n' * _N
    distinct = "".join(f'client.pullImageCmd("alpine{i}");\n' for i in range(_N))
    assert {item.text for item in finishes(docker_java_pulls, one_test, "A.java")} == {"alpine:3"}
    assert {item.text for item in finishes(docker_java_pulls, many_tests, "A.java")} == {"alpine"}
    assert len(finishes(docker_java_pulls, distinct, "A.java")) == _N


def test_deeply_nested_dockerfile_tasks_are_read_in_linear_time() -> None:
    text = "task x(type: Dockerfile) {\n" * _N
    assert finishes(dockerfile_task_bases, text, "build.gradle") == []


def test_many_kubebuilder_markers_are_read_in_linear_time() -> None:
    text = "// +kubebuilder:default=alpine:3\n" * _N + 'Image string `json:"image"`\n'
    assert len(finishes(kubebuilder_default_images, text, "types.go")) == _N


def test_a_kubebuilder_marker_of_a_crlf_file_is_read() -> None:
    text = 'type S struct {\n\t// +kubebuilder:default="ghcr.io/acme/agent:v1"\n\tImage string `json:"image"`\n}\n'
    found = kubebuilder_default_images(text.replace("\n", "\r\n"), "api/v1/types.go")
    assert [(item.text, item.line) for item in found] == [("ghcr.io/acme/agent:v1", 2)]
