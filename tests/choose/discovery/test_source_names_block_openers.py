"""A name bound to a literal on the line after a block opener (`try:`, `else:`, `with x:` in Python) is that name's:
the binding's optional type annotation (`IMAGE: str = "..."`) is read on the name's own line, not across the line
break after a colon, which read `try:` and the next line's `docker_image` as `try` annotated with `docker_image`.
Shaped after a search test suite's data loaders (`docker_image = "sequoiatools/synonym_loader:t1"` inside `try:`,
then `self.docker_client.images.pull(docker_image)`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_sdk import python_sdk_pulls
from ecr_mirror.choose.discovery.source_names import SourceNames

LOADER = """try:
    import docker
except ImportError:
    print("WARN: fail to import docker")


class SynonymDatagen:
    def __init__(self):
        self.docker_client = docker.from_env()

    def start_server(self, container_name=None):
        try:
            docker_image = "sequoiatools/synonym_loader:t1"

            try:
                self.docker_client.images.pull(docker_image)
            except docker.errors.APIError as e:
                print(e)
        except Exception as e:
            print(f"Error: {e}")
"""


def test_a_name_bound_after_a_block_opener_is_bound() -> None:
    names = SourceNames.of(LOADER)
    assert [value for _, value in names.values("docker_image")] == ["sequoiatools/synonym_loader:t1"]
    assert names.values("try") == []


def test_the_sdk_pull_of_such_a_name_is_its_literal() -> None:
    found = python_sdk_pulls(LOADER, "pytests/fts/synonym_datagen/synonym_datagen.py")
    assert [(item.text, item.problem) for item in found] == [("sequoiatools/synonym_loader:t1", None)]


def test_an_annotated_binding_on_one_line_is_still_read() -> None:
    names = SourceNames.of('IMAGE: str = "redis:7"\nclass A:\n    image: Final = "postgres:16"\n')
    assert [value for _, value in names.values("IMAGE")] == ["redis:7"]
    assert [value for _, value in names.values("image")] == ["postgres:16"]
