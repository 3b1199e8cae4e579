"""A Python source's syntax tree for the readers of Python files, or None when it does not parse."""

from __future__ import annotations

import ast
import warnings


def parsed(text: str) -> ast.Module | None:
    """The module `text` parses to; None for a source that does not parse (another Python's syntax, a template, a
    nesting too deep for the parser). An invalid escape (`"\\d"`) warns on newer Pythons: not the user's concern."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
