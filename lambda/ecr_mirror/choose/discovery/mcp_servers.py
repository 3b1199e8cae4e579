"""The images an editor's MCP server configuration runs (pure).

VS Code's `.vscode/mcp.json` lists `servers` (https://code.visualstudio.com/docs/copilot/customization/mcp-servers),
Claude Code's `.mcp.json` and Cursor's `.cursor/mcp.json` `mcpServers`: each a `command` and its `args`, which the
editor runs to start the server. A server whose command is `docker` or `podman` runs that command line (`run -i --rm
-e TOKEN docker.io/hashicorp/terraform-mcp-server:0.3.3`): read by the `docker run` rules (docker_run.py), each image
at the line of its string in the file. The editor's `${input:...}` and `${env:...}` placeholders are the arguments
as written; an HTTP server, or one another program runs (`npx`, `uvx`), names no image.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import shlex

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

_ENGINES = ("docker", "podman")


def _servers(document: object) -> dict[str, object]:
    if not isinstance(document, dict):
        return {}
    servers = document.get("servers", document.get("mcpServers"))
    return {str(name): server for name, server in servers.items()} if isinstance(servers, dict) else {}


def _line(text: str, name: str, written: str) -> int | None:
    """The line of `written`, as a JSON string, after the server's key (else of the key)."""
    key = text.find(json.dumps(name))
    at = text.find(json.dumps(written), max(key, 0))
    at = at if at >= 0 else key
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def mcp_server_images(text: str, origin: str) -> list[Found]:
    """The images the container servers of an MCP configuration run, in the file's order."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"{origin}: not valid JSON: {exc}") from exc
    found: list[Found] = []
    for name, server in _servers(document).items():
        command = server.get("command") if isinstance(server, dict) else None
        args = server.get("args") if isinstance(server, dict) else None
        if not isinstance(command, str) or posixpath.basename(command) not in _ENGINES or not isinstance(args, list):
            continue
        words = [shlex.quote(str(arg)) for arg in args if isinstance(arg, str | int | float)]
        for item in docker_runs(" ".join([posixpath.basename(command), *words]) + "\n", origin):
            line = _line(text, name, item.text)
            found.append(dataclasses.replace(item, line=line, use=f"MCP server {name} ({item.use})"))
    return found
