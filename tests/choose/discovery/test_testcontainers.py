"""Testcontainers: the literal images tests start (Go, Java, Kotlin, Python, JavaScript/TypeScript)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import language_of, started_images, uses_testcontainers

GO = """\
package store

import (
\t"context"
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
\tpg "github.com/testcontainers/testcontainers-go/modules/postgres"
\t"github.com/testcontainers/testcontainers-go/modules/redis"
\t"github.com/testcontainers/testcontainers-go/wait"
)

const minioImage = "minio/minio:RELEASE.2024-01-16T16-07-38Z"

func startAll(ctx context.Context, t *testing.T) {
\tdb, _ := pg.RunContainer(ctx,
\t\ttestcontainers.WithImage("docker.io/postgres:15.2-alpine"),
\t\tpg.WithDatabase("orders"),
\t)
\tcache, _ := redis.Run(ctx, "redis:7.4-alpine")
\tnewer, _ := pg.Run(context.Background(), "postgres:16")
\treq := testcontainers.ContainerRequest{
\t\tImage:        "mysql:8.0",
\t\tExposedPorts: []string{"3306/tcp"},
\t\tWaitingFor:   wait.ForListeningPort("3306/tcp"),
\t}
\tstore := testcontainers.ContainerRequest{Image: minioImage}
\t// testcontainers.WithImage("commented/out:1")
\tt.Log(Config{Image: "not an image!"}, db, cache, newer, req, store)
}
"""

JAVA = """\
package com.example.orders;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

class OrdersIT {
  static PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(
    "postgres:17.2"
  );
  static GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7.2"))
      .withExposedPorts(6379);
  static LocalStackContainer aws = new LocalStackContainer(
      DockerImageName.parse("localstack/localstack").withTag("3.8"));
  static KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka").withTag(KAFKA_TAG));
  static GenericContainer<?> custom = new GenericContainer<>(
      DockerImageName.parse("registry.example.com/mirror/postgres:16").asCompatibleSubstituteFor("postgres"));
  static GenericContainer<?> built = new GenericContainer<>(IMAGE + ":" + VERSION);
}
"""

KOTLIN = """\
import org.testcontainers.containers.MongoDBContainer

val mongo = MongoDBContainer("mongo:7.0")
val nginx = GenericContainer<Nothing>("nginx:1.27-alpine")
"""

PYTHON = """\
from testcontainers.postgres import PostgresContainer
from testcontainers.core.container import DockerContainer


def test_orders():
    with PostgresContainer("postgres:16") as pg, DockerContainer(image='nginx:1.27') as web:
        # DockerContainer("commented:1")
        other = PostgresContainer(f"postgres:{VERSION}")
        default = PostgresContainer()
"""

TYPESCRIPT = """\
import { GenericContainer, Wait } from "testcontainers";
import { PostgreSqlContainer } from "@testcontainers/postgresql";

export async function start(): Promise<void> {
  const ollama = await new GenericContainer("ollama/ollama:latest").withExposedPorts(11434).start();
  const redis = await new GenericContainer('redis:6.0-alpine').start();
  const db = await new PostgreSqlContainer("postgres:16-alpine").start();
  const prebuilt = new GenericContainer(process.env.PREBUILT_IMAGE);
  const tagged = new GenericContainer(`chroma:${tag}`);
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_go_with_image_container_request_and_module_run() -> None:
    assert _images(GO, "store/db_test.go") == [
        ("minio/minio:RELEASE.2024-01-16T16-07-38Z", 13),  # the constant a ContainerRequest names
        ("docker.io/postgres:15.2-alpine", 17),
        ("redis:7.4-alpine", 20),
        ("postgres:16", 21),
        ("mysql:8.0", 23),
    ]


def test_java_constructors_and_docker_image_name() -> None:
    assert _images(JAVA, "src/test/java/OrdersIT.java") == [
        ("postgres:17.2", 9),
        ("redis:7.2", 11),
        ("localstack/localstack:3.8", 14),
        ("registry.example.com/mirror/postgres:16", 17),
    ]


def test_kotlin_python_and_typescript_constructors() -> None:
    assert _images(KOTLIN, "src/test/kotlin/Db.kt") == [("mongo:7.0", 3), ("nginx:1.27-alpine", 4)]
    assert _images(PYTHON, "tests/test_orders.py") == [("postgres:16", 6), ("nginx:1.27", 6)]
    assert _images(TYPESCRIPT, "test/setup.ts") == [
        ("ollama/ollama:latest", 5),
        ("redis:6.0-alpine", 6),
        ("postgres:16-alpine", 7),
        ("process.env.PREBUILT_IMAGE", 8),  # an environment variable without a default: unresolved
    ]
    assert started_images(TYPESCRIPT, "test/setup.ts")[-1].problem is not None


def test_each_use_names_its_language_and_testcontainers() -> None:
    item = started_images(KOTLIN, "Db.kt")[0]
    assert (item.origin, item.use, item.kind, item.problem) == ("Db.kt", "testcontainers", "Kotlin source", None)


def test_only_files_that_import_testcontainers_are_read() -> None:
    assert uses_testcontainers(GO) and uses_testcontainers(JAVA) and uses_testcontainers(PYTHON)
    assert uses_testcontainers(TYPESCRIPT)
    mention = '// see https://testcontainers.com\nconst c = new GenericContainer("redis:7");\n'
    assert not uses_testcontainers(mention)
    assert started_images(mention, "notes.ts") == []


def test_languages_by_suffix() -> None:
    assert [language_of(name) for name in ("a_test.go", "A.java", "b.kt", "c.py", "d.mts", "e.cjs", "f.rs")] == [
        "Go",
        "Java",
        "Kotlin",
        "Python",
        "TypeScript",
        "JavaScript",
        None,
    ]
