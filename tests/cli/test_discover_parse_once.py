"""A YAML file no reader claims is parsed once, not once per reader that looks at it (netdata's SNMP profiles)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.trees import discover_records, write_tree

_PROFILE = """\
extends:
  - _base.yaml
metrics:
  - MIB: IF-MIB
    table:
      OID: 1.3.6.1.2.1.2.2
      name: ifTable
    symbols:
      - OID: 1.3.6.1.2.1.2.2.1.14
        name: ifInErrors
"""

_SIDECARS = """\
extraContainers:
  - name: exporter
    image: prom/statsd-exporter:v0.26.1
    args: ["--statsd.listen-udp=:9125"]
"""


def test_an_unclaimed_yaml_file_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"profiles/default/ifmib.yaml": _PROFILE, "deploy/sidecars.yaml": _SIDECARS})
    parsed: Counter[str] = Counter()
    load_all = yaml.load_all

    def counting(stream: Any, Loader: Any) -> Any:
        parsed[stream if isinstance(stream, str) else ""] += 1
        return load_all(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "load_all", counting)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert parsed[_PROFILE] == 1
    assert [(r["file"], r["line"], r["reference"], r["status"]) for r in records] == [
        ("deploy/sidecars.yaml", 3, "prom/statsd-exporter:v0.26.1", "public")
    ]
