"""Resolving tag rules: list the source repository's tags (paginated, once per run) and apply the rule."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from ecr_mirror.choose.imagelist import Entry
from ecr_mirror.choose.rules import RuleEntry
from ecr_mirror.choose.tags import select_tags
from ecr_mirror.errors import MirrorError, UnsupportedError
from ecr_mirror.oci.auth import scope_for
from ecr_mirror.oci.bodies import MAX_TAG_PAGE
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.reference import Reference
from ecr_mirror.oci.responses import registry_error

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
MAX_PAGES = 100
# The distribution spec's tag grammar, ASCII only: a listed tag outside it is skipped, never planned.
_TAG_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
INVALID_TAG = "not a valid tag (1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'); skipped"


@dataclass
class RuleOutcome:
    """What one rule chose, and why every other tag was left out (shown by --dry-run and the report)."""

    line: int
    source: str
    rule: str
    selected: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "source": self.source,
            "rule": self.rule,
            "selected": self.selected,
            "rejected": self.rejected,
            "error": self.error,
        }


async def list_tags(client: RegistryClient, repository: str) -> list[str]:
    """Every tag of a repository, following pagination."""
    url: httpx.URL | None = client.url(f"{repository}/tags/list").copy_merge_params({"n": PAGE_SIZE})
    tags: list[str] = []
    for _page in range(MAX_PAGES):
        if url is None:
            return tags
        what = f"list tags of {client.registry}/{repository}"
        response = await client.request(
            "GET", url, scope=scope_for(repository, "pull"), purpose=what, max_body=MAX_TAG_PAGE
        )
        if response.status_code != 200:
            raise registry_error(response, what)
        try:
            page = response.json().get("tags") or []
        except (ValueError, AttributeError) as exc:
            raise UnsupportedError(f"{what}: the answer is not a JSON tag list") from exc
        tags.extend(str(tag) for tag in page)
        url = client.next_page(response, what)
    raise UnsupportedError(f"list tags of {client.registry}/{repository}: more than {MAX_PAGES} pages")


def is_valid_tag(tag: str) -> bool:
    return _TAG_RE.fullmatch(tag) is not None


async def resolve_rules(
    rules: list[RuleEntry], client_for: Callable[[Reference], RegistryClient], *, deadline: float | None = None
) -> tuple[list[Entry], list[RuleOutcome]]:
    """Expand each rule into exact entries; a rule that fails (listing or anything else) is reported with its
    error, the others still resolve. `deadline` (loop time) bounds the listing."""
    cache: dict[tuple[str, str], list[str]] = {}
    entries: list[Entry] = []
    outcomes: list[RuleOutcome] = []
    for item in rules:
        assert item.rule is not None and item.repository is not None
        outcome = RuleOutcome(item.line, item.repository.name, item.rule.describe())
        outcomes.append(outcome)
        try:
            entries += await _resolve_one(item, outcome, client_for, cache, deadline)
        except TimeoutError:
            outcome.error = "run deadline reached before the tags were listed"
        except MirrorError as exc:
            outcome.error = str(exc)
        except Exception as exc:  # one broken rule (or tag list) must not stop the run
            log.exception("unexpected error resolving the rule on line %d", item.line)
            outcome.error = f"unexpected {type(exc).__name__}: {exc}"
    return entries, outcomes


async def _resolve_one(
    item: RuleEntry,
    outcome: RuleOutcome,
    client_for: Callable[[Reference], RegistryClient],
    cache: dict[tuple[str, str], list[str]],
    deadline: float | None,
) -> list[Entry]:
    assert item.rule is not None and item.repository is not None
    repo = item.repository
    key = (repo.registry, repo.repository)
    if key not in cache:
        async with asyncio.timeout_at(deadline):
            cache[key] = await list_tags(client_for(repo), repo.repository)
    valid = [tag for tag in cache[key] if is_valid_tag(tag)]
    selection = select_tags(item.rule, valid)
    outcome.selected = selection.selected
    outcome.rejected = {tag: INVALID_TAG for tag in cache[key] if not is_valid_tag(tag)} | selection.rejected
    options = item.options
    return [
        Entry(item.line, item.text, repo.with_tag(t), options.platforms, options.referrers, options.policies)
        for t in selection.selected
    ]
