"""containerd's own configuration, `/etc/containerd/config.toml` as a deployment's role or script installs it: the
CRI plugin's sandbox image, which containerd pulls to start each pod's sandbox (`sandbox_image` under
`[plugins."io.containerd.grpc.v1.cri"]` in version 2, `[plugins.cri]` in version 1; `sandbox` under
`[plugins."io.containerd.cri.v1.images".pinned_images]` in version 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.containerd_config import containerd_config_images
from tests.support.trees import tree_rows

VERSION_2 = """\
version = 2
[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "registry.k8s.io/pause:3.9"
    [plugins."io.containerd.grpc.v1.cri".containerd]
      default_runtime_name = "runc"
"""

VERSION_1 = """\
[plugins.cri]
stream_server_address = "127.0.0.1"
sandbox_image = "k8s.gcr.io/pause:3.1"
"""

VERSION_3 = """\
version = 3
[plugins.'io.containerd.cri.v1.images'.pinned_images]
  sandbox = 'registry.k8s.io/pause:3.10'
"""

TEMPLATED = """\
[plugins."io.containerd.grpc.v1.cri"]
sandbox_image = "{{ sandbox_image }}"
"""


def _read(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in containerd_config_images(text, "files/config.toml")]


def test_the_cri_plugin_s_sandbox_image_of_each_config_version_is_read() -> None:
    assert _read(VERSION_2) == [("registry.k8s.io/pause:3.9", 4, None)]
    assert _read(VERSION_1) == [("k8s.gcr.io/pause:3.1", 3, None)]
    assert _read(VERSION_3) == [("registry.k8s.io/pause:3.10", 3, None)]


def test_a_templated_value_is_unresolved_and_another_tool_s_toml_gives_nothing() -> None:
    [(text, line, problem)] = _read(TEMPLATED)
    assert (text, line) == ("{{ sandbox_image }}", 2) and problem
    assert _read('[params]\nsandbox_image = "x"\n[plugins.hugo]\nimage = "alpine:3"\n') == []


def test_the_walk_reads_a_containerd_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"roles/deploy-env/files/containerd_config.toml": VERSION_2, "site/config.toml": 'title = "docs"\n'}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4]) for row in rows] == [
        ("roles/deploy-env/files/containerd_config.toml", 4, "registry.k8s.io/pause:3.9")
    ]


def test_a_long_unclosed_table_header_is_read_in_linear_time() -> None:
    # a review found the header's blanks tried in three places at once (`[` then 20,000 blanks: hours)
    text = "[" + " " * 20_000 + "\n[a" + " " * 20_000 + "b]\n" + VERSION_2
    assert [item.text for item in containerd_config_images(text, "config.toml")] == ["registry.k8s.io/pause:3.9"]
