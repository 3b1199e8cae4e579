"""Testcontainers images at their edges: a Java file starting with a blank line that imports `parse` statically, uses a
method call written with a blank between its parentheses, constructors and `parse(NAME)` together, and container
subclasses both calling `super("...")` and delegating `this("...")` to it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

JAVA = """\

import static org.testcontainers.utility.DockerImageName.parse;
import org.testcontainers.containers.GenericContainer;

class ImagesTest {
    static final String KAFKA = "confluentinc/cp-kafka:7.6.0";

    static String imageName() {
        return "redis:7";
    }

    GenericContainer<?> redis = new GenericContainer<>(imageName( ));
    GenericContainer<?> pg = new GenericContainer<>("postgres:16");
    GenericContainer<?> kafka = new GenericContainer<>(parse(KAFKA));
}

class CacheContainer extends GenericContainer<CacheContainer> {
    CacheContainer() {
        this("memcached:1.6");
    }

    CacheContainer(String image) {
        super(image);
    }
}

class ProxyContainer extends GenericContainer<ProxyContainer> {
    ProxyContainer() {
        super("nginx:1.27");
    }
}
"""


def test_images_of_a_java_test_at_their_lines() -> None:
    found = started_images(JAVA, "src/test/java/ImagesTest.java")
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("confluentinc/cp-kafka:7.6.0", 6, "testcontainers", "Java source"),
        ("redis:7", 9, "testcontainers", "Java source"),
        ("postgres:16", 13, "testcontainers", "Java source"),
        ("memcached:1.6", 19, "testcontainers", "Java source"),
        ("nginx:1.27", 29, "testcontainers", "Java source"),
    ]


GO_CONTEXT_CALL = """\
package authorize_test

import (
	"context"
	"testing"

	tck3s "github.com/testcontainers/testcontainers-go/modules/k3s"
	tcredis "github.com/testcontainers/testcontainers-go/modules/redis"
)

const (
	// pinned: the cluster is driven through the container's own kubectl
	k3sImage = "rancher/k3s:v1.33.4-k3s1"
)

func TestAgainstCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cluster, err := tck3s.Run(withDockerHost(ctx), k3sImage)
	cache, err := tcredis.Run(context.WithValue(ctx, key{}, "x"), "redis:7.4-alpine")
}
"""


def test_go_module_run_with_a_context_made_by_a_call_of_its_own() -> None:
    found = started_images(GO_CONTEXT_CALL, "authorize/cluster_int_test.go")
    assert [(item.text, item.line) for item in found] == [("rancher/k3s:v1.33.4-k3s1", 13), ("redis:7.4-alpine", 20)]
