"""The function's settings from its environment, each variable at its default, at both ends of its range and one
beyond, and each refusal's whole message (the deployer reads it in the invocation's error)."""

from __future__ import annotations

import pytest

from ecr_mirror.ecr.repositories import RepositorySettings
from ecr_mirror.errors import ConfigError
from ecr_mirror.function.environment import FunctionSettings


def settings(**env: str) -> FunctionSettings:
    return FunctionSettings.from_environment(env)


def refusal(**env: str) -> str:
    with pytest.raises(ConfigError) as caught:
        FunctionSettings.from_environment(env)
    return str(caught.value)


def test_the_defaults() -> None:
    empty = settings()
    assert empty == FunctionSettings(
        parameter_name=None,
        parameter_path=None,
        prefix="mirror",
        docker_hub_secret=None,
        repository=RepositorySettings(untagged_keep=100, encryption="AES256", pull_organization=None, pull_accounts=()),
        rate_limit_reserve=10,
        time_margin=90.0,
        endpoints={},
        plain_http=False,
        work_queue_url=None,
        fanout_above_images=20,
        pulls_per_image=10,
        plan_concurrency=64,
    )
    blank = settings(
        ECR_MIRROR_IMAGES_PARAMETER="",
        ECR_MIRROR_DOCKER_HUB_SECRET="",
        ECR_MIRROR_WORK_QUEUE_URL="",
        ECR_MIRROR_RATE_LIMIT_RESERVE="  ",
        ECR_MIRROR_IMAGES_PATH=" ",
        ECR_MIRROR_ENDPOINTS=" ",
        ECR_MIRROR_PLAIN_HTTP="",
    )
    assert blank == empty


def test_every_value_is_read_from_its_variable() -> None:
    read = settings(
        ECR_MIRROR_IMAGES_PARAMETER="/team/images",
        ECR_MIRROR_IMAGES_PATH="/team/lists//",
        ECR_MIRROR_REPOSITORY_PREFIX=" /hub/cache/ ",
        ECR_MIRROR_DOCKER_HUB_SECRET="hub-secret",
        ECR_MIRROR_UNTAGGED_KEEP=" 7 ",
        ECR_MIRROR_ENCRYPTION=" kms ",
        ECR_MIRROR_PULL_ORGANIZATION=" o-abcdefghij ",
        ECR_MIRROR_PULL_ACCOUNTS=" 111111111111, ,222222222222 ",
        ECR_MIRROR_RATE_LIMIT_RESERVE="3",
        ECR_MIRROR_TIME_MARGIN_SECONDS="45",
        ECR_MIRROR_ENDPOINTS='{"docker.io": "127.0.0.1:5000", "ghcr.io": "127.0.0.1:5001"}',
        ECR_MIRROR_PLAIN_HTTP=" Yes ",
        ECR_MIRROR_WORK_QUEUE_URL="https://sqs/work.fifo",
        ECR_MIRROR_FANOUT_ABOVE_IMAGES="5",
        ECR_MIRROR_FANOUT_PULLS_PER_IMAGE="4",
        ECR_MIRROR_PLAN_CONCURRENCY="8",
    )
    assert read == FunctionSettings(
        parameter_name="/team/images",
        parameter_path="/team/lists/",
        prefix="hub/cache",
        docker_hub_secret="hub-secret",
        repository=RepositorySettings(
            untagged_keep=7,
            encryption="KMS",
            pull_organization="o-abcdefghij",
            pull_accounts=("111111111111", "222222222222"),
        ),
        rate_limit_reserve=3,
        time_margin=45.0,
        endpoints={"docker.io": "127.0.0.1:5000", "ghcr.io": "127.0.0.1:5001"},
        plain_http=True,
        work_queue_url="https://sqs/work.fifo",
        fanout_above_images=5,
        pulls_per_image=4,
        plan_concurrency=8,
    )
    assert settings(ECR_MIRROR_IMAGES_PATH="/").parameter_path == "/"
    assert settings(ECR_MIRROR_IMAGES_PATH="/a/b").parameter_path == "/a/b/"
    assert settings(ECR_MIRROR_IMAGES_PATH="/lists/X").parameter_path == "/lists/X/"
    assert settings(ECR_MIRROR_ENCRYPTION="aes256").repository.encryption == "AES256"


@pytest.mark.parametrize(("word", "value"), [("1", True), ("true", True), ("ON", True), ("0", False), ("off", False)])
def test_plain_http_words(word: str, value: bool) -> None:
    assert settings(ECR_MIRROR_PLAIN_HTTP=word).plain_http is value
    assert settings(ECR_MIRROR_PLAIN_HTTP="no").plain_http is False
    assert settings(ECR_MIRROR_PLAIN_HTTP="false").plain_http is False


# (variable, lowest, highest): both accepted, one beyond each refused naming the range.
RANGES = [
    ("ECR_MIRROR_UNTAGGED_KEEP", 0, 10_000),
    ("ECR_MIRROR_RATE_LIMIT_RESERVE", 0, 100_000),
    ("ECR_MIRROR_TIME_MARGIN_SECONDS", 0, 900),
    ("ECR_MIRROR_FANOUT_ABOVE_IMAGES", 0, 100_000),
    ("ECR_MIRROR_FANOUT_PULLS_PER_IMAGE", 1, 1000),
    ("ECR_MIRROR_PLAN_CONCURRENCY", 1, 512),
]


def _value(read: FunctionSettings, name: str) -> float:
    return {
        "ECR_MIRROR_UNTAGGED_KEEP": read.repository.untagged_keep,
        "ECR_MIRROR_RATE_LIMIT_RESERVE": read.rate_limit_reserve,
        "ECR_MIRROR_TIME_MARGIN_SECONDS": read.time_margin,
        "ECR_MIRROR_FANOUT_ABOVE_IMAGES": read.fanout_above_images,
        "ECR_MIRROR_FANOUT_PULLS_PER_IMAGE": read.pulls_per_image,
        "ECR_MIRROR_PLAN_CONCURRENCY": read.plan_concurrency,
    }[name]


@pytest.mark.parametrize(("name", "low", "high"), RANGES, ids=[r[0] for r in RANGES])
def test_each_number_at_both_ends_of_its_range_and_one_beyond(name: str, low: int, high: int) -> None:
    assert _value(settings(**{name: str(low)}), name) == low
    assert _value(settings(**{name: str(high)}), name) == high
    assert refusal(**{name: str(low - 1)}) == f"environment variable {name}={low - 1} is out of range {low}..{high}"
    assert refusal(**{name: str(high + 1)}) == f"environment variable {name}={high + 1} is out of range {low}..{high}"
    assert refusal(**{name: " 1.5 "}) == f"environment variable {name}='1.5' is not a whole number"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ECR_MIRROR_IMAGES_PATH": "team/lists"},
            "environment variable ECR_MIRROR_IMAGES_PATH='team/lists' must be an SSM path starting with '/'",
        ),
        (
            {"ECR_MIRROR_PLAIN_HTTP": " Maybe "},
            "environment variable ECR_MIRROR_PLAIN_HTTP='maybe' is not a boolean (1/0, true/false)",
        ),
        (
            {"ECR_MIRROR_ENCRYPTION": "rot13"},
            "environment variable ECR_MIRROR_ENCRYPTION='rot13' must be AES256 or KMS",
        ),
        (
            {"ECR_MIRROR_PULL_ORGANIZATION": "o-short"},
            "environment variable ECR_MIRROR_PULL_ORGANIZATION='o-short' is not an organization id (o-...)",
        ),
        (
            {"ECR_MIRROR_PULL_ACCOUNTS": "111111111111,12345,abcdefghijkl"},
            "environment variable ECR_MIRROR_PULL_ACCOUNTS: 12345, abcdefghijkl not 12-digit account ids",
        ),
        ({"ECR_MIRROR_ENDPOINTS": "{docker.io"}, "environment variable ECR_MIRROR_ENDPOINTS is not JSON"),
        (
            {"ECR_MIRROR_ENDPOINTS": '["docker.io"]'},
            "environment variable ECR_MIRROR_ENDPOINTS must be a JSON object {registry: host:port}",
        ),
        (
            {"ECR_MIRROR_ENDPOINTS": '{"docker.io": 5000}'},
            "environment variable ECR_MIRROR_ENDPOINTS: 'docker.io' must map to 'host[:port]'",
        ),
        (
            {"ECR_MIRROR_ENDPOINTS": '{"docker.io": ""}'},
            "environment variable ECR_MIRROR_ENDPOINTS: 'docker.io' must map to 'host[:port]'",
        ),
        (
            {"ECR_MIRROR_ENDPOINTS": '{"docker.io": "127.0.0.1:5000/v2"}'},
            "environment variable ECR_MIRROR_ENDPOINTS: 'docker.io' must map to 'host[:port]'",
        ),
        (
            {"ECR_MIRROR_ENDPOINTS": '{"": "127.0.0.1:5000"}'},
            "environment variable ECR_MIRROR_ENDPOINTS: '' must map to 'host[:port]'",
        ),
        (
            {"ECR_MIRROR_ENDPOINTS": '{"Bad Host": "127.0.0.1:5000"}'},
            "environment variable ECR_MIRROR_ENDPOINTS: 'Bad Host' is not a registry name",
        ),
    ],
)
def test_each_refusal_names_the_variable_and_its_value(env: dict[str, str], message: str) -> None:
    assert refusal(**env) == message


def test_a_prefix_that_is_no_repository_path_is_refused_naming_it() -> None:
    assert refusal(ECR_MIRROR_REPOSITORY_PREFIX="Xmirror").startswith(
        "environment variable ECR_MIRROR_REPOSITORY_PREFIX='Xmirror' is not a repository path: "
    )
    message = refusal(ECR_MIRROR_REPOSITORY_PREFIX="Mirror Images")
    lead = "environment variable ECR_MIRROR_REPOSITORY_PREFIX='Mirror Images' is not a repository path: "
    assert message.startswith(lead) and "Mirror Images" in message[len(lead) :]


def test_an_organization_id_at_both_lengths_and_accounts() -> None:
    assert settings(ECR_MIRROR_PULL_ORGANIZATION="o-" + "a" * 10).repository.pull_organization == "o-" + "a" * 10
    assert settings(ECR_MIRROR_PULL_ORGANIZATION="o-" + "9" * 32).repository.pull_organization == "o-" + "9" * 32
    refusal(ECR_MIRROR_PULL_ORGANIZATION="o-" + "a" * 33)
    refusal(ECR_MIRROR_PULL_ORGANIZATION="xo-" + "a" * 10)
    refusal(ECR_MIRROR_PULL_ACCOUNTS="1111111111112")
    refusal(ECR_MIRROR_PULL_ACCOUNTS="a111111111111")


def test_the_parameter_is_required_only_when_read() -> None:
    assert settings(ECR_MIRROR_IMAGES_PARAMETER="/x").require_parameter() == "/x"
    with pytest.raises(ConfigError) as caught:
        settings().require_parameter()
    assert str(caught.value) == (
        "environment variable ECR_MIRROR_IMAGES_PARAMETER is not set: it names the image list parameter"
    )
