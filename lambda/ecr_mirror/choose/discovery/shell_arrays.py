"""The elements a bash array of a command's options may hold, over all its assignments (pure).

A script builds a command's options in an array, `K3D_ARGS=( ... "--image=$K3S_VERSION" ... )`, appends more in its
branches, `K3D_ARGS+=( '--network=host' )`, and spreads the array into the command, `k3d cluster create NAME
${K3D_ARGS[*]}` or `"${K3D_ARGS[@]}"` (bash: "Arrays", https://www.gnu.org/software/bash/manual/bash.html#Arrays:
`NAME=(...)` assigns the elements, `NAME+=(...)` appends to them, `${NAME[@]}` and `${NAME[*]}` expand to all of
them). `array_elements` gives each array's elements as words (quotes removed, comments left out, a `)` or a quote
in one too, an element with
spaces one word), those of every assignment in the file's order: the first assignment always runs, an append may
or may not, and each element it adds is one the command may get. shell_options.spread_options puts them in place of
the expansion. A file holding an array that is not closed gives no array from there on; an array of more elements
than a command's options (`_MAX_ELEMENTS`) is none.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_lists import array_end

# `NAME=(`, `NAME+=(` (after `local`, `declare -a`, or `then`/`;` on a line): not a longer word's end (`$X=(`)
_ASSIGN_RE = re.compile(r"(?<![\w$.-])([A-Za-z_]\w*)\+?=\(")
# `${NAME[@]}`, `${NAME[*]}`, and bash's `set -u` guard `${NAME[@]+"${NAME[@]}"}` (quotes removed or kept)
_EXPANSION_RE = re.compile(
    r'^\$\{(?P<name>[A-Za-z_]\w*)\[[@*]\]\}$|^\$\{(?P<guarded>[A-Za-z_]\w*)\[[@*]\]\+"?\$\{(?P=guarded)\[[@*]\]\}"?\}$'
)
_MAX_ELEMENTS = 64


def array_assignments(text: str) -> dict[str, list[list[str]]]:
    """Each array's assignments, in the file's order, each its words (an append's too)."""
    arrays: dict[str, list[list[str]]] = {}
    at = 0
    for start in _ASSIGN_RE.finditer(text):
        if start.start() < at:
            continue  # inside an array read already
        end = array_end(text, start.end(), comments=True)
        if end < 0:
            break  # not closed: the rest of the file is inside it
        at = end + 1
        body = text[start.end() : end].replace("\\\n", " \n")
        assignments = arrays.setdefault(start.group(1), [])
        if sum(len(words) for words in assignments) <= _MAX_ELEMENTS:
            assignments.append([word for line in body.split("\n") for word in command_words(line)])
    return arrays


def array_elements(text: str) -> dict[str, list[str]]:
    """Each array's elements, over all its assignments in the file's order (see the module)."""
    arrays = {name: [word for words in each for word in words] for name, each in array_assignments(text).items()}
    return {name: words for name, words in arrays.items() if len(words) <= _MAX_ELEMENTS}


def array_name(word: str) -> str | None:
    """The array a command's word expands whole (`${NAME[@]}`, `${NAME[*]}`, guarded), or None."""
    match = _EXPANSION_RE.match(word)
    return (match["name"] or match["guarded"]) if match is not None else None
