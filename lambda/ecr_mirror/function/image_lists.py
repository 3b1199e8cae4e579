"""The image list the function runs: the main parameter and every parameter under the list path, merged.

Each parameter is one team's list (plain or rules form), parsed on its own so its line numbers stay its own.
Across lists, entries are compared as within one (choose/targets.py: the target tag an entry writes, and the
content it writes there): one listed twice alike is merged (a warning); one that would write different content
under the same target tag, or ask for referrers there when the other does not, is a list error naming both
parameters and lines, and the first one is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import ClientError

from ecr_mirror.choose.imagelist import Entry, ImageList, LineError, parse_image_list
from ecr_mirror.choose.rules import RuleEntry
from ecr_mirror.choose.targets import TagKey, content_key, tag_key
from ecr_mirror.errors import ConfigError

# GetParametersByPath returns at most 10 parameters a page, and a page may hold fewer than that even when more
# follow: only the absence of NextToken ends the listing
# (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html).
PAGE_SIZE = 10


@dataclass(frozen=True)
class Problem:
    """A line error or warning, with the list it comes from."""

    origin: str
    error: LineError


@dataclass
class LoadedList:
    origin: str  # "SSM parameter /ecr-mirror/images (+ 3 under /ecr-mirror/images/)" or "event key 'images'"
    images: ImageList  # merged: what the engine runs
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def load_parameter_lists(ssm_client: Any, name: str, path: str | None) -> LoadedList:
    """The main parameter, then every parameter under `path` by name, merged; fails when there is none."""
    lists: list[tuple[str, str]] = []
    main = _get_parameter(ssm_client, name)
    if main is not None:
        lists.append((f"SSM parameter {name}", main))
    under = sorted((n, v) for n, v in _parameters_under(ssm_client, path) if n != name) if path else []
    lists.extend((f"SSM parameter {n}", v) for n, v in under)
    if not lists:
        where = f" and no parameter is under {path}" if path else ""
        raise ConfigError(f"SSM parameter {name} does not exist{where}: create it: {put_parameter_command(name)}")
    if len(lists) == 1 and not lists[0][1].strip():
        raise ConfigError(
            f"{lists[0][0]} is empty: write one image reference per line (e.g. alpine:3.20): "
            f"{put_parameter_command(name, overwrite=True)}"
        )
    origin = lists[0][0] if len(lists) == 1 else f"SSM parameter {name} and {len(under)} parameter(s) under {path}"
    return merge_lists(origin, lists)


def put_parameter_command(name: str, *, overwrite: bool = False) -> str:
    """The command that writes a list, with its tier: without `--tier`, put-parameter uses the account's default
    tier, Standard (4 KB) unless changed, and refuses a grown list
    (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-default-tier.html)."""
    again = " --overwrite" if overwrite else ""
    return (
        f"aws ssm put-parameter --name {name} --type String{again} --tier Intelligent-Tiering --value file://images.txt"
    )


def _read_error(what: str, exc: ClientError, setting: str) -> ConfigError:
    """`setting`: the context key and value the stack grants reading for, e.g. `parameterName=/ecr-mirror/images`."""
    error = exc.response.get("Error", {})
    code = str(error.get("Code"))
    fix = _FIXES.get(code, "check it in the Systems Manager console (Parameter Store)").replace("{setting}", setting)
    return ConfigError(f"cannot {what}: {code}: {error.get('Message')}; {fix}")


_FIXES = {
    "AccessDeniedException": "the function's role reads only the parameter and path it was deployed with: deploy "
    "the stack with -c {setting}",
    "ThrottlingException": "SSM throttled the read: the next run reads it again",
}


def _get_parameter(ssm_client: Any, name: str) -> str | None:
    try:
        value = ssm_client.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "ParameterNotFound":
            return None
        raise _read_error(f"read SSM parameter {name}", exc, f"parameterName={name}") from exc
    return value if isinstance(value, str) else ""


def _parameters_under(ssm_client: Any, path: str) -> Iterator[tuple[str, str]]:
    api_path = path.rstrip("/") or "/"
    pages = ssm_client.get_paginator("get_parameters_by_path").paginate(
        Path=api_path, Recursive=True, WithDecryption=True, PaginationConfig={"PageSize": PAGE_SIZE}
    )
    try:
        for page in pages:
            for parameter in page.get("Parameters", []):
                yield parameter["Name"], parameter.get("Value") or ""
    except ClientError as exc:
        raise _read_error(f"list the SSM parameters under {path}", exc, f"parameterPath={path}") from exc


def merge_lists(origin: str, texts: Iterable[tuple[str, str]]) -> LoadedList:
    """Parse each (origin, text) on its own and merge them into one list (see the module docstring)."""
    loaded = LoadedList(origin, ImageList())
    first: dict[TagKey, tuple[str, Entry]] = {}
    for list_origin, text in texts:
        parsed = parse_image_list(text, origin=list_origin)
        loaded.errors.extend(Problem(list_origin, e) for e in parsed.errors)
        loaded.warnings.extend(Problem(list_origin, w) for w in parsed.warnings)
        for entry in parsed.entries:
            _add_entry(loaded, first, list_origin, entry)
        for rule in parsed.rules:
            _add_rule(loaded, list_origin, rule)
    return loaded


def _add_entry(loaded: LoadedList, first: dict[TagKey, tuple[str, Entry]], origin: str, entry: Entry) -> None:
    key = tag_key(entry)
    if key not in first:
        first[key] = (origin, entry)
        loaded.images.entries.append(entry)
        return
    kept_origin, kept = first[key]
    where = f"{kept_origin} line {kept.line}"
    if (content_key(kept), kept.referrers) == (content_key(entry), entry.referrers):
        message = f"{entry.text!r} is also listed in {where}; merged"
        loaded.warnings.append(Problem(origin, LineError(entry.line, entry.text, message)))
        return
    message = (
        f"{entry.text!r} conflicts with {where} ({_options(kept)} there, {_options(entry)} here): both would "
        f"write {entry.source} under the same target tag; the entry of {kept_origin} is kept"
    )
    loaded.errors.append(Problem(origin, LineError(entry.line, entry.text, message)))


def _add_rule(loaded: LoadedList, origin: str, rule: RuleEntry) -> None:
    key = (rule.repository, rule.rule, rule.options)
    same = [r for r in loaded.images.rules if (r.repository, r.rule, r.options) == key]
    if same:
        message = f"{rule.text!r} repeats a tag rule listed elsewhere (line {same[0].line} of its list); merged"
        loaded.warnings.append(Problem(origin, LineError(rule.line, rule.text, message)))
        return
    loaded.images.rules.append(rule)


def _options(entry: Entry) -> str:
    platforms = f"platforms {', '.join(entry.platforms)}" if entry.platforms else "all platforms"
    return f"{platforms}{', with referrers' if entry.referrers else ''}"
