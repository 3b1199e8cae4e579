"""Kamal's deploy configuration read whole: accessories with and without a registry, values of the wrong type,
each proxy form, ERB tags, documents that are no mapping (kamal.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kamal import kamal_images, looks_like_kamal
from ecr_mirror.errors import ConfigError

DEPLOY = """\
- a list document first
---
service: shop
image: acme/shop
accessories:
  db:
    image: postgres:17.2
    registry:
      server: registry.acme.dev
  cache:
    image: redis:7
    registry:
      server: ""
  queue:
    image: rabbitmq:4
    registry: not-a-mapping
  blank:
    image: ""
  number:
    image: 5
  none:
    host: 10.0.0.3
  erb:
    image : <%= ENV["SEARCH_IMAGE"] %>
  nextline:
    image:
      <%= ENV["NEXT_IMAGE"] %>
  listed: [a, b]
---
accessories: [postgres:16]
proxy: just-text
---
proxy:
  run: not-a-mapping
---
proxy:
  run:
    repository: acme/proxy
---
proxy:
  run:
    registry: <%= ENV["PROXY_REGISTRY"] %>
    version: 1
---
proxy:
  run:
    registry: ghcr.io
    repository: acme/kamal-proxy
    version: v0.9.0
---
proxy:
  run:
    version: <%= ENV["PROXY_VERSION"] %>"""

UNRENDERED = "an ERB tag, known only when Kamal renders the configuration"


def test_every_accessory_and_proxy_form_in_order() -> None:
    # a registry's server prefixes an accessory's image unless blank or not in a mapping; accessories without a
    # string image, lists, a proxy without a run mapping or a version give nothing; an ERB tag is shown as written
    # on its line (the file's last line too)
    found = kamal_images(DEPLOY, "config/deploy.yml")
    by_registry = found.pop(5)
    assert found == [
        Found("registry.acme.dev/postgres:17.2", "config/deploy.yml", 7, None, "accessories.db.image"),
        Found("redis:7", "config/deploy.yml", 11, None, "accessories.cache.image"),
        Found("rabbitmq:4", "config/deploy.yml", 15, None, "accessories.queue.image"),
        Found('<%= ENV["SEARCH_IMAGE"] %>', "config/deploy.yml", 24, UNRENDERED, "accessories.erb.image"),
        Found('<%= ENV["NEXT_IMAGE"] %>', "config/deploy.yml", 27, UNRENDERED, "accessories.nextline.image"),
        Found("ghcr.io/acme/kamal-proxy:v0.9.0", "config/deploy.yml", 49, None, "proxy.run"),
        Found('<%= ENV["PROXY_VERSION"] %>', "config/deploy.yml", 53, UNRENDERED, "proxy.run"),
    ]
    # a version that is a number has no line: the registry's ERB tag leaves the proxy image unresolved
    assert (by_registry.origin, by_registry.line, by_registry.problem, by_registry.use) == (
        "config/deploy.yml",
        None,
        UNRENDERED,
        "proxy.run",
    )


def test_a_kamal_configuration_is_known_by_its_top_level_keys() -> None:
    assert looks_like_kamal("service: a\nimage: b\nservers: {}\n")
    assert looks_like_kamal("service: a\nimage: b\naccessories: {}\n")
    assert not looks_like_kamal("service: a\nimage: b\n")  # neither servers nor accessories
    assert not looks_like_kamal("service: a\nservers: {}\naccessories: {}\n")  # no image
    assert not looks_like_kamal("image: b\nservers: {}\n")  # no service
    assert not looks_like_kamal("service: a\nimage: b\nSERVERS: {}\n  servers: {}\n")


def test_a_configuration_that_is_not_yaml_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^config/deploy\.yml: not valid YAML"):
        kamal_images("accessories: [a\n", "config/deploy.yml")
