"""A documentation page whose name starts like a Dockerfile's (`dockerfile.mdx`, `dockerfile-prompt.mdx`,
`Dockerfile.rst`) is read as a Dockerfile only when its text starts like one: a docs site's page about writing a
Dockerfile shows `FROM node:lts-alpine` in a fenced example and `Dockerfile` in prose, which no build uses. A
`Dockerfile.mdx` that is a Dockerfile, and a `Dockerfile.node`, stay read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PAGE = """\
---
title: "Dockerfile builds"
description: "Build your app from a Dockerfile"
---

Here is a complete example for a Node.js app:

```dockerfile Dockerfile
FROM node:lts-alpine AS builder
WORKDIR /app
RUN npm install

FROM node:lts-alpine
COPY --from=builder /app .
```
"""

PROMPT = """\
# Writing a Dockerfile

Prevents `.env` files or other local state
from accidentally shipping in the image.

FROM accidentally
"""

TREE = {
    "docs/builds/dockerfile.mdx": PAGE,
    "docs/builds/dockerfile-prompt.mdx": PROMPT,
    "docs/guide/Dockerfile.rst": "Dockerfile\n==========\n\n.. code-block::\n\n   FROM python:3.12\n",
    "examples/Dockerfile.mdx": "# a Dockerfile despite its name\nFROM golang:1.23.4\n",
    "images/Dockerfile.node": "FROM node:22.11.0\n",
}


def test_a_docs_page_named_like_a_dockerfile_is_read_only_when_it_starts_like_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("examples/Dockerfile.mdx", 2, "golang:1.23.4", "public"),
        ("images/Dockerfile.node", 1, "node:22.11.0", "public"),
    ]
