"""Context values that are lists: from cdk.json as JSON lists, from `-c key=...` as JSON or comma-separated text."""

from __future__ import annotations

import json

_OFF = {"", "off", "none", "false", "disabled"}


class SettingsError(ValueError):
    """A context value is invalid; the message names the key and what is accepted."""


def context_list(key: str, value: object) -> list[object]:
    """A list from cdk.json, or from `-c key=...` as JSON (`[...]`) or comma-separated text; absent: empty."""
    if value is None or (isinstance(value, bool) and not value):
        return []
    if isinstance(value, list):
        return list(value)
    text = str(value).strip()
    if text.lower() in _OFF:
        return []
    if text.startswith(("[", "{")):
        try:
            parsed = json.loads(text)
        except ValueError as exc:
            raise SettingsError(f"context {key}={text!r} is invalid: not JSON ({exc})") from exc
        if not isinstance(parsed, list):
            raise SettingsError(f"context {key}={text!r} is invalid: expected a JSON list")
        return list(parsed)
    return [part.strip() for part in text.split(",") if part.strip()]


def destinations(items: list[object]) -> tuple[tuple[str, str | None], ...]:
    """replicateTo entries: {"region": ..., "account"?: ...} objects (a bare string is a region of this account)."""
    out: list[tuple[str, str | None]] = []
    for item in items:
        if isinstance(item, str):
            out.append((item.strip(), None))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("region"), str) or set(item) - {"region", "account"}:
            raise SettingsError(
                f'context replicateTo entry {item!r} is invalid: expected {{"region": ..., "account": ...}}'
            )
        account = item.get("account")
        out.append((item["region"].strip(), str(account).strip() if account not in (None, "") else None))
    return tuple(out)
