"""`ecr-mirror discover` on Java tests that start their containers through a method of their base class, which
hands its string parameter to a container's constructor (redisson's `RedisDockerTest.createContainerByImage(String
imageName, String... params)` with `new GenericContainer<>(imageName)`, called as `createContainerByImage("redis:6.2")`
in the tests that extend it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

BASE = """\
package org.acme;

import org.testcontainers.containers.GenericContainer;

public class CacheDockerTest {

    protected static final String IMAGE = "redis:8.10";

    protected static GenericContainer<?> createContainerByImage(String imageName, String... params) {
        return new GenericContainer<>(imageName)
                .withExposedPorts(6379);
    }

    protected static GenericContainer<?> createContainer(String... params) {
        return createContainerByImage(IMAGE, params);
    }

    protected static String describe(String imageName) {
        return "image " + imageName;
    }
}
"""

SHARDED = """\
package org.acme;

import org.testcontainers.containers.GenericContainer;

public class ShardedTopicTest extends CacheDockerTest {

    private static final String OLD = "redis:7.0";

    @Test
    public void testOldServer() {
        GenericContainer<?> redis = createContainerByImage("redis:6.2");
        GenericContainer<?> older = createContainerByImage(OLD, "--appendonly", "yes");
//        GenericContainer<?> bundle = createContainerByImage("valkey/valkey-bundle:latest");
        String text = describe("not/an-image:1");
    }
}
"""

UNRELATED = """\
package org.other;

import org.testcontainers.containers.GenericContainer;

public class UnrelatedTest {
    void run() {
        createContainerByImage("example/unrelated:1");
    }
}
"""


def test_images_tests_hand_a_base_class_method_that_starts_a_container(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "src/test/java/org/acme/CacheDockerTest.java": BASE,
            "src/test/java/org/acme/ShardedTopicTest.java": SHARDED,
            "src/test/java/org/other/UnrelatedTest.java": UNRELATED,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    listed = {(r["file"].rsplit("/", 1)[-1], r["line"], r["reference"]) for r in json.loads(out)}
    assert listed == {
        ("CacheDockerTest.java", 7, "redis:8.10"),
        ("ShardedTopicTest.java", 11, "redis:6.2"),
        ("ShardedTopicTest.java", 7, "redis:7.0"),
    }
