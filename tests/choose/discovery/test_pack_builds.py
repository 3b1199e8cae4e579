"""`pack build` (Cloud Native Buildpacks): the builder, run image, lifecycle image and packaged buildpack images it
pulls, in a script and in a Cloud Build step that runs pack."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in
from ecr_mirror.choose.discovery.pack_builds import pack_build_words, pack_images
from ecr_mirror.cli.discover_scripts import command_pulls

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
BUILDER="paketobuildpacks/builder-jammy-base:0.4.300"
pack build "registry.example.com/shop/api:${GIT_SHA}" \\
  --builder "$BUILDER" \\
  --buildpack gcr.io/paketo-buildpacks/nodejs:3.2.1 \\
  --buildpack paketo-buildpacks/ca-certificates \\
  -b heroku/procfile@2.0.1,docker://ghcr.io/acme/buildpacks/otel:1.4 \\
  --buildpack ./local-buildpack --buildpack urn:cnb:builder:paketo-buildpacks/java \\
  --run-image paketobuildpacks/run-jammy-base:0.1.90 \\
  --cache-image registry.example.com/shop/cache:api \\
  --publish
echo "pack build demo --builder paketobuildpacks/builder:full"
"""

CLOUDBUILD = """\
steps:
- name: 'gcr.io/k8s-skaffold/pack'
  entrypoint: 'pack'
  args:
    - build
    - ${_REGION}-docker.pkg.dev/$PROJECT_ID/app/api:$SHORT_SHA
    - --builder=paketobuildpacks/builder:${_TIER}
    - --buildpack=gcr.io/paketo-buildpacks/dotnet-core
    - --buildpack=gcr.io/paketo-buildpacks/environment-variables
    - --env=BP_DOTNET_PROJECT_PATH=./src/Api/
    - --publish
- name: gcr.io/cloud-builders/gcloud
  args: ['run', 'deploy', 'api']
substitutions:
  _REGION: europe-west1
  _TIER: base
"""


def test_the_words_of_a_pack_build() -> None:
    words = ["app", "-B", "paketobuildpacks/builder:base", "--lifecycle-image", "buildpacksio/lifecycle:0.20.0"]
    words += ["--buildpack", "localhost:5000/bp/ruby", "-b", "paketo-buildpacks/java@18.0.0", "-b", "bp.tgz"]
    assert pack_build_words(words) == [
        ("pack build builder", "paketobuildpacks/builder:base"),
        ("pack build lifecycle image", "buildpacksio/lifecycle:0.20.0"),
        ("pack build buildpack", "localhost:5000/bp/ruby"),
    ]


def test_a_scripts_pack_build() -> None:
    found = [(item.text, item.line, item.use) for item in pack_images(SCRIPT, "scripts/build.sh")]
    assert found == [
        ("paketobuildpacks/builder-jammy-base:0.4.300", 4, "pack build builder"),
        ("gcr.io/paketo-buildpacks/nodejs:3.2.1", 4, "pack build buildpack"),
        ("ghcr.io/acme/buildpacks/otel:1.4", 4, "pack build buildpack"),
        ("paketobuildpacks/run-jammy-base:0.1.90", 4, "pack build run image"),
    ]
    listed = {item.text for item in command_pulls(SCRIPT, "scripts/build.sh") if item.problem is None}
    assert "gcr.io/paketo-buildpacks/nodejs:3.2.1" in listed


def test_a_cloud_build_step_running_pack() -> None:
    found = [(item.text, item.line, item.use) for item in images_in(Kind.CLOUDBUILD, CLOUDBUILD, "cloudbuild.yml")]
    assert found == [
        ("gcr.io/k8s-skaffold/pack", 2, "step"),
        ("paketobuildpacks/builder:base", 2, "pack build builder"),
        ("gcr.io/paketo-buildpacks/dotnet-core", 2, "pack build buildpack"),
        ("gcr.io/paketo-buildpacks/environment-variables", 2, "pack build buildpack"),
        ("gcr.io/cloud-builders/gcloud", 12, "step"),
    ]


def test_a_cloud_build_step_of_another_program_is_not_read_as_pack() -> None:
    other = CLOUDBUILD.replace("entrypoint: 'pack'", "entrypoint: 'bash'")
    found = [item.text for item in images_in(Kind.CLOUDBUILD, other, "cloudbuild.yml")]
    assert found == ["gcr.io/k8s-skaffold/pack", "gcr.io/cloud-builders/gcloud"]
