"""An operator's built-in default images written as package constants (a registry, a name, a tag) and joined where
it writes a pod's image (`spec.Image = config.Registry + "/" + config.ProxyName + ":" + config.Tag`, or
`fmt.Sprintf("%s/%s:%s", ...)`): the joins and the constants are read apart, the resolution in
tests/cli/test_discover_go_joined_constants.py."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_joined_constants import JOIN_USE, image_joins, join_image, package_constants
from tests.support.hang_guard import finishes

RENDERER = """\
package rendering

const (
	DefaultIndexImage = DefaultIndexImageBase + "latest" // a constant: read where a flag or field uses it
)

var legacyImage = config.DefaultRegistry + "/" + config.OldName + ":" + config.DefaultTag

import (
	"fmt"

	"example.com/acme/observer/pkg/config"
)

func (r *Renderer) proxy(spec *corev1.PodSpec) {
	spec.Containers[0].Image = config.DefaultRegistry + "/" + config.ProxyImgName +
		":" + config.DefaultTag
	cacheImage := CacheRepo + "/" +
		CacheName + ":" + CacheTag
	img := fmt.Sprintf("%s/%s:%s",
		config.AddonRepo,
		config.AddonName,
		config.AddonTag,
	)
	url := config.Scheme + "://" + config.Host + ":" + config.Port
	label := config.Group + "/" + config.Name
	image := config.DefaultRegistry + "/" + name + ":" + tag()
	// spec.Image = config.DefaultRegistry + "/" + config.OldName + ":" + config.DefaultTag
}
"""

CONFIG = """\
package config

const (
	DefaultRegistry = "quay.io/acme"
	DefaultTag      = "2.1.0-SNAPSHOT-2025-01-02"
	ProxyImgName    = "rbac-proxy" // the query proxy
	Twice           = "a"
)

const Twice = "b"

var AddonRepo = "quay.io/addons"

func f() {
	local := "not/a-package:constant"
}
"""


def test_image_joins_of_constants_are_read_with_their_operands() -> None:
    joins = image_joins(RENDERER, "pkg/rendering/proxy.go")
    assert [(join.line, join.operands) for join in joins] == [
        (16, ("config.DefaultRegistry", '"/"', "config.ProxyImgName", '":"', "config.DefaultTag")),
        (18, ("CacheRepo", '"/"', "CacheName", '":"', "CacheTag")),
        (20, ("config.AddonRepo", '"/"', "config.AddonName", '":"', "config.AddonTag")),
    ]


def test_package_constants_are_the_top_level_literals_bound_once() -> None:
    assert package_constants([CONFIG]) == {
        "DefaultRegistry": "quay.io/acme",
        "DefaultTag": "2.1.0-SNAPSHOT-2025-01-02",
        "ProxyImgName": "rbac-proxy",
        "AddonRepo": "quay.io/addons",
    }


def test_a_join_is_an_image_when_every_operand_is_known_and_it_has_a_namespace_and_a_tag() -> None:
    values = {"config.DefaultRegistry": "quay.io/acme", "config.ProxyImgName": "rbac-proxy", "config.DefaultTag": "2.1"}
    operands = ("config.DefaultRegistry", '"/"', "config.ProxyImgName", '":"', "config.DefaultTag")
    assert join_image(operands, values.get) == "quay.io/acme/rbac-proxy:2.1"
    assert join_image(operands[:3], values.get) is None  # no tag: chosen elsewhere
    assert join_image(("config.Unknown", '"/"', "config.DefaultTag"), values.get) is None
    assert JOIN_USE == "joined image constants (Go program)"


def test_test_code_is_not_read() -> None:
    assert image_joins(RENDERER, "pkg/rendering/proxy_test.go") == []


def test_huge_unclosed_input_stays_linear() -> None:
    text = "package p\nconst (\nimage := " + 'a + "/" + ' * 200_000 + "\nvar y = " + "a" * 500_000
    assert finishes(image_joins, text, "pkg/p/p.go") == []
    assert finishes(image_joins, 'x := fmt.Sprintf("%s"' + ", a" * 300_000, "pkg/p/p.go") == []
    assert finishes(package_constants, [text]) == {}
