"""A Testcontainers call given a constant the file binds to no literal (of another file or module, or an
environment variable) is reported unresolved at its line, naming the name, not dropped; a name the file resolves, or
binds where an image is read, adds no unresolved line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

_JAVA = """\
package com.acme.orders;

import static com.acme.testing.Images.KAFKA_IMAGE;

import com.acme.testing.Images;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

class OrdersIT {
    static final PostgreSQLContainer<?> DB = new PostgreSQLContainer<>(Images.POSTGRES);
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
    static final DockerImageName REDIS = DockerImageName.parse("redis:7.2-alpine");
    static final GenericContainer<?> CACHE = new GenericContainer<>(REDIS);

    static GenericContainer<?> sidecar(String image) {
        return new GenericContainer<>(image);
    }
}
"""


def test_java_names_from_elsewhere_are_unresolved_at_their_lines() -> None:
    """Not the method's parameter `image` (a helper's: the helper readers list what its callers give it)."""
    found = started_images(_JAVA, "src/test/java/OrdersIT.java")
    assert [(f.line, f.text, f.problem is None) for f in found] == [
        (12, "Images.POSTGRES", False),
        (13, "KAFKA_IMAGE", False),
        (14, "redis:7.2-alpine", True),
    ]
    assert all("binds to no literal" in (f.problem or "") for f in found if f.problem is not None)


_GO = """\
package store_test

import (
\t"testing"

\t"github.com/acme/shop/internal/testimages"
\t"github.com/testcontainers/testcontainers-go"
\t"github.com/testcontainers/testcontainers-go/modules/postgres"
)

func startCache(t *testing.T, image string) {
\treq := testcontainers.ContainerRequest{
\t\tImage: image,
\t}
\t_ = req
}

func TestStore(t *testing.T) {
\tctr, err := postgres.Run(t.Context(), testimages.Postgres)
\t_, _ = ctr, err
\t_, _ = postgres.Run(t.Context(), "postgres:16-alpine")
}
"""


def test_go_package_constant_is_unresolved_not_a_parameter() -> None:
    """A parameter (`image`, `cfg.Image`) is left to the helper readers, which list what the callers give it."""
    found = started_images(_GO, "internal/store/store_test.go")
    assert [(f.line, f.text, f.problem is None) for f in found] == [
        (19, "testimages.Postgres", False),
        (21, "postgres:16-alpine", True),
    ]


_PYTHON = """\
from testcontainers.postgres import PostgresContainer
from testcontainers.redis import RedisContainer

from tests.images import POSTGRES_IMAGE

REDIS = "redis:7.4"


def test_store():
    with PostgresContainer(POSTGRES_IMAGE) as db, RedisContainer(REDIS) as cache:
        assert db and cache


def make(image=None):
    return PostgresContainer(image=None)
"""


def test_python_imported_constant_is_unresolved() -> None:
    found = started_images(_PYTHON, "tests/test_store.py")
    assert [(f.line, f.text, f.problem is None) for f in found] == [
        (6, "redis:7.4", True),
        (10, "POSTGRES_IMAGE", False),
    ]


_TYPESCRIPT = """\
import { GenericContainer } from "testcontainers";
import { MAILPIT_IMAGE } from "./images";

it("sends mail", async () => {
  const mail = await new GenericContainer(MAILPIT_IMAGE).withExposedPorts(8025).start();
  await mail.stop();
});
"""


def test_typescript_imported_constant_is_unresolved() -> None:
    found = started_images(_TYPESCRIPT, "test/mail.test.ts")
    assert [(f.line, f.text, f.problem is None) for f in found] == [(5, "MAILPIT_IMAGE", False)]


_CSHARP = """\
using Testcontainers.PostgreSql;

public sealed class DbFixture
{
    private readonly PostgreSqlContainer _db = new PostgreSqlBuilder(TestImages.Postgres).Build();
}
"""


def test_csharp_builder_given_another_class_constant_is_unresolved() -> None:
    found = started_images(_CSHARP, "tests/DbFixture.cs")
    assert [(f.line, f.text, f.problem is None) for f in found] == [(5, "TestImages.Postgres", False)]


_SUBCLASS = """\
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

public class MailContainer extends GenericContainer<MailContainer> {
    public MailContainer(String image) {
        super(DockerImageName.parse(image));
    }
}
"""


def test_a_subclass_handing_its_parameter_to_super_is_not_unresolved() -> None:
    """The subclass's callers give the image (`new MailContainer("...")`), read where they call it."""
    assert started_images(_SUBCLASS, "src/test/java/MailContainer.java") == []
