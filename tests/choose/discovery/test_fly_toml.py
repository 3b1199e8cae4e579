"""Fly.io's app configuration (https://fly.io/docs/reference/configuration/#the-build-section): `[build] image` is
the image `fly deploy` deploys as it is, pulled from its registry; a `[build] dockerfile` (or none: the Dockerfile
beside the file) is built, its bases read with the Dockerfile. `fly.toml` and the files a `fly deploy --config`
names by the same convention (`fly.staging.toml`, `fly-mailpit.toml`)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.fly_toml import fly_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.errors import ConfigError

MAILPIT = """\
app = "acme-mailpit"
primary_region = "lhr"

[build]
  image = "axllent/mailpit"

[http_service]
  internal_port = 8025
"""

BUILT = """\
app = "acme-web"

[build]
  dockerfile = "Dockerfile.fly"

[build.args]
  PHP_VERSION = "8.3"
"""


def test_the_build_image_is_listed_at_its_line() -> None:
    [item] = fly_images(MAILPIT, "fly-mailpit.toml")
    assert (item.text, item.line, item.problem, item.use) == ("axllent/mailpit", 5, None, "[build] image")


def test_a_dockerfile_build_and_a_dotted_key() -> None:
    assert fly_images(BUILT, "fly.toml") == []
    [item] = fly_images('app = "db"\nbuild.image = "mysql:8.0"\n', "fly.dev.toml")
    assert (item.text, item.line) == ("mysql:8.0", 2)


def test_a_value_that_is_not_a_string_is_unresolved_and_bad_toml_names_the_file() -> None:
    [item] = fly_images("[build]\nimage = 3\n", "fly.toml")
    assert item.problem is not None and item.line == 2
    with pytest.raises(ConfigError, match=r"fly\.toml"):
        fly_images("[build\nimage = 'x'\n", "fly.toml")


def test_the_file_names_fly_reads() -> None:
    for name in ("fly.toml", "fly.staging.toml", "fly-mailpit.toml", "deploy/fly.production.toml"):
        assert kind_of(name) is Kind.FLY, name
    for name in ("flyway.toml", "butterfly.toml", "fly.yaml"):
        assert kind_of(name) is not Kind.FLY, name
