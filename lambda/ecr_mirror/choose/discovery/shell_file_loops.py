"""A script's loops over the entries of a list file of the tree, written as loops over literal words (pure).

Test suites keep the images they run on in a text file, one a line, and pre-pull them with a loop reading it:
jmx_exporter's `pull-java-docker-images.sh`, `while read -r LINE; do docker pull "${LINE}"; done < <(grep -v '^#'
integration_tests/src/test/resources/java-docker-images.txt)`. Read are bash's `while read` loops
(https://www.gnu.org/software/bash/manual/bash.html#index-read: with one name, `read` assigns it the whole line,
its leading and trailing blanks dropped; `IFS=`, `-r` and the `|| [[ -n "$LINE" ]]` guard of a last line without
its newline are allowed) fed by a redirection after their `done` (`done < FILE`, `done < <(cat FILE)`, `done <
<(grep -v 'PATTERN' FILE)`) or by a pipe before them (`cat FILE | while read ...`, `grep -v ... FILE | while read
...`), and `for` loops over the words of a command substitution (`for image in $(cat FILE)`, `$(<FILE)`, `` `cat
FILE` ``, `$(grep -v ... FILE)`; https://www.gnu.org/software/bash/manual/bash.html#Word-Splitting), also in a
Makefile's recipe as make writes it (`\t@for image in $$(cat docker.images.list); do grype $$image; done`). Each is
written as `for NAME in WORD...` over the file's entries, its `done`'s redirection dropped, so shell_loops.py unrolls
its body once per entry; lines keep their numbers. Blank lines and lines starting with `#` are dropped (a comment is
no image, and such lists comment their entries out); `grep -v` keeps the lines its patterns do not match (`-e`,
`-E`; a basic pattern with `( ) | + ? {` is not read). The file's path is found as file_values.py finds it. A file
that is not there, one with a line of several words or of characters no image has (a README's sentences: the
`for` loop's words too are taken one a line), one of more than `MAX_ENTRIES` entries, and any other command feeding
the loop leave the loop as written.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from ecr_mirror.choose.discovery.file_values import Load, located
from ecr_mirror.choose.discovery.shell_loops import MAX_WORDS
from ecr_mirror.choose.discovery.shell_words import ShellValues

MAX_ENTRIES = MAX_WORDS
_NAME = r"(?P<name>[A-Za-z_]\w*)"
# `[FEED |] while [IFS=] read [-r] NAME [|| [[ -n "$NAME" ]]] [; do ...]`
_WHILE_RE = re.compile(
    r"^(?P<indent>\s*)(?:(?P<feed>[^|#]+?)\s*\|\s*)?while\s+(?:IFS=\S*\s+)?read\s+(?:-r\s+)?"
    + _NAME
    + r"(?:\s*\|\|\s*\[\[?\s*-n\s+\"?\$\{?(?P=name)\}?\"?\s*\]\]?)?\s*(?P<after>;.*)?$"
)
_FOR_RE = re.compile(
    r"^(?P<indent>\s*)for\s+" + _NAME + r"\s+in\s+(?:\$\(\s*(?P<feed>[^()]+?)\s*\)|`\s*(?P<ticked>[^`]+?)\s*`)"
    r"\s*(?P<after>;.*)?$"
)
# the same in a Makefile recipe, as make writes it: `\t@for image in $$(cat FILE); do grype $$image; done`
_MAKE_FOR_RE = re.compile(
    r"^(?P<indent>\t[@+-]*\s*)for\s+"
    + _NAME
    + r"\s+in\s+(?:\$\$\(\s*(?P<feed>[^()$]+?)\s*\)|`\s*(?P<ticked>[^`$]+?)\s*`)"
    r"\s*(?P<after>;.*)?$"
)
# a loop's `done` and the redirection feeding it: `done < FILE`, `done < <(COMMAND)` (at the end of its line)
_DONE_RE = re.compile(r"(?P<keep>(?:^|[\s;])done)\s*<\s*(?:<\(\s*(?P<feed>[^()]+?)\s*\)|(?P<file>[^\s<>()|;&]+))\s*$")
_OPENS_RE = re.compile(r"^\s*(?:(?:[^#|]+\|\s*)?(?:for|while|until|select)\s)")
_CLOSES_RE = re.compile(r"^\s*done(?:[\s;&|<>)]|$)")
_ENTRY_RE = re.compile(r"[\w@:/.+-]+")  # an image name, a tag, a digest: what shell_loops.py unrolls
_BRE_SPECIAL_RE = re.compile(r"[()|+?{}]")


def _kept(pattern: str, extended: bool) -> re.Pattern[str] | None:
    """A grep pattern as a Python one (`[[:space:]]` as `\\s`); None when it is not read."""
    if not extended and _BRE_SPECIAL_RE.search(pattern):
        return None
    try:
        return re.compile(pattern.replace("[[:space:]]", r"\s").replace("[:space:]", r"\s"))
    except re.error:
        return None


def _fed(feed: str) -> tuple[str, list[re.Pattern[str]]] | None:
    """The file a feeding command reads and the patterns whose lines it leaves out: `cat FILE`, `<FILE`, `grep -v
    [-E] PATTERN FILE` (`-e PATTERN` repeated); None for any other command."""
    try:
        words = shlex.split(feed)
    except ValueError:
        return None
    if (len(words) == 2 and words[0] == "cat") or (len(words) == 1 and feed.startswith("<")):
        return words[-1].lstrip("<").strip(), []
    if not words or words[0] not in ("grep", "egrep"):
        return None
    flags: set[str] = set()
    patterns: list[str] = []
    rest = words[1:]
    while rest and rest[0].startswith("-") and len(rest) > 1:
        option = rest.pop(0)
        if option == "-e":
            patterns.append(rest.pop(0))
        elif re.fullmatch(r"-[vE]+", option):
            flags.update(option[1:])
        else:
            return None
    if not patterns and rest:
        patterns.append(rest.pop(0))
    if "v" not in flags or len(rest) != 1 or not patterns:
        return None
    compiled = [_kept(pattern, "E" in flags or words[0] == "egrep") for pattern in patterns]
    return (rest[0], [each for each in compiled if each is not None]) if None not in compiled else None


def _entries(text: str | None, left_out: list[re.Pattern[str]]) -> list[str] | None:
    """The entries of a list file, its lines; None when one is not one image-like word."""
    if text is None:
        return None
    lines = [line for line in text.splitlines() if not any(pattern.search(line) for pattern in left_out)]
    entries = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not entries or len(entries) > MAX_ENTRIES or not all(_ENTRY_RE.fullmatch(each) for each in entries):
        return None
    return entries


def _closings(lines: list[str]) -> dict[int, int]:
    """The index of each loop-opening line -> that of the `done` closing it, in one pass (a loop never closed is not
    in it): searching forward from each loop would be quadratic in a file of many unclosed loops."""
    closings: dict[int, int] = {}
    opened: list[int] = []
    for index, line in enumerate(lines):
        if _OPENS_RE.match(line) and not _CLOSES_RE.search(line.strip()):
            opened.append(index)
        elif _CLOSES_RE.match(line) and opened:
            closings[opened.pop()] = index
    return closings


def file_loops(text: str, own: str, bases: Sequence[str], load: Load, make: bool = False) -> str:
    """`text` (a script in directory `own`) with each loop over a list file of the tree written as a loop over its
    entries (see the module); `bases`: the directories a relative path is looked up from, after `own`'s anchors.
    `make`: a Makefile, whose recipes' `for` loops over `$$(cat FILE)` are read (its `while` loops are not)."""
    if "read" not in text and "for" not in text:
        return text
    if make:
        return _make_loops(text, own, bases, load)
    values = ShellValues.of(text)
    lines = text.split("\n")
    closings: dict[int, int] | None = None

    def entries(feed: str) -> list[str] | None:
        fed = _fed(feed)
        return _entries(located(fed[0], values, own, bases, load), fed[1]) if fed else None

    for index, line in enumerate(lines):
        if (loop := _FOR_RE.match(line)) is not None:
            found = entries(loop["feed"] or loop["ticked"])
            if found is not None:
                lines[index] = f"{loop['indent']}for {loop['name']} in {' '.join(found)}{loop['after'] or ''}"
            continue
        if (loop := _WHILE_RE.match(line)) is None:
            continue
        one_line = re.search(r"[\s;]done(?:[\s;&|<>)]|$)", loop["after"] or "") is not None
        if closings is None and not one_line:
            closings = _closings(lines)
        closing = index if one_line else (closings or {}).get(index)
        done = _DONE_RE.search(lines[closing]) if closing is not None else None
        if loop["feed"] is not None:
            found = entries(loop["feed"])
        elif done is not None:
            found = entries(done["feed"] or "cat " + done["file"])
        else:
            found = None
        if found is None:
            continue
        if done is not None and closing is not None and loop["feed"] is None:
            lines[closing] = lines[closing][: done.end("keep")]
        after = lines[index][loop.start("after") :] if loop["after"] else ""
        lines[index] = f"{loop['indent']}for {loop['name']} in {' '.join(found)}{after}"
    return "\n".join(lines)


def _make_loops(text: str, own: str, bases: Sequence[str], load: Load) -> str:
    """A Makefile's recipe lines `for NAME in $$(cat FILE); ...` written over the file's entries."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "for" not in line or (loop := _MAKE_FOR_RE.match(line)) is None:
            continue
        fed = _fed(loop["feed"] or loop["ticked"])
        found = _entries(located(fed[0], ShellValues(), own, bases, load), fed[1]) if fed else None
        if found is not None:
            lines[index] = f"{loop['indent']}for {loop['name']} in {' '.join(found)}{loop['after'] or ''}"
    return "\n".join(lines)
