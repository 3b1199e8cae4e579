"""The loops of a Taskfile's task, each item in its own reading (pure).

Task repeats a command over a list (https://taskfile.dev/docs/guide/loops): a `cmds:` entry with `for:` beside its
`cmd:` runs the command once per item, `{{.ITEM}}` being the item; `for:` is a literal list or `{var: NAME}`, a list
var or a string var split on whitespace (or on `split:`). A command may also loop itself with Go's template action
`{{range .NAME}} ... {{.}} ... {{end}}` (https://pkg.go.dev/text/template#hdr-Actions), which Task renders over a
list var. redpanda-operator's `test:pull-images` runs `docker pull -q "{{.}}"` in a `{{range .IMAGES}}` over a
`vars:` list of 40 images. Each item is given here as the lines of its loop rendered with it; a list no value gives,
a dynamic one (`sh:`), or a loop over a map is not read. A `for:` is read from its own entry, before or after its
`cmd:` (or `task:`, a dependency's loop).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator

from ecr_mirror.choose.discovery.go_template_blocks import block_ends
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_RANGE_RE = re.compile(r"\{\{-?\s*range\s+\.(?P<name>[A-Za-z_]\w*)\s*-?\}\}")
_DOT_RE = re.compile(r"\{\{-?\s*\.\s*-?\}\}")
_ITEM_RE = re.compile(r"\{\{-?\s*\.ITEM\s*-?\}\}")
_ENTRY_RE = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+\S")  # a list's entry: a command, a dependency
_KEY_FOR_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?for:")

Render = Callable[[str], str]


def list_values(node: object) -> dict[str, list[str]]:
    """The `vars:` of `node` whose values are lists of literal scalars."""
    lists: dict[str, list[str]] = {}
    for name, value in node.items() if isinstance(node, dict) else ():
        if isinstance(value, list) and value and all(_scalar(item) for item in value):
            lists[str(name)] = [str(item) for item in value]
    return lists


def _scalar(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool) and "\n" not in str(value)


def _items(loop: object, lists: dict[str, list[str]], values: dict[str, str]) -> list[str]:
    """The items of a `for:` value: a literal list, or `{var: NAME}` (a list, or a string split as Task splits it)."""
    if isinstance(loop, list):
        return [str(item) for item in loop if _scalar(item)]
    if not isinstance(loop, dict) or not isinstance(loop.get("var"), str):
        return []
    name = loop["var"]
    if name in lists:
        return lists[name]
    if name in values and "{{" not in values[name]:
        split = loop.get("split")
        return values[name].split(split) if isinstance(split, str) and split else values[name].split()
    return []


def _entry_loop(lines: list[str], region: range) -> object:
    """The `for:` value of the list entry at `region` (its lines, `- cmd: ...` then `for: ...` or the other way
    round), read from the entry itself; None when it has none or is not YAML."""
    if not any(_KEY_FOR_RE.match(lines[number]) for number in region):
        return None
    width = _indent(lines[region.start])
    entry = "\n".join(lines[number][width:] for number in region)
    try:
        documents = load_documents(entry, "for:")
    except ConfigError:
        return None
    items = documents[0] if documents else None
    first = items[0] if isinstance(items, list) and items else None
    return first.get("for") if isinstance(first, dict) else None


def _regions(lines: list[str], block: range) -> Iterator[tuple[range, re.Pattern[str], object]]:
    """(lines, placeholder, loop) of each loop of the task: a list entry with a `for:` key (its loop value), or a
    `{{range .NAME}}` to its own `{{end}}` (the loop a name)."""
    numbers = list(block)
    ends: _BlockEnds | None = None
    for index, number in enumerate(numbers):
        line = lines[number]
        if (start := _ENTRY_RE.match(line)) is not None:
            width = len(start["indent"])
            following = (numbers[at] for at in range(index + 1, len(numbers)))  # no copy: most entries are short
            after = (n for n in following if lines[n].strip() and _indent(lines[n]) <= width)
            region = range(number, next(after, block.stop))
            if (loop := _entry_loop(lines, region)) is not None:
                yield region, _ITEM_RE, loop
        elif (begin := _RANGE_RE.search(line)) is not None:
            ends = ends if ends is not None else _BlockEnds(lines, numbers)
            if (close := ends.line_of_end(index, begin.start())) is not None and close > index:
                yield range(number + 1, numbers[close]), _DOT_RE, begin["name"]


class _BlockEnds:
    """Where the blocks of a task's lines end, read once for the task (go_template_blocks.py): a `{{range}}` closes
    at its own `{{end}}`, an `{{if}}` inside it closing first."""

    def __init__(self, lines: list[str], numbers: list[int]) -> None:
        text = "\n".join(lines[number] for number in numbers)
        self._starts = list(itertools.accumulate((len(lines[number]) + 1 for number in numbers[:-1]), initial=0))
        self._ends = block_ends(text)

    def line_of_end(self, index: int, column: int) -> int | None:
        """The index (in the task's lines) of the line holding the `end` of the block at `column` of line `index`."""
        end = self._ends.get(self._starts[index] + column)
        return bisect.bisect_right(self._starts, end[0]) - 1 if end is not None else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _with_item(placeholder: re.Pattern[str], line: str, item: str) -> str:
    return placeholder.sub(lambda _: item, line)


def loop_readings(
    lines: list[str], block: range, values: dict[str, str], lists: dict[str, list[str]], render: Render
) -> list[dict[int, str]]:
    """For each item of each loop of the task at `block`, the loop's lines (0-based number -> text) rendered with the
    item and with `render` (the task's values); only lines the item changes."""
    readings: list[dict[int, str]] = []
    for region, placeholder, loop in _regions(lines, block):
        items = lists.get(loop, []) if isinstance(loop, str) else _items(loop, lists, values)
        for item in items:
            value = render(item)
            changed = {
                number: render(_with_item(placeholder, lines[number], value))
                for number in region
                if placeholder.search(lines[number])
            }
            if changed:
                readings.append(changed)
    return readings
