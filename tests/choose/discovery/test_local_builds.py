"""The names a Makefile, a script or a CI step builds or tags (`docker build -t`, `docker tag`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild, local_builds, marked_built


def test_build_and_tag_commands_in_their_forms() -> None:
    text = """\
build:
\t@docker build -tacme/a:1 -f a.Dockerfile . && docker image tag acme/a:1 acme/a:latest
\tdocker image build --tag acme/b:2 --tag=acme/b:latest .  # two names
\tbuildah bud -t localhost/c:3 .
\tpodman build \\
\t  --pull \\
\t  -t acme/d:4 .
\tdocker buildx build --target test --platform linux/amd64 -t acme/e:5 --push .
\tdocker build -t "$(IMAGE):$(TAG)" -t ${REGISTRY}/f:6 -t `git rev-parse HEAD` .
\techo "docker build -t acme/quoted:7 ." | tee log
\tdocker build --label x=y .
\tdocker run --rm -t acme/not-built:8 sh
\tdocker buildx bake -t nope
# docker build -t acme/commented:9 .
"""
    found = [(b.name, b.line, b.how) for b in local_builds(text, "Makefile")]
    assert found == [
        ("acme/a:1", 2, "docker build -t"),
        ("acme/a:latest", 2, "docker image tag"),
        ("acme/b:2", 3, "docker image build -t"),
        ("acme/b:latest", 3, "docker image build -t"),
        ("localhost/c:3", 4, "buildah bud -t"),
        ("acme/d:4", 5, "podman build -t"),
        ("acme/e:5", 8, "docker buildx build -t"),
    ]


def test_a_multi_platform_build_that_only_pushes_keeps_no_local_image() -> None:
    text = """\
release:
\tdocker buildx build --platform linux/amd64,linux/arm64 -t acme/pushed:1 --push .
\tdocker buildx build --platform=linux/amd64,linux/arm64 -t acme/registry:2 -o type=registry .
\tdocker buildx build --platform linux/amd64 --platform linux/arm64 -t acme/image:3 --output=type=image,push=true .
\tdocker buildx build --platform linux/amd64,linux/arm64 -t acme/loaded:4 --push --load .
\tdocker buildx build --platform linux/amd64,linux/arm64 -t acme/docker:5 --output type=docker .
\tdocker buildx build --platform linux/amd64 -t acme/single:6 --push .
"""
    assert [b.name for b in local_builds(text, "Makefile")] == ["acme/loaded:4", "acme/docker:5", "acme/single:6"]


def test_uses_of_a_built_name_are_marked_after_normalisation() -> None:
    builds = [LocalBuild("web-fixture", "scripts/x.sh", 3, "docker build -t")]
    found = [
        Found("docker.io/library/web-fixture:latest", "compose.yaml", 2),
        Found("web-fixture:1", "compose.yaml", 3),
        Found("web-fixture", "k8s.yaml", 4, problem="unresolved anyway"),
    ]
    assert [item.built for item in marked_built(found, builds)] == [
        "docker build -t at scripts/x.sh:3",
        None,
        None,
    ]


def test_only_a_build_in_command_position_counts_not_an_echoed_or_quoted_text() -> None:
    text = """\
#!/bin/sh
echo "docker build -t acme/echoed:1 ."
printf 'run: docker build -t acme/printed:2 .\\n'
log "then docker tag acme/a:1 acme/logged:3"
set -e; docker build -t acme/real:4 . && docker tag acme/real:4 acme/real:latest
if true; then docker build -t acme/then:5 .; fi
out=$(docker buildx build -q -t acme/sub:6 .)
sh -c "docker build -t acme/sh-c:7 ."
"""
    assert [b.name for b in local_builds(text, "build.sh")] == [
        "acme/real:4",
        "acme/real:latest",
        "acme/then:5",
        "acme/sub:6",
        "acme/sh-c:7",
    ]


def test_a_jenkinsfile_step_and_a_quiet_make_prefix_are_command_positions() -> None:
    text = """\
stage('build') {
  steps {
    sh "docker build -t acme/jenkins-a:1 ."
    sh 'docker tag acme/jenkins-a:1 acme/jenkins-b:1'
    sh(script: "docker build -t acme/jenkins-c:1 .", returnStdout: true)
    sh '''
      docker build -t acme/jenkins-d:1 .
    '''
  }
}
"""
    assert [b.name for b in local_builds(text, "Jenkinsfile")] == [
        "acme/jenkins-a:1",
        "acme/jenkins-b:1",
        "acme/jenkins-c:1",
        "acme/jenkins-d:1",
    ]
    assert [b.name for b in local_builds("image:\n\t$(Q)docker build -t acme/quiet:1 .\n", "Makefile")] == [
        "acme/quiet:1"
    ]


def test_a_pull_a_job_container_and_the_base_of_the_build_itself_are_never_built_here() -> None:
    """`docker pull X` pulls X whoever builds it elsewhere; a workflow's `services:` and `container:` start before
    any step could build them; a Dockerfile's `FROM grafana/grafana:7.5.16`, built by the compose service named
    `grafana/grafana:7.5.16`, must be pulled for that build to run."""
    builds = [
        LocalBuild("acme/api:latest", "Makefile", 9, "docker build -t"),
        LocalBuild("grafana/grafana:7.5.16", "compose.yaml", 12, "compose build:", dockerfile="grafana/Dockerfile"),
    ]
    found = [
        Found("acme/api:latest", "Makefile", 3, use="docker pull"),
        Found("acme/api:latest", ".github/workflows/ci.yml", 20, use="services", kind="GitHub Actions workflow"),
        Found("acme/api:latest", ".github/workflows/ci.yml", 24, use="container", kind="GitHub Actions workflow"),
        Found("grafana/grafana:7.5.16", "grafana/Dockerfile", 1, use="FROM", kind="Dockerfile"),
        Found("grafana/grafana:7.5.16", "other/Dockerfile", 1, use="FROM", kind="Dockerfile"),
        Found("acme/api:latest", "Makefile", 10, use="docker run"),  # after the build, in its own file
    ]
    assert [item.built for item in marked_built(found, builds)] == [
        None,
        None,
        None,
        None,
        "compose build: at compose.yaml:12",
        "docker build -t at Makefile:9",
    ]
