"""Go Testcontainers images given through a table-driven test's field (`Image: tt.image` over `tests := []struct{
image string }{{image: "..."}}`) or a loop over a list of images (`for _, image := range testImages()`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

TABLE = """\
package search_test

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
)

func TestSearchVersionsIntegration(t *testing.T) {
\ttests := []struct {
\t\tname  string
\t\timage string
\t}{
\t\t{
\t\t\tname:  "v7",
\t\t\timage: "docker.example.com/search/engine:7.17.1",
\t\t},
\t\t{name: "v8", image: "docker.example.com/search/engine:8.11.0"},
\t}
\tfor _, tt := range tests {
\t\treq := testcontainers.ContainerRequest{
\t\t\tImage:        tt.image,
\t\t\tExposedPorts: []string{"9200/tcp"},
\t\t}
\t\t_ = req
\t}
}
"""

LOOP = """\
package query_test

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go/wait"
)

func searchImages() []string {
\treturn []string{"example/search:2.5.0", "example/search:1.3.7"}
}

func start(t *testing.T, image string) *Container {
\tcontainer := Container{
\t\tImage:      image,
\t\tWaitingFor: wait.ForListeningPort("9200"),
\t}
\treturn &container
}

func TestQueryIntegration(t *testing.T) {
\tfor _, image := range searchImages() {
\t\tstart(t, image)
\t}
\tfor _, version := range []string{"9.0", "9.1"} {
\t\t_ = version
\t}
}
"""


def _listed(text: str) -> list[tuple[str, int | None]]:
    return [(item.text, item.line) for item in started_images(text, "search_test.go")]


def test_a_table_field_given_as_the_image_reads_each_row() -> None:
    assert _listed(TABLE) == [
        ("docker.example.com/search/engine:7.17.1", 16),
        ("docker.example.com/search/engine:8.11.0", 18),
    ]


def test_a_loop_over_a_function_returning_images_binds_the_name() -> None:
    # `image` is bound by the loop and passed on as the parameter of the same name; the versions loop names nothing
    assert _listed(LOOP) == [("example/search:2.5.0", 10), ("example/search:1.3.7", 10)]


def test_a_field_that_no_row_gives_a_literal_adds_nothing() -> None:
    text = TABLE.replace('image: "docker.example.com/search/engine:7.17.1"', 'image: os.Getenv("IMAGE")')
    text = text.replace('image: "docker.example.com/search/engine:8.11.0"', "image: imageFromEnv()")
    assert _listed(text) == []


SPRINTF = """\
package harness

import (
\t"context"
\t"fmt"
\t"os"

\t"github.com/testcontainers/testcontainers-go/modules/postgres"
)

func Start(ctx context.Context) {
\tpgVersion := os.Getenv("TEST_PG_VERSION")
\tif pgVersion == "" {
\t\tpgVersion = "16-alpine" // the default
\t}
\tstartPostgres(ctx, pgVersion)
}

func startPostgres(ctx context.Context, pgVersion string) {
\tcontainer, err := postgres.Run(
\t\tctx,
\t\tfmt.Sprintf("postgres:%s", pgVersion),
\t\tpostgres.WithDatabase("test"),
\t)
\t_, _ = container, err
\tother := testcontainers.ContainerRequest{Image: fmt.Sprintf("%s:%s", repository, cfg.Version)}
\t_ = other
}

const repository = "example/other"
"""


def test_an_image_formatted_with_sprintf_from_names_the_file_binds() -> None:
    # `%s` from a name the file gives a literal (the parameter shares the caller's variable's name); a value of a
    # struct (`cfg.Version`) is known only when the test runs: not read
    assert _listed(SPRINTF) == [("postgres:16-alpine", 22)]
