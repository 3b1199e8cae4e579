"""A suite's image constant written as a literal joined with another constant (`"...:App-v" + appVersion`): the
image is the whole join, as Go evaluates the constant expression (https://go.dev/ref/spec#Constant_expressions), not
its first literal; a join with a name the file does not bind is no image read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images
from ecr_mirror.choose.discovery.go_literal_bindings import bindings
from tests.support.hang_guard import finishes

SUITE = """\
package e2e_test

import "testing"

const (
	appVersion = "3.5.1"
	appImage   = "quay.io/acme/processing:App-v" + appVersion
	toolImage  = "quay.io/acme/tool:v" + toolVersion() // a call: unknown here
	otherImage = "quay.io/acme/other:v" + unknownVersion
)

func TestProcessing(t *testing.T) {
	createApplication(t, map[string]any{"image": appImage, "tool": toolImage, "other": otherImage})
}
"""


def test_an_image_constant_joined_with_a_constant_is_the_whole_join() -> None:
    found = e2e_images(SUITE, "tests/e2e/processing_test.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("quay.io/acme/processing:App-v3.5.1", 7, "image constant (e2e test)")
    ]


def test_package_bindings_take_the_join_too() -> None:
    bound = bindings(SUITE)
    assert bound["appImage"] == {"quay.io/acme/processing:App-v3.5.1"}
    assert "otherImage" not in bound and "toolImage" not in bound


def _many_bound_joins(names: int, terms: int) -> int:
    """The values bound to a join of `terms` names, each bound `names` times in the file."""
    text = "".join(f'func f{i}() {{\n\tv := "{i}"\n}}\n' for i in range(names))
    text += 'const img = "quay.io/acme/app:" ' + "+ v " * terms + "\n"
    return len(bindings(text).get("img", ()))


def test_a_join_of_names_bound_many_times_is_not_multiplied_out() -> None:
    # every combination of the names' values was built: 40 values joined 6 times, 4e9 strings (minutes, or memory)
    assert finishes(_many_bound_joins, 40, 6) == 0
    assert _many_bound_joins(2, 2) == 4  # a few values are still joined whole


# a helper's constants joined from a repository prefix and a tag, the join starting with a name
PREFIXED = """\
package broker

const (
	brokerRepo      = "quay.io/acme/"
	brokerTag       = "3.1.0"
	BrokerImage     = brokerRepo + "broker:" + brokerTag
	BrokerToolImage = brokerRepo + "broker-tools:" + brokerTag
	MirrorImage     = mirrorRepo + "mirror:" + brokerTag // mirrorRepo: not bound here
	CallImage       = brokerRepo + tag()
)
"""


def test_a_join_that_starts_with_a_constant_is_bound_whole() -> None:
    bound = bindings(PREFIXED)
    assert bound["BrokerImage"] == {"quay.io/acme/broker:3.1.0"}
    assert bound["BrokerToolImage"] == {"quay.io/acme/broker-tools:3.1.0"}
    assert "MirrorImage" not in bound and "CallImage" not in bound


def test_a_helper_s_constant_joined_from_a_name_is_listed_at_its_line() -> None:
    from ecr_mirror.choose.discovery.go_helper_image_constants import helper_image_constants

    found = helper_image_constants(PREFIXED, "test/helpers/broker/constants.go")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/acme/broker:3.1.0", 6),
        ("quay.io/acme/broker-tools:3.1.0", 7),
    ]


def test_a_long_join_of_names_stays_linear() -> None:
    text = 'const a = "x"\nconst img = a' + " + a" * 200_000 + "\n"
    assert finishes(bindings, text) is not None
