"""`ecr-mirror discover` on a Java container base class that starts its containers from the image a method of its own
gives, each engine's subclass overriding that method (`new GenericContainer<>(getDockerImage())` in the base,
`protected String getDockerImage() { return "acme/engine:1.14"; }` in each subclass, in files that need not import
Testcontainers themselves): each override's image is pulled, at the line of its literal."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.discover_jvm_classes import extends_of
from tests.support.hang_guard import finishes
from tests.support.trees import tree_rows

BASE = """\
package org.acme.e2e.engine;

import org.testcontainers.containers.GenericContainer;

public abstract class AbstractEngineContainer extends AbstractTestContainer {

    protected GenericContainer<?> master;

    protected abstract String getDockerImage();

    protected String getLogName() {
        return "acme/log:1";
    }

    public void startUp() {
        final String dockerImage = getDockerImage();
        master =
                new GenericContainer<>(dockerImage)
                        .withCommand("master");
    }
}
"""

OLD_ENGINE = """\
package org.acme.e2e.engine;

public class Engine13Container extends AbstractEngineContainer {

    @Override
    protected String getDockerImage() {
        return "acme/engine:1.13.6-scala_2.11";
    }

    @Override
    protected String getLogName() {
        return "acme/not-started:1";
    }
}
"""

NEW_ENGINE = """\
package org.acme.e2e.engine;

public class Engine14Container extends Engine13Container {

    private static final String IMAGE = "acme/engine:1.14.6-scala_2.12";

    @Override
    protected String getDockerImage() {
        return IMAGE;
    }
}
"""

UNRELATED = """\
package org.acme.report;

public class ImageReport extends AbstractReport {

    protected String getDockerImage() {
        return "acme/reported-only:2";
    }
}
"""


def test_a_subclass_override_of_the_method_a_base_container_starts_from_is_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "e2e/src/test/java/org/acme/e2e/engine/AbstractEngineContainer.java": BASE,
        "e2e/src/test/java/org/acme/e2e/engine/Engine13Container.java": OLD_ENGINE,
        "e2e/src/test/java/org/acme/e2e/engine/Engine14Container.java": NEW_ENGINE,
        "report/src/main/java/org/acme/report/ImageReport.java": UNRELATED,
    }
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("e2e/src/test/java/org/acme/e2e/engine/Engine13Container.java", 7, "acme/engine:1.13.6-scala_2.11", "public"),
        ("e2e/src/test/java/org/acme/e2e/engine/Engine14Container.java", 5, "acme/engine:1.14.6-scala_2.12", "public"),
    ]


def test_a_base_that_starts_no_container_from_the_method_gives_its_overrides_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = BASE.replace("new GenericContainer<>(dockerImage)", 'new GenericContainer<>("acme/fixed:3")')
    tree = {
        "e2e/src/test/java/org/acme/e2e/engine/AbstractEngineContainer.java": base,
        "e2e/src/test/java/org/acme/e2e/engine/Engine13Container.java": OLD_ENGINE,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [("e2e/src/test/java/org/acme/e2e/engine/AbstractEngineContainer.java", 18, "acme/fixed:3")]


SELF_TYPED = """\
package org.acme.e2e.engine;

/** An engine whose builder methods return its own type. */
public class Engine15Container<SELF extends Engine15Container<SELF>> extends AbstractEngineContainer {

    @Override
    protected String getDockerImage() {
        return "acme/engine:1.15.1-scala_2.12";
    }
}
"""

KOTLIN_ENGINE = """\
package org.acme.e2e.engine

class Engine16Container(private val scala: String = "2.12") : AbstractEngineContainer() {

    override fun getDockerImage(): String {
        return "acme/engine:1.16.0-scala_2.12"
    }
}
"""


def test_the_parent_is_the_one_the_class_declaration_extends_not_a_type_parameters_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a review found the first `extends` of the text taken: the bound of `SELF`, the class itself; and in Kotlin the
    # first `:`, a constructor parameter's type (`String`)
    tree = {
        "e2e/src/test/java/org/acme/e2e/engine/AbstractEngineContainer.java": BASE,
        "e2e/src/test/java/org/acme/e2e/engine/Engine15Container.java": SELF_TYPED,
        "e2e/src/test/kotlin/org/acme/e2e/engine/Engine16Container.kt": KOTLIN_ENGINE,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("e2e/src/test/java/org/acme/e2e/engine/Engine15Container.java", 8, "acme/engine:1.15.1-scala_2.12"),
        ("e2e/src/test/kotlin/org/acme/e2e/engine/Engine16Container.kt", 6, "acme/engine:1.16.0-scala_2.12"),
    ]


def test_declarations_name_their_own_parent() -> None:
    def parent(text: str, shown: str = "A.java") -> list[tuple[str, str]]:
        return [(cls, parent) for _, _, cls, parent in extends_of(shown, Path(shown), text.encode())]

    assert parent(SELF_TYPED, "Engine15Container.java") == [("Engine15Container", "AbstractEngineContainer")]
    assert parent(KOTLIN_ENGINE, "Engine16Container.kt") == [("Engine16Container", "AbstractEngineContainer")]
    assert parent("class Keyed<K : Comparable<K>> : Base<K>()", "Keyed.kt") == [("Keyed", "Base")]
    assert parent("class Cache<K extends Comparable<K>> implements Store<K> {}", "Cache.java") == []
    assert parent("public class Plain extends com.acme.Base {}", "Plain.java") == [("Plain", "Base")]


def test_the_class_is_the_file_s_top_level_one_named_as_the_file() -> None:
    # a review found the first declaration with a parent taken: a nested class, or another class of the file
    def parent(text: str, shown: str) -> list[tuple[str, str]]:
        return [(cls, parent) for _, _, cls, parent in extends_of(shown, Path(shown), text.encode())]

    nested = "public class EngineSuite {\n    static class Settings extends Properties {}\n}\n"
    assert parent(nested, "EngineSuite.java") == []
    helper_first = (
        "class EngineDefaults extends Properties {}\npublic class Engine21 extends AbstractEngineContainer {}\n"
    )
    assert parent(helper_first, "Engine21.java") == [("Engine21", "AbstractEngineContainer")]
    kotlin = "private class Settings : HashMap<String, String>()\n\nclass Engine22 : AbstractEngineContainer() {\n}\n"
    assert parent(kotlin, "Engine22.kt") == [("Engine22", "AbstractEngineContainer")]
    kotlin_nested = "class Engine23 {\n    class Settings : HashMap<String, String>()\n}\n"
    assert parent(kotlin_nested, "Engine23.kt") == []
    # a Kotlin object declaration is a class with one instance (https://kotlinlang.org/docs/object-declarations.html)
    assert parent("object Engine24 : AbstractEngineContainer() {\n}\n", "Engine24.kt") == [
        ("Engine24", "AbstractEngineContainer")
    ]


KOTLIN_HELPER_FIRST = """\
package org.acme.e2e.engine

private class EngineSettings : HashMap<String, String>()

class Engine17Container : AbstractEngineContainer() {

    override fun getDockerImage(): String {
        return "acme/engine:1.17.2"
    }
}
"""

KOTLIN_OBJECT = """\
package org.acme.e2e.engine

object Engine18Container : AbstractEngineContainer() {

    override fun getDockerImage(): String {
        return "acme/engine:1.18.0"
    }
}
"""


def test_a_kotlin_class_after_a_helper_and_a_kotlin_object_give_their_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "e2e/src/test/java/org/acme/e2e/engine/AbstractEngineContainer.java": BASE,
        "e2e/src/test/kotlin/org/acme/e2e/engine/Engine17Container.kt": KOTLIN_HELPER_FIRST,
        "e2e/src/test/kotlin/org/acme/e2e/engine/Engine18Container.kt": KOTLIN_OBJECT,
    }
    rows = [(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        ("e2e/src/test/kotlin/org/acme/e2e/engine/Engine17Container.kt", 8, "acme/engine:1.17.2"),
        ("e2e/src/test/kotlin/org/acme/e2e/engine/Engine18Container.kt", 6, "acme/engine:1.18.0"),
    ]


def test_long_declarations_without_a_parent_are_read_in_linear_time() -> None:
    for hostile in ("class A " * 200_000, "class A<" * 200_000, "class A(" * 200_000, "class A<T extends B> " * 80_000):
        assert finishes(extends_of, "A.java", Path("A.java"), hostile.encode()) == []
