"""Bunnyshell's environment definition (`bunnyshell.yaml`): each component's `dockerCompose` image, and the runner
image of components that deploy with scripts."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

ENVIRONMENT = """\
kind: Environment
name: 'shop preview'
type: primary
components:
    -   kind: Application
        name: api
        gitRepo: 'https://github.com/example/shop.git'
        dockerCompose:
            build:
                context: .
                dockerfile: docker/api/Dockerfile
            image: 'shop-api:preview'
            ports:
                - '8080:8080'
    -
        kind: Database
        name: database
        dockerCompose:
            image: 'postgres:17.2'
            environment:
                POSTGRES_PASSWORD: '{{ env.vars.DB_PASSWORD }}'
    -   kind: Service
        name: cache
        dockerCompose:
            image: valkey/valkey:8
    -   kind: Service
        name: worker
        dockerCompose:
            image: '{{ components.worker-image.image }}'
    -   kind: KubernetesManifest
        name: ingress
        runnerImage: 'alpine/k8s:1.30.4'
        deploy:
            - 'kubectl apply -f ingress.yaml'
    -   kind: DockerImage
        name: worker-image
        context: /
        dockerfile: docker/worker/Dockerfile
"""


def test_a_bunnyshell_environment_is_known_by_name() -> None:
    assert kind_of(".bunnyshell/templates/preview/bunnyshell.yaml") is Kind.BUNNYSHELL
    assert kind_of("bunnyshell.yml") is Kind.BUNNYSHELL


def test_component_images_without_a_build_and_runner_images_are_pulled() -> None:
    found = images_in(Kind.BUNNYSHELL, ENVIRONMENT, "bunnyshell.yaml")
    assert [(item.text, item.line, item.use, item.problem is None) for item in found] == [
        ("postgres:17.2", 19, "components[].dockerCompose.image", True),
        ("valkey/valkey:8", 25, "components[].dockerCompose.image", True),
        ("{{ components.worker-image.image }}", 29, "components[].dockerCompose.image", False),
        ("alpine/k8s:1.30.4", 32, "components[].runnerImage", True),
    ]
    assert {item.kind for item in found} == {"Bunnyshell environment"}
