"""An annotation type of the tree whose attribute a Testcontainers source gives a container as its image
(`DockerImageName.parse(annotation.imageName())`): each use of the annotation with a literal names an image."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

BASE = "src/test/java/org/acme/db/"
TREE = {
    BASE + "DatabaseContainer.java": (
        "package org.acme.db;\n\n"
        "@Retention(RetentionPolicy.RUNTIME)\n"
        "@ExtendWith(DatabaseContainerExtension.class)\n"
        "public @interface DatabaseContainer {\n"
        "    String imageName();\n"
        '    String schema() default "public";\n'
        "}\n"
    ),
    BASE + "MysqlProvider.java": (
        "package org.acme.db;\n\n"
        "import org.testcontainers.containers.MySQLContainer;\n"
        "import org.testcontainers.utility.DockerImageName;\n\n"
        "public class MysqlProvider {\n"
        "    public GenericContainer<?> getContainer(DatabaseContainer dataSourceContainer) {\n"
        "        return new MySQLContainer(DockerImageName.parse(dataSourceContainer.imageName()))\n"
        "                .withDatabaseName(dataSourceContainer.schema());\n"
        "    }\n"
        "}\n"
    ),
    BASE + "v5/UpgradeIT.java": (
        'package org.acme.db.v5;\n\n@DatabaseContainer(imageName = "mysql:5.7")\nclass UpgradeIT {\n}\n'
    ),
    BASE + "v16/InitIT.java": (
        "package org.acme.db.v16;\n\n"
        '@DatabaseContainer(schema = "ledger", imageName = "postgres:16.4")\n'
        "class InitIT {\n}\n"
    ),
    BASE
    + "OtherIT.java": '@OtherContainer(imageName = "redis:7")\n@DatabaseContainer(schema = "x:1")\nclass OtherIT {}\n',
}


def test_the_uses_of_an_annotation_whose_attribute_is_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["reference"], r["file"], r["line"]) for r in records} == {
        ("mysql:5.7", BASE + "v5/UpgradeIT.java", 3),
        ("postgres:16.4", BASE + "v16/InitIT.java", 3),
    }
