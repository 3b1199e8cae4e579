"""Testcontainers images a Python test gives a module's class other than as a literal first argument: by the
`image=` keyword after others (`SqlServerContainer(username=..., image="...")`) or as an attribute of its own class
(`self.minio_image`, bound in the class body); and a first argument that is only a version (Java's `new
S3MockContainer("2.2.3")`, whose class pairs it with its own image), which is no image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

PYTHON = """\
import pytest
from testcontainers.core.container import DockerContainer
from testcontainers.mssql import SqlServerContainer

MSSQL_PASSWORD = "yourStrong(!)Password"


@pytest.fixture(scope="session")
def mssql_container():
    container = SqlServerContainer(
        username="SA",
        password=MSSQL_PASSWORD,
        image="mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04",
    )
    container.start()
    yield container


class S3Creator:
    bucket = "test"
    minio_image = "minio/minio:RELEASE.2024-05-10T01-41-38Z"

    def _setup(self):
        self.minio = DockerContainer(self.minio_image)
        self.minio.with_exposed_ports(9000)
        self.minio.start()
"""

JAVA = """\
import com.adobe.testing.s3mock.testcontainers.S3MockContainer;
import org.testcontainers.junit.jupiter.Container;

class RegistryIT {
  @Container static final S3MockContainer s3Mock = new S3MockContainer("3.12.0");
  @Container static final GenericContainer<?> redis = new GenericContainer<>("redis:7.2");
}
"""


def test_the_image_keyword_and_an_attribute_of_the_class() -> None:
    found = started_images(PYTHON, "tests/test_sources.py")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04", 13, None),
        ("minio/minio:RELEASE.2024-05-10T01-41-38Z", 21, None),
    ]


def test_a_version_given_to_a_module_class_is_no_image() -> None:
    found = started_images(JAVA, "src/test/java/RegistryIT.java")
    assert [(item.text, item.problem is None) for item in found] == [("3.12.0", False), ("redis:7.2", True)]
    [version] = [item for item in found if item.problem]
    assert "version" in (version.problem or "")
