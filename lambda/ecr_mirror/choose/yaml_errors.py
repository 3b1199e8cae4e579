"""What loading YAML raises on text no loader can build, and how to say it (pure).

PyYAML raises a `YAMLError` for text that is no YAML, but a value its explicit tag cannot hold fails in the
tag's constructor with Python's own error: `!!float 'error'` (a Helm test's broken index fixture) a ValueError,
`!!timestamp 'bad'` an AttributeError, `!!bool 'maybe'` a KeyError; and nesting deeper than Python's recursion
limit (`[[[[...]]]]` five thousand deep) a RecursionError in the composer. Each is a file that cannot be read, to
be reported naming it, never an end to the whole run.
"""

from __future__ import annotations

import yaml

LOAD_ERRORS: tuple[type[Exception], ...] = (
    yaml.YAMLError,
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    OverflowError,
    RecursionError,
)


def load_problem(exc: Exception) -> str:
    """One line saying why a text could not be loaded as YAML."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, yaml.YAMLError):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"a value its tag cannot hold ({type(exc).__name__}: {exc})"


# reading a file, then loading it
READ_ERRORS: tuple[type[Exception], ...] = (OSError, *LOAD_ERRORS)
