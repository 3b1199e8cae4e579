"""A Maven module the POM of the directory above does not list in its `<modules>` (commented out, or never added) is
not built by the reactor that POM runs (https://maven.apache.org/guides/mini/guide-multiple-modules.html): its Java
and Kotlin tests never run, so the containers they start are not pulled. Unless the tree runs it apart: a CI file,
a script or a Makefile outside the module that names the module's directory (`mvn -f chaos/pom.xml`, `cd chaos`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_maven_reactor import unbuilt_module_sources
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree


def _aggregator(*modules: str, commented: tuple[str, ...] = (), maven4: bool = False) -> str:
    """An aggregating POM; `maven4`: model 4.1.0's `<subprojects>`, the new name of `<modules>`
    (https://maven.apache.org/ref/4.0.0/maven-model/maven.html)."""
    item, items, model = ("subproject", "subprojects", "4.1.0") if maven4 else ("module", "modules", "4.0.0")
    listed = "\n".join(f"        <{item}>{module}</{item}>" for module in modules)
    hidden = "\n".join(f"<!--        <{item}>{module}</{item}>-->" for module in commented)
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>{model}</modelVersion>
    <groupId>com.example</groupId>
    <artifactId>samples</artifactId>
    <packaging>pom</packaging>
    <{items}>
{listed}
{hidden}
    </{items}>
</project>
"""


def _module(name: str) -> str:
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <parent>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-starter-parent</artifactId>
        <version>3.3.0</version>
        <relativePath/>
    </parent>
    <artifactId>{name}</artifactId>
</project>
"""


def _test(package: str, image: str) -> str:
    return f"""\
package com.example.{package};

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers
class ApplicationTests {{

    @Container
    static GenericContainer<?> service = new GenericContainer<>("{image}").withExposedPorts(8080);

    @Test
    void starts() {{
    }}
}}
"""


WORKFLOW = """\
name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ./mvnw -B verify
"""

TREE = {
    "pom.xml": _aggregator("kafka", "nested", commented=("kafka-chaos",)),
    ".github/workflows/ci.yml": WORKFLOW,
    "kafka/pom.xml": _module("kafka"),
    "kafka/src/test/java/com/example/kafka/ApplicationTests.java": _test("kafka", "apache/kafka:3.8.0"),
    "kafka-chaos/pom.xml": _module("kafka-chaos"),
    "kafka-chaos/src/test/java/com/example/chaos/ApplicationTests.java": _test("chaos", "confluentinc/cp-kafka:7.4.0"),
    "kafka-chaos/src/test/kotlin/com/example/chaos/Other.kt": (
        'import org.testcontainers.containers.GenericContainer\n\nval zk = GenericContainer("zookeeper:3.8.0")\n'
    ),
    # a module nested under an unlisted module is not built either
    "kafka-chaos/inner/pom.xml": _module("inner"),
    "kafka-chaos/inner/src/test/java/com/example/inner/ApplicationTests.java": _test("inner", "redis:6"),
    # near shape: a module listed from the aggregator's aggregator (nested/pom.xml lists it)
    "nested/pom.xml": _aggregator("listed"),
    "nested/listed/pom.xml": _module("listed"),
    "nested/listed/src/test/java/com/example/listed/ApplicationTests.java": _test("listed", "mongo:7"),
    # near shape: a project of its own beside no aggregator (examples/ has no POM)
    "examples/demo/pom.xml": _module("demo"),
    "examples/demo/src/test/java/com/example/demo/ApplicationTests.java": _test("demo", "postgres:16"),
}


def test_an_unlisted_modules_tests_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert "confluentinc/cp-kafka:7.4.0" not in found
    assert "zookeeper:3.8.0" not in found
    assert "redis:6" not in found
    assert {"apache/kafka:3.8.0", "mongo:7", "postgres:16"} <= found


@pytest.mark.parametrize(
    "runner",
    [
        ("ci.yml", "      - run: ./mvnw -B verify -f kafka-chaos/pom.xml\n"),
        ("ci.yml", "      - run: cd kafka-chaos && ../mvnw -B test\n"),
    ],
)
def test_an_unlisted_module_the_tree_runs_apart_is_read(
    runner: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name, step = runner
    write_tree(tmp_path, {**TREE, f".github/workflows/{name}": WORKFLOW + step})
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert {"confluentinc/cp-kafka:7.4.0", "zookeeper:3.8.0", "redis:6"} <= found


def test_a_module_listed_by_its_pom_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `<module>` may name the module's POM file as well as its directory (Maven locates a directory's pom.xml)
    tree = {**TREE, "pom.xml": _aggregator("kafka/pom.xml", "./nested/pom.xml", "kafka-chaos/pom-chaos.xml")}
    write_tree(tmp_path, tree)
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert {"apache/kafka:3.8.0", "mongo:7", "confluentinc/cp-kafka:7.4.0"} <= found


def _many_unlisted_modules(top: str, modules: int, others: int) -> int:
    """The sources left out of a tree of `modules` unlisted modules and `others` scripts naming none of them."""
    root = Path(top)
    write_tree(root, {"pom.xml": _aggregator("listed")})
    files: list[tuple[str, Path, Kind]] = [("pom.xml", root / "pom.xml", Kind.COMPOSE)]
    sources: list[tuple[str, Path]] = []
    for index in range(modules):
        write_tree(root, {f"m{index}/pom.xml": _module(f"m{index}"), f"m{index}/T.java": "class T {}\n"})
        files.append((f"m{index}/pom.xml", root / f"m{index}/pom.xml", Kind.COMPOSE))
        sources.append((f"m{index}/T.java", root / f"m{index}/T.java"))
    scripts = [(f"s{index}.sh", root / f"s{index}.sh") for index in range(others)]
    write_tree(root, {shown: "echo building the listed module\n" * 20 for shown, _ in scripts})
    return len(unbuilt_module_sources(files, scripts, sources, root))


def test_many_unlisted_modules_and_files_read_each_file_once(tmp_path: Path) -> None:
    # each file was read again for each unlisted module: 200 modules and 2,000 files took 58 s, this size 16 times that
    assert finishes(_many_unlisted_modules, str(tmp_path), 800, 8000) == 800


PROFILE_AGGREGATOR = """\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <groupId>com.example</groupId>
    <artifactId>samples</artifactId>
    <packaging>pom</packaging>
    <modules>
        <module>kafka</module>
        <module>nested</module>
    </modules>
    <profiles>
        <profile>
            <id>chaos</id>
            <modules>
                <module>kafka-chaos</module>
            </modules>
        </profile>
    </profiles>
</project>
"""


def test_maven_4_subprojects_are_the_reactors_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        **TREE,
        "pom.xml": _aggregator("kafka", "nested", commented=("kafka-chaos",), maven4=True),
        "nested/pom.xml": _aggregator("listed", maven4=True),
    }
    write_tree(tmp_path, tree)
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert not found & {"confluentinc/cp-kafka:7.4.0", "zookeeper:3.8.0", "redis:6"}
    assert {"apache/kafka:3.8.0", "mongo:7", "postgres:16"} <= found


def test_a_module_only_a_profile_lists_is_the_reactors_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `mvn -Pchaos verify` builds it (https://maven.apache.org/guides/introduction/introduction-to-profiles.html)
    write_tree(tmp_path, {**TREE, "pom.xml": PROFILE_AGGREGATOR})
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert {"apache/kafka:3.8.0", "mongo:7", "confluentinc/cp-kafka:7.4.0", "redis:6"} <= found


def _plugin_module(name: str, image: str) -> str:
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<project>
    <modelVersion>4.0.0</modelVersion>
    <artifactId>{name}</artifactId>
    <build>
        <plugins>
            <plugin>
                <groupId>io.fabric8</groupId>
                <artifactId>docker-maven-plugin</artifactId>
                <configuration>
                    <images>
                        <image>
                            <name>{image}</name>
                            <alias>server</alias>
                            <run><ports><port>2379:2379</port></ports></run>
                        </image>
                    </images>
                </configuration>
            </plugin>
        </plugins>
    </build>
</project>
"""


def test_the_docker_maven_plugin_images_of_an_unlisted_module_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the plugin runs only in a Maven build of its module: an unlisted module's (and its submodules') POMs start
    # nothing, a listed module's do; the module's compose files are still read (they run without Maven)
    write_tree(
        tmp_path,
        {
            "pom.xml": _aggregator("demo-consul", commented=("demo-etcd",)),
            ".github/workflows/ci.yml": WORKFLOW,
            "demo-consul/pom.xml": _plugin_module("demo-consul", "hashicorp/consul:1.21"),
            "demo-etcd/pom.xml": _aggregator("test-client"),
            "demo-etcd/test-client/pom.xml": _plugin_module("test-client", "bitnami/etcd:3.5.16"),
            "demo-etcd/docker-compose.yml": "services:\n  etcd:\n    image: quay.io/coreos/etcd:v3.5.16\n",
        },
    )
    found = {record["reference"] for record in discover_records(tmp_path, monkeypatch, capsys)}
    assert "hashicorp/consul:1.21" in found
    assert "quay.io/coreos/etcd:v3.5.16" in found
    assert "bitnami/etcd:3.5.16" not in found
