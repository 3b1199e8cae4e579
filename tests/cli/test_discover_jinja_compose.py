"""`ecr-mirror discover` on an Ansible role or playbook that templates its compose files: the values of
`{{ name }}` come from the role's `defaults/` and `vars/` files, or the playbook's `default.config.yml`, beside the
`templates/` directory; a name given two values there is unresolved, naming the files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

ROLE = {
    "roles/monitor/defaults/main.yml": (
        "---\nmonitor_prometheus_tag: v2.54.1\nmonitor_registry: quay.io\nmonitor_pihole_tag: '2024.07.0'\n"
    ),
    "roles/monitor/vars/main.yml": "---\nmonitor_pihole_tag: '2024.08.0'\n",  # vars win over defaults
    "roles/monitor/vars/Debian.yml": "---\nmonitor_exporter_tag: v1.8.2\n",
    "roles/monitor/vars/RedHat.yml": "---\nmonitor_exporter_tag: v1.7.0\n",
    "roles/monitor/templates/docker-compose.yml.j2": (
        "services:\n"
        "  prometheus:\n"
        "    image: prom/prometheus:{{ monitor_prometheus_tag }}\n"
        "{% if monitor_exporter %}\n"
        "  exporter:\n"
        '    image: "{{ monitor_registry }}/prometheus/node-exporter:{{ monitor_exporter_tag }}"\n'
        "{% endif %}\n"
        "  pihole:\n"
        "    image: pihole/pihole:{{ monitor_pihole_tag }}\n"
    ),
    "playbook/default.config.yml": "---\nspeedtest_image: miguelndecarvalho/speedtest-exporter:v0.5.1\n",
    "playbook/templates/speedtest-docker-compose.yml.j2": (
        "services:\n  speedtest:\n    image: {{ speedtest_image }}\n"
        "  starlink:\n    image: danopstech/starlink_exporter\n"
    ),
}


def test_role_templates_are_read_as_compose_with_the_role_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, ROLE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    by_place = {(r["file"], r["line"]): r for r in records}
    role = "roles/monitor/templates/docker-compose.yml.j2"
    assert by_place[(role, 3)]["written"] == "prom/prometheus:v2.54.1"
    assert by_place[(role, 3)]["status"] == "public"
    assert by_place[(role, 3)]["kind"] == "compose template (Jinja)"
    assert by_place[(role, 9)]["reference"] == "pihole/pihole:2024.08.0"
    exporter = by_place[(role, 6)]
    assert exporter["status"] == "unresolved"
    assert exporter["written"] == "quay.io/prometheus/node-exporter:{{ monitor_exporter_tag }}"  # what is known
    assert "monitor_exporter_tag" in exporter["reason"]
    assert "vars/Debian.yml" in exporter["reason"] and "vars/RedHat.yml" in exporter["reason"]
    playbook = "playbook/templates/speedtest-docker-compose.yml.j2"
    assert by_place[(playbook, 3)]["reference"] == "miguelndecarvalho/speedtest-exporter:v0.5.1"
    assert by_place[(playbook, 5)]["written"] == "danopstech/starlink_exporter"
    assert len(records) == 5


def test_a_values_file_that_is_not_yaml_is_named_and_the_template_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "defaults/main.yml": "tag: [unclosed\n",
            "templates/docker-compose.yml.j2": (
                "services:\n  web:\n    image: nginx:{{ tag }}\n  db:\n    image: postgres:16\n"
            ),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = {r["line"]: r for r in json.loads(out)}
    assert records[5]["reference"] == "postgres:16"
    assert records[3]["status"] == "unresolved" and "tag" in records[3]["reason"]
    assert "defaults/main.yml" in err and "not valid YAML" in err


def test_a_tera_compose_template_is_read_as_a_compose_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Rust program's Tera template of a compose file (`docker-compose.yml.tera`, https://keats.github.io/tera/,
    Jinja2's syntax): its literal images are listed, one the program fills (`{{ tracker.image }}`) is unresolved."""
    write_tree(
        tmp_path,
        {
            "templates/docker-compose/docker-compose.yml.tera": (
                "services:\n"
                "  proxy:\n"
                "    image: caddy:2.11.2\n"
                "{% if tracker %}\n"
                "  tracker:\n"
                "    image: {{ tracker.image }}\n"
                "{% endif %}\n"
                "  backup:\n"
                "    image: acme/tracker-backup:latest\n"
            )
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    by_line = {r["line"]: (r["status"], r["reference"] or r["written"]) for r in records}
    assert by_line == {
        3: ("public", "caddy:2.11.2"),
        6: ("unresolved", "{{ tracker.image }}"),
        9: ("public", "acme/tracker-backup:latest"),
    }
