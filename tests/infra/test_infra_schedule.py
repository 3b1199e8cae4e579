"""The run period the alarms use, derived from the schedule: rate(...) and cron(...) (EventBridge's six fields)."""

from __future__ import annotations

import pytest

from infra.schedule import ScheduleError, interval_seconds
from infra.settings import SettingsError
from tests.infra.stack_support import make_template, resources


@pytest.mark.parametrize(
    ("schedule", "seconds"),
    [
        ("rate(6 hours)", 6 * 3600),
        ("rate(1 day)", 86400),
        ("rate(30 minutes)", 1800),
        ("cron(0 * * * ? *)", 3600),  # hourly
        ("cron(15 */2 * * ? *)", 7200),
        ("cron(0 0/6 * * ? *)", 6 * 3600),
        ("cron(0 3 * * ? *)", 86400),  # daily at 03:00
        ("cron(0 3,15 * * ? *)", 12 * 3600),
        ("cron(0/20 * * * ? *)", 1200),
        ("cron(0,30 8-19 ? * * *)", None),  # 30 minutes by day, 12.5 hours overnight
        ("cron(0 9 ? * MON-FRI *)", None),  # 1 day, then 3 over the weekend
        ("cron(0 4 ? * SUN *)", 7 * 86400),  # weekly
        ("cron(0 4 ? * 1,4 *)", None),  # Sunday and Wednesday: 3 days, then 4
        ("cron(0 0 1 * ? *)", None),  # monthly: 28 to 31 days
        ("cron(0 12 * JAN ? *)", None),  # only in January
    ],
)
def test_the_interval_between_two_firings(schedule: str, seconds: int | None) -> None:
    if seconds is None:
        with pytest.raises(ScheduleError, match="not regular"):
            interval_seconds(schedule)
    else:
        assert interval_seconds(schedule) == seconds


@pytest.mark.parametrize(
    "schedule", ["cron(0 3 * * *)", "cron(61 * * * ? *)", "cron(0 25 * * ? *)", "cron(x * * * ? *)"]
)
def test_a_malformed_cron_names_the_field(schedule: str) -> None:
    with pytest.raises(ScheduleError, match="cron"):
        interval_seconds(schedule)


def _periods(template: object) -> set[int]:
    return {
        a["Properties"]["Period"]
        for a in resources(template, "AWS::CloudWatch::Alarm")  # type: ignore[arg-type]
        if a["Properties"]["MetricName"] in ("ImagesFailed", "ImagesDeferred", "ListErrors")
    }


def test_an_hourly_cron_gives_hourly_alarm_periods() -> None:
    # "Two consecutive runs" of an hourly cron must span two hours, not twelve (the old 6-hour fallback).
    assert _periods(make_template(schedule="cron(0 * * * ? *)")) == {3600}


def test_an_irregular_cron_is_refused_at_synth_naming_the_setting() -> None:
    with pytest.raises(SettingsError) as caught:
        make_template(schedule="cron(0 9 ? * MON-FRI *)")
    message = str(caught.value)
    assert "schedule='cron(0 9 ? * MON-FRI *)'" in message and "alarmPeriodMinutes" in message


def test_an_explicit_alarm_period_wins_and_is_checked() -> None:
    assert _periods(make_template(schedule="cron(0 9 ? * MON-FRI *)", alarmPeriodMinutes=1440)) == {86400}
    assert _periods(make_template(schedule="rate(6 hours)", alarmPeriodMinutes="60")) == {3600}
    with pytest.raises(SettingsError, match="alarmPeriodMinutes"):
        make_template(alarmPeriodMinutes=10)
    with pytest.raises(SettingsError, match="alarmPeriodMinutes"):
        make_template(alarmPeriodMinutes=5041)


def test_a_weekly_schedule_is_held_to_the_longest_period_two_evaluations_allow() -> None:
    # Period x EvaluationPeriods may not exceed 604,800 s; the deferred alarm evaluates two periods.
    assert _periods(make_template(schedule="rate(7 days)")) == {302400}
