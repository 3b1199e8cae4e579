"""A YAML file whose only content is one `image:` naming a tagged or pinned image (streamshub/console's OLM bundle
stubs, `operator/src/main/olm/bundles/streamshub-console-operator.v0.5.0.yaml`, each `image:
quay.io/streamshub/console-operator-bundle:0.5.0`, which its catalog script hands `opm render`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images


def _listed(text: str) -> list[tuple[str, int | None, str]]:
    return [(item.text, item.line, item.kind) for item in yaml_images(text, "olm/bundles/acme-operator.v1.2.0.yaml")]


def test_a_file_naming_one_pinned_image_lists_it() -> None:
    assert _listed("image: quay.io/acme/operator-bundle:1.2.0\n") == [
        ("quay.io/acme/operator-bundle:1.2.0", 1, "image reference file")
    ]
    assert _listed("---\n# the bundle\nimage: 'ghcr.io/acme/bundle@sha256:" + "a" * 64 + "'\n") == [
        ("ghcr.io/acme/bundle@sha256:" + "a" * 64, 3, "image reference file")
    ]


def test_other_files_with_one_image_key_are_not_read_so() -> None:
    assert _listed('image: "localchicken"\n') == []  # no tag: a test fixture's local name
    assert _listed("image: acme/app\n") == []
    assert _listed("image: nginx:1.27\n") == []  # no namespace or registry: a sample, a fixture
    assert _listed("image: quay.io/acme/a:1\nname: a\n") == []  # more than the image
    assert _listed("image:\n  repository: quay.io/acme/a\n  tag: '1'\n") == []
    assert _listed("image: quay.io/acme/a:1\n---\nimage: quay.io/acme/b:1\n") == []  # one document only
