"""Testcontainers: an image passed by name, where the name is bound to a literal image in the same file (a Go
constant with an environment override, a Java `static final String`, a Python, TypeScript or C# constant)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

GO = """\
package aerospike

import (
\t"os"
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
\ttcaerospike "github.com/testcontainers/testcontainers-go/modules/aerospike"
)

const (
\t// aerospikeImage is the default image used for running Aerospike in tests.
\taerospikeImage              = "aerospike/aerospike-server:latest"
\taerospikeImageEnvVar string = "TEST_AEROSPIKE_IMAGE"
\tunusedImage                 = "busybox:1.36"
)

var minioImage string = "quay.io/minio/minio:latest"

func start(t testing.TB) testcontainers.Container {
\timage := aerospikeImage
\tif envImage := os.Getenv(aerospikeImageEnvVar); envImage != "" {
\t\timage = envImage
\t}
\tctr, _ := tcaerospike.Run(ctx, image, testcontainers.WithEnv(nil))
\tname := "not an image!"
\tother, _ := testcontainers.Run(ctx, name)
\tfromEnv, _ := testcontainers.Run(ctx, os.Getenv("X"))
\treq := testcontainers.ContainerRequest{Image: minioImage}
\treturn ctr
}
"""

JAVA = """\
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

class StoreIT {
  private static final String REDIS_IMAGE = "redis:7.2";
  static final DockerImageName PG = DockerImageName.parse("postgres:16.4");
  static String POSTGRES = "postgres:17.0";
  static GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE));
  static PostgreSQLContainer<?> db = new PostgreSQLContainer<>(POSTGRES);
  static PostgreSQLContainer<?> other = new PostgreSQLContainer<>(PG);
}
"""

PYTHON = """\
from testcontainers.mongodb import MongoDbContainer

MONGO_IMAGE: str = "mongo:7.0"


def test_store():
    with MongoDbContainer(MONGO_IMAGE) as mongo:
        pass
"""

TYPESCRIPT = """\
import { GenericContainer } from "testcontainers";

const VALKEY = "valkey/valkey:8.0";
export const start = () => new GenericContainer(VALKEY).start();
"""

CSHARP = """\
using Testcontainers.PostgreSql;

public sealed class StoreTest
{
    private const string Image = "postgres:16-alpine";
    private readonly PostgreSqlContainer _db = new PostgreSqlBuilder().WithImage(Image).Build();
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_go_constant_behind_an_environment_override_and_a_var_in_a_container_request() -> None:
    # the use names the line the image is written on; a name bound to no image, or to nothing literal, gives nothing
    assert _images(GO, "aerospike/aerospike_test.go") == [
        ("aerospike/aerospike-server:latest", 13),
        ("quay.io/minio/minio:latest", 18),
    ]


def test_java_static_final_strings_passed_to_a_constructor_and_to_parse() -> None:
    assert _images(JAVA, "src/test/java/StoreIT.java") == [
        ("redis:7.2", 6),
        ("postgres:16.4", 7),  # a literal parse, as before
        ("postgres:17.0", 8),
    ]


def test_python_typescript_and_csharp_constants() -> None:
    assert _images(PYTHON, "tests/test_store.py") == [("mongo:7.0", 3)]
    assert _images(TYPESCRIPT, "test/start.ts") == [("valkey/valkey:8.0", 3)]
    assert _images(CSHARP, "tests/StoreTest.cs") == [("postgres:16-alpine", 5)]


def test_one_constant_used_twice_is_one_use() -> None:
    text = JAVA.replace(
        "static PostgreSQLContainer<?> other",
        "static GenericContainer<?> again = new "
        "GenericContainer<>(REDIS_IMAGE);\n  static PostgreSQLContainer<?> other",
    )
    assert _images(text, "StoreIT.java").count(("redis:7.2", 6)) == 1


TS_ENV_DEFAULT = """\
import { GenericContainer } from "testcontainers";

// override with NODE_IMAGE; pinned by digest for reproducibility.
const NODE_IMAGE =
  process.env.NODE_IMAGE ||
  "node:22-alpine@sha256:%s";
const PROXY_IMAGE = process.env["PROXY_IMAGE"] ?? "ghcr.io/acme/proxy:2.1";
const OTHER = process.env.OTHER || computeImage();

export async function start() {
  const node = await new GenericContainer(NODE_IMAGE).start();
  const proxy = await new GenericContainer(PROXY_IMAGE).start();
  const other = await new GenericContainer(OTHER).start();
}
""" % ("ab" * 32)


def test_a_typescript_constant_with_an_environment_override_takes_its_default() -> None:
    found = started_images(TS_ENV_DEFAULT, "suites/setup/containers.ts")
    assert [(item.text, item.line) for item in found] == [
        ("node:22-alpine@sha256:" + "ab" * 32, 6),
        ("ghcr.io/acme/proxy:2.1", 7),
        ("OTHER", 13),  # an environment variable, else a call: unresolved
    ]
    assert [item.problem is None for item in found] == [True, True, False]
