"""Go Testcontainers images a table-driven test hands a module's `Run` (`mongodb.Run(ctx, tc.img, tc.opts...)`), a
row giving the field a name the file binds (`image: baseImage6`), a loop over a map of images (`for edition, img :=
range images`), and the core functions called unqualified in the library's own package (`package testcontainers`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

RUN_ROWS = """\
package docstore_test

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
\t"github.com/testcontainers/testcontainers-go/modules/mongodb"
)

const legacyImage = "mongo:4.4"

func TestDocstore(t *testing.T) {
\tcases := []struct {
\t\tname string
\t\timg  string
\t\topts []testcontainers.ContainerCustomizer
\t}{
\t\t{name: "replica/mongo:7", img: "mongo:7"},
\t\t{
\t\t\tname: "community",
\t\t\timg:  "mongodb/mongodb-community-server:7.0.2-ubi8",
\t\t},
\t\t{name: "legacy", img: legacyImage},
\t}
\tfor _, tc := range cases {
\t\tt.Run(tc.name, func(t *testing.T) {
\t\t\tctr, err := mongodb.Run(ctx, tc.img, tc.opts...)
\t\t\t_, _ = ctr, err
\t\t})
\t}
}

func TestOtherRunner(t *testing.T) {
\tfor _, tc := range cases {
\t\t_ = suite.Run(ctx, tc.name)
\t}
}
"""

MAP_RANGE = """\
package graph_test

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go/modules/neo4j"
)

func TestEditions(t *testing.T) {
\timages := map[string]string{
\t\t"Standard":   "neo4j:4.4",
\t\t"Enterprise": "neo4j:4.4-enterprise",
\t}
\tfor edition, img := range images {
\t\tctr, err := neo4j.Run(ctx, img, neo4j.WithEdition(edition))
\t\t_, _ = ctr, err
\t}
}
"""

OWN_PACKAGE = """\
package testcontainers

import (
\t"context"
\t"testing"
)

func TestLogs(t *testing.T) {
\tctr, err := Run(context.Background(), "hello-world")
\treq := ContainerRequest{
\t\tImage:        "alpine/socat:latest",
\t\tExposedPorts: []string{"8080/udp"},
\t}
\tt.Run("sub", func(t *testing.T) {})
\t_, _, _ = ctr, err, req
}
"""


def _found(text: str, origin: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, origin)]


def test_the_rows_a_module_run_is_handed() -> None:
    assert _found(RUN_ROWS, "modules/docstore/docstore_test.go") == [
        ("mongo:4.4", 10),  # the name a row gives the field, at the line the name is bound
        ("mongo:7", 18),
        ("mongodb/mongodb-community-server:7.0.2-ubi8", 21),
    ]


def test_a_loop_over_a_map_of_images() -> None:
    assert _found(MAP_RANGE, "modules/neo4j/neo4j_test.go") == [("neo4j:4.4", 11), ("neo4j:4.4-enterprise", 12)]


def test_the_library_own_package_calls_its_functions_unqualified() -> None:
    assert _found(OWN_PACKAGE, "logconsumer_test.go") == [("hello-world", 9), ("alpine/socat:latest", 11)]
    # another package importing nothing of Testcontainers is not read
    other = OWN_PACKAGE.replace("package testcontainers", "package logs")
    assert _found(other, "logs/logs_test.go") == []
