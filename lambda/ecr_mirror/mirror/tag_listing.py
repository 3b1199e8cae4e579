"""Resolving tag rules: list the source repository's tags (paginated, once per run) and apply the rules to it.

A listing is bounded (tags and bytes across all its pages, pages per listing) and filtered page by page: only the
tags a rule keeps are held, every other tag is counted by reason (mirror/tag_filter.py). A registry that lists
more fails that rule with an error naming the cap; the run goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import httpx

from ecr_mirror.choose.imagelist import Entry
from ecr_mirror.choose.rules import RuleEntry
from ecr_mirror.errors import MirrorError, UnsupportedError
from ecr_mirror.mirror.tag_filter import TagFilter
from ecr_mirror.oci.auth import scope_for
from ecr_mirror.oci.bodies import MAX_TAG_PAGE, MiB
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.manifest import json_document
from ecr_mirror.oci.reference import Reference
from ecr_mirror.oci.responses import registry_error

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
MAX_PAGES = 100
# Docker Hub's largest repositories list tens of thousands of tags; 100,000 tags of the longest (128 characters)
# fit in 16 MiB. A listing beyond either cap fails its rules instead of filling the function's memory.
MAX_LISTED_TAGS = 100_000
MAX_LISTING_BYTES = 16 * MiB
_PAGE_SLACK = 64  # JSON values of a page besides its tags (its name, the key of the list)


@dataclass
class RuleOutcome:
    """What one rule chose, and why every other tag was left out (shown by --dry-run and the report): rejected
    tags are counted by reason, with a few examples each."""

    line: int
    source: str
    rule: str
    selected: list[str] = field(default_factory=list)
    rejected: dict[str, dict[str, object]] = field(default_factory=dict)
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


def _most_values(data: bytes) -> int:
    """An upper bound on the array elements and object members of a JSON document, counted without parsing it:
    each one is the first of its container or follows a comma (commas inside strings only raise the bound)."""
    return data.count(b",") + data.count(b"[") + data.count(b"{") + 1


def _too_many(what: str) -> UnsupportedError:
    return UnsupportedError(f"{what}: the listing holds more than {MAX_LISTED_TAGS} tags; refused")


async def tag_pages(client: RegistryClient, repository: str) -> AsyncIterator[list[object]]:
    """The tag list one page at a time (following pagination), within the listing's caps."""
    what = f"list tags of {client.registry}/{repository}"
    url: httpx.URL | None = client.url(f"{repository}/tags/list").copy_merge_params({"n": PAGE_SIZE})
    tags_left, bytes_left = MAX_LISTED_TAGS, MAX_LISTING_BYTES
    for _page in range(MAX_PAGES):
        if url is None:
            return
        response = await client.request(
            "GET", url, scope=scope_for(repository, "pull"), purpose=what, max_body=MAX_TAG_PAGE
        )
        if response.status_code != 200:
            raise registry_error(response, what)
        data = response.content
        bytes_left -= len(data)
        if bytes_left < 0:
            raise UnsupportedError(
                f"{what}: the listing is over {MAX_LISTING_BYTES // MiB} MiB across its pages; refused"
            )
        if _most_values(data) > tags_left + _PAGE_SLACK:  # refused before parsing: no million-string list is built
            raise _too_many(what)
        page = json_document(data, f"{what}: the answer").get("tags") or []
        if not isinstance(page, list):
            raise UnsupportedError(f"{what}: the answer is not a JSON tag list")
        tags_left -= len(page)
        if tags_left < 0:
            raise _too_many(what)
        yield page
        url = client.next_page(response, what)
    raise UnsupportedError(f"{what}: more than {MAX_PAGES} pages; refused")


async def list_tags(client: RegistryClient, repository: str) -> list[str]:
    """Every tag of a repository as text (within the listing's caps), for callers that need the whole list."""
    return [str(tag) async for page in tag_pages(client, repository) for tag in page]


async def resolve_rules(
    rules: list[RuleEntry], client_for: Callable[[Reference], RegistryClient], *, deadline: float | None = None
) -> tuple[list[Entry], list[RuleOutcome]]:
    """Expand each rule into exact entries; a rule that fails (listing or anything else) is reported with its
    error, the others still resolve. Each repository is listed once, its pages fed to every rule naming it.
    `deadline` (loop time) bounds the listing."""
    outcomes: list[RuleOutcome] = []
    by_repository: dict[tuple[str, str], list[int]] = {}
    for index, item in enumerate(rules):
        assert item.rule is not None and item.repository is not None
        outcomes.append(RuleOutcome(item.line, item.repository.name, item.rule.describe()))
        by_repository.setdefault((item.repository.registry, item.repository.repository), []).append(index)
    for indexes in by_repository.values():
        await _resolve_repository([rules[i] for i in indexes], [outcomes[i] for i in indexes], client_for, deadline)
    entries: list[Entry] = []
    for item, outcome in zip(rules, outcomes, strict=True):
        assert item.repository is not None
        options = item.options
        entries += [
            Entry(
                item.line,
                item.text,
                item.repository.with_tag(t),
                options.platforms,
                options.referrers,
                options.policies,
            )
            for t in outcome.selected
        ]
    return entries, outcomes


async def _resolve_repository(
    items: list[RuleEntry],
    outcomes: list[RuleOutcome],
    client_for: Callable[[Reference], RegistryClient],
    deadline: float | None,
) -> None:
    """List one repository's tags once, filtering each page through every rule that names it."""
    repo = items[0].repository
    assert repo is not None
    filters = [TagFilter(item.rule) for item in items if item.rule is not None]
    try:
        async with asyncio.timeout_at(deadline):
            async for page in tag_pages(client_for(repo), repo.repository):
                for tag_filter in filters:
                    await tag_filter.feed(page)
        for tag_filter, outcome in zip(filters, outcomes, strict=True):
            outcome.selected = tag_filter.finish()
            outcome.rejected = tag_filter.rejected_report()
        return
    except TimeoutError:
        error = "run deadline reached before the tags were listed"
    except MirrorError as exc:
        error = str(exc)
    except Exception as exc:  # one broken rule (or tag list) must not stop the run
        log.exception("unexpected error resolving the rules on lines %s", ", ".join(str(i.line) for i in items))
        error = f"unexpected {type(exc).__name__}: {exc}"
    for outcome in outcomes:
        outcome.error = error
