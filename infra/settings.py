"""Deployment settings read from CDK context (`cdk.json` or `cdk deploy -c key=value`), validated once.

Values given with `-c` arrive as strings, values from `cdk.json` as JSON types: every reader accepts both.
A bad value fails the synth with a message naming the context key, before any resource is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from ecr_mirror.ecr.repositories import DEFAULT_UNTAGGED_KEEP, MAX_UNTAGGED_KEEP

from .context_lists import SettingsError, context_list, destinations
from .schedule import ScheduleError, interval_seconds

__all__ = ["Encryption", "Settings", "SettingsError"]  # and the constants below

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The function's platform: what the bundle is built for (infra/bundling.py, scripts/lock_lambda.py).
PYTHON_VERSION = "3.13"
PIP_PLATFORM = "manylinux2014_aarch64"
DEFAULT_IMAGES_FILE = PROJECT_ROOT / "images.txt"

Encryption = Literal["AES256", "KMS"]
T = TypeVar("T")

# An ECR repository path (the grammar of creation-template prefixes, without the special value ROOT).
_COMPONENT = r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*"
_PREFIX_RE = re.compile(rf"^{_COMPONENT}(?:/{_COMPONENT})*$")
_PARAMETER_RE = re.compile(r"^[a-zA-Z0-9_.\-/]{1,1011}$")
_SCHEDULE_RE = re.compile(r"^(rate|cron)\(.+\)$")
_EVENT_BUS_RE = re.compile(r"^[A-Za-z0-9._\-/]{1,256}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_OFF = {"", "off", "none", "false", "disabled"}
_ORGANIZATION_RE = re.compile(r"^o-[a-z0-9]{10,32}$")
_ACCOUNT_RE = re.compile(r"^[0-9]{12}$")
_REGION_RE = re.compile(r"^[a-z]{2}(-[a-z]+)+-[0-9]+$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# The values CloudWatch Logs accepts for a retention period.
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
                      2192, 2557, 2922, 3288, 3653)  # fmt: skip


# Keys of earlier versions whose meaning changed: refused with what to use instead, never silently ignored.
_REPLACED_KEYS = {
    "untaggedExpiryDays": "untagged images are now expired only beyond the newest untaggedKeep per repository "
    "(default 100, 0 = never), since an age since push deletes digests that deployments still pin: "
    "remove untaggedExpiryDays and set untaggedKeep (docs/deploy.md)",
}


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a deployment can choose. Field defaults are the documented context defaults."""

    prefix: str = "mirror"
    parameter_name: str = "/ecr-mirror/images"
    # Every parameter under this path is a list too (one per team): the way past one parameter's 8 KB.
    parameter_path: str | None = "/ecr-mirror/images/"
    schedule: str | None = "rate(6 hours)"
    memory_size: int = 1769
    # None: a reservation must leave 100 unreserved executions in the account, which a new account's
    # reduced quota cannot (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
    reserved_concurrency: int | None = None
    log_retention_days: int = 30
    log_level: str = "INFO"
    untagged_keep: int = DEFAULT_UNTAGGED_KEEP
    encryption: Encryption = "AES256"
    destroy_repositories: bool = False
    # False: the stack creates no repository; ECR (creation template) and the function create each on first push.
    stack_repositories: bool = True
    docker_hub_secret: str | None = None
    alarm_email: str | None = None
    images_file: Path = field(default=DEFAULT_IMAGES_FILE)
    behind_alarm_hours: int = 24
    event_bus_name: str | None = "default"
    fanout: bool = True
    worker_concurrency: int = 5
    fanout_above_images: int = 20
    fanout_pulls_per_image: int = 10
    # None: the interval between two runs, derived from the schedule (infra/schedule.py).
    alarm_period_minutes: int | None = None
    # Principals of this organization and/or these accounts may pull (only pull) from every mirror repository.
    pull_organization_id: str | None = None
    pull_account_ids: tuple[str, ...] = ()
    # ECR replication of the prefix: (region, account or None for this account) each.
    replicate_to: tuple[tuple[str, str | None], ...] = ()

    def __post_init__(self) -> None:
        self._check_day_two()
        _check(
            bool(_PREFIX_RE.match(self.prefix)) and len(self.prefix) <= 200,
            "prefix",
            self.prefix,
            "lower-case letters and digits joined by '.', '_', '__' or '-', parts separated by '/'",
        )
        _check(
            bool(_PARAMETER_RE.match(self.parameter_name))
            and ("/" not in self.parameter_name or self.parameter_name.startswith("/")),
            "parameterName",
            self.parameter_name,
            "an SSM name such as /ecr-mirror/images",
        )
        _check(
            self.parameter_path is None
            or (bool(_PARAMETER_RE.match(self.parameter_path)) and self.parameter_path.startswith("/")),
            "parameterPath",
            self.parameter_path,
            "an SSM path such as /ecr-mirror/images/, or 'off'",
        )
        _check(
            self.schedule is None or bool(_SCHEDULE_RE.match(self.schedule)),
            "schedule",
            self.schedule,
            "rate(...), cron(...) or 'off'",
        )
        self._check_alarm_period()
        self._check_pull()
        _check(128 <= self.memory_size <= 10240, "memorySize", self.memory_size, "128 to 10240 (MB)")
        _check(
            self.reserved_concurrency is None or self.reserved_concurrency >= 1,
            "reservedConcurrency",
            self.reserved_concurrency,
            "a positive number or 'none'",
        )
        _check(
            self.log_retention_days in LOG_RETENTION_DAYS,
            "logRetentionDays",
            self.log_retention_days,
            f"one of {', '.join(map(str, LOG_RETENTION_DAYS))}",
        )
        _check(self.log_level in _LOG_LEVELS, "logLevel", self.log_level, ", ".join(_LOG_LEVELS))
        _check(
            0 <= self.untagged_keep <= MAX_UNTAGGED_KEEP,
            "untaggedKeep",
            self.untagged_keep,
            f"0 (never expire) to {MAX_UNTAGGED_KEEP} (untagged images kept per repository)",
        )
        _check(self.encryption in ("AES256", "KMS"), "encryption", self.encryption, "AES256 or KMS")
        _check(
            self.alarm_email is None or bool(_EMAIL_RE.match(self.alarm_email)),
            "alarmEmail",
            self.alarm_email,
            "an e-mail address",
        )

    def _check_day_two(self) -> None:
        # ScalingConfig.MaximumConcurrency accepts 2-1000
        # (https://docs.aws.amazon.com/lambda/latest/api/API_ScalingConfig.html).
        _check(2 <= self.worker_concurrency <= 1000, "workerConcurrency", self.worker_concurrency, "2 to 1000")
        _check(0 <= self.fanout_above_images <= 100_000, "fanoutAboveImages", self.fanout_above_images, "0 to 100000")
        _check(
            1 <= self.fanout_pulls_per_image <= 1000,
            "fanoutPullsPerImage",
            self.fanout_pulls_per_image,
            "1 to 1000 (Docker Hub pulls budgeted per queued image)",
        )
        _check(1 <= self.behind_alarm_hours <= 8760, "behindAlarmHours", self.behind_alarm_hours, "1 to 8760 (hours)")
        _check(
            self.event_bus_name is None or bool(_EVENT_BUS_RE.match(self.event_bus_name)),
            "eventBusName",
            self.event_bus_name,
            "an event bus name (letters, digits, . _ - /) or 'off'",
        )

    def _check_pull(self) -> None:
        _check(
            self.pull_organization_id is None or bool(_ORGANIZATION_RE.match(self.pull_organization_id)),
            "pullOrganizationId",
            self.pull_organization_id,
            "an AWS Organizations id: o- and 10 to 32 lower-case letters or digits",
        )
        bad = [a for a in self.pull_account_ids if not _ACCOUNT_RE.match(a)]
        _check(not bad, "pullAccountIds", list(self.pull_account_ids), "12-digit AWS account ids")
        wrong = [
            (r, a)
            for r, a in self.replicate_to
            if not _REGION_RE.match(r) or (a is not None and not _ACCOUNT_RE.match(a))
        ]
        _check(
            not wrong and len(set(self.replicate_to)) == len(self.replicate_to) <= 25,
            "replicateTo",
            [{"region": r, **({"account": a} if a else {})} for r, a in self.replicate_to],
            'up to 25 distinct destinations such as [{"region": "eu-west-1"}, {"region": "us-east-1", '
            '"account": "111122223333"}]',
        )

    def _check_alarm_period(self) -> None:
        """The run alarms' period is the interval between two runs: given, or derived from the schedule."""
        if self.alarm_period_minutes is not None:
            _check(
                15 <= self.alarm_period_minutes <= 5040,
                "alarmPeriodMinutes",
                self.alarm_period_minutes,
                "15 to 5040 (minutes between two runs; an alarm over two periods may span at most 7 days)",
            )
        elif self.schedule is not None:
            try:
                interval_seconds(self.schedule)
            except ScheduleError as exc:
                raise SettingsError(
                    f"context schedule={self.schedule!r}: {exc}; the alarms need the time between two runs: "
                    "set -c alarmPeriodMinutes=<minutes> (e.g. the shortest gap between two runs)"
                ) from exc

    @classmethod
    def from_context(cls, get: Callable[[str], object]) -> Settings:
        """Build from a context getter such as `app.node.try_get_context`; absent keys keep the defaults."""
        d = cls()
        for old, new in _REPLACED_KEYS.items():
            if get(old) is not None:
                raise SettingsError(f"context {old} is no longer supported: {new}")
        images_file = _optional(get("imagesFile"), str)
        return cls(
            prefix=_text(get("prefix"), d.prefix).strip("/"),
            parameter_name=_text(get("parameterName"), d.parameter_name),
            parameter_path=_path(_optional(get("parameterPath"), str, d.parameter_path)),
            schedule=_optional(get("schedule"), str, d.schedule),
            memory_size=_int("memorySize", get("memorySize"), d.memory_size),
            reserved_concurrency=_optional_int(
                "reservedConcurrency", get("reservedConcurrency"), d.reserved_concurrency
            ),
            log_retention_days=_int("logRetentionDays", get("logRetentionDays"), d.log_retention_days),
            log_level=_text(get("logLevel"), d.log_level).upper(),
            untagged_keep=_int("untaggedKeep", get("untaggedKeep"), d.untagged_keep),
            encryption=_encryption(get("encryption"), d.encryption),
            destroy_repositories=_bool("destroyRepositories", get("destroyRepositories"), d.destroy_repositories),
            stack_repositories=_bool("stackRepositories", get("stackRepositories"), d.stack_repositories),
            docker_hub_secret=_optional(get("dockerHubSecret"), str),
            alarm_email=_optional(get("alarmEmail"), str),
            images_file=(PROJECT_ROOT / images_file) if images_file else d.images_file,
            behind_alarm_hours=_int("behindAlarmHours", get("behindAlarmHours"), d.behind_alarm_hours),
            event_bus_name=_optional(get("eventBusName"), str, d.event_bus_name),
            fanout=_bool("fanout", get("fanout"), d.fanout),
            worker_concurrency=_int("workerConcurrency", get("workerConcurrency"), d.worker_concurrency),
            fanout_above_images=_int("fanoutAboveImages", get("fanoutAboveImages"), d.fanout_above_images),
            fanout_pulls_per_image=_int("fanoutPullsPerImage", get("fanoutPullsPerImage"), d.fanout_pulls_per_image),
            alarm_period_minutes=_optional_int("alarmPeriodMinutes", get("alarmPeriodMinutes"), None),
            pull_organization_id=_optional(get("pullOrganizationId"), str),
            pull_account_ids=tuple(str(a).strip() for a in context_list("pullAccountIds", get("pullAccountIds"))),
            replicate_to=destinations(context_list("replicateTo", get("replicateTo"))),
        )


def _check(ok: bool, key: str, value: object, accepted: str) -> None:
    if not ok:
        raise SettingsError(f"context {key}={value!r} is invalid: expected {accepted}")


def _text(value: object, default: str) -> str:
    return default if value is None else str(value).strip()


def _optional(value: object, kind: Callable[[object], T], default: T | None = None) -> T | None:
    """None or an 'off' word switches a feature off; absent keeps the default."""
    if value is None:
        return default
    if isinstance(value, bool) and not value:
        return None
    text = str(value).strip()
    return None if text.lower() in _OFF else kind(text)


def _path(value: str | None) -> str | None:
    """Always ending in '/', so that /a/b never also matches the parameters of /a/bc."""
    return None if value is None else value.rstrip("/") + "/"


def _int(key: str, value: object, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool):
        raise SettingsError(f"context {key}={value!r} is invalid: expected a whole number")
    try:
        return int(str(value).strip())
    except ValueError as exc:
        raise SettingsError(f"context {key}={value!r} is invalid: expected a whole number") from exc


def _optional_int(key: str, value: object, default: int | None) -> int | None:
    if value is None:
        return default
    if isinstance(value, bool) and not value:
        return None
    if str(value).strip().lower() in _OFF:
        return None
    return _int(key, value, 0)


def _bool(key: str, value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no", ""):
        return False
    raise SettingsError(f"context {key}={value!r} is invalid: expected true or false")


def _encryption(value: object, default: Encryption) -> Encryption:
    text = _text(value, default).upper()
    if text == "AES256":
        return "AES256"
    if text == "KMS":
        return "KMS"
    raise SettingsError(f"context encryption={value!r} is invalid: expected AES256 or KMS")
