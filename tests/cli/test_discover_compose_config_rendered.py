"""A compose file of no compose name that a script renders with `docker compose -f FILE config > docker-compose.yml`
and then runs (`docker compose up`, which reads the rendered default file of that directory): the template is read
as the compose file it renders. Rendering alone (no run after it), or a rendering written to a file no run reads,
makes nothing of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TEMPLATE = """\
version: '2'
services:
  db:
    image: mongo:6.0
  search:
    image: "opensearchproject/opensearch:2.11.0"
  app:
    build:
      context: ..
"""

SCRIPT = """\
#!/bin/bash
set -e
cd "$(dirname "$0")"

bring_up() {
  docker-compose --file stack.tpl config > ./docker-compose.yml
  docker-compose build --pull
  docker-compose up -d
}

bring_up
"""

# renders only, to show the merged model: nothing runs it
SHOW = "#!/bin/sh\ndocker compose -f preview.tpl config > /tmp/preview.yml\necho done\n"
# renders to a file that a later run does not read (it runs another file)
OTHER = "#!/bin/sh\ndocker compose -f other.tpl config > rendered.yml\ndocker compose -f base.yml up -d\n"


def test_a_template_rendered_by_compose_config_then_run_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "test/stack.tpl": TEMPLATE,
            "test/run_tests.sh": SCRIPT,
            "tools/preview.tpl": "services:\n  cache:\n    image: redis:7.2\n",
            "tools/show.sh": SHOW,
            "ops/other.tpl": "services:\n  queue:\n    image: rabbitmq:3.13\n",
            "ops/base.yml": "services:\n  web:\n    image: nginx:1.27\n",
            "ops/up.sh": OTHER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records) == [
        ("mongo:6.0", "test/stack.tpl", 4, "public"),
        ("nginx:1.27", "ops/base.yml", 3, "public"),
        ("opensearchproject/opensearch:2.11.0", "test/stack.tpl", 6, "public"),
    ]
