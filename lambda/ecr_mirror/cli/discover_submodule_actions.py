"""A workflow step running a local action that is a git submodule of a published action (I/O: reads `.gitmodules`).

`uses: ./.github/actions/setup-kind` runs the action checked out at that path; when the repository's `.gitmodules`
names that path as a submodule of a GitHub repository (`url = https://github.com/engineerd/setup-kind.git`) and the
tree has no `action.yml` there (submodules are not checked out with the tree), the step is read as a step of that
action (`uses: engineerd/setup-kind@<branch or main>`), so its documented image inputs are read
(choose/discovery/action_inputs.py): the kind node image of each matrix row. A local action defined in the tree, or
a submodule of another host, is not read so.
"""

from __future__ import annotations

import configparser
import dataclasses
import os
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.errors import ConfigError

_USES_RE = re.compile(r"(?P<lead>\buses:\s*['\"]?)\./(?P<path>[\w./-]+?)/?(?P<end>['\"]?\s*$)", re.MULTILINE)
_GITHUB_RE = re.compile(r"^(?:https://|git@|ssh://git@)github\.com[/:](?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def _submodules(root: str) -> dict[str, str]:
    """Path -> `owner/name@ref` of the GitHub submodules `.gitmodules` at `root` declares."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(os.path.join(root, ".gitmodules"), encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return {}
    out: dict[str, str] = {}
    for section in parser.sections():
        path, url = parser.get(section, "path", fallback=""), parser.get(section, "url", fallback="")
        if path and (repo := _GITHUB_RE.match(url.strip())) is not None:
            ref = parser.get(section, "branch", fallback="main").strip() or "main"
            out[os.path.normpath(path.strip())] = f"{repo['repo']}@{ref}"
    return out


def _defined(root: str, path: str) -> bool:
    return any(os.path.isfile(os.path.join(root, path, name)) for name in ("action.yml", "action.yaml"))


def with_submodule_actions(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found` and the image inputs of the workflows' steps that run a submodule of a published action."""
    out = list(found)
    for shown, text in texts.items():
        if kind_of(shown) is not Kind.WORKFLOW or "./" not in text:
            continue
        root = os.path.dirname(os.path.dirname(os.path.dirname(shown)))
        modules = _submodules(root) if os.path.isfile(os.path.join(root, ".gitmodules")) else {}
        if not modules:
            continue

        def action(match: re.Match[str], root: str = root, modules: dict[str, str] = modules) -> str:
            path = os.path.normpath(match["path"])
            if path not in modules or _defined(root, path):
                return match.group()
            return f"{match['lead']}{modules[path]}{match['end']}"

        rewritten = _USES_RE.sub(action, text)
        if rewritten == text:
            continue
        try:
            known = {(item.line, item.text, item.use) for item in workflow_images(text, shown)}
            new = workflow_images(rewritten, shown)
        except ConfigError:
            continue
        out += [
            dataclasses.replace(item, kind=Kind.WORKFLOW.value)
            for item in new
            if (item.line, item.text, item.use) not in known
        ]
    return out
