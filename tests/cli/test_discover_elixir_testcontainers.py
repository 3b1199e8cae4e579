"""`ecr-mirror discover` lists the images Elixir code starts with Testcontainers for Elixir
(https://github.com/testcontainers/testcontainers-elixir): a container module's default image (`@default_image`
and `@default_tag` joined into the struct's `image:`), the container a `ContainerBuilder` implementation builds, and
a container given an image that the file starts (`Testcontainers.start_container(config)`, ExUnit's `container(:name,
config)`, the library's own `Api.create_container(config, conn)`), a string interpolating a module's constant function
(`"testcontainers/ryuk:#{Constants.ryuk_version()}"`), and an image pulled by `Api.pull_image("...", conn)`; a
container only built to compare its image, a name bound in another function, an image the file tags locally, and
Elixir without Testcontainers, are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MODULE = """\
defmodule Testcontainers.KeyvalContainer do
  @moduledoc \"\"\"
  A key-value store: `KeyvalContainer.new() |> KeyvalContainer.with_image("valkey/valkey:xyz")`.
  \"\"\"
  alias Testcontainers.Container

  @default_image "valkey/valkey"
  @default_tag "8.0"
  @default_image_with_tag "#{@default_image}:#{@default_tag}"

  @enforce_keys [:image]
  defstruct [:image, check_image: @default_image, reuse: false]

  def new,
    do: %__MODULE__{
      image: @default_image_with_tag
    }

  def with_image(%__MODULE__{} = config, image) when is_binary(image) do
    %{config | image: image}
  end
end
"""

SUPPORT = """\
defmodule Test.ProxyContainer do
  defstruct []

  defimpl Testcontainers.ContainerBuilder do
    import Testcontainers.Container

    @impl true
    def build(%Test.ProxyContainer{}) do
      new("haproxy:3.0")
      |> with_exposed_port(8080)
    end
  end
end
"""

TEST = """\
defmodule Testcontainers.KeyvalContainerTest do
  use ExUnit.Case, async: true
  import Testcontainers.ExUnit

  alias Testcontainers.Container
  alias Testcontainers.KeyvalContainer

  describe "with a custom image" do
    container(
      :keyval,
      KeyvalContainer.new()
      |> KeyvalContainer.with_image("valkey/valkey:7.2-alpine")
    )

    test "works", %{keyval: keyval} do
      assert keyval
    end
  end

  describe "with an attribute" do
    import KeyvalContainer

    @custom new()
            |> with_image("valkey/valkey:7.0")

    container(:custom, @custom)
  end

  test "starts a generic container" do
    config = %Testcontainers.Container{image: "nginx:1.27-alpine"}
    assert {:ok, container} = Testcontainers.start_container(config)
  end

  test "starts a piped container" do
    config =
      Container.new("busybox:1.36")
      |> Container.with_cmd(["sleep", "60"])

    {:ok, _} = Testcontainers.start_container(config)
  end

  test "pulls a policy container" do
    config = %Container{
      image: "alpine:3.20",
      pull_policy: PullPolicy.always_pull()
    }

    assert {:ok, _} = Testcontainers.start_container(config)
  end

  test "uses a locally tagged image" do
    {:ok, _name} = Api.tag_image("alpine", "local_alpine", "latest", conn)
    config = %Container{image: "local_alpine:latest", pull_policy: PullPolicy.never_pull()}
    assert {:ok, _} = Testcontainers.start_container(config)
  end

  test "only compares a custom image" do
    config = KeyvalContainer.new() |> KeyvalContainer.with_image("valkey/valkey:6.2")
    assert config.image == "valkey/valkey:6.2"
  end

  test "only configures a network" do
    container =
      Container.new("memcached:1.6")
      |> Container.with_network("my-network")

    assert container.network == "my-network"
  end

  test "starts the config it is given", %{config: config} do
    assert {:ok, _} = Testcontainers.start_container(config)
  end

  test "pulls an image" do
    {:ok, _nil} = Api.pull_image("alpine:3.18", conn)
  end
end
"""

LIBRARY = """\
defmodule Testcontainers do
  alias Testcontainers.Constants
  alias Testcontainers.Container
  alias Testcontainers.Docker.Api

  defp start_reaper(conn) do
    reaper_config =
      Container.new("testcontainers/ryuk:#{Constants.ryuk_version()}")
      |> Container.with_exposed_port(8080)

    reaper_config = resolve_pull_policy(reaper_config, properties)

    with {:ok, id} <- Api.create_container(reaper_config, conn) do
      {:ok, id}
    end
  end
end
"""

CONSTANTS = """\
defmodule Testcontainers.Constants do
  @moduledoc false

  def library_version, do: "2.0.0"
  def ryuk_version, do: "0.11.0"
end
"""

TREE = {
    "lib/container/keyval_container.ex": MODULE,
    "test/support/proxy_container.ex": SUPPORT,
    "test/container/keyval_container_test.exs": TEST,
    "lib/testcontainers.ex": LIBRARY,
    "lib/util/constants.ex": CONSTANTS,
    # Elixir that names no Testcontainers: nothing is read from it
    "lib/widget.ex": 'defmodule Widget do\n  def box, do: Container.new("not/pulled:1") |> start_container()\nend\n',
}


def test_elixir_testcontainers_images_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = sorted(
        (r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
    )
    test = "test/container/keyval_container_test.exs"
    assert records == sorted(
        [
            ("lib/container/keyval_container.ex", 9, "Elixir source", "testcontainers", "valkey/valkey:8.0", "public"),
            ("test/support/proxy_container.ex", 9, "Elixir source", "testcontainers", "haproxy:3.0", "public"),
            (test, 12, "Elixir source", "testcontainers", "valkey/valkey:7.2-alpine", "public"),
            (test, 24, "Elixir source", "testcontainers", "valkey/valkey:7.0", "public"),
            (test, 30, "Elixir source", "testcontainers", "nginx:1.27-alpine", "public"),
            (test, 36, "Elixir source", "testcontainers", "busybox:1.36", "public"),
            (test, 44, "Elixir source", "testcontainers", "alpine:3.20", "public"),
            (test, 75, "Elixir source", "testcontainers", "alpine:3.18", "public"),
            ("lib/testcontainers.ex", 8, "Elixir source", "testcontainers", "testcontainers/ryuk:0.11.0", "public"),
        ]
    )
