"""Go tests that run containers with efficientgo/e2e (`e.Runnable(name).Init(e2e.StartOptions{Image: ...})`): the
docker environment runs each runnable's image, pulling it when the engine lacks it. A helper package's functions
without parameters named for an image hand its callers their default images; a bare name is the image the suite
builds before it runs, and a parameter is known only when the test runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SERVICES = """\
package e2eacme

import (
\t"os"

\t"github.com/efficientgo/e2e"
\te2eobs "github.com/efficientgo/e2e/observable"
)

const cacheImage = "docker.io/memcached:1.6.21-alpine"

// DefaultMetricsImage is the metrics server the suite runs unless told otherwise.
func DefaultMetricsImage() string {
\treturn "quay.io/acme/metrics-server:v2.4.0"
}

func DefaultBrokerImage() string {
\treturn "ghcr.io/acme/broker:1.9"
}

// DefaultImage is the image `make docker-e2e` builds.
func DefaultImage() string {
\tif image := os.Getenv("ACME_IMAGE"); image != "" {
\t\treturn image
\t}
\treturn "acme"
}

func NewMetrics(env e2e.Environment, name, image string) *e2eobs.Observable {
\treturn e2eobs.AsObservable(env.Runnable(name).WithPorts(map[string]int{"http": 9090}).Init(e2e.StartOptions{
\t\tImage:     image,
\t\tCommand:   e2e.NewCommandWithoutEntrypoint("metrics", "--listen=:9090"),
\t}))
}

func NewBroker(env e2e.Environment) e2e.Runnable {
\treturn env.Runnable("broker").Init(e2e.StartOptions{
\t\tImage: DefaultBrokerImage(),
\t})
}

func NewCache(env e2e.Environment) e2e.Runnable {
\treturn env.Runnable("cache").Init(e2e.StartOptions{Image: cacheImage, User: "1000"})
}

func NewProxy(env e2e.Environment) e2e.Runnable {
\treturn env.Runnable("proxy").Init(e2e.StartOptions{
\t\tImage:            "docker.io/nginx:1.25.3-alpine",
\t\tReadiness:        e2e.NewTCPReadinessProbe("http"),
\t})
}

func NewAcme(env e2e.Environment) e2e.Runnable {
\treturn env.Runnable("acme").Init(e2e.StartOptions{Image: DefaultImage()})
}
"""

TRACING_TEST = """\
package main

import (
\t"testing"

\t"github.com/efficientgo/e2e"
)

func TestTracing(t *testing.T) {
\te, _ := e2e.New()
\tj := e.Runnable("tracing").Init(e2e.StartOptions{Image: "jaegertracing/all-in-one:1.51"})
\t_ = j
}
"""

UNIT_TEST = """\
package config

import "testing"

func DefaultImage() string { return "quay.io/acme/other:v1" }

func TestParse(t *testing.T) {
\topts := struct{ Image string }{Image: "quay.io/acme/fixture:v1"}
\t_ = opts
}
"""


def test_start_options_images_and_default_image_functions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "test/e2e/e2eacme/services.go": SERVICES,
            "examples/tracing/tracing_test.go": TRACING_TEST,
            "pkg/config/config_test.go": UNIT_TEST,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("test/e2e/e2eacme/services.go", 10, "memcached:1.6.21-alpine", "public"),
        ("test/e2e/e2eacme/services.go", 14, "quay.io/acme/metrics-server:v2.4.0", "public"),
        ("test/e2e/e2eacme/services.go", 18, "ghcr.io/acme/broker:1.9", "public"),
        ("test/e2e/e2eacme/services.go", 48, "nginx:1.25.3-alpine", "public"),
        ("examples/tracing/tracing_test.go", 11, "jaegertracing/all-in-one:1.51", "public"),
    }
