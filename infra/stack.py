"""EcrMirrorStack: the components, the permissions between them, outputs, and justified cdk-nag suppressions."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from aws_cdk import Annotations, CfnOutput, CfnResource, Stack, triggers
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from ecr_mirror.function.image_events import EVENT_SOURCE

from .bundling import function_code
from .console import console_domain
from .image_list import load_initial_image_list
from .image_parameter import ImageListParameter, parameter_arn
from .insights import MirrorInsights
from .mirror_function import MirrorFunction
from .monitoring import METRICS_NAMESPACE, SERVICE_NAME, MirrorAlarms
from .nag import acknowledge_findings
from .replication import MirrorReplication
from .repositories import MirrorRepositories
from .settings import Settings
from .trigger_provider import harden_trigger_provider
from .triggers import MirrorTriggers
from .trust_grants import grant_verification
from .work_queue import MirrorFanout

# The environment the handler reads (names are a contract with lambda/ecr_mirror/handler.py).
ENV_PARAMETER = "ECR_MIRROR_IMAGES_PARAMETER"
ENV_PATH = "ECR_MIRROR_IMAGES_PATH"
ENV_PREFIX = "ECR_MIRROR_REPOSITORY_PREFIX"
ENV_CREDENTIALS = "ECR_MIRROR_DOCKER_HUB_SECRET"
ENV_UNTAGGED_KEEP = "ECR_MIRROR_UNTAGGED_KEEP"
ENV_ENCRYPTION = "ECR_MIRROR_ENCRYPTION"
ENV_BEHIND_TABLE = "ECR_MIRROR_BEHIND_TABLE"
ENV_EVENT_BUS = "ECR_MIRROR_EVENT_BUS"
ENV_WORK_QUEUE = "ECR_MIRROR_WORK_QUEUE_URL"
ENV_FANOUT_ABOVE = "ECR_MIRROR_FANOUT_ABOVE_IMAGES"
ENV_PULLS_PER_IMAGE = "ECR_MIRROR_FANOUT_PULLS_PER_IMAGE"
ENV_PULL_ORGANIZATION = "ECR_MIRROR_PULL_ORGANIZATION"
ENV_PULL_ACCOUNTS = "ECR_MIRROR_PULL_ACCOUNTS"

# Push and pull through the registry API (referrers listing included: ECR checks BatchGetImage for it), plus the
# control-plane calls the function makes: it creates a repository the push found missing, with the same settings
# as the stack's (ecr_mirror/ecr/repositories.py). Nothing else: tests/infra/test_infra_least_privilege.py maps
# every call the code makes to these actions and fails on any action granted but unused.
ECR_REPOSITORY_ACTIONS = (
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
    "ecr:PutImage",
    "ecr:CreateRepository",
    "ecr:PutLifecyclePolicy",
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
        initial = load_initial_image_list(
            settings.images_file, prefix=settings.prefix, parameter_path=settings.parameter_path
        )

        self.image_list = ImageListParameter(self, "ImageList", name=settings.parameter_name, initial=initial)
        self.repositories = MirrorRepositories(
            self,
            "Repositories",
            prefix=settings.prefix,
            names=initial.repositories if settings.stack_repositories else (),
            encryption=settings.encryption,
            untagged_keep=settings.untagged_keep,
            destroy=settings.destroy_repositories,
            pull_organization=settings.pull_organization_id,
            pull_accounts=settings.pull_account_ids,
        )
        environment = {
            ENV_PARAMETER: settings.parameter_name,
            **({ENV_PATH: settings.parameter_path} if settings.parameter_path else {}),
            ENV_PREFIX: settings.prefix,
            ENV_UNTAGGED_KEEP: str(settings.untagged_keep),
            ENV_ENCRYPTION: settings.encryption,
            "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": settings.log_level,
        }
        if settings.docker_hub_secret:
            environment[ENV_CREDENTIALS] = settings.docker_hub_secret
        if settings.pull_organization_id:
            environment[ENV_PULL_ORGANIZATION] = settings.pull_organization_id
        if settings.pull_account_ids:
            environment[ENV_PULL_ACCOUNTS] = ",".join(settings.pull_account_ids)
        code = code or function_code()
        self.mirror = MirrorFunction(
            self,
            "Mirror",
            code=code,
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
            parameter_path=settings.parameter_path,
        )
        self.alarms = MirrorAlarms(
            self,
            "Alarms",
            function=self.mirror.function,
            alarm_email=settings.alarm_email,
            schedule=settings.schedule,
            period_minutes=settings.alarm_period_minutes,
        )
        self.fanout = self._fanout(code, environment) if settings.fanout else None
        self.functions = [self.mirror, *([self.fanout.worker] if self.fanout else [])]
        self.replication = (
            MirrorReplication(
                self,
                "Replication",
                code=code,
                prefix=settings.prefix,
                destinations=settings.replicate_to,
                log_retention_days=settings.log_retention_days,
            )
            if settings.replicate_to
            else None
        )
        self.insights = MirrorInsights(
            self,
            "Insights",
            function=self.mirror.function,
            log_groups=[f.log_group for f in self.functions],
            behind_alarm_hours=settings.behind_alarm_hours,
        )
        for each in self.functions:
            each.function.add_environment(ENV_BEHIND_TABLE, self.insights.behind_table.table_name)
            if settings.event_bus_name:
                each.function.add_environment(ENV_EVENT_BUS, settings.event_bus_name)
        if self.alarms.topic:
            action = cw_actions.SnsAction(self.alarms.topic)
            alarms = [self.insights.behind_alarm, *([self.fanout.work.dead_letter_alarm] if self.fanout else [])]
            for alarm in alarms:
                alarm.add_alarm_action(action)
                alarm.add_ok_action(action)
            for alarm in self.fanout.worker_alarms if self.fanout else []:
                alarm.add_alarm_action(action)

        self.docker_hub_secret = self._import_secret(settings.docker_hub_secret)
        for each in self.functions:
            self._grant(each.role, reads_list=each is self.mirror)
            grant_verification(self, each.role, each.function, initial.text)  # planner and workers both verify
        self.first_run = self._first_run(initial.text)
        harden_trigger_provider(self, log_retention_days=settings.log_retention_days)
        self._outputs()
        acknowledge_findings(
            roles=[f.role for f in self.functions],
            functions=[f.function for f in self.functions],
            creation_role=self.repositories.creation_role,
            prefix=settings.prefix,
            replication=self.replication.function if self.replication else None,
            organization_pull=list(self.repositories.repositories.values()) if settings.pull_organization_id else [],
        )

    def _fanout(self, code: lambda_.Code, environment: dict[str, str]) -> MirrorFanout:
        """The work queue and its worker; the planner (the mirror function) may only send to the queue."""
        fanout = MirrorFanout(
            self,
            "Fanout",
            code=code,
            memory_size=self.settings.memory_size,
            log_retention_days=self.settings.log_retention_days,
            environment=environment,
            worker_concurrency=self.settings.worker_concurrency,
        )
        planner = self.mirror.function
        planner.add_environment(ENV_WORK_QUEUE, fanout.work.queue.queue_url)
        planner.add_environment(ENV_FANOUT_ABOVE, str(self.settings.fanout_above_images))
        planner.add_environment(ENV_PULLS_PER_IMAGE, str(self.settings.fanout_pulls_per_image))
        # SendMessageBatch is authorised as sqs:SendMessage; nothing else (grant_send_messages would add
        # GetQueueAttributes and GetQueueUrl, which the planner never calls).
        self.mirror.role.add_to_principal_policy(
            iam.PolicyStatement(sid="QueueWork", actions=["sqs:SendMessage"], resources=[fanout.work.queue.queue_arn])
        )
        return fanout

    def _first_run(self, list_text: str) -> triggers.Trigger:
        """Start a run when the stack is deployed, and again on a deploy that changes the list (or the function).

        Asynchronous (InvocationType Event): the deploy does not wait for a run of up to 15 minutes, and a failed
        run does not roll the deploy back (its alarms report it). The change rule is created after the parameter,
        so the parameter's own Create event does not start a second first run.
        """
        trigger = triggers.Trigger(
            self,
            "FirstRun",
            handler=self.mirror.function,
            invocation_type=triggers.InvocationType.EVENT,
            execute_after=[self.image_list, self.repositories, self.mirror, self.insights],
        )
        self.triggers.change_rule.node.add_dependency(self.image_list)
        Annotations.of(self.mirror.function).acknowledge_warning(
            "@aws-cdk/aws-lambda:addPermissionsToVersionOrAlias",
            "The trigger invokes the function's current version; the rules invoke the unqualified function on "
            "purpose, so their permissions belong on the function.",
        )
        (resource,) = [
            c
            for c in trigger.node.find_all()
            if isinstance(c, CfnResource) and c.cfn_resource_type == "Custom::Trigger"
        ]
        # A property CloudFormation sees change when the list does: the trigger runs again on such a deploy.
        resource.add_property_override("ImageListHash", hashlib.sha256(list_text.encode("utf-8")).hexdigest())
        return trigger

    def _import_secret(self, reference: str | None) -> secretsmanager.ISecret | None:
        if not reference:
            Annotations.of(self).add_warning_v2(
                "ecr-mirror:anonymous-docker-hub",
                "No dockerHubSecret: the function pulls from Docker Hub anonymously, and Lambda's egress addresses "
                "are shared with other AWS customers, so the anonymous pull quota (per address) is shared too; "
                "images may be deferred for want of pulls. Set -c dockerHubSecret=<secret> (docs/deploy.md).",
            )
            return None
        if not reference.startswith("arn:"):
            return secretsmanager.Secret.from_secret_name_v2(self, "DockerHubSecret", reference)
        if _COMPLETE_SECRET_ARN.search(reference):
            return secretsmanager.Secret.from_secret_complete_arn(self, "DockerHubSecret", reference)
        return secretsmanager.Secret.from_secret_partial_arn(self, "DockerHubSecret", reference)

    def _grant(self, role: iam.IRole, *, reads_list: bool) -> None:
        """Least privilege: the prefix's repositories, the one secret, the behind table, the event bus; and the
        image list for the planner only (a worker gets its image from its message)."""
        pulls_elsewhere = self.settings.pull_organization_id or self.settings.pull_account_ids
        statements = [
            iam.PolicyStatement(
                sid="MirrorRepositories",
                # A repository it creates gets the pull policy too: SetRepositoryPolicy only when there is one.
                actions=[*ECR_REPOSITORY_ACTIONS, *(["ecr:SetRepositoryPolicy"] if pulls_elsewhere else [])],
                resources=[self.repositories.repository_arn_pattern()],
            ),
            # GetAuthorizationToken supports no resource-level permissions: the API requires "*".
            iam.PolicyStatement(sid="EcrLogin", actions=["ecr:GetAuthorizationToken"], resources=["*"]),
        ]
        if reads_list:
            statements.append(
                iam.PolicyStatement(sid="ReadImageList", actions=["ssm:GetParameter"], resources=[self.image_list.arn])
            )
        statements.append(
            iam.PolicyStatement(
                sid="BehindSinceTable",
                # UpdateItem: the first sightings of minAge on the same items (function/trust_state.py).
                actions=["dynamodb:Scan", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"],
                resources=[self.insights.behind_table.table_arn],
            )
        )
        if self.settings.event_bus_name:
            # PutEvents is authorised on the event bus ARN
            # (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html), and only for
            # the mirror's own event source: the events:source condition key
            # (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html).
            bus_arn = self.format_arn(
                service="events", resource="event-bus", resource_name=self.settings.event_bus_name
            )
            statements.append(
                iam.PolicyStatement(
                    sid="ImageUpdatedEvents",
                    actions=["events:PutEvents"],
                    resources=[bus_arn],
                    conditions={"StringEquals": {"events:source": EVENT_SOURCE}},
                )
            )
        if self.settings.parameter_path and reads_list:
            # GetParametersByPath is authorized against the path in the request (the function asks for the path
            # without its trailing '/'), not the parameters returned:
            # https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-retrieval-authorization.html
            statements.append(
                iam.PolicyStatement(
                    sid="ReadTeamImageLists",
                    actions=["ssm:GetParametersByPath"],
                    resources=[parameter_arn(self, self.settings.parameter_path)],
                )
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
        """RegistryUri, FunctionName, ParameterName, DashboardUrl (the console of the stack's partition)."""
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
            value=f"https://{console_domain(self)}/cloudwatch/home?region={self.region}"
            f"#dashboards:name={self.insights.dashboard.dashboard_name}",
        )
        if self.alarms.topic:
            CfnOutput(self, "AlarmTopicArn", description="Alarm notifications", value=self.alarms.topic.topic_arn)
