"""A Go Testcontainers helper configured with functional options starts the image its configuration struct holds by
default (`config := &valkeyConfig{image: "valkey/valkey:8.0.3"}`, options applied, then `Image: config.image`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

OPTIONS = """\
package helper

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
)

type cacheConfig struct {
\timage   string
\tcluster bool
}

type CacheOption func(*cacheConfig)

func WithCacheImage(image string) CacheOption {
\treturn func(c *cacheConfig) { c.image = image }
}

func StartCache(t *testing.T, opts ...CacheOption) (*CacheContainer, error) {
\tconfig := &cacheConfig{
\t\timage: "valkey/valkey:8.0.3", // Default image
\t}
\tfor _, opt := range opts {
\t\topt(config)
\t}
\treq := testcontainers.ContainerRequest{
\t\tImage:        config.image,
\t\tExposedPorts: []string{"6379/tcp"},
\t}
\treturn start(t, req)
}

func StartOther(t *testing.T, settings *otherSettings) {
\treq := testcontainers.ContainerRequest{Image: settings.image}
\t_ = req
}
"""


def test_the_default_a_configuration_struct_holds_is_started() -> None:
    found = started_images(OPTIONS, "tests/helper/cache.go")
    assert [(item.text, item.line) for item in found] == [("valkey/valkey:8.0.3", 22)]


def test_a_field_of_a_struct_the_file_does_not_build_adds_nothing() -> None:
    text = OPTIONS.replace('\t\timage: "valkey/valkey:8.0.3", // Default image\n', "")
    assert started_images(text, "tests/helper/cache.go") == []
