"""What a Skaffold config builds: the images it names and the Dockerfiles it builds them from (pure).

The images are `build.artifacts[].image`, of the config and of its profiles: Skaffold puts what it built in place
of these names in the manifests it deploys, so a manifest naming one does not pull it (cli/discover_builds.py,
skaffold_deploys.py).

A docker artifact of a Skaffold config (`build.artifacts[]` with `docker:`, or with no builder at all: docker is
Skaffold's default) builds the Dockerfile `docker.dockerfile` (default `Dockerfile`) of its `context` (default `.`,
the config's directory): https://skaffold.dev/docs/builders/builder-types/docker/; a kaniko artifact builds
`kaniko.dockerfile` of its context the same way (https://skaffold.dev/docs/builders/builder-types/kaniko/). The
artifacts of the config's profiles are read too. A jib, ko, buildpacks, bazel or custom artifact builds no
Dockerfile of its context. Used to tell a Dockerfile an integration suite builds with `skaffold run` from a
parser's test input (cli/discover_parser_fixtures.py).
"""

from __future__ import annotations

import posixpath

from ecr_mirror.choose.discovery.kustomize_bases import yaml_documents

_OTHER_BUILDERS = ("jib", "ko", "buildpacks", "bazel", "custom")


def skaffold_parts(text: str, origin: str) -> list[dict[object, object]]:
    """The Skaffold configs of `text` (`apiVersion: skaffold/...`) and each of their profiles."""
    return [
        part
        for doc in yaml_documents(text, origin)
        if str(doc.get("apiVersion", "")).startswith("skaffold/")
        for part in skaffold_parts_of(doc)
    ]


def skaffold_parts_of(doc: dict[object, object]) -> list[dict[object, object]]:
    """A Skaffold config and each of its profiles."""
    profiles = doc.get("profiles")
    return [doc, *(part for part in (profiles if isinstance(profiles, list) else ()) if isinstance(part, dict))]


def skaffold_artifact_list(part: dict[object, object]) -> list[dict[object, object]]:
    build = part.get("build")
    artifacts = build.get("artifacts") if isinstance(build, dict) else None
    return [item for item in (artifacts if isinstance(artifacts, list) else ()) if isinstance(item, dict)]


def _dockerfile(artifact: dict[object, object]) -> str | None:
    if any(key in artifact for key in _OTHER_BUILDERS):
        return None
    builder = artifact.get("docker", artifact.get("kaniko"))
    named = builder.get("dockerfile") if isinstance(builder, dict) else None
    return named if isinstance(named, str) and named else "Dockerfile"


def skaffold_artifacts(text: str, origin: str) -> set[str]:
    """The images the Skaffold configs of `text` build (`build.artifacts[].image`, in profiles too)."""
    return {
        str(artifact["image"])
        for part in skaffold_parts(text, origin)
        for artifact in skaffold_artifact_list(part)
        if isinstance(artifact.get("image"), str)
    }


def skaffold_dockerfiles(text: str, origin: str) -> set[str]:
    """The normalised paths (joined to the directory of `origin`) of the Dockerfiles the Skaffold configs of `text`
    build."""
    base = posixpath.dirname(origin)
    paths: set[str] = set()
    for part in skaffold_parts(text, origin):
        for artifact in skaffold_artifact_list(part):
            context = artifact.get("context", ".")
            dockerfile = _dockerfile(artifact)
            if dockerfile is None or not isinstance(context, str) or "{{" in context + dockerfile:
                continue
            paths.add(posixpath.normpath(posixpath.join(base, context, dockerfile)))
    return paths
