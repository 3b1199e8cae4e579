"""The bundle images of OLM catalog templates, which `opm alpha render-template` pulls to render the catalog: the
basic template's `olm.bundle` entries and the semver template's channel bundles (olm_catalogs.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

BASIC = """\
---
schema: olm.template.basic
entries:
  - schema: olm.package
    name: acme-operator
    defaultChannel: stable
  - schema: olm.channel
    name: stable
    package: acme-operator
    entries:
      - name: acme-operator.v1.2.0
      - name: acme-operator.v1.3.0
        replaces: acme-operator.v1.2.0
  - schema: olm.bundle
    image: quay.io/acme/acme-operator-bundle:1.2.0
  - schema: olm.bundle
    image: quay.io/acme/acme-operator-bundle:1.3.0
"""

SEMVER = """\
schema: olm.semver
generateMajorChannels: true
generateMinorChannels: false
candidate:
  bundles:
  - image: quay.io/acme/acme-operator-bundle:v2.0.0-rc.1
fast:
  bundles:
  - image: quay.io/acme/acme-operator-bundle:v1.9.0
stable:
  bundles:
  - image: quay.io/acme/acme-operator-bundle:v1.8.0
"""

# the capitalised keys of the template's first documented form
SEMVER_CAPITALISED = """\
Schema: olm.semver
GenerateMajorChannels: true
Stable:
  Bundles:
  - Image: quay.io/acme/acme-operator-bundle:v1.8.0
"""


def _seen(text: str, origin: str = "hack/olm/catalog-template.yaml") -> list[tuple[int | None, str, str | None]]:
    return [(item.line, item.text, item.use) for item in yaml_images(text, origin)]


def test_the_bundles_of_a_basic_catalog_template_are_pulled_to_render_it() -> None:
    assert _seen(BASIC) == [
        (15, "quay.io/acme/acme-operator-bundle:1.2.0", "olm.bundle image"),
        (17, "quay.io/acme/acme-operator-bundle:1.3.0", "olm.bundle image"),
    ]


def test_the_bundles_of_a_semver_catalog_template_are_pulled_to_render_it() -> None:
    assert _seen(SEMVER) == [
        (6, "quay.io/acme/acme-operator-bundle:v2.0.0-rc.1", "olm.bundle image"),
        (9, "quay.io/acme/acme-operator-bundle:v1.9.0", "olm.bundle image"),
        (12, "quay.io/acme/acme-operator-bundle:v1.8.0", "olm.bundle image"),
    ]
    assert _seen(SEMVER_CAPITALISED) == [(5, "quay.io/acme/acme-operator-bundle:v1.8.0", "olm.bundle image")]


def test_other_yaml_with_entries_names_no_bundle() -> None:
    other = "schema: my.own.thing\nentries:\n  - schema: olm.bundle\n    image: quay.io/acme/x:1\n"
    assert _seen(other, "config.yaml") == []
