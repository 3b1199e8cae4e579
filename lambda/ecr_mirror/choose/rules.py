"""The rules form of the image list: a YAML document with `images:` (and optional `defaults:`) (pure, no I/O).

    defaults:
      platforms: [linux/amd64, linux/arm64]
    images:
      - alpine:3.20
      - source: python
        tags: {semver: ">=3.11 <3.14", match: "*-slim", latest: 3}
      - source: ghcr.io/astral-sh/uv
        tags: ["0.5.0", latest]
        referrers: true
        policy: signed          # a name or a list of names (all must pass); [] for none

    policies:                   # trust/policy.py: minAge, key, identity/issuer, attestations
      signed: {key: cosign.pub}
    defaultPolicy: cooling      # every entry without its own `policy:`, plain references included

Errors name the entry (`images[2]`, with its line) and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ecr_mirror.choose.tags import TagRule
from ecr_mirror.errors import ConfigError, ReferenceError_
from ecr_mirror.oci.reference import Reference, parse_reference
from ecr_mirror.trust.policy import Policy, parse_policies, select_policies

_PLATFORM_RE = re.compile(r"^[a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9]+)?$")
_ENTRY_KEYS = frozenset({"source", "tags", "platforms", "referrers", "policy"})
_TOP_KEYS = frozenset({"images", "defaults", "policies", "defaultPolicy"})
_RULE_KEYS = frozenset({"semver", "match", "regex", "exclude", "latest"})
_DEFAULT_KEYS = frozenset({"platforms", "referrers"})
_RULES_FORM_RE = re.compile(r"^images\s*:", re.MULTILINE)


def is_rules_form(text: str) -> bool:
    return bool(_RULES_FORM_RE.search(text))


@dataclass(frozen=True)
class Options:
    platforms: tuple[str, ...] = ()
    referrers: bool = False
    policies: tuple[Policy, ...] = ()


@dataclass(frozen=True)
class RuleEntry:
    """One `images:` item: exact references (`tags` resolved) or a tag rule to apply to the source's tag list."""

    line: int
    text: str
    sources: tuple[Reference, ...]  # exact references; empty when `rule` is set
    rule: TagRule | None
    repository: Reference | None  # the source repository a rule lists tags of
    options: Options


def parse_platform(value: object, where: str) -> str:
    """`os/arch[/variant]` (`linux/arm64`, `linux/arm/v7`), or ConfigError naming `where` and the value."""
    if not isinstance(value, str) or not _PLATFORM_RE.match(value):
        raise ConfigError(f"{where}: {value!r} is not os/arch[/variant], e.g. linux/arm64/v8")
    return value


def _platforms(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{where}: a non-empty list such as [linux/amd64, linux/arm64]")
    return tuple(parse_platform(item, where) for item in value)


def _not_text(value: object, where: str) -> ConfigError:
    """YAML turns unquoted `20.10` into the number 20.1 and `010` into 8: a different tag. Say to quote it."""
    kind = {bool: "true/false", int: "a number", float: "a number"}.get(type(value), type(value).__name__)
    return ConfigError(
        f"{where}: YAML read an unquoted value as {value} ({kind}), not text (unquoted 20.10 becomes 20.1 "
        'and 010 becomes 8); quote tags and sources, e.g. tags: ["20.10"]'
    )


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _not_text(value, where)
    return value


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: must be true or false, not {value!r}")
    return value


def _options(raw: dict[str, Any], defaults: Options, where: str, known: dict[str, Policy] | None = None) -> Options:
    platforms = _platforms(raw["platforms"], f"{where}.platforms") if "platforms" in raw else defaults.platforms
    referrers = _bool(raw["referrers"], f"{where}.referrers") if "referrers" in raw else defaults.referrers
    policies = defaults.policies
    if "policy" in raw:
        policies = select_policies(raw["policy"], known or {}, f"{where}.policy")
    return Options(platforms, referrers, policies)


def _rule(raw: dict[str, Any], where: str) -> TagRule:
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown field {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(_RULE_KEYS))})")
    for key in ("semver", "match", "regex"):
        if key in raw:
            _text(raw[key], f"{where}.{key}")
    exclude = raw.get("exclude", [])
    if isinstance(exclude, str):
        exclude = [exclude]
    if not isinstance(exclude, list) or not all(_text(x, f"{where}.exclude") for x in exclude):
        raise ConfigError(f"{where}.exclude: must be a list of non-empty strings")
    latest = raw.get("latest")
    if latest is not None and (not isinstance(latest, int) or isinstance(latest, bool)):
        raise ConfigError(f"{where}.latest: must be a whole number")
    return TagRule.build(
        where=where,
        semver=raw.get("semver"),
        match=raw.get("match"),
        regex=raw.get("regex"),
        exclude=tuple(exclude),
        latest=latest,
    )


def _entry(item: object, line: int, defaults: Options, where: str, known: dict[str, Policy]) -> RuleEntry:
    if isinstance(item, str):
        return RuleEntry(line, item, (parse_reference(item),), None, None, defaults)
    if not isinstance(item, dict | list):
        raise _not_text(item, where)
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: must be a reference or a mapping with 'source'")
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown field {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(_ENTRY_KEYS))})")
    source = item.get("source")
    if source is not None and not isinstance(source, str):
        raise _not_text(source, f"{where}.source")
    if not isinstance(source, str):
        raise ConfigError(f"{where}.source: required, a reference such as python or ghcr.io/astral-sh/uv")
    try:
        parse_reference(source, default_tag=None)
    except ReferenceError_ as exc:
        raise ConfigError(f"{where}.source: {exc}") from exc
    where = f"{where} ({source})"
    options = _options(item, defaults, where, known)
    tags = item.get("tags")
    if tags is None:
        return RuleEntry(line, source, (parse_reference(source),), None, None, options)
    repository = parse_reference(source, default_tag=None)
    if repository.tag or repository.digest:
        raise ConfigError(f"{where}.tags: the source already names a tag or digest; drop one of them")
    if isinstance(tags, list):
        if not tags:
            raise ConfigError(f"{where}.tags: empty list")
        refs = []
        for tag in tags:
            _text(tag, f"{where}.tags")
            refs.append(parse_reference(f"{source}:{tag}"))
        return RuleEntry(line, source, tuple(refs), None, None, options)
    if isinstance(tags, dict):
        return RuleEntry(line, source, (), _rule(tags, f"{where}.tags"), repository, options)
    raise ConfigError(f"{where}.tags: a list of tags or a rule mapping (semver, match, regex, exclude, latest)")


def _item_lines(text: str) -> list[int]:
    """1-based line of each `images:` item, from the YAML node marks."""
    import yaml  # only the rules form needs it: the line form stays free of its import time

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "images" and isinstance(value, yaml.SequenceNode):
            return [child.start_mark.line + 1 for child in value.value]
    return []


def parse_rules(text: str, origin: str) -> tuple[list[RuleEntry], list[tuple[int, str, str]]]:
    """Entries and per-entry errors (line, entry name, message). Raises ConfigError when the document is unusable."""
    import yaml

    from ecr_mirror.choose.yaml_errors import LOAD_ERRORS, load_problem

    try:
        doc = yaml.safe_load(text)
        lines = _item_lines(text)
    except LOAD_ERRORS as exc:  # also a value its tag cannot hold (`!!int 'x'`), nesting too deep
        why = exc if isinstance(exc, yaml.YAMLError) else load_problem(exc)
        raise ConfigError(f"{origin} is not valid YAML: {why}") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{origin}: the rules form is a mapping with an 'images' list")
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        allowed = ", ".join(sorted(_TOP_KEYS))
        raise ConfigError(f"{origin}: unknown top-level field {sorted(unknown)[0]!r} (allowed: {allowed})")
    raw_defaults = doc.get("defaults") or {}
    if not isinstance(raw_defaults, dict) or set(raw_defaults) - _DEFAULT_KEYS:
        raise ConfigError(f"{origin}: defaults may set only {', '.join(sorted(_DEFAULT_KEYS))}")
    known = parse_policies(doc.get("policies"), f"{origin}: policies")
    policies: tuple[Policy, ...] = ()
    if doc.get("defaultPolicy") is not None:
        policies = select_policies(doc["defaultPolicy"], known, f"{origin}: defaultPolicy")
    defaults = _options(raw_defaults, Options(policies=policies), "defaults")
    items = doc.get("images")
    if not isinstance(items, list):
        raise ConfigError(f"{origin}: 'images' must be a list")
    entries: list[RuleEntry] = []
    errors: list[tuple[int, str, str]] = []
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else 0
        where = f"images[{index}]"
        try:
            entries.append(_entry(item, line, defaults, where, known))
        except (ConfigError, ReferenceError_) as exc:
            message = str(exc) if str(exc).startswith(where) else f"{where}: {exc}"
            errors.append((line, where, message))
    return entries, errors
