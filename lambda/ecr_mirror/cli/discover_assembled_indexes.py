"""The sources of a multi-platform index a workflow joins from the images it has just pushed, marked built here.

A release workflow often builds one image per platform (docker/build-push-action, `push: true`, one job per
runner architecture, each tagged `acme/proxy:latest-amd64`, `acme/proxy:latest-arm64`), then joins them into one
index with `docker buildx imagetools create --tag acme/proxy:latest acme/proxy:latest-amd64 acme/proxy:latest-arm64`
(https://docs.docker.com/reference/cli/docker/buildx/imagetools/create/). Those sources are the workflow's own
images, pushed by its earlier jobs, not images of anyone else it would pull: a source of `imagetools create`
(image_copies.py) that a build-push-action step of the same workflow tags, one that only pushes included
(workflow_steps.pushed_tags with `every`), is marked built there. A `docker run` of such a tag stays a pull: it
fetches the published image back (the image a release is tested with).
"""

from __future__ import annotations

import dataclasses

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.workflow_steps import pushed_tags
from ecr_mirror.errors import ConfigError
from ecr_mirror.oci.reference import reference_or_none

_USE = "docker buildx imagetools create"


def assembled_built(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found`, each `imagetools create` source that a build-push-action step of its own workflow tags marked built
    there (see the module)."""
    origins = {item.origin for item in found if item.use.startswith(_USE) and item.problem is None and not item.built}
    pushed: dict[str, dict[object, str]] = {}
    for shown in origins:
        text = texts.get(shown)
        if text is None or kind_of(shown) not in (Kind.WORKFLOW, Kind.ACTION) or "build-push-action" not in text:
            continue
        try:
            tags = pushed_tags(text, shown, every=True)
        except ConfigError:
            continue  # reported by the workflow's own reader
        pushed[shown] = {ref: build.where for build in tags if (ref := reference_or_none(build.name)) is not None}
    if not pushed:
        return found
    out: list[Found] = []
    for item in found:
        where = None
        if item.origin in pushed and item.use.startswith(_USE) and item.problem is None and not item.built:
            where = pushed[item.origin].get(reference_or_none(item.text))
        out.append(dataclasses.replace(item, built=where) if where else item)
    return out
