"""Which Concourse task files of a tree are read: those its pipelines run.

A pipeline's task step runs a task file by `file: INPUT/path/to/task.yml` (https://concourse-ci.org/task-step.html:
the path is inside the artifact INPUT, usually a `get` of the repository itself), and `fly execute -c FILE`
(https://concourse-ci.org/tasks.html#running-tasks) runs one from a script. When the tree's pipelines name task files,
a task file (top-level `platform` and `run`, choose/discovery/concourse.py) that none of them names and no script
runs with `fly execute` is left out: its image is pulled by nothing the tree runs (a step commented out). A task file
named only by steps that give their own `image:` is left out too: that image overrides its `image_resource`. A tree
with task files and no pipeline (pipelines set from elsewhere) has them all read. The path after INPUT/ is matched
as the end of the task file's path in the tree; a `((var))` in it matches any one directory or file name.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.concourse import looks_like_pipeline, looks_like_task_config, task_files_named
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

Files = list[tuple[str, Path, Kind]]
UNRUN_TASKS = (
    "Concourse task files no pipeline of the tree runs (no task step's `file:` names them, or every one that does "
    "gives its own `image:`) and no script runs with `fly execute -c`"
)
MAX_BYTES = 1024 * 1024
_PIPELINE_RE = re.compile(r"^jobs[ \t]*:", re.MULTILINE)
_TASK_RE = re.compile(r"^platform[ \t]*:", re.MULTILINE)
_VAR_RE = re.compile(r"\\\(\\\([^/]*?\\\)\\\)")  # an escaped `((var))`


def _text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def fly_executed(text: str) -> list[str]:
    """The FILE of each `fly [flags] execute|e [flags] -c|--config FILE` of a script (continued lines joined)."""
    files: list[str] = []
    for line in text.replace("\\\n", " ").splitlines():
        words = line.split()
        fly = next((i for i, word in enumerate(words) if word == "fly" or word.endswith("/fly")), None)
        if fly is None:
            continue
        execute = next((i for i in range(fly + 1, len(words)) if words[i] in ("execute", "e")), None)
        for index in range(execute + 1 if execute is not None else len(words), len(words)):
            word = words[index]
            if word in ("-c", "--config") and index + 1 < len(words):
                files.append(words[index + 1])
            elif word.startswith(("-c=", "--config=")):
                files.append(word.split("=", 1)[1])
    return files


def _pattern(path: str, *, in_input: bool) -> re.Pattern[str] | None:
    """The end of a tree path a `file:` (INPUT/ dropped) or a `fly execute -c` path matches."""
    parts = [part for part in path.strip("'\"").split("/") if part not in ("", ".", "..") and "$" not in part]
    parts = parts[1:] if in_input and len(parts) > 1 else parts
    if not parts:
        return None
    return re.compile(r"(?:^|/)" + _VAR_RE.sub("[^/]*", re.escape("/".join(parts))) + "$")


def unrun_task_files(files: Files, scripts: list[tuple[str, Path]], top: Path) -> Files:
    """The task files of `files` with an `image_resource` the tree's pipelines do not run, when it has pipelines
    naming task files (one without an image gives nothing, read or not)."""
    tasks: Files = []
    patterns: list[re.Pattern[str]] = []
    executed: list[str] = []
    names_tasks = False
    for item in files:
        text = _text(item[1]) if item[1].suffix.lower() in (".yml", ".yaml") else ""  # CI files run `fly` too
        executed += fly_executed(text) if "fly" in text else []
        is_pipeline, is_task = _PIPELINE_RE.search(text) is not None, _TASK_RE.search(text) is not None
        if item[2] is not Kind.YAML or not (is_pipeline or is_task):
            continue
        try:
            documents = load_documents(text, item[0])
        except ConfigError:
            continue
        tasks += [item] if any(looks_like_task_config(doc) and "image_resource" in doc for doc in documents) else []
        for named in [task_files_named(doc) for doc in documents if looks_like_pipeline(doc)]:
            names_tasks = names_tasks or bool(named)
            patterns += [p for file, own in named if not own and (p := _pattern(file, in_input=True))]
    if not tasks or not names_tasks:
        return []
    executed += [file for _, path in scripts for file in fly_executed(_text(path))]
    patterns += [p for file in executed if (p := _pattern(file, in_input=False))]
    return [item for item in tasks if not any(p.search(_relative(item[1], top)) for p in patterns)]


def _relative(path: Path, top: Path) -> str:
    try:
        return path.absolute().relative_to(top.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
