"""Images tagged `local`: the name a machine gives its own builds (pure).

`local` is the tag projects give the image a developer or a CI job builds on the machine that then runs it, never
published: `docker build -t acme/api:local .`, docker/metadata-action's and nx-container's `type=raw,value=local`,
a compose file's `image: ghcr.io/acme/api:${API_VERSION:-local}` run after the build tool made it, a Dockerfile's
`FROM ghcr.io/acme/api-base:local` built on top of another local build. Whatever builds it (a build program whose
targets the tree does not write out, a plugin's generated targets), nothing pulls it from a registry: each use is
marked built here (`built`), so it is not listed as a pull. In the held-out sets labelled before this rule, every
`:local` image of 17 repositories was labelled as no pull (docs/discover.md, "Images built in the tree"). A
reference pinned by digest (`acme/api:local@sha256:...`) is pulled by that digest and stays listed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

TAG = "local"
WHERE = "the tag `local`, a local build's name"


def local_tag_built(found: Iterable[Found]) -> list[Found]:
    """`found`, each use of an image tagged `local` (no digest) marked built here."""
    out: list[Found] = []
    for item in found:
        reference = None if item.problem or item.built else reference_or_none(item.text)
        local = reference is not None and reference.tag == TAG and reference.digest is None
        out.append(dataclasses.replace(item, built=WHERE) if local else item)
    return out
