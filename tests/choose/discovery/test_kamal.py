"""Kamal's deploy configuration: accessories' images and a versioned proxy image, read where Kamal reads it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

DEPLOY = """\
service: shop
image: acme/shop
servers:
  web:
    - 10.0.0.1
registry:
  server: ghcr.io
  username: acme
  password:
    - KAMAL_REGISTRY_PASSWORD
builder:
  arch: <%= ENV.fetch("ARCH", "amd64") %>
proxy:
  host: shop.example.com
  run:
    version: v0.9.0
accessories:
  db:
    image: postgres:17.2
    host: 10.0.0.2
    port: "127.0.0.1:5432:5432"
  search:
    image: opensearchproject/opensearch:2.18.0
    registry:
      server: public.ecr.aws
      username: acme
      password:
        - ECR_PASSWORD
<% if ENV["WITH_CACHE"] %>
  cache:
    image: valkey/valkey:<%= ENV.fetch("VALKEY", "8") %>
    host: 10.0.0.2
<% end %>
"""


def test_kamal_reads_config_deploy_yml_and_its_destinations() -> None:
    assert kind_of("config/deploy.yml") is Kind.KAMAL
    assert kind_of("app/config/deploy.staging.yml") is Kind.KAMAL
    assert kind_of("test/fixtures/deploy.yml") is Kind.YAML
    assert kind_of("config/deploy.rb") is None


def test_accessories_and_the_versioned_proxy_image_are_pulled_not_the_application() -> None:
    found = images_in(Kind.KAMAL, DEPLOY, "config/deploy.yml")
    assert [(item.text, item.line, item.problem, item.use) for item in found] == [
        ("postgres:17.2", 19, None, "accessories.db.image"),
        ("public.ecr.aws/opensearchproject/opensearch:2.18.0", 23, None, "accessories.search.image"),
        (
            'valkey/valkey:<%= ENV.fetch("VALKEY", "8") %>',
            31,
            "an ERB tag, known only when Kamal renders the configuration",
            "accessories.cache.image",
        ),
        ("basecamp/kamal-proxy:v0.9.0", 16, None, "proxy.run"),
    ]
    assert all(item.kind == "Kamal configuration" for item in found)


def test_without_a_proxy_version_the_proxy_image_is_kamals_own_and_not_listed() -> None:
    text = "service: app\nimage: app\nproxy:\n  run:\n    registry: registry.example:5000\n"
    assert images_in(Kind.KAMAL, text, "config/deploy.yml") == []


def test_another_tools_config_deploy_yml_is_read_as_other_yaml() -> None:
    manifest = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: x\n    image: nginx:1.27\n"
    )
    assert [item.text for item in images_in(Kind.KAMAL, manifest, "config/deploy.yml")] == ["nginx:1.27"]


def test_a_kamal_shaped_file_elsewhere_is_not_read_even_when_its_erb_breaks_the_yaml() -> None:
    fixture = DEPLOY.replace('arch: <%= ENV.fetch("ARCH", "amd64") %>', 'arch: <%= x == "a" ? "b" : "c" %>')
    assert images_in(Kind.YAML, fixture, "test/fixtures/deploy_with_accessories.yml") == []
