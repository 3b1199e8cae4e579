"""A Go name bound to an environment variable or else a literal, `cmp.Or(os.Getenv("X"), "LITERAL")`: the name holds
the literal, the value the program or suite runs with when the variable is not set (go_literal_bindings.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_helper_image_constants import helper_image_constants
from ecr_mirror.choose.discovery.go_literal_bindings import bindings
from tests.support.hang_guard import finishes

# shaped like an e2e framework's settings: the images the suite deploys unless its CI's env names others
FRAMEWORK = """\
package framework

import (
	"cmp"
	"os"
)

var (
	Provider        = cmp.Or(os.Getenv("PROVIDER"), "gateway")
	ControllerImage = cmp.Or(os.Getenv("CONTROLLER_IMAGE"), "docker.io/acme/controller:dev")
	DataplaneImage  = cmp.Or(os.Getenv("DATAPLANE_IMAGE"), os.Getenv("GATEWAY_IMAGE"), "acme/gateway:dev")
	SidecarImage    = cmp.Or(os.Getenv("SIDECAR_IMAGE"), sidecarFromFile())
	ExtraImage      = cmp.Or(os.Getenv("EXTRA_IMAGE"), "acme/extra:1", "acme/never:2")
)
"""


def test_cmp_or_of_environment_variables_and_a_literal_binds_the_literal() -> None:
    bound = bindings(FRAMEWORK)
    assert bound["Provider"] == {"gateway"}
    assert bound["ControllerImage"] == {"docker.io/acme/controller:dev"}
    assert bound["DataplaneImage"] == {"acme/gateway:dev"}
    assert "SidecarImage" not in bound  # a call: known only when it runs
    assert bound["ExtraImage"] == {"acme/extra:1"}  # cmp.Or returns its first non-zero argument


def test_an_e2e_framework_s_fallback_images_are_listed_at_their_literals() -> None:
    found = helper_image_constants(FRAMEWORK, "test/e2e/framework/consts.go")
    assert [(item.text, item.line) for item in found] == [
        ("docker.io/acme/controller:dev", 10),
        ("acme/gateway:dev", 11),
        ("acme/extra:1", 13),
    ]


def test_many_unclosed_fallbacks_are_read_in_linear_time() -> None:
    lines = 'X = cmp.Or(os.Getenv("A"), ' * 20_000 + "\n" + 'Y = cmp.Or(os.Getenv("B"),\n' * 100_000
    assert finishes(bindings, "package x\nvar (\n" + lines) == {}
