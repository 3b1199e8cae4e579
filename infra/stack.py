"""EcrMirrorStack: the components, the permissions between them, outputs, and justified cdk-nag suppressions."""

from __future__ import annotations

import re
from typing import Any

from aws_cdk import Acknowledgment, CfnOutput, Stack, Validations
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct, IConstruct

from .bundling import function_code
from .image_list import load_initial_image_list
from .image_parameter import ImageListParameter
from .insights import MirrorInsights
from .mirror_function import MirrorFunction
from .monitoring import METRICS_NAMESPACE, SERVICE_NAME, MirrorAlarms
from .repositories import MirrorRepositories
from .settings import Settings
from .triggers import MirrorTriggers

# The environment the handler reads (names are a contract with lambda/ecr_mirror/handler.py).
ENV_PARAMETER = "ECR_MIRROR_IMAGES_PARAMETER"
ENV_PREFIX = "ECR_MIRROR_REPOSITORY_PREFIX"
ENV_CREDENTIALS = "ECR_MIRROR_DOCKER_HUB_SECRET"
ENV_EXPIRY_DAYS = "ECR_MIRROR_UNTAGGED_EXPIRY_DAYS"
ENV_ENCRYPTION = "ECR_MIRROR_ENCRYPTION"
ENV_BEHIND_TABLE = "ECR_MIRROR_BEHIND_TABLE"
ENV_EVENT_BUS = "ECR_MIRROR_EVENT_BUS"

# Push and pull through the registry API, plus the control-plane calls the function makes: it creates a
# repository the push found missing, with the same settings as the stack's (lambda/ecr_mirror/ecr.py).
ECR_REPOSITORY_ACTIONS = (
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
    "ecr:PutImage",
    "ecr:DescribeImages",
    "ecr:DescribeRepositories",
    "ecr:CreateRepository",
    "ecr:PutLifecyclePolicy",
    "ecr:ListImages",
)
_COMPLETE_SECRET_ARN = re.compile(r":secret:.+-[A-Za-z0-9]{6}$")


class EcrMirrorStack(Stack):
    """Everything ecr-mirror deploys. Components are attributes so tests and other stacks can reach them."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: Settings,
        code: lambda_.Code | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.settings = settings
        initial = load_initial_image_list(settings.images_file, prefix=settings.prefix)

        self.image_list = ImageListParameter(self, "ImageList", name=settings.parameter_name, initial=initial)
        self.repositories = MirrorRepositories(
            self,
            "Repositories",
            prefix=settings.prefix,
            names=initial.repositories,
            encryption=settings.encryption,
            untagged_expiry_days=settings.untagged_expiry_days,
            destroy=settings.destroy_repositories,
        )
        environment = {
            ENV_PARAMETER: settings.parameter_name,
            ENV_PREFIX: settings.prefix,
            ENV_EXPIRY_DAYS: str(settings.untagged_expiry_days),
            ENV_ENCRYPTION: settings.encryption,
            "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": settings.log_level,
        }
        if settings.docker_hub_secret:
            environment[ENV_CREDENTIALS] = settings.docker_hub_secret
        self.mirror = MirrorFunction(
            self,
            "Mirror",
            code=code or function_code(),
            memory_size=settings.memory_size,
            reserved_concurrency=settings.reserved_concurrency,
            log_retention_days=settings.log_retention_days,
            environment=environment,
        )
        self.triggers = MirrorTriggers(
            self,
            "Triggers",
            function=self.mirror.function,
            schedule=settings.schedule,
            parameter_name=settings.parameter_name,
        )
        self.alarms = MirrorAlarms(self, "Alarms", function=self.mirror.function, alarm_email=settings.alarm_email)
        self.insights = MirrorInsights(
            self,
            "Insights",
            function=self.mirror.function,
            log_group=self.mirror.log_group,
            behind_alarm_hours=settings.behind_alarm_hours,
        )
        self.mirror.function.add_environment(ENV_BEHIND_TABLE, self.insights.behind_table.table_name)
        if settings.event_bus_name:
            self.mirror.function.add_environment(ENV_EVENT_BUS, settings.event_bus_name)
        if self.alarms.topic:
            self.insights.behind_alarm.add_alarm_action(cw_actions.SnsAction(self.alarms.topic))
            self.insights.behind_alarm.add_ok_action(cw_actions.SnsAction(self.alarms.topic))

        # Create the parameter after the function and its change rule: its "Create" event then starts the
        # first run as soon as the stack is deployed.
        self.image_list.node.add_dependency(self.mirror, self.triggers)

        self.docker_hub_secret = self._import_secret(settings.docker_hub_secret)
        self._grant(self.mirror.role)
        self._outputs()
        self._suppress_nag_findings()

    def _import_secret(self, reference: str | None) -> secretsmanager.ISecret | None:
        if not reference:
            return None
        if not reference.startswith("arn:"):
            return secretsmanager.Secret.from_secret_name_v2(self, "DockerHubSecret", reference)
        if _COMPLETE_SECRET_ARN.search(reference):
            return secretsmanager.Secret.from_secret_complete_arn(self, "DockerHubSecret", reference)
        return secretsmanager.Secret.from_secret_partial_arn(self, "DockerHubSecret", reference)

    def _grant(self, role: iam.IRole) -> None:
        """Least privilege: the prefix's repositories, the one parameter, the one secret."""
        statements = [
            iam.PolicyStatement(
                sid="MirrorRepositories",
                actions=list(ECR_REPOSITORY_ACTIONS),
                resources=[self.repositories.repository_arn_pattern()],
            ),
            # GetAuthorizationToken supports no resource-level permissions: the API requires "*".
            iam.PolicyStatement(sid="EcrLogin", actions=["ecr:GetAuthorizationToken"], resources=["*"]),
            iam.PolicyStatement(
                sid="ReadImageList",
                actions=["ssm:GetParameter"],
                resources=[self.image_list.arn],
            ),
        ]
        statements.append(
            iam.PolicyStatement(
                sid="BehindSinceTable",
                actions=["dynamodb:Scan", "dynamodb:PutItem", "dynamodb:DeleteItem"],
                resources=[self.insights.behind_table.table_arn],
            )
        )
        if self.settings.event_bus_name:
            # PutEvents is authorised on the event bus ARN
            # (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html).
            bus_arn = self.format_arn(
                service="events", resource="event-bus", resource_name=self.settings.event_bus_name
            )
            statements.append(
                iam.PolicyStatement(sid="ImageUpdatedEvents", actions=["events:PutEvents"], resources=[bus_arn])
            )
        secret = self.docker_hub_secret
        if secret is not None:
            # A name or partial ARN does not include Secrets Manager's random 6-character suffix.
            secret_arn = secret.secret_full_arn or f"{secret.secret_arn}-??????"
            statements.append(
                iam.PolicyStatement(
                    sid="ReadDockerHubCredentials", actions=["secretsmanager:GetSecretValue"], resources=[secret_arn]
                )
            )
        for statement in statements:
            role.add_to_principal_policy(statement)

    def _outputs(self) -> None:
        CfnOutput(
            self,
            "RegistryUri",
            description="Pull mirrored images from here: <this>/<registry alias>/<repository>:<tag>",
            value=f"{self.account}.dkr.ecr.{self.region}.{self.url_suffix}/{self.settings.prefix}",
        )
        CfnOutput(self, "FunctionName", description="The mirror function", value=self.mirror.function.function_name)
        CfnOutput(
            self,
            "ParameterName",
            description="Edit this parameter to change the image list",
            value=self.settings.parameter_name,
        )
        CfnOutput(
            self,
            "DashboardUrl",
            description="The mirror at a glance: runs, images behind upstream, pulls, latest status of every image",
            value=f"https://console.aws.amazon.com/cloudwatch/home?region={self.region}"
            f"#dashboards:name={self.insights.dashboard.dashboard_name}",
        )
        if self.alarms.topic:
            CfnOutput(self, "AlarmTopicArn", description="Alarm notifications", value=self.alarms.topic.topic_arn)

    def _suppress_nag_findings(self) -> None:
        """Every accepted AwsSolutions finding, with the reason it is acceptable here."""
        role = self.mirror.role
        _acknowledge(
            role,
            "AwsSolutions-IAM5[Resource::*]",
            "Only ecr:GetAuthorizationToken and X-Ray's PutTraceSegments/PutTelemetryRecords have "
            "Resource '*': none of them supports resource-level permissions.",
        )
        _acknowledge(
            role,
            f"AwsSolutions-IAM5[Resource::{_nag_arn('ecr', f'repository/{self.settings.prefix}/*')}]",
            "Push and pull are limited to the mirror's own prefix; the repositories under it are "
            "created on demand (the image list is edited at run time), so their names are not known.",
        )
        _acknowledge(
            self.mirror.function,
            "AwsSolutions-L1",
            "Python 3.13 is deliberate: dependencies are bundled as CPython 3.13 wheels "
            "(infra/bundling.py); change the runtime and PYTHON_VERSION together.",
        )
        creation_role = self.repositories.creation_role
        if creation_role is not None:
            _acknowledge(
                creation_role,
                "AwsSolutions-IAM5[Resource::*]",
                "The documented creation-template role policy: ECR creates grants on the AWS managed "
                "key aws/ecr, whose ARN is not known before the first KMS-encrypted repository.",
            )
            _acknowledge(
                creation_role,
                f"AwsSolutions-IAM5[Resource::{_nag_arn('ecr', f'repository/{self.settings.prefix}/*')}]",
                "ECR may create repositories under the mirror's prefix only.",
            )


def _acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    Validations.of(construct).acknowledge(Acknowledgment(id=f"AwsSolutions::{rule}", reason=reason))


def _nag_arn(service: str, resource: str) -> str:
    """An ARN of this stack's account and region as cdk-nag prints it in finding ids."""
    return f"arn:<AWS::Partition>:{service}:<AWS::Region>:<AWS::AccountId>:{resource}"
