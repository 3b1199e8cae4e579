"""The images an Operator Lifecycle Manager file-based catalog names (pure).

A file-based catalog (https://olm.operatorframework.io/docs/reference/file-based-catalogs/) is YAML (or JSON) of
documents without `apiVersion` or `kind`, each with a `schema`: `olm.package`, `olm.channel`, and one `olm.bundle` per
operator version, whose `image` is the bundle image OLM pulls to install that version and whose `relatedImages` are
the images the operator runs, the ones a disconnected cluster must mirror (`oc-mirror` copies them). Read: `image`
and each `relatedImages[].image` of an `olm.bundle` document (a value left null by a template, ytt's `image: #@
data.values.image`, names none). The catalog is deployed to a cluster, which pulls these from their registry.

A catalog template (https://olm.operatorframework.io/docs/reference/catalog-templates/) is what `opm alpha
render-template` turns into such a catalog, pulling each bundle image it names to read the bundle's metadata: the
basic template (`schema: olm.template.basic`) lists `entries` of catalog documents, its `olm.bundle` entries giving
only the bundle's `image` ("supply only the bundle image reference for any olm.bundle objects": coherence-operator's
`hack/olm/catalog-template.yaml`, `ghcr.io/oracle/coherence-operator-bundle:3.5.0`); the semver template (`schema:
olm.semver`) lists the `bundles` of its `candidate`, `fast` and `stable` channels by `image` (keys capitalised in its
first form: `Stable: {Bundles: [{Image: ...}]}`). Read: those bundle images.

OLM v1 serves a catalog from an image a `ClusterCatalog` names (`olm.operatorframework.io/v1`, formerly
`catalogd.operatorframework.io/v1alpha1`): with `spec.source.type: Image`, catalogd pulls `spec.source.image.ref`
and unpacks it ("the ClusterCatalog content will be sourced from an OCI image",
https://operator-framework.github.io/operator-controller/api-reference/catalogd-api-reference/): operator-
controller's `manifests/default-catalogs.yaml`, `ref: quay.io/operatorhubio/catalog:latest`. Read: that `ref`.
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of

OLM_CATALOG = "OLM file-based catalog"
CLUSTER_CATALOG_USE = "spec.source.image.ref (ClusterCatalog)"
_CLUSTER_CATALOG_GROUPS = ("olm.operatorframework.io/", "catalogd.operatorframework.io/")


def is_catalog_bundle(doc: object) -> bool:
    return isinstance(doc, dict) and doc.get("schema") == "olm.bundle" and "apiVersion" not in doc


def catalog_bundle_images(doc: object, origin: str) -> list[Found]:
    """The bundle image and related images of an `olm.bundle` document (see the module)."""
    if not is_catalog_bundle(doc) or not isinstance(doc, dict):
        return []
    named = [(doc.get("image"), "olm.bundle image")]
    related = doc.get("relatedImages")
    for entry in related if isinstance(related, list) else ():
        named += [(entry.get("image"), "relatedImages")] if isinstance(entry, dict) else []
    return [
        Found(value.strip(), origin, line_of(value), use=use, kind=OLM_CATALOG)
        for value, use in named
        if isinstance(value, str) and value.strip()
    ]


def _key(mapping: dict[Any, Any], name: str) -> object:
    """`name`'s value, or its capitalised form's (the semver template's first schema: `Stable`, `Bundles`)."""
    return mapping.get(name, mapping.get(name.capitalize()))


def catalog_template_images(doc: object, origin: str) -> list[Found]:
    """The bundle images of a basic or semver catalog template, which opm pulls to render it (see the module)."""
    if not isinstance(doc, dict):
        return []
    schema = _key(doc, "schema")
    if schema == "olm.template.basic" and isinstance(doc.get("entries"), (list, type(None))):
        entries = doc.get("entries")
        return [item for entry in entries or () for item in catalog_bundle_images(entry, origin)]
    if schema != "olm.semver":
        return []
    found: list[Found] = []
    for channel in ("candidate", "fast", "stable"):
        listed = _key(doc, channel)
        bundles = _key(listed, "bundles") if isinstance(listed, dict) else None
        for bundle in bundles if isinstance(bundles, list) else ():
            image = _key(bundle, "image") if isinstance(bundle, dict) else None
            if isinstance(image, str) and image.strip():
                found.append(Found(image.strip(), origin, line_of(image), use="olm.bundle image", kind=OLM_CATALOG))
    return found


def catalog_images(doc: object, origin: str) -> list[Found]:
    """The images of an `olm.bundle` document, or the bundle images of a catalog template (see the module)."""
    return catalog_bundle_images(doc, origin) if is_catalog_bundle(doc) else catalog_template_images(doc, origin)


def cluster_catalog_images(doc: object, origin: str) -> list[Found]:
    """The catalog image of an OLM v1 `ClusterCatalog` whose source is an image (see the module)."""
    if not isinstance(doc, dict) or doc.get("kind") != "ClusterCatalog":
        return []
    if not str(doc.get("apiVersion", "")).startswith(_CLUSTER_CATALOG_GROUPS):
        return []
    spec = doc.get("spec")
    source = spec.get("source") if isinstance(spec, dict) else None
    if not isinstance(source, dict) or str(source.get("type", "")).lower() != "image":
        return []
    image = source.get("image")
    ref = image.get("ref") if isinstance(image, dict) else None
    if not isinstance(ref, str) or not ref.strip():
        return []
    return [Found(ref.strip(), origin, line_of(ref), use=CLUSTER_CATALOG_USE, kind="Kubernetes manifest")]
