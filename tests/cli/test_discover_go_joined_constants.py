"""`ecr-mirror discover` reads an operator's built-in default images that its code joins from package constants (a
registry, a name and a tag, in its own package or another package of its module) where it writes a pod's image: the
image its pods pull when no override is configured, listed at the join's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = "module example.com/acme/observer\n\ngo 1.24\n"

CONFIG = """\
package config

const (
	DefaultRegistry = "quay.io/acme"
	DefaultTag      = "2.1.0-SNAPSHOT-2025-01-02"
	ProxyImgName    = "rbac-proxy"
	CacheRepo       = "quay.io/caches"
	CacheName       = "memcached"
	CacheTag        = "1.6.3-alpine"
	Scheme          = "https"
	Host            = "example.com"
	Port            = "8443"
)
"""

RENDERER = """\
package rendering

import (
	"fmt"

	"example.com/acme/observer/pkg/config"
)

const localName = "grafana"

func proxy(spec *PodSpec) {
	spec.Containers[0].Image = config.DefaultRegistry + "/" + config.ProxyImgName +
		":" + config.DefaultTag
	spec.Containers[1].Image = fmt.Sprintf("%s/%s:%s", config.CacheRepo, config.CacheName, config.CacheTag)
	spec.Containers[2].Image = config.DefaultRegistry + "/" + localName + ":" + config.DefaultTag
	endpoint := config.Scheme + "://" + config.Host + ":" + config.Port
	_ = endpoint
}
"""

RENDERER_TEST = """\
package rendering

import "example.com/acme/observer/pkg/config"

func TestProxy(t *testing.T) {
	image := config.CacheRepo + "/" + config.CacheName + ":" + config.CacheTag
}
"""


def test_joined_constants_of_the_module_are_the_operator_s_default_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"go.mod": GO_MOD, "pkg/config/config.go": CONFIG, "pkg/rendering/proxy.go": RENDERER})
    records = {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert records == {
        ("pkg/rendering/proxy.go", 12, "quay.io/acme/rbac-proxy:2.1.0-SNAPSHOT-2025-01-02"),
        ("pkg/rendering/proxy.go", 14, "quay.io/caches/memcached:1.6.3-alpine"),
        ("pkg/rendering/proxy.go", 15, "quay.io/acme/grafana:2.1.0-SNAPSHOT-2025-01-02"),
    }


def test_a_test_file_s_join_is_a_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path, {"go.mod": GO_MOD, "pkg/config/config.go": CONFIG, "pkg/rendering/proxy_test.go": RENDERER_TEST}
    )
    assert discover_records(tmp_path, monkeypatch, capsys) == []
