"""Kubernetes manifests written as ERB templates (`config/deploy/web.yaml.erb`, as Rails deployments with krane
keep them): read like other manifest templates, their `image:` lines one by one when the file is no YAML until
rendered; an image with an ERB tag in it is unresolved, named with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WEB = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  <% if environment == 'staging' %>
  replicas: 3
  <% end %>
  template:
    spec:
      containers:
      - name: web
        image: ghcr.io/acme/web:<%= current_sha %>
      - name: nginx
        image: nginx:1.31.3
"""

JOB = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate-<%= deployment_id %>
spec:
  template:
    spec:
      containers:
      - name: migrate
        image: "postgres:17.2"
"""


def test_erb_manifests_list_their_images_and_name_the_templated_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"config/deploy/web.yaml.erb": WEB, "config/deploy/migrate.yml.erb": JOB})
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("config/deploy/web.yaml.erb", 15, "nginx:1.31.3", "public") in records
    assert ("config/deploy/migrate.yml.erb", 10, "postgres:17.2", "public") in records
    [templated] = [r for r in records if r[1] == 13]
    assert templated[0] == "config/deploy/web.yaml.erb" and templated[3] == "unresolved"
