"""AWS CDK apps: the images their ECS, Fargate and Batch containers pull, named with
`ContainerImage.fromRegistry(...)` (Python `from_registry`, C# `FromRegistry`, Go `ContainerImage_FromRegistry`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.cdk_container_images import cdk_registry_images, may_name_registry_images
from tests.support.hang_guard import finishes

PYTHON_STACK = """\
import os

import aws_cdk as cdk
from aws_cdk import aws_ecs as ecs
from aws_cdk.aws_ecs import ContainerImage

REGISTRY = "ghcr.io/example-org"
PROXY = "public.ecr.aws/nginx/nginx:1.27-alpine"


class ServiceStack(cdk.Stack):
    def __init__(self, scope, construct_id, version: str = "1.4.0", image: str | None = None, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        task = ecs.FargateTaskDefinition(self, "Task")
        task.add_container(
            "debug",
            image=ecs.ContainerImage.from_registry(
                "public.ecr.aws/docker/library/busybox:1.36"
            ),
        )
        task.add_container("app", image=ecs.ContainerImage.from_registry(f"{REGISTRY}/orders-api:{version}"))
        task.add_container("proxy", image=ContainerImage.from_registry(PROXY))
        sidecar = "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1"
        task.add_container("otel", image=ecs.ContainerImage.from_registry(name=sidecar))
        task.add_container("given", image=ecs.ContainerImage.from_registry(image))
        tag = self.node.try_get_context("workerTag")
        task.add_container("worker", image=ecs.ContainerImage.from_registry(f"{REGISTRY}/worker:{tag}"))
        runner = os.getenv("RUNNER_IMAGE", "ghcr.io/example-org/runner:2.3")
        task.add_container("runner", image=ecs.ContainerImage.from_registry(runner))
        chosen = os.environ["CHOSEN_IMAGE"]
        task.add_container("chosen", image=ecs.ContainerImage.from_registry(chosen))
        # task.add_container("old", image=ecs.ContainerImage.from_registry("redis:6"))
        task.add_container("built", image=ecs.ContainerImage.from_asset("./app"))
"""


def test_the_images_a_python_cdk_stack_gives_from_registry() -> None:
    found = cdk_registry_images(PYTHON_STACK, "infra/stacks/service_stack.py")
    assert [(item.text, item.line) for item in found] == [
        ("public.ecr.aws/docker/library/busybox:1.36", 18),
        ("ghcr.io/example-org/orders-api:1.4.0", 21),
        ("public.ecr.aws/nginx/nginx:1.27-alpine", 22),
        ("public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1", 24),
        ("ghcr.io/example-org/runner:2.3", 29),
    ]
    assert {item.kind for item in found} == {"Python source"}


TS_STACK = """\
import * as cdk from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as batch from 'aws-cdk-lib/aws-batch';

const grafanaVersion = '11.2.0';
const GRAFANA = `grafana/grafana:${grafanaVersion}`;

export class MonitoringStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string, props: MonitoringProps) {
    super(scope, id, props);
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('grafana', { image: ecs.ContainerImage.fromRegistry(GRAFANA) });
    task.addContainer('loki', { image: ecs.ContainerImage.fromRegistry("grafana/loki:" + '3.1.1') });
    task.addContainer('promtail', {
      image: ecs.ContainerImage.fromRegistry(`grafana/promtail:${grafanaVersion}`),
    });
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry(props.appImage) });
    // task.addContainer('old', { image: ecs.ContainerImage.fromRegistry('grafana/grafana:9.0.0') });
    new batch.EcsJobDefinition(this, 'Job', {
      container: new batch.EcsFargateContainerDefinition(this, 'Container', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/amazonlinux/amazonlinux:2023'),
        memory: cdk.Size.mebibytes(2048),
        cpu: 1,
      }),
    });
  }
}
"""

JAVA_STACK = """\
import software.amazon.awscdk.services.ecs.ContainerImage;

public class WebStack extends Stack {
    private static final String NGINX = "nginx:1.27";

    public WebStack(final Construct scope, final String id) {
        taskDefinition.addContainer("web", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(NGINX))
                .build());
        taskDefinition.addContainer("sample", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry("amazon/amazon-ecs-sample"))
                .build());
    }
}
"""

CSHARP_STACK = """\
using Amazon.CDK.AWS.ECS;

public class ApiStack : Stack
{
    private const string Tag = "8.0";

    internal ApiStack(Construct scope, string id) : base(scope, id)
    {
        task.AddContainer("api", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("mcr.microsoft.com/dotnet/samples:aspnetapp"),
        });
        task.AddContainer("runtime", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry($"mcr.microsoft.com/dotnet/aspnet:{Tag}"),
        });
    }
}
"""

GO_STACK = """\
package main

import (
\t"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
\t"github.com/aws/jsii-runtime-go"
)

const redisImage = "public.ecr.aws/docker/library/redis:7.4"

func NewCacheStack(scope constructs.Construct, id string, props *CacheStackProps) awscdk.Stack {
\ttask.AddContainer(jsii.String("redis"), &awsecs.ContainerDefinitionOptions{
\t\tImage: awsecs.ContainerImage_FromRegistry(jsii.String(redisImage), nil),
\t})
\ttask.AddContainer(jsii.String("sample"), &awsecs.ContainerDefinitionOptions{
\t\tImage: awsecs.ContainerImage_FromRegistry(jsii.String("amazon/amazon-ecs-sample"), nil),
\t})
\ttask.AddContainer(jsii.String("given"), &awsecs.ContainerDefinitionOptions{
\t\tImage: awsecs.ContainerImage_FromRegistry(props.Image, nil),
\t})
\treturn stack
}
"""


def test_the_images_typescript_java_csharp_and_go_cdk_stacks_give_from_registry() -> None:
    assert [(item.text, item.line) for item in cdk_registry_images(TS_STACK, "lib/monitoring-stack.ts")] == [
        ("grafana/grafana:11.2.0", 12),
        ("grafana/loki:3.1.1", 13),
        ("grafana/promtail:11.2.0", 15),
        ("public.ecr.aws/amazonlinux/amazonlinux:2023", 21),
    ]
    assert [(item.text, item.line) for item in cdk_registry_images(JAVA_STACK, "src/main/java/WebStack.java")] == [
        ("nginx:1.27", 8),
        ("amazon/amazon-ecs-sample", 11),
    ]
    assert [(item.text, item.line) for item in cdk_registry_images(CSHARP_STACK, "src/Api/ApiStack.cs")] == [
        ("mcr.microsoft.com/dotnet/samples:aspnetapp", 11),
        ("mcr.microsoft.com/dotnet/aspnet:8.0", 15),
    ]
    assert [(item.text, item.line) for item in cdk_registry_images(GO_STACK, "cache.go")] == [
        ("public.ecr.aws/docker/library/redis:7.4", 12),
        ("amazon/amazon-ecs-sample", 15),
    ]


def test_only_cdk_app_sources_outside_their_tests_are_read() -> None:
    data = PYTHON_STACK.encode()
    assert may_name_registry_images("infra/stacks/service_stack.py", data)
    assert may_name_registry_images("lib/monitoring-stack.ts", TS_STACK.encode())
    assert may_name_registry_images("cache.go", GO_STACK.encode())
    assert may_name_registry_images("src/Api/ApiStack.cs", CSHARP_STACK.encode())
    assert not may_name_registry_images("infra/tests/unit/test_service_stack.py", data)
    assert not may_name_registry_images("infra/test/monitoring-stack.test.ts", TS_STACK.encode())
    assert not may_name_registry_images("src/test/java/WebStackTest.java", JAVA_STACK.encode())
    assert not may_name_registry_images("cache_test.go", GO_STACK.encode())
    assert not may_name_registry_images("infra/stacks/service_stack.py", b'image = "nginx:1.27"')
    assert not may_name_registry_images("docs/adr.md", data)


def test_a_huge_or_unclosed_call_is_read_in_linear_time() -> None:
    text = "ContainerImage.fromRegistry(`" + "${a" * 200_000 + "\n" + "ContainerImage.fromRegistry(x + " * 100_000
    assert finishes(cdk_registry_images, text, "lib/stack.ts") == []
    python = "from aws_cdk import aws_ecs as ecs\nx = ecs.ContainerImage.from_registry(f'{a' + '(' * 100_000\n"
    assert finishes(cdk_registry_images, python, "app.py") == []
