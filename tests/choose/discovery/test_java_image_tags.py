"""The images a Java `DockerImageName.parse(...)` names with the tags the file gives them (java_image_tags.py, read
through testcontainers.py): a name that is only an element of an array of names only compared with
(`assertCompatibleWith(COMPATIBLE_IMAGES)`) names no pull of its own; read in linear time, however many times the
file uses the array's name."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images
from tests.support.hang_guard import finishes


def _images(elements: int, checks: int) -> str:
    """A class whose untagged name is `elements` times an element of an array the file compares with `checks`
    times, and started once with a tag."""
    checked = "    given.assertCompatibleWith(IMAGES);\n" * checks
    return (
        "import org.testcontainers.utility.DockerImageName;\n"
        "class Images {\n"
        '  static final DockerImageName RELAY = DockerImageName.parse("acme/relay");\n'
        "  static final DockerImageName[] IMAGES = new DockerImageName[] {" + "RELAY," * elements + " };\n"
        "  void check(DockerImageName given) {\n" + checked + '    run(RELAY.withTag("1.0"));\n'
        "  }\n"
        "}\n"
    )


def test_a_name_only_in_a_compared_array_names_only_its_tagged_uses() -> None:
    found = started_images(_images(2, 2), "Images.java")
    assert [(f.text, f.line) for f in found] == [("acme/relay:1.0", 8)]


def test_an_array_used_elsewhere_than_in_checks_keeps_the_untagged_name() -> None:
    text = _images(1, 1).replace("  }\n}", "    start(IMAGES);\n  }\n}")
    found = started_images(text, "Images.java")
    assert [(f.text, f.line) for f in found] == [("acme/relay", 3), ("acme/relay:1.0", 7)]


def test_many_elements_of_an_array_compared_many_times_read_in_linear_time() -> None:
    # 300 elements in the array (all the look-back holds), its name compared 40,000 times (1.6 MB): each element once
    # went through every use of the array's name, each check copying the text before it (78 s at 16,000 checks)
    found = finishes(started_images, _images(300, 40_000), "Images.java")
    assert [f.text for f in found] == ["acme/relay:1.0"]


def _rebound(parses: int, *, tagged_each: bool) -> str:
    """A method that binds one name to an untagged parse `parses` times, each followed by a start of the name (with
    a tag when `tagged_each`, else untagged), and starts it once more with a tag."""
    start = '    start(IMAGE.withTag("1.0"));\n' if tagged_each else "    start(IMAGE);\n"
    body = '    IMAGE = DockerImageName.parse("acme/relay");\n' + start
    return (
        "import org.testcontainers.utility.DockerImageName;\nclass Images {\n  void run() {\n"
        + body * parses
        + '    start(IMAGE.withTag("2.0"));\n  }\n}\n'
    )


def test_a_name_bound_again_keeps_its_untagged_uses_and_its_tags() -> None:
    found = started_images(_rebound(2, tagged_each=False), "Images.java")
    assert [(f.text, f.line) for f in found] == [("acme/relay", 4), ("acme/relay", 6), ("acme/relay:2.0", 8)]
    found = started_images(_rebound(2, tagged_each=True), "Images.java")
    assert [(f.text, f.line) for f in found] == [
        ("acme/relay", 4),
        ("acme/relay:1.0", 5),
        ("acme/relay", 6),
        ("acme/relay:1.0", 7),
        ("acme/relay:2.0", 8),
    ]


def test_a_name_bound_to_many_parses_is_read_in_linear_time() -> None:
    # each parse bound to the name went through every use of the name, and gave every tag again: 4,000 parses took
    # 123 s (1,000 each started with a tag: 15 s); 20,000 here, 25 times that squared
    found = finishes(started_images, _rebound(20_000, tagged_each=False), "Images.java")
    assert len(found) == 20_001
    found = finishes(started_images, _rebound(20_000, tagged_each=True), "Images.java")
    assert len(found) == 40_001


SUBSTITUTE_THEN_TAG = """\
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
class HistoryTest {
  void start() {
    container = new PostgreSQLContainer(DockerImageName.parse("timescale/timescaledb-ha")
            .asCompatibleSubstituteFor("postgres").withTag("pg14-latest"));
  }
}
"""


def test_a_tag_after_the_substitute_declaration_is_the_images() -> None:
    """`DockerImageName.parse(REPO).asCompatibleSubstituteFor("postgres").withTag(TAG)` starts `REPO:TAG` (the
    declaration returns the name, which then takes the tag): eclipse-sensinact's TimescaleDB tests (set ZZZW)."""
    found = started_images(SUBSTITUTE_THEN_TAG, "HistoryTest.java")
    assert [(f.text, f.line) for f in found] == [("timescale/timescaledb-ha:pg14-latest", 5)]
