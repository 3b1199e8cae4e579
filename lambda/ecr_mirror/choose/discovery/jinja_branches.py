"""The texts a Jinja template may render, one per branch of its `if` chains (pure).

A template whose branches are alternatives (`{% if use_docker %} image: docker:27 {% else %} image: python:3.13 {%
endif %}`) is not YAML with every branch kept: a mapping gets the same key twice, and YAML keeps the last. So the
template is read once per branch: text `i` takes branch `i` of every `if`/`elif`/`else` chain (its last when it has
fewer), an `if` without `else` is kept in every text, and a branch not taken is blanked. Other statements (`for`,
`set`, `macro`, ...) and comments are removed with their body kept, so a line holding only a tag is left blank and
every line keeps its number. The text of a `{% raw %}` block is kept as written, its braces protected from the
expression rendering that follows (jinja_text.py) and put back by `unprotected`. Unbalanced tags are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TEXTS = 8
_TOKEN_RE = re.compile(
    r"\{%-?\s*raw\s*-?%\}(?P<raw>.*?)\{%-?\s*endraw\s*-?%\}|\{#.*?#\}|\{%-?\s*(?P<word>\w*)(?:.*?)-?%\}",
    re.DOTALL,
)
_OPEN, _CLOSE = "\ue000", "\ue001"  # `{{` and `}}` of raw text, until the expressions are rendered


@dataclass
class _Chain:
    count: int  # its branches
    taken: int  # the branch this text takes
    at: int = 0  # the branch being read


def _branch_counts(tokens: list[re.Match[str]]) -> dict[int, int]:
    """The index of each `if` token -> the number of branches of its chain."""
    counts: dict[int, int] = {}
    open_ifs: list[int] = []
    for index, token in enumerate(tokens):
        word = token["word"]
        if word == "if":
            open_ifs.append(index)
            counts[index] = 1
        elif word in ("elif", "else") and open_ifs:
            counts[open_ifs[-1]] += 1
        elif word == "endif" and open_ifs:
            open_ifs.pop()
    return counts


def _lines_of(text: str) -> str:
    return "\n" * text.count("\n")


def _text(text: str, tokens: list[re.Match[str]], counts: dict[int, int], branch: int) -> str:
    out: list[str] = []
    chains: list[_Chain] = []
    at = 0
    for index, token in enumerate(tokens):
        shown = all(chain.at == chain.taken for chain in chains)
        between = text[at : token.start()]
        out.append(between if shown else _lines_of(between))
        at = token.end()
        word = token["word"]
        if token["raw"] is not None and shown:
            out.append(token["raw"].replace("{{", _OPEN).replace("}}", _CLOSE).replace("{%", "{\ue002"))
            continue
        out.append(_lines_of(token.group()))
        if word == "if":
            chains.append(_Chain(counts[index], min(branch, counts[index] - 1)))
        elif word in ("elif", "else") and chains:
            chains[-1].at += 1
        elif word == "endif" and chains:
            chains.pop()
    shown = all(chain.at == chain.taken for chain in chains)
    out.append(text[at:] if shown else _lines_of(text[at:]))
    return "".join(out)


def branch_texts(text: str) -> list[str]:
    """The texts `text` may render, one per branch of its longest `if` chain (at most MAX_TEXTS); `[text]` when it
    has no statements."""
    tokens = list(_TOKEN_RE.finditer(text))
    if not tokens:
        return [text]
    counts = _branch_counts(tokens)
    return [_text(text, tokens, counts, branch) for branch in range(min(max(counts.values(), default=1), MAX_TEXTS))]


def unprotected(text: str) -> str:
    """A text of branch_texts with the braces of its raw blocks put back, once its expressions are rendered."""
    return text.replace(_OPEN, "{{").replace(_CLOSE, "}}").replace("{\ue002", "{%")
