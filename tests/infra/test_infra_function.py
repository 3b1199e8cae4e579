"""The mirror function: runtime, size, concurrency, retries, environment, logs."""

from __future__ import annotations

from aws_cdk.assertions import Template

from ecr_mirror.function.environment import FunctionSettings
from tests.infra.stack_support import flatten, logical_id, make_template, only, our_resources, resources


def test_function_runs_python_313_on_arm64_for_15_minutes(default_template: Template) -> None:
    props = only(default_template, "AWS::Lambda::Function")["Properties"]
    assert props["Runtime"] == "python3.13"
    assert props["Architectures"] == ["arm64"]
    assert props["Timeout"] == 900
    assert props["Handler"] == "ecr_mirror.function.handler.handler"
    assert props["TracingConfig"] == {"Mode": "Active"}


def test_memory_defaults_to_one_vcpu_and_follows_context(default_template: Template) -> None:
    assert only(default_template, "AWS::Lambda::Function")["Properties"]["MemorySize"] == 1769
    changed = make_template(memorySize="3008")
    assert only(changed, "AWS::Lambda::Function")["Properties"]["MemorySize"] == 3008


def test_no_reserved_concurrency_by_default_so_a_new_account_can_deploy(default_template: Template) -> None:
    # Reservations must leave 100 unreserved executions in the account: on a new account with a reduced
    # concurrency quota, any reservation fails the deploy.
    assert "ReservedConcurrentExecutions" not in only(default_template, "AWS::Lambda::Function")["Properties"]


def test_reserved_concurrency_is_set_when_the_context_asks() -> None:
    props = only(make_template(reservedConcurrency="1"), "AWS::Lambda::Function")["Properties"]
    assert props["ReservedConcurrentExecutions"] == 1


def test_no_automatic_retry_of_the_function_nor_of_the_version_the_first_run_invokes(
    default_template: Template,
) -> None:
    configs = [c["Properties"] for c in resources(default_template, "AWS::Lambda::EventInvokeConfig")]
    assert sorted(c["Qualifier"] if isinstance(c["Qualifier"], str) else "version" for c in configs) == [
        "$LATEST",
        "version",
    ]
    for invoke_config in configs:
        assert invoke_config["MaximumRetryAttempts"] == 0
        assert invoke_config["MaximumEventAgeInSeconds"] == 3600


def test_reserved_concurrency_can_be_left_unset_for_small_accounts() -> None:
    props = only(make_template(reservedConcurrency="none"), "AWS::Lambda::Function")["Properties"]
    assert "ReservedConcurrentExecutions" not in props


def test_environment_names_the_parameter_prefix_and_powertools_settings(default_template: Template) -> None:
    env = only(default_template, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    del env["ECR_MIRROR_BEHIND_TABLE"], env["ECR_MIRROR_EVENT_BUS"]  # day two: tests/infra/test_infra_insights.py
    for fanout in ("ECR_MIRROR_WORK_QUEUE_URL", "ECR_MIRROR_FANOUT_ABOVE_IMAGES", "ECR_MIRROR_FANOUT_PULLS_PER_IMAGE"):
        del env[fanout]  # tests/infra/test_infra_fanout.py
    assert env == {
        "ECR_MIRROR_IMAGES_PARAMETER": "/ecr-mirror/images",
        "ECR_MIRROR_IMAGES_PATH": "/ecr-mirror/images/",
        "ECR_MIRROR_REPOSITORY_PREFIX": "mirror",
        "ECR_MIRROR_UNTAGGED_KEEP": "100",
        "ECR_MIRROR_ENCRYPTION": "AES256",
        "POWERTOOLS_SERVICE_NAME": "ecr-mirror",
        "POWERTOOLS_METRICS_NAMESPACE": "EcrMirror",
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }


def test_environment_follows_context_and_carries_the_secret_when_set() -> None:
    template = make_template(
        prefix="ci-cache",
        parameterName="/ci/images",
        logLevel="debug",
        dockerHubSecret="dockerhub/ci",
        untaggedKeep=3,
        encryption="KMS",
    )
    env = only(template, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    assert env["ECR_MIRROR_IMAGES_PARAMETER"] == "/ci/images"
    assert env["ECR_MIRROR_REPOSITORY_PREFIX"] == "ci-cache"
    assert env["POWERTOOLS_LOG_LEVEL"] == "DEBUG"
    assert env["ECR_MIRROR_DOCKER_HUB_SECRET"] == "dockerhub/ci"
    assert env["ECR_MIRROR_UNTAGGED_KEEP"] == "3"
    assert env["ECR_MIRROR_ENCRYPTION"] == "KMS"


def test_logs_go_to_a_log_group_with_retention(default_template: Template) -> None:
    log_group = only(default_template, "AWS::Logs::LogGroup")
    assert log_group["Properties"]["RetentionInDays"] == 30
    function = only(default_template, "AWS::Lambda::Function")["Properties"]
    log_group_id = logical_id(default_template, "AWS::Logs::LogGroup")
    assert flatten(function["LoggingConfig"]["LogGroup"]) == f"${{{log_group_id}}}"
    changed = make_template(logRetentionDays=14)
    assert only(changed, "AWS::Logs::LogGroup")["Properties"]["RetentionInDays"] == 14


def test_role_has_no_managed_policies(default_template: Template) -> None:
    roles = [role["Properties"] for role in our_resources(default_template, "AWS::IAM::Role").values()]
    lambda_roles = [
        role for role in roles
        if role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}
    ]  # fmt: skip
    assert len(lambda_roles) == 1
    assert "ManagedPolicyArns" not in lambda_roles[0]


def test_the_function_reads_the_environment_the_stack_gives_it() -> None:
    template = make_template(prefix="ci", dockerHubSecret="dockerhub/ci", untaggedKeep=0, encryption="KMS")
    env = only(template, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    settings = FunctionSettings.from_environment(env)
    assert settings.parameter_name == "/ecr-mirror/images"
    assert settings.parameter_path == "/ecr-mirror/images/"
    assert settings.prefix == "ci"
    assert settings.docker_hub_secret == "dockerhub/ci"
    assert settings.repository.untagged_keep == 0
    assert settings.repository.encryption == "KMS"
