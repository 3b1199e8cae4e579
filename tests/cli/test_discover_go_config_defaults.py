"""`ecr-mirror discover` on a Go program's configuration struct whose image field takes its default from a struct
tag, as configuration libraries read them: `Image string \\`toml:"image" config:"default=moby/buildkit:v0.26.3"\\``
(a `default=` item, as sethvargo/go-envconfig writes it), `default:"..."` (kelseyhightower/envconfig,
creasty/defaults) and `envDefault:"..."` (caarlos0/env). The program runs that image when its configuration gives
none. Not read: an untagged default (`busybox`), a field that is no image (`ImagePullPolicy`, `Namespace`), a field
of another type, and a test's struct."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONFIG = """\
package worker

// BuildConfig configures the build backend.
type BuildConfig struct {
\t// Namespace is where build Jobs are created.
\tNamespace string `toml:"namespace" config:"default=builds"`

\t// Image is the BuildKit daemon image each build Job runs.
\tImage string `toml:"image" config:"default=moby/buildkit:v0.26.3"`

\tSidecarImage string `envconfig:"SIDECAR_IMAGE" default:"ghcr.io/acme/log-sidecar:1.4.0"`
\tHelperImage  string `env:"HELPER_IMAGE" envDefault:"quay.io/acme/helper:2.0"`
\tProxyImage   string `env:"PROXY_IMAGE, default=docker.io/acme/proxy:0.9.1"`
\tInitImage    string `default:"busybox"`
\tImagePullPolicy string `default:"IfNotPresent"`
\tImages       []string `default:"acme/listed:1.0"`
}
"""

CONFIG_TEST = """\
package worker

type fixture struct {
\tImage string `default:"acme/fixture:1.0"`
}
"""


def test_an_image_field_default_of_a_go_config_struct_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"svc/worker/config.go": CONFIG, "svc/worker/config_test.go": CONFIG_TEST})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["status"], r["use"]) for r in records) == [
        ("acme/proxy:0.9.1", "svc/worker/config.go", 13, "public", "config default (Go program)"),
        ("ghcr.io/acme/log-sidecar:1.4.0", "svc/worker/config.go", 11, "public", "config default (Go program)"),
        ("moby/buildkit:v0.26.3", "svc/worker/config.go", 9, "public", "config default (Go program)"),
        ("quay.io/acme/helper:2.0", "svc/worker/config.go", 12, "public", "config default (Go program)"),
    ]
