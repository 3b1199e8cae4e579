"""docker-java, the Docker Engine API client for Java: `pullImageCmd(IMAGE)` (with `.withTag(TAG)`) pulls the image
when the command executes; read where the image is a literal, a name the file binds, or a join of them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_java_pulls import docker_java_pulls, may_pull_with_docker_java

JAVA = """\
package com.acme.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;

public class RegistryIT {
    private static final String DIND_REPOSITORY = "docker";
    private static final String DIND_TAG = "27.3.1-dind";
    public static final String DEFAULT_IMAGE = "busybox:1.36";

    void pullsDind(DockerClient client) throws Exception {
        client.pullImageCmd(DIND_REPOSITORY)
            .withTag(DIND_TAG)
            .exec(new PullImageResultCallback())
            .awaitCompletion();
    }

    void pullsAlpine(DockerClient client) throws Exception {
        String testImage = "alpine:3.20";
        client.removeImageCmd(testImage).withForce(true).exec();
        client.pullImageCmd(testImage).start().awaitCompletion(30, TimeUnit.SECONDS);
    }

    void pullsDefault(DockerClient client) throws Exception {
        client.pullImageCmd(DEFAULT_IMAGE).start().awaitCompletion();
        // client.pullImageCmd("mysql:5.6").start().awaitCompletion();
        client.pullImageCmd("quay.io/prometheus/busybox").withTag("latest").start().awaitCompletion();
        client.pullImageCmd("redis").start().awaitCompletion();
    }

    void pullsGiven(DockerClient client, String image) throws Exception {
        client.pullImageCmd(image).start().awaitCompletion();
        client.createContainerCmd("nginx:1.27").exec();
    }
}
"""

KOTLIN = """\
import com.github.dockerjava.core.DockerClientBuilder

const val POSTGRES = "postgres"

fun pull(client: DockerClient) {
    client.pullImageCmd(POSTGRES + ":" + "16-alpine").start().awaitCompletion()
}
"""


def test_java_pulls() -> None:
    found = docker_java_pulls(JAVA, "src/test/java/com/acme/it/RegistryIT.java")
    assert [(item.text, item.line) for item in found] == [
        ("docker:27.3.1-dind", 7),
        ("alpine:3.20", 19),
        ("busybox:1.36", 9),
        ("quay.io/prometheus/busybox:latest", 27),
        ("redis", 28),
    ]
    assert {(item.use, item.kind, item.problem) for item in found} == {
        ("pullImageCmd (docker-java)", "Java source", None)
    }


def test_kotlin_pull_of_a_join() -> None:
    assert [(item.text, item.line) for item in docker_java_pulls(KOTLIN, "Pull.kt")] == [("postgres:16-alpine", 6)]


def test_which_files() -> None:
    assert may_pull_with_docker_java("src/test/java/RegistryIT.java", JAVA.encode())
    assert not may_pull_with_docker_java("notes.md", JAVA.encode())
    assert not may_pull_with_docker_java("src/Main.java", b"class Main {}")


FAILING = """\
public class PullIT {
    @Rule
    public ExpectedException exception = ExpectedException.none();

    @Test
    public void pullsMissing() throws Exception {
        exception.expect(NotFoundException.class);
        client.pullImageCmd("acme-nonexisting/foo").start().awaitCompletion();
    }

    @Test(expected = NotFoundException.class)
    public void pullsMissingToo() throws Exception {
        client.pullImageCmd("acme-nonexisting/bar").start().awaitCompletion();
    }

    @Test
    void pullsMissingJUnit5() {
        assertThrows(NotFoundException.class, () -> client.pullImageCmd("acme-nonexisting/baz").exec(cb));
    }

    @Test
    void pullsReal() throws Exception {
        client.pullImageCmd("alpine:3.20").start().awaitCompletion();
    }
}
"""


def test_a_test_expecting_the_pull_to_fail_pulls_no_image() -> None:
    # a test of the failure (JUnit 4's ExpectedException rule or `expected =`, JUnit 5's assertThrows) names an
    # image meant not to exist
    assert [item.text for item in docker_java_pulls(FAILING, "PullIT.java")] == ["alpine:3.20"]
