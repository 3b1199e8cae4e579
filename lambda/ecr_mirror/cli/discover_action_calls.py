"""The composite actions of the tree read with the inputs the workflows' steps, and other composite actions', give them
(the parsing is choose/discovery/action_calls.py): an action's steps read once per distinct `inputs` context a call
makes (a step's `with:` over the declared defaults), and once with its defaults alone when no step of the tree calls
it, in place of its reading as written where an input is used."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable

from ecr_mirror.choose.discovery.action_calls import (
    action_calls,
    called_values,
    composite_action_calls,
    declared_defaults,
    with_inputs,
)
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.errors import ConfigError

_ACTION_FILES = ("action.yml", "action.yaml")
CALLED = "(with the inputs of "  # how the use of an action's line read with a call's inputs ends (with_action_calls)


def _calls(texts: dict[str, str]) -> dict[str, list[tuple[str, int | None, dict[str, str | None]]]]:
    """action file (normalised name shown) -> (the calling workflow, its line, the inputs given) of each call."""
    calls: dict[str, list[tuple[str, int | None, dict[str, str | None]]]] = {}
    for shown, text in texts.items():
        kind, parts = kind_of(shown), os.path.normpath(shown).split(os.sep)
        if kind not in (Kind.WORKFLOW, Kind.ACTION) or "uses: ./" not in text.replace('"', "").replace("'", ""):
            continue
        if kind is Kind.ACTION and ".github" not in parts:
            continue  # an action's `./PATH` is from the repository's top, the folder holding its `.github/`
        root = os.sep.join(parts[: len(parts) - 1 - parts[::-1].index(".github")]) if ".github" in parts else ""
        try:
            found = action_calls(text, shown) if kind is Kind.WORKFLOW else composite_action_calls(text, shown)
        except ConfigError:
            continue  # reported by the workflow's own reader
        for directory, line, given in found:
            for name in _ACTION_FILES:
                action = os.path.normpath(os.path.join(root, directory, name))
                if action in texts:
                    calls.setdefault(action, []).append((shown, line, given))
    return calls


def with_action_calls(
    found: list[Found], texts: dict[str, str], reading: Callable[[str, str], list[Found]]
) -> list[Found]:
    """`found`, the commands of each action of the tree whose steps use `${{ inputs.NAME }}` (`reading`: what
    discover reads in an action's text) read again with the inputs of each call (its defaults alone when none calls
    it) in place of its reading as written (see the module)."""
    calls = _calls(texts)
    for shown, text in texts.items():
        if kind_of(shown) is not Kind.ACTION or "inputs." not in text:
            continue
        try:
            defaults = declared_defaults(text, shown)
            if defaults is None:
                continue
            alone = reading(text, shown)
            new: list[Found] = []
            for caller, line, given in calls.get(os.path.normpath(shown), [(None, None, {})]):
                for item in reading(with_inputs(text, called_values(defaults, given)), shown):
                    use = f"{item.use} {CALLED}{caller}:{line})" if caller else item.use
                    changed = dataclasses.replace(item, use=use)
                    if changed not in new and item not in alone:
                        new.append(changed)
        except ConfigError:
            continue
        if new:
            kept = {(item.line, item.text) for item in new}
            found = [
                item
                for item in found
                if item.origin != shown
                or item.problem is None
                or (item.line, item.text) in kept
                or not any(other.line == item.line for other in new)
            ] + new
    return found


def without_called_inputs(found: list[Found], pulls: list[Found]) -> list[Found]:
    """`found` (the file readers' records) without an action's unresolved line that `pulls` read again with the
    inputs of its calls (with_action_calls): a composite action's `node_image: kindest/node:${{ inputs.k8s_version
    }}`, which the action's own reading leaves unresolved, is each version its callers give."""
    called = {(os.path.normpath(item.origin), item.line) for item in pulls if CALLED in item.use}
    action = Kind.ACTION.value
    return [
        item
        for item in found
        if item.problem is None or item.kind != action or (os.path.normpath(item.origin), item.line) not in called
    ]
