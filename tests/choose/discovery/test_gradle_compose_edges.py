"""The Gradle docker-compose plugin's blocks at their edges: a block written on one line, `$name` without braces,
a build file starting with a blank line, nested blocks that hold blocks, start the body, or inherit the files."""

from __future__ import annotations

from ecr_mirror.choose.discovery.gradle_compose import gradle_compose_runs
from ecr_mirror.choose.discovery.workflow_steps import ComposeRun

NESTED = """
dockerCompose {
    useComposeFiles = ["base.yml"]
    environment.put "TOP", "1"
    mysql {environment.put "DB", "8.4"}
    cache {
        retry { count = 3 }
        useComposeFiles = ["cache.yml"]
    }
    redis {
        environment.put "REDIS", "$redisTag"
    }
}
"""


def test_a_block_on_one_line_with_a_property_without_braces() -> None:
    text = '\ndockerCompose {useComposeFiles = ["a.yml"]; environment.put "A", "v$tag"}\n'
    assert gradle_compose_runs(text, "build.gradle", {"tag": "7"}) == [
        ComposeRun(("a.yml",), "", (("A", "v7"),), "build.gradle", 2)
    ]


def test_nested_blocks_inherit_the_files_and_hold_blocks_of_their_own() -> None:
    top = (("TOP", "1"),)
    assert gradle_compose_runs(NESTED, "app/build.gradle", {"redisTag": "7.2"}) == [
        ComposeRun(("base.yml",), "app", top, "app/build.gradle", 2),
        ComposeRun(("base.yml",), "app", (("DB", "8.4"), ("TOP", "1")), "app/build.gradle", 5),
        ComposeRun(("cache.yml",), "app", top, "app/build.gradle", 6),
        ComposeRun(("base.yml",), "app", (("REDIS", "7.2"), ("TOP", "1")), "app/build.gradle", 10),
    ]


def test_a_nested_block_that_starts_the_body() -> None:
    text = 'dockerCompose {mysql { useComposeFiles = ["m.yml"] }}\n'
    assert gradle_compose_runs(text, "build.gradle", {}) == [
        ComposeRun(None, "", (), "build.gradle", 1),
        ComposeRun(("m.yml",), "", (), "build.gradle", 1),
    ]
