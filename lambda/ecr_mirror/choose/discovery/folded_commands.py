"""A CI step's command written as a YAML folded block scalar (`run: >`, a script item `- >`), read as the one
line YAML folds it into (pure).

```yaml
- name: Start Postgres
  run: >
    docker run -d
    -p "5432:5432"
    postgres:13
```

runs `docker run -d -p "5432:5432" postgres:13`: YAML joins the lines of a folded block (`>`, `>-`, `>+`, with an
indentation indicator or not) that are at the block's indentation with a space, while a blank line or a more
indented line keeps its line break (YAML 1.2, 8.1.3). The scripts' readers read text line by line, so each line that
YAML joins to the next one is given a trailing backslash, the shell's continuation, which they already join: lines
keep their numbers and other text is unchanged. Only blocks that are commands are folded so: the value of a list
item (a GitLab `script:` entry, a Taskfile's `cmds`) or of a key that holds commands (`run`, `script`, `command`,
...); a folded `description: >` stays prose.
"""

from __future__ import annotations

import itertools
import re

_COMMAND_KEYS = "run|script|before_script|after_script|command|commands|cmd|cmds|inlineScript|bash|sh|pwsh|powershell"
_INDICATOR = r">[-+]?[1-9]?[-+]?[ \t]*(?:#.*)?$"
_LIST_ITEM_RE = re.compile(rf"^[ \t]*-[ \t]+{_INDICATOR}")
_KEYED_RE = re.compile(rf"^[ \t]*(?:-[ \t]+)?(?:{_COMMAND_KEYS}):[ \t]+{_INDICATOR}")


def _width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _folds(line: str) -> bool:
    """Whether `line` opens a folded block that is a command: a list item's or a command key's value."""
    return _LIST_ITEM_RE.match(line) is not None or _KEYED_RE.match(line) is not None


def folded_commands(text: str) -> str:
    """`text` with each line of a folded command block that YAML joins to the next one ended by ` \\`."""
    if ">" not in text:
        return text
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        if not _folds(lines[index]):
            index += 1
            continue
        opener = _width(lines[index])
        end = index + 1
        while end < len(lines) and (not lines[end].strip() or _width(lines[end]) > opener):
            end += 1
        body = [number for number in range(index + 1, end) if lines[number].strip()]
        block = min((_width(lines[number]) for number in body), default=0)
        for number, following in itertools.pairwise(body):
            line, after = lines[number], lines[following]
            joined = following == number + 1 and _width(line) == block and _width(after) == block
            if joined and not line.rstrip().endswith("\\"):
                lines[number] = line.rstrip() + " \\"
        index = end
    return "\n".join(lines)
