"""Go Testcontainers images formatted into a name first (`image := fmt.Sprintf("postgres:%s", pgVersion)`, then
`postgres.Run(ctx, image)`), and a format's argument that is a function of the file without parameters returning
a constant, or an environment variable's value through a getter that falls back to a default
(`GetEnv("SERVER_VERSION", defaultServerVersion)`): the default the tests run with when the variable is unset."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

NAMED = """\
//go:build integration

package store_test

import (
\t"fmt"
\t"testing"

\t"github.com/testcontainers/testcontainers-go/modules/postgres"
)

const (
\tpgVersion = "17.2"
)

func startPostgres(t *testing.T) {
\timage := fmt.Sprintf("mirror.example.com/library/postgres:%s", pgVersion)
\tcontainer, err := postgres.Run(t.Context(), image)
\t_, _ = container, err
}

func startOther(t *testing.T, version string) {
\tother := fmt.Sprintf("mirror.example.com/library/postgres:%s", version)
\tcontainer, err := postgres.Run(t.Context(), other)
\t_, _ = container, err
}
"""

DEFAULTED = """\
package tests

import (
\t"fmt"
\t"os"

\t"github.com/testcontainers/testcontainers-go"
)

const defaultServerVersion = "24.8"

func GetEnv(key, fallback string) string {
\tif value, ok := os.LookupEnv(key); ok {
\t\treturn value
\t}
\treturn fallback
}

func GetServerTestVersion() string {
\treturn GetEnv("SERVER_VERSION", defaultServerVersion)
}

func ServerImageTag() string {
\treturn "25.1-alpine"
}

func CreateEnvironment() testcontainers.ContainerRequest {
\treturn testcontainers.ContainerRequest{
\t\tImage: fmt.Sprintf("acme/server:%s", GetServerTestVersion()),
\t}
}

func CreateOther() testcontainers.ContainerRequest {
\treturn testcontainers.ContainerRequest{
\t\tImage: fmt.Sprintf("acme/other:%s", ServerImageTag()),
\t}
}

func CreateUnknown(version string) testcontainers.ContainerRequest {
\treturn testcontainers.ContainerRequest{
\t\tImage: fmt.Sprintf("acme/unknown:%s", strings.TrimSpace(version)),
\t}
}
"""


def test_a_name_bound_to_a_formatted_image_is_read() -> None:
    found = started_images(NAMED, "internal/store/pgserver_e2e_test.go")
    assert [(item.text, item.line) for item in found] == [("mirror.example.com/library/postgres:17.2", 17)]


def test_a_format_argument_returned_by_a_function_of_the_file_is_its_default() -> None:
    found = started_images(DEFAULTED, "tests/utils.go")
    assert [(item.text, item.line) for item in found] == [("acme/server:24.8", 29), ("acme/other:25.1-alpine", 35)]
