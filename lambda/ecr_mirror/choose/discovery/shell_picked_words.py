"""A variable a script's loop picks from a list, read after the loop once per word it may hold (pure).

A script looks a list over for the one word it needs and keeps it: kubernetes-csi's release-tools `prow.sh` picks the
kind node image of the Kubernetes version a job tests,

    for i in ${CSI_PROW_KIND_IMAGES}; do
        if echo "$i" | grep -q "kindest/node:v${major_minor}"; then
            image="$i"
            break
        fi
    done
    ...
    kind create cluster --name csi-prow --image "$image"

so each word of the list is the image of some run (each job sets another version). `picks_read` finds such a loop (a
`for` over words shell_loops.py reads, whose body assigns the loop's variable alone to a name, `NAME="$i"`, and leaves
the loop with `break`: without one the last word would win), and writes each line after the `done` that names NAME
(`$NAME`, `${NAME}`; not only in a test, `[ "$NAME" ]`) once more per word, the copies joined to the line by ` ; ` as
loops_unrolled joins a body's, the line itself kept (a fallback the script assigns when no word matched,
`image="csiprow/node:latest"` after `kind build node-image`, is still read there as before). The lines read so are
those up to the end of the function the loop is in (else of the script), or up to an assignment of NAME that no block
opened after the loop holds (an `if`, a `case`, a loop), after which the name holds another value; an assignment in
such a block (the fallback in an `if`) ends nothing. Lines keep their numbers.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_functions import function_bodies
from ecr_mirror.choose.discovery.shell_lists import literal_lists
from ecr_mirror.choose.discovery.shell_loops import loop_end, loop_over_words

_BREAK_RE = re.compile(r"(?:^|[;&|]\s*|\bthen\s+)break\s*(?:;|$|\bfi\b)")
_MAX_WORDS = 16
# the words that open and close a block of commands (`if`, `case`, a loop), each first in a command
_OPENS_RE = re.compile(r"(?:^|[;&|(]|\bthen|\bdo|\belse)[ \t]*(?:if|case|for|while|until|select)[ \t]")
_CLOSES_RE = re.compile(r"(?:^|[;&|]|\bthen|\bdo|\belse)[ \t]*(?:fi|esac|done)\b")
_TEST_RE = re.compile(r"\[\[?[^\]]*\]\]?")  # `[ "$image" ]`, `[[ -n $image ]]`: a test of the value, no use of it


def _reference(name: str) -> re.Pattern[str]:
    return re.compile(rf"\$(?:\{{{name}\}}|{name}(?!\w))")


def _assignment(name: str) -> re.Pattern[str]:
    return re.compile(rf"^(?P<indent>[ \t]*)(?:(?:local|export|readonly|declare)[ \t]+)?{name}=")


def _picked(body: list[str], variable: str) -> str | None:
    """The name the loop's body assigns its variable to, when the body also breaks out of the loop."""
    if not any(_BREAK_RE.search(line.strip()) for line in body):
        return None
    whole = re.compile(rf"^[ \t]*(?P<name>[A-Za-z_]\w*)=(?P<q>\"?)\$(?:\{{{variable}\}}|{variable})(?P=q)[ \t]*;?$")
    names = {match["name"] for line in body if (match := whole.match(line)) is not None}
    return names.pop() if len(names) == 1 else None


def picks_read(text: str) -> str:
    """`text` with each line after a picking loop that names the picked variable written once more per word."""
    if "break" not in text or "for" not in text:
        return text
    lines = text.split("\n")
    lists = literal_lists(text) if "$" in text else {}
    bodies = function_bodies(lines)
    for index in range(len(lines)):
        loop = loop_over_words(lines, index, lists)
        if loop is None or not 1 < len(loop[1]) <= _MAX_WORDS:
            continue
        variable, words, last = loop
        if (done := loop_end(lines, last + 1)) is None or (name := _picked(lines[last + 1 : done], variable)) is None:
            continue
        ends = [end for _, first, end, _ in bodies if first < index <= end]
        region_end = min(ends) if ends else len(lines) - 1
        reference, assigned = _reference(name), _assignment(name)
        level = floor = 0  # blocks opened (closed: below 0) since the loop; the least level reached
        for at in range(done + 1, region_end + 1):
            line = lines[at]
            level += len(_OPENS_RE.findall(line)) - len(_CLOSES_RE.findall(line))
            floor = min(floor, level)
            if assigned.match(line) is not None:
                if level == floor:
                    break  # no block opened since holds it: the name's value from here on
                continue
            if line.lstrip().startswith("#") or not reference.search(_TEST_RE.sub("", line)):
                continue
            body = line.strip()
            copies = [reference.sub(word.replace("\\", r"\\"), body) for word in words]
            lines[at] = line + " ; " + " ; ".join(copies)
    return "\n".join(lines)
