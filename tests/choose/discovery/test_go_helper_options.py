"""A Go package wrapping Testcontainers declares functional options taking strings that are no image (a Kafka
listener `"broker:29092"`, a proxy's upstream `"cache:6379"`, a model name): an exported function is a helper
only when one of its `string` parameters is named for an image or handed to Testcontainers (go_helpers.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_helpers import helper_calls, helper_functions

MODULE = """\
package broker

import (
\t"context"

\t"github.com/testcontainers/testcontainers-go"
)

type Option func(*options)

// WithListener adds a listener (`host:port`) the broker advertises.
func WithListener(listener string) Option {
\treturn func(o *options) { o.listeners = append(o.listeners, listener) }
}

// WithUpstream proxies `name` to `upstream`.
func WithUpstream(name, upstream string) Option {
\treturn func(o *options) { o.proxies[name] = upstream }
}

// Run starts the broker in the image given.
func Run(ctx context.Context, ref string, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
\treq := testcontainers.ContainerRequest{Image: ref}
\treturn start(ctx, req, opts...)
}

// RunCluster starts two images, its parameters written one a line.
func RunCluster(ctx context.Context,
\tserverImg string, serverOpts []testcontainers.ContainerCustomizer,
\tagentImg string, agentOpts []testcontainers.ContainerCustomizer,
) (*Cluster, error) {
\treturn nil, nil
}

// StartSidecar starts a sidecar image, handed on to another function of the package.
func StartSidecar(ctx context.Context, sidecarImage string) error { return startSidecar(ctx, sidecarImage) }
"""

USER = """\
package broker_test

import "github.com/acme/broker"

func TestBroker(t *testing.T) {
\tctr, err := broker.Run(ctx, "acme/broker:1.2",
\t\tbroker.WithListener("broker:29092"),
\t\tbroker.WithUpstream("cache", "cache:6379"),
\t)
\t_ = broker.StartSidecar(ctx, "envoyproxy/envoy:v1.31")
}
"""


def test_an_option_taking_no_image_is_not_a_helper() -> None:
    assert helper_functions(MODULE) == {"Run", "RunCluster", "StartSidecar"}


def test_only_the_images_handed_to_helpers_are_read() -> None:
    helpers = {"github.com/acme/broker": helper_functions(MODULE)}
    found = helper_calls(USER, "broker_test.go", helpers)
    assert [(item.text, item.line, item.use) for item in found] == [
        ("acme/broker:1.2", 6, "testcontainers (broker.Run)"),
        ("envoyproxy/envoy:v1.31", 10, "testcontainers (broker.StartSidecar)"),
    ]
