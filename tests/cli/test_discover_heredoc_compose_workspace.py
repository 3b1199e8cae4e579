"""A workflow step writing a compose file in a heredoc to a path under a GitHub Actions expression (`cat >
${{ github.workspace }}/docker-compose.yml << 'EOF'`, the runner substituting the expression before the shell runs):
the file is named like a compose file, so its services' images are read at their lines of the workflow; the same
heredoc written to a file of another kind under the expression is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

WORKFLOW = """\
name: kerberos
on: [push]
jobs:
  kerberos:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Write the stack
        run: |
          mkdir -p ${{ github.workspace }}/kerberos
          cat > ${{ github.workspace }}/docker-compose.yml << 'EOF'
          services:
            kdc:
              image: acme/krb5-server
              hostname: kdc
            broker:
              image: acme/broker:3.9
              depends_on:
                - kdc
          EOF
      - name: Write notes
        run: |
          cat > ${{ github.workspace }}/notes.txt << 'EOF'
          services:
            other:
              image: acme/other:1.0
          EOF
      - run: docker compose up -d --wait
"""


def test_a_heredoc_compose_file_written_under_an_expression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {".github/workflows/kerberos.yml": WORKFLOW}
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    assert rows == [
        (".github/workflows/kerberos.yml", 14, "acme/krb5-server:latest", "public"),
        (".github/workflows/kerberos.yml", 17, "acme/broker:3.9", "public"),
    ]
