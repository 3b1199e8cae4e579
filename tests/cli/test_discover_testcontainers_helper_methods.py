"""A Go project's own Testcontainers helper configured with builder methods (`testenv.New().WithInferenceImage(...)`):
the images its callers hand a method whose parameter names an image are pulled; other string arguments of its
methods (keys, names) are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPER = """\
package testenv

import (
\t"context"

\t"github.com/testcontainers/testcontainers-go"
)

type Stack struct {
\tinferenceImage string
\tsidecars       map[string]string
}

func New() *Stack { return &Stack{inferenceImage: "example/inference:default"} }

func (s *Stack) WithInferenceImage(image string) *Stack {
\ts.inferenceImage = image
\treturn s
}

func (s *Stack) WithSidecar(name, sidecarImage string) *Stack {
\ts.sidecars[name] = sidecarImage
\treturn s
}

func (s *Stack) WithEndpoint(endpoint string) *Stack { return s }

func (s *Stack) Start(ctx context.Context) error {
\treq := testcontainers.ContainerRequest{Image: s.inferenceImage}
\t_, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req})
\treturn err
}
"""

CALLER = """\
package search_test

import (
\t"testing"

\t"example.com/vectors/test/testenv"
)

const proxyImage = "envoyproxy/envoy:v1.31.0"

func stack() *testenv.Stack {
\treturn testenv.New().
\t\tWithInferenceImage("example/inference:minilm-1.0.0").
\t\tWithEndpoint("localhost:8080").
\t\tWithSidecar("proxy", proxyImage)
}

func TestSearch(t *testing.T) { _ = stack() }
"""

OTHER = """\
package other

import "example.com/vectors/internal/config"

func f(c *config.Builder) { c.WithInferenceImage("not/handed:1") }
"""

TREE = {
    "go.mod": "module example.com/vectors\n",
    "test/testenv/stack.go": HELPER,
    "test/search/search_test.go": CALLER,
    "internal/other/other.go": OTHER,
}


def test_images_handed_to_a_helpers_image_methods_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = [
        (r["file"], r["line"], r["use"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("test/search/search_test.go", 9, "testcontainers (WithSidecar)", "envoyproxy/envoy:v1.31.0"),
        ("test/search/search_test.go", 13, "testcontainers (WithInferenceImage)", "example/inference:minilm-1.0.0"),
    ]
