"""jvm_disabled_classes: a Java or Kotlin source whose every top-level class JUnit disables (`@Disabled`, `@Ignore`)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.jvm_disabled_classes import disabled_test_class
from tests.support.hang_guard import finishes

HEAD = "package p;\n\nimport org.junit.jupiter.api.Disabled;\n\n"


@pytest.mark.parametrize(
    ("text", "disabled"),
    [
        (HEAD + '@Disabled\nclass ATest { void a() { String s = "}"; } }\n', True),
        (HEAD + '@Disabled("flaky")\npublic final class ATest {}\n', True),
        ("import org.junit.Ignore;\n@Ignore public class ATest {}\n", True),
        ("@org.junit.jupiter.api.Disabled\nclass ATest {}\n", True),
        (HEAD + "@Disabled\nclass ATest {}\nclass Helper {}\n", False),  # a class of the file still runs
        # a Kotlin class without a body: its annotation is not the next class's
        ("import org.junit.jupiter.api.Disabled\n\n@Disabled\nclass Marker\n\nclass RedisTest {\n}\n", False),
        ("import org.junit.jupiter.api.Disabled\n\n@Disabled\nclass Marker\n\n@Disabled\nclass RedisTest {\n}\n", True),
        (HEAD + "class ATest { @Disabled void a() {} }\n", False),  # a method only
        (HEAD + "// @Disabled\nclass ATest {}\n", False),  # a comment
        ("import my.Disabled;\n@Disabled\nclass ATest {}\n", False),  # not JUnit's
        (HEAD + "@DisabledOnOs(OS.WINDOWS)\nclass ATest {}\n", False),  # a condition
        (HEAD + "@Disabled\nclass ATest { Class<?> c = ATest.class; }\n", True),
        (HEAD, False),  # no class
        # an annotation's array argument in braces is not a block: the `@Disabled` before it still reaches the class
        (HEAD + '@Disabled\n@SuppressWarnings({"rawtypes", "unchecked"})\nclass ATest {}\n', True),
        (HEAD + '@Disabled\n@ExtendWith({A.class, B.class})\n@Tag("slow")\npublic class ATest {}\n', True),
        (HEAD + '@SuppressWarnings({"rawtypes"})\nclass ATest {}\n', False),
        (HEAD + '@Disabled\nclass ATest {}\n@SuppressWarnings({"x"})\nclass Helper {}\n', False),
    ],
)
def test_disabled_test_class(text: str, *, disabled: bool) -> None:
    assert disabled_test_class(text) is disabled


HOSTILE = {
    "unclosed comments": HEAD + "@Disabled\nclass A {" + "/* " * 200_000,
    "unclosed escapes": HEAD + "@Disabled\nclass A {" + '"\\' * 200_000,
    "annotations and open braces": HEAD + "@Disabled " * 200_000 + "class A {" + "{" * 200_000,
    "many classes": HEAD + "class A {}\n" * 100_000,
    "unclosed arguments": HEAD + "@Disabled\n@A(" * 100_000 + "{class A {" * 100_000,
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_stays_linear(case: str) -> None:
    finishes(disabled_test_class, HOSTILE[case])
