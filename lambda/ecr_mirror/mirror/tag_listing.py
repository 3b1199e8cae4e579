"""Resolving tag rules: list the source repository's tags (paginated, once per run) and apply the rule."""

from __future__ import annotations

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

PAGE_SIZE = 1000
MAX_PAGES = 100


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


async def resolve_rules(
    rules: list[RuleEntry], client_for: Callable[[Reference], RegistryClient]
) -> tuple[list[Entry], list[RuleOutcome]]:
    """Expand each rule into exact entries; a rule whose listing fails is reported, the others still resolve."""
    cache: dict[tuple[str, str], list[str]] = {}
    entries: list[Entry] = []
    outcomes: list[RuleOutcome] = []
    for item in rules:
        assert item.rule is not None and item.repository is not None
        repo = item.repository
        outcome = RuleOutcome(item.line, repo.name, item.rule.describe())
        outcomes.append(outcome)
        key = (repo.registry, repo.repository)
        try:
            if key not in cache:
                cache[key] = await list_tags(client_for(repo), repo.repository)
        except MirrorError as exc:
            outcome.error = str(exc)
            continue
        selection = select_tags(item.rule, cache[key])
        outcome.selected, outcome.rejected = selection.selected, selection.rejected
        for tag in selection.selected:
            ref = repo.with_tag(tag)
            entries.append(Entry(item.line, item.text, ref, item.options.platforms, item.options.referrers))
    return entries, outcomes
