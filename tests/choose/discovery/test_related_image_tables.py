"""A YAML table of an operator's `RELATED_IMAGE_*` images (not a Kubernetes manifest): keys named as OLM's related
image variables, each giving the image the deploy hands the operator under that name, written whole or split into
a repository and its digest or tag."""

from __future__ import annotations

from ecr_mirror.choose.discovery.related_image_tables import related_image_table_images
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.discovery.yaml_sources import yaml_images
from tests.support.hang_guard import finishes

D1 = "sha256:" + "1" * 64
D2 = "sha256:" + "2" * 64

TABLE = f"""\
# Image pins that `make deploy` writes into the operator's Deployment env.
components:
  dashboard:
    repo: acme/dashboard
    ref: main@0123abc
imageOverrides:
  RELATED_IMAGE_ACME_DASHBOARD:
    component: dashboard
    tagTemplate: "{{SHA}}"
    community:
      base: "quay.io/acme/dashboard"
      digest: "{D1}"
    enterprise:
      shaFrom: community
      base: "quay.io/acme/dashboard"
      digest: "{D1}"
  RELATED_IMAGE_ACME_EXPORTER:
    repository: ghcr.io/acme/exporter
    tag: v1.2.0
  RELATED_IMAGE_ACME_PROXY: "docker.io/acme/proxy:2.0"
  RELATED_IMAGE_ACME_PENDING:
    community:
      base: quay.io/acme/pending
      digest: ""
  RELATED_IMAGE_ACME_BROKEN:
    base: "not an image!"
    digest: "{D2}"
settings:
  cache:
    base: quay.io/acme/unrelated
    digest: "{D2}"
  RELATED_IMAGE_ACME_NAME: acme
"""


def test_related_image_keys_give_the_images_whole_or_split() -> None:
    found = yaml_images(TABLE, "deploy-images.yaml")
    assert [(item.text, item.line, item.use) for item in found] == [
        (f"quay.io/acme/dashboard@{D1}", 11, "RELATED_IMAGE_ACME_DASHBOARD (image table)"),
        (f"quay.io/acme/dashboard@{D1}", 15, "RELATED_IMAGE_ACME_DASHBOARD (image table)"),
        ("ghcr.io/acme/exporter:v1.2.0", 18, "RELATED_IMAGE_ACME_EXPORTER (image table)"),
        ("docker.io/acme/proxy:2.0", 20, "RELATED_IMAGE_ACME_PROXY (image table)"),
    ]


def test_without_related_image_keys_a_config_is_not_read() -> None:
    text = f"cache:\n  base: quay.io/acme/unrelated\n  digest: '{D2}'\nproxy_image_version: '2.0'\n"
    assert yaml_images(text, "settings.yaml") == []


def test_a_manifest_keeps_its_own_reading() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  RELATED_IMAGE_X: docker.io/acme/x:1.0\n"
    assert related_image_table_images(load_documents(text, "cm.yaml")[0], "cm.yaml") == []


def _many(count: int) -> int:
    entry = "  RELATED_IMAGE_A{n}:\n    odh: {{base: quay.io/acme/a{n}, digest: '" + D1 + "'}}\n"
    text = "imageOverrides:\n" + "".join(entry.format(n=n) for n in range(count))
    return len(related_image_table_images(load_documents(text, "big.yaml")[0], "big.yaml"))


def test_a_large_table_reads_in_linear_time() -> None:
    assert finishes(_many, 40000) == 40000


def test_a_pin_table_given_through_an_alias_is_read() -> None:
    # a review found the key's value walked with the document walk's visited nodes: a table anchored under another
    # key first and aliased under the RELATED_IMAGE_ key gave nothing
    text = f"pins:\n  kc: &kc\n    amd64: {{base: quay.io/acme/kc, digest: '{D1}'}}\nRELATED_IMAGE_KC: *kc\n"
    found = related_image_table_images(load_documents(text, "pins.yaml")[0], "pins.yaml")
    assert [(item.text, item.line, item.use) for item in found] == [
        (f"quay.io/acme/kc@{D1}", 3, "RELATED_IMAGE_KC (image table)")
    ]


def _aliased(keys: int, width: int) -> int:
    # every key aliases one large node: each would walk it again
    big = "big: &big\n" + "".join(f"  n{n}: {{base: quay.io/acme/b{n}, digest: '{D1}'}}\n" for n in range(width))
    text = big + "".join(f"RELATED_IMAGE_K{k}: {{all: *big}}\n" for k in range(keys))
    return len(related_image_table_images(load_documents(text, "aliased.yaml")[0], "aliased.yaml"))


def test_many_keys_aliasing_one_large_table_stay_bounded() -> None:
    assert 0 < finishes(_aliased, 1000, 1000) <= 200_000  # a million unbounded
