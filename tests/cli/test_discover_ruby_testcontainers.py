"""`ecr-mirror discover` lists the images Ruby tests start with Testcontainers for Ruby
(https://github.com/testcontainers/testcontainers-ruby): a container class's default image, and a container given an
image that the file starts; a container only built to compare its image, and Ruby without Testcontainers, are not
read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MODULE = """\
require "testcontainers"

module Testcontainers
  # KeyvalContainer runs a key-value store
  class KeyvalContainer < ::Testcontainers::DockerContainer
    KEYVAL_DEFAULT_PORT = 6379

    # Default image used by the container
    KEYVAL_DEFAULT_IMAGE = "valkey/valkey:8.0"

    def initialize(image = KEYVAL_DEFAULT_IMAGE, **kwargs)
      super
    end
  end
end
"""

BROWSER = """\
require "testcontainers"

module Testcontainers
  class BrowserContainer < ::Testcontainers::DockerContainer
    BROWSER_IMAGES = {
      firefox: "selenium/standalone-firefox:4.21",
      chrome: "selenium/standalone-chrome:4.21"
    }

    def initialize(image = nil, capabilities: :firefox, **kwargs)
      image ||= BROWSER_IMAGES[capabilities]
      super(image, **kwargs)
    end
  end
end
"""

TEST = """\
require "test_helper"

class KeyvalContainerTest < Minitest::Test
  def setup
    @container = Testcontainers::DockerContainer.new("nginx:1.27-alpine", exposed_ports: [80])
    @proxy = Testcontainers::DockerContainer.new('haproxy:3.0')
  end

  def test_it_starts
    @container.start
  end

  def test_it_supports_a_custom_image
    container = Testcontainers::KeyvalContainer.new("valkey/valkey:7.2-alpine")
    assert_equal "valkey/valkey:7.2-alpine", container.image
  end

  def test_it_mounts
    container = Testcontainers::KeyvalContainer.new(filesystem_binds: ["/tmp:/data:rw"])
    container.start
  end

  def test_chrome
    container = Testcontainers::BrowserContainer.new(capabilities: :chrome)
    container.start
  end

  # Testcontainers::GenericContainer.new("commented/out:1").start
end
"""

SPEC = """\
require "testcontainers"

RSpec.configure do |config|
  config.before(:suite) do
    config.cache = Testcontainers::DockerContainer.new("memcached:1.6").with_exposed_ports(11211)
    config.cache.start
  end
end

RSpec.describe "pdf" do
  let(:container) do
    Testcontainers::DockerContainer.new("surnet/alpine-wkhtmltopdf:3.20.0-small")
      .with_entrypoint("wkhtmltopdf")
  end

  it "renders" do
    container.start
    Testcontainers::GenericContainer.new("busybox:1.36")
      .with_command(["true"])
      .start
  end
end
"""

TREE = {
    "keyval/lib/testcontainers/keyval.rb": MODULE,
    "browser/lib/testcontainers/browser.rb": BROWSER,
    "keyval/test/keyval_container_test.rb": TEST,
    "examples/pdf_spec.rb": SPEC,
    # Ruby that names no Testcontainers: nothing is read from it
    "app/models/widget.rb": 'class Widget\n  def box\n    FakeContainer.new("not/pulled:1").start\n  end\nend\n',
}


def test_ruby_testcontainers_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = sorted(
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    )
    test = "keyval/test/keyval_container_test.rb"
    assert records == sorted(
        [
            ("keyval/lib/testcontainers/keyval.rb", 9, "Ruby source", "testcontainers", "valkey/valkey:8.0", "public"),
            (
                "browser/lib/testcontainers/browser.rb",
                6,
                "Ruby source",
                "testcontainers",
                "selenium/standalone-firefox:4.21",
                "public",
            ),
            (
                "browser/lib/testcontainers/browser.rb",
                7,
                "Ruby source",
                "testcontainers",
                "selenium/standalone-chrome:4.21",
                "public",
            ),
            (test, 5, "Ruby source", "testcontainers", "nginx:1.27-alpine", "public"),
            ("examples/pdf_spec.rb", 5, "Ruby source", "testcontainers", "memcached:1.6", "public"),
            (
                "examples/pdf_spec.rb",
                12,
                "Ruby source",
                "testcontainers",
                "surnet/alpine-wkhtmltopdf:3.20.0-small",
                "public",
            ),
            ("examples/pdf_spec.rb", 18, "Ruby source", "testcontainers", "busybox:1.36", "public"),
        ]
    )
    # `@proxy` is never started, and the custom image is only compared: neither is pulled
    assert not [r for r in records if r[4].startswith(("haproxy", "valkey/valkey:7.2", "not/pulled", "commented"))]
