"""The images of a YAML table keyed by an operator's `RELATED_IMAGE_*` names, outside a manifest (pure).

Operator Lifecycle Manager's convention (https://sdk.operatorframework.io/docs/olm-integration/generation/#relatedimages)
gives an operator the images it deploys as environment variables named `RELATED_IMAGE_*` (related_images.py reads
them in the operator's Deployment). An operator project often keeps those pins in a configuration file of its own,
keyed by the variable's name, which its build hands to the operator: a Makefile's deploy target writes each value
into the Deployment's `env`, or into an OLM Subscription's `config.env`, before the e2e tests run. The value is the
image, written whole (`RELATED_IMAGE_PROXY: docker.io/acme/proxy:2.0`) or split into a repository and its digest or
tag, once or once per platform or flavour below the key (opendatahub-operator's `manifests-config.yaml`,
`imageOverrides: {RELATED_IMAGE_ODH_KSERVE_CONTROLLER_IMAGE: {odh: {base: quay.io/opendatahub/kserve-controller,
digest: sha256:...}, rhoai: {...}}}`, joined `base@digest` by its `cmd/manifest-tools apply-deploy`).

Read: under each key named `RELATED_IMAGE_*` in a document that is no Kubernetes object, a string value that is a
reference with a tag or a digest, and each mapping (the key's own, or one nested below it) whose `base`,
`repository`, `image` or `name` is a reference without a tag or digest and whose `digest` (`sha256:` and 64 hex
digits) or `tag` completes it: `NAME[:TAG][@DIGEST]`. Not read: a pin not resolved yet (an empty `digest`, a
repository alone: the tool leaves the variable out), a value that is no image reference (`RELATED_IMAGE_X_NAME:
acme`), the same shapes under other keys (a cache's `base` and `digest` are no image the operator is given), and
past twice the document's own entries and `MAX_ENTRIES` more walked under its keys (a hostile file aliasing one large
node under many keys).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import pinned_reference
from ecr_mirror.choose.discovery.image_parts import DIGEST_RE, TAG_RE
from ecr_mirror.choose.discovery.yaml_loader import line_of
from ecr_mirror.choose.discovery.yaml_walk import entries
from ecr_mirror.oci.reference import reference_or_none

KIND = "operator image table"
_PREFIX = "RELATED_IMAGE_"
_NAME_KEYS = ("base", "repository", "image", "name")
MAX_ENTRIES = 100_000  # entries walked under the keys of one document beyond twice its own: aliases repeat nodes


def _joined(mapping: dict[Any, Any]) -> tuple[str, object] | None:
    """`NAME[:TAG][@DIGEST]` of a mapping that splits an image (see the module), and the value giving its line."""
    name = next((mapping[key] for key in _NAME_KEYS if isinstance(mapping.get(key), str)), None)
    digest, tag = mapping.get("digest"), mapping.get("tag")
    if name is None or reference_or_none(name.strip(), default_tag=None) is None or pinned_reference(name):
        return None
    digest_ok = isinstance(digest, str) and DIGEST_RE.fullmatch(digest.strip()) is not None
    tag_ok = isinstance(tag, str | int | float) and TAG_RE.fullmatch(str(tag).strip()) is not None
    if not digest_ok and not tag_ok:
        return None
    text = name.strip() + (f":{str(tag).strip()}" if tag_ok else "") + (f"@{str(digest).strip()}" if digest_ok else "")
    return (text, name) if reference_or_none(text) is not None else None


def _images(value: object, budget: list[int]) -> Iterator[tuple[str, object]]:
    """(image, the value giving its line) of one `RELATED_IMAGE_*` key's value: a whole reference, or each mapping
    splitting one, the value's own or one nested below it. Walked afresh for each key (a table anchored under another
    key and aliased here is read whole), within the document's `budget` of entries."""
    if isinstance(value, str):
        if pinned_reference(value):
            yield value.strip(), value
        return
    for mapping in (value, *(child for _, _, child in entries(value))):
        budget[0] -= 1
        if budget[0] < 0:
            return
        if isinstance(mapping, dict) and (joined := _joined(mapping)) is not None:
            yield joined


def related_image_table_images(doc: object, origin: str) -> list[Found]:
    """The images a document that is no Kubernetes object gives under its `RELATED_IMAGE_*` keys (see the
    module), at the line of each name or whole reference."""
    if not isinstance(doc, dict) or ("apiVersion" in doc and "kind" in doc):
        return []
    found: list[Found] = []
    budget = [MAX_ENTRIES]
    for _, key, value in entries(doc):
        budget[0] += 2  # each node once in this walk: the keys' walks may take twice the document's own size
        if not isinstance(key, str) or not key.startswith(_PREFIX):
            continue
        for text, where in _images(value, budget):
            found.append(Found(text, origin, line_of(where), use=f"{key} (image table)", kind=KIND))
    return found
