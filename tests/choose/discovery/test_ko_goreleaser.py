"""GoReleaser's ko pipe (`kos:` of `.goreleaser.yaml`): each entry's `base_image`, and `.ko.yaml` values of other
shapes (several documents, empty values, non-string overrides)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

GORELEASER = """\
version: 2
kos:
  - id: plain
    repositories: [ghcr.io/acme/widgetd]
    base_image: gcr.io/distroless/static-debian12
  - id: no-base
    repositories: [ghcr.io/acme/lite]
  - "not a mapping"
  - id: templated
    base_image: "  {{ .Env.KO_BASE }}  "
  - id: debug
    base_image: cgr.dev/chainguard/static:latest-dev
  - id: odd
    base_image: [alpine]
"""

WHY_TEMPLATE = "a GoReleaser template, known only when goreleaser runs"


def _listed(found: list[Found]) -> list[tuple[str, str, int | None, str | None, str | None, str | None]]:
    return [(item.text, item.origin, item.line, item.problem, item.use, item.kind) for item in found]


def test_each_kos_entry_base_image_in_order_with_its_line() -> None:
    assert kind_of("deploy/.goreleaser.yaml") is Kind.KO
    found = images_in(Kind.KO, GORELEASER, "deploy/.goreleaser.yaml")
    origin, use = "deploy/.goreleaser.yaml", "kos base_image"
    assert [item[:5] for item in _listed(found)] == [
        ("gcr.io/distroless/static-debian12", origin, 5, None, use),
        ("{{ .Env.KO_BASE }}", origin, 10, WHY_TEMPLATE, use),
        ("cgr.dev/chainguard/static:latest-dev", origin, 12, None, use),
        # no line: the entry is read by the name `base_image`, not its key (a wart, in docs/mutation.md)
        ("['alpine']", origin, None, "kos base_image is not a string: ko takes an image reference here", use),
    ]
    assert {item.kind for item in found} == {"ko config"}


def test_kos_that_is_no_list_and_a_document_without_kos_list_nothing() -> None:
    assert images_in(Kind.KO, "kos:\n  base_image: alpine:3.20\n", ".goreleaser.yml") == []
    assert images_in(Kind.KO, "kos:\n", "goreleaser.yaml") == []
    assert images_in(Kind.KO, "builds:\n  - main: ./cmd/x\n", "goreleaser.yaml") == []


def test_kos_after_another_document_adds_to_its_images() -> None:
    text = (
        "defaultBaseImage: alpine:3.20\n"
        "---\n"
        "- a list document\n"
        "---\n"
        "kos:\n  - base_image: alpine:3.19\n"
        "defaultBaseImage: alpine:3.18\n"
        "---\n"
        "defaultBaseImage: alpine:3.17\n"
    )
    assert [(item.text, item.line, item.use) for item in images_in(Kind.KO, text, ".ko.yaml")] == [
        ("alpine:3.20", 1, "defaultBaseImage"),
        ("alpine:3.19", 6, "kos base_image"),
        ("alpine:3.18", 7, "defaultBaseImage"),
        ("alpine:3.17", 9, "defaultBaseImage"),
    ]


def test_empty_values_list_nothing_and_non_string_ones_are_unresolved_on_their_key() -> None:
    assert images_in(Kind.KO, "defaultBaseImage:\nbaseImageOverrides:\n", ".ko.yaml") == []
    text = "baseImageOverrides:\n  example.com/a: [alpine]\n  example.com/b: alpine:3.20\n"
    assert _listed(images_in(Kind.KO, text, ".ko.yaml")) == [
        (
            "['alpine']",
            ".ko.yaml",
            2,
            "baseImageOverrides is not a string: ko takes an image reference here",
            "baseImageOverrides",
            "ko config",
        ),
        ("alpine:3.20", ".ko.yaml", 3, None, "baseImageOverrides", "ko config"),
    ]
    assert _listed(images_in(Kind.KO, "baseImageOverrides: [alpine]\n", ".ko.yaml")) == [
        (
            "['alpine']",
            ".ko.yaml",
            1,
            "baseImageOverrides is not a mapping of Go import paths to images",
            "baseImageOverrides",
            "ko config",
        )
    ]
