"""The images a Skaffold config's builders pull (pure).

A Skaffold config (`apiVersion: skaffold/...`, https://skaffold.dev/docs/references/yaml/) names what it builds
(`build.artifacts[].image`, not pulled) and, per builder, the images the build pulls: a jib or ko artifact's
`fromImage`, the base image (https://skaffold.dev/docs/builders/builder-types/jib/, .../ko/), a buildpacks
artifact's `builder` and `runImage` (.../buildpacks/), a kaniko artifact's `image` (the executor) and `initImage`
(.../kaniko/), and Google Cloud Build's step images `build.googleCloudBuild.{dockerImage, kanikoImage,
mavenImage, gradleImage, packImage, koImage}` and `platformEmulatorInstallStep.image` (.../builders/gcb/). The
config's profiles are read too, their `build` and the JSON patches they apply (`op: add` or `replace` of one of
these fields: `path: /build/artifacts/0/ko/fromImage`, `value: gcr.io/distroless/base-debian11:debug`, skaffold's
`ko-sync-infer` `sync` profile). A default Skaffold applies to a field left out is compiled into Skaffold and not
listed, and so is an image the config builds itself (codelab `runImage: base`, an artifact of the config). The
containers of `verify` and `customActions` stay read as container specs (container_specs.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.container_specs import container_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.skaffold_builds import skaffold_artifact_list, skaffold_parts_of
from ecr_mirror.choose.discovery.yaml_loader import line_of
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

KIND = "Skaffold config"
_ARTIFACT_FIELDS = {
    "jib": ("fromImage",),
    "ko": ("fromImage",),
    "buildpacks": ("builder", "runImage"),
    "kaniko": ("image", "initImage"),
}
_CLOUD_BUILD_FIELDS = ("dockerImage", "kanikoImage", "mavenImage", "gradleImage", "packImage", "koImage")
_PATCH_PATH_RE = re.compile(
    r"^/build/(?:artifacts/\d+/(?:(?:jib|ko)/fromImage|buildpacks/(?:builder|runImage)|kaniko/(?:image|initImage))"
    r"|googleCloudBuild/(?:" + "|".join(_CLOUD_BUILD_FIELDS) + r"|platformEmulatorInstallStep/image))$"
)


def _build_images(build: object, origin: str) -> list[Found]:
    if not isinstance(build, dict):
        return []
    found: list[Found] = []
    artifacts = build.get("artifacts")
    for artifact in artifacts if isinstance(artifacts, list) else ():
        for builder, fields in _ARTIFACT_FIELDS.items():
            spec = artifact.get(builder) if isinstance(artifact, dict) else None
            if not isinstance(spec, dict):
                continue
            for field in fields:
                item = found_item(spec.get(field), origin, f"{builder} {field} (Skaffold)")
                found += [item] if item else []
    cloud_build = build.get("googleCloudBuild")
    if isinstance(cloud_build, dict):
        for field in _CLOUD_BUILD_FIELDS:
            item = found_item(cloud_build.get(field), origin, f"googleCloudBuild {field} (Skaffold)")
            found += [item] if item else []
        step = cloud_build.get("platformEmulatorInstallStep")
        if isinstance(step, dict) and (item := found_item(step.get("image"), origin, "googleCloudBuild emulator step")):
            found.append(item)
    return found


def _patched_images(patches: object, origin: str) -> list[Found]:
    found: list[Found] = []
    for patch in patches if isinstance(patches, list) else ():
        if not isinstance(patch, dict) or patch.get("op") not in ("add", "replace"):
            continue
        if isinstance(patch.get("path"), str) and _PATCH_PATH_RE.match(str(patch["path"])):
            item = found_item(patch.get("value"), origin, f"profile patch {patch['path']} (Skaffold)")
            found += [item] if item else []
    return found


def _name(text: object) -> str:
    try:
        return parse_reference(str(text)).name
    except ReferenceError_:
        return str(text)


def skaffold_builder_images(documents: Sequence[object], origin: str) -> list[Found]:
    """The images the builders of the Skaffold configs among `documents` pull, their profiles' too."""
    found: list[Found] = []
    for doc in documents:
        if not isinstance(doc, dict) or not str(doc.get("apiVersion", "")).startswith("skaffold/"):
            continue
        read = _build_images(doc.get("build"), origin)
        profiles = doc.get("profiles")
        for profile in profiles if isinstance(profiles, list) else ():
            if isinstance(profile, dict):
                read += _build_images(profile.get("build"), origin) + _patched_images(profile.get("patches"), origin)
        built = {
            _name(artifact["image"])
            for part in skaffold_parts_of(doc)
            for artifact in skaffold_artifact_list(part)
            if isinstance(artifact.get("image"), str)
        }
        found += [item for item in read if item.problem is not None or _name(item.text) not in built]
    return [dataclasses.replace(item, kind=KIND) for item in found]


def _skaffold_containers(part: dict[object, object], origin: str) -> list[Found]:
    """The images of a config's or profile's `verify[].container` and `customActions[].containers[]`."""
    containers: list[object] = []
    for key, field in (("verify", "container"), ("customActions", "containers")):
        entries = part.get(key)
        for entry in entries if isinstance(entries, list) else ():
            value = entry.get(field) if isinstance(entry, dict) else None
            containers += value if isinstance(value, list) else [value]
    images = (container.get("image") for container in containers if isinstance(container, dict))
    return [item for image in images if (item := found_item(image, origin, "container (Skaffold)"))]


def skaffold_images(documents: list[object], text: str, origin: str) -> list[Found]:
    """The builder images of the Skaffold configs among `documents` (of `text`), and the containers the configs run
    (`verify`, `customActions`; https://skaffold.dev/docs/verify/, with the container specs of the file), one
    running an artifact of the file built here (Skaffold runs what it built: skaffold's `customActions` container
    `image: localtaks`); [] for a file without a Skaffold config."""
    configs = [
        doc for doc in documents if isinstance(doc, dict) and str(doc.get("apiVersion", "")).startswith("skaffold/")
    ]
    if not configs:
        return []
    parts = [part for doc in configs for part in skaffold_parts_of(doc)]
    built = {
        _name(artifact["image"]): line_of(artifact["image"])
        for part in parts
        for artifact in skaffold_artifact_list(part)
        if isinstance(artifact.get("image"), str)
    }
    run = [item for part in parts for item in _skaffold_containers(part, origin)]
    lines = {item.line for item in run}
    run += [item for item in container_images(text, origin) if item.line not in lines]
    containers = [
        dataclasses.replace(item, built=f"Skaffold build.artifacts at {origin}:{built[name]}")
        if item.problem is None and (name := _name(item.text)) in built
        else dataclasses.replace(item, kind=item.kind or "container spec in YAML")
        for item in run
    ]
    return skaffold_builder_images(configs, origin) + containers
