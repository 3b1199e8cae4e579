"""MCP server configurations (VS Code's `.vscode/mcp.json` `servers`, https://code.visualstudio.com/docs/copilot/
customization/mcp-servers; `.mcp.json` and `.cursor/mcp.json` `mcpServers`): a server whose `command` is `docker`
or `podman` runs its `args` as that command line when the editor starts it, so `run ... IMAGE` pulls IMAGE."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.errors import ConfigError

VSCODE = """\
{
  "inputs": [{"type": "promptString", "id": "token", "password": true}],
  "servers": {
    "awslabs.docs": {
      "command": "uvx",
      "args": ["awslabs.aws-documentation-mcp-server@latest"]
    },
    "hashicorp.terraform": {
      "command": "docker",
      "args": [
        "run",
        "--interactive",
        "--rm",
        "-e", "TFE_TOKEN=${input:token}",
        "docker.io/hashicorp/terraform-mcp-server:0.3.3"
      ]
    },
    "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"}
  }
}
"""

CLAUDE = """\
{
  "mcpServers": {
    "grafana": {
      "command": "podman",
      "args": ["run", "--rm", "-i", "-e", "GRAFANA_URL", "mcp/grafana:latest", "-t", "stdio"]
    }
  }
}
"""


def test_a_docker_server_runs_its_image() -> None:
    found = images_in(Kind.MCP, VSCODE, ".vscode/mcp.json")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("docker.io/hashicorp/terraform-mcp-server:0.3.3", 15, None)
    ]
    assert found[0].kind == Kind.MCP.value
    [podman] = images_in(Kind.MCP, CLAUDE, ".mcp.json")
    assert (podman.text, podman.line) == ("mcp/grafana:latest", 5)


def test_names_and_bad_json() -> None:
    for name in (".vscode/mcp.json", ".mcp.json", ".cursor/mcp.json", "mcp.json"):
        assert kind_of(name) is Kind.MCP, name
    assert kind_of("package.json") is not Kind.MCP
    assert images_in(Kind.MCP, '{"servers": {"x": {"command": "npx", "args": ["-y", "srv"]}}}', "mcp.json") == []
    with pytest.raises(ConfigError, match=r"mcp\.json"):
        images_in(Kind.MCP, '{"servers": ', ".vscode/mcp.json")
