"""kinds.py at its edges: the names of cross's files, ERB manifests, `action.yaml`, `.gitpod.yaml`, `*.gitlab-ci.yaml`
and files under `.azure-pipelines/`; and what `images_in` reads: a Groovy test (its Testcontainers and Micronaut Test
Resources images, with the file), a YAML template holding an ECS task definition (read as CloudFormation), a compose
file with the values of its `.env`."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("Cross.toml", Kind.CROSS),
        ("rust/Cargo.toml", Kind.CROSS),
        ("deploy/web.yaml.erb", Kind.YAML),
        ("deploy/worker.yml.erb", Kind.YAML),
        ("action.yaml", Kind.ACTION),
        (".gitpod.yaml", Kind.GITPOD),
        ("ci/build.gitlab-ci.yaml", Kind.GITLAB),
        (".azure-pipelines/build.yml", Kind.AZURE),
    ],
)
def test_file_names(path: str, kind: Kind) -> None:
    assert kind_of(path) is kind


def test_a_groovy_test_gives_its_started_and_test_resources_images_with_its_file() -> None:
    text = (
        "import org.testcontainers.containers.GenericContainer\n"
        "class MariaSpec extends Specification {\n"
        "  def props = ['test-resources.containers.mysql.image-name' : 'mariadb:11']\n"
        '  @Shared GenericContainer redis = new GenericContainer("redis:7")\n'
        "}\n"
    )
    found = images_in(Kind.JENKINS, text, "src/test/MariaSpec.groovy")
    assert sorted((item.text, item.origin, item.line) for item in found) == [
        ("mariadb:11", "src/test/MariaSpec.groovy", 3),
        ("redis:7", "src/test/MariaSpec.groovy", 4),
    ]


def test_a_yaml_template_with_an_ecs_task_definition_is_read_as_cloudformation() -> None:
    text = """\
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/acme/app:3
"""
    found = images_in(Kind.YAML, text, "template.yaml")
    assert [(item.text, item.origin, item.line, item.kind) for item in found] == [
        ("public.ecr.aws/acme/app:3", "template.yaml", 7, "CloudFormation template")
    ]


def test_a_compose_file_takes_the_values_of_its_env_file() -> None:
    text = "services:\n  app:\n    image: ${IMAGE}\n"
    assert images_in(Kind.COMPOSE, text, "compose.yaml", dotenv={"IMAGE": "redis:7"}) == [
        Found("redis:7", "compose.yaml", 3, None, "image", Kind.COMPOSE.value)
    ]
