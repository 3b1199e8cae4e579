"""A script's `for` loops over literal words, their bodies read once per word (pure).

CI steps and scripts pre-pull or start a list of images in a loop: `for image in redis:7.2 minio/minio:latest; do
docker pull "$image"; done`, the words often one per line with backslash continuations and `do` on a line of its
own. `loops_unrolled` writes each line of such a loop's body that names the loop's variable (`$image`, `${image}`)
once per word, the copies joined by ` ; ` on that line, so the command readers (docker_run.py, kubectl.py) read
one command per word, at the line of the body. A loop over a variable written unquoted (`for v in $versions`)
reads the words the script binds that variable to, when it binds it once and to literal words (`versions="9.4
9.5"`); a name the body binds to the loop's variable alone (`export PGVERSION="$v"`) is replaced like the variable.
Loops over anything else (`$(cat images.txt)`, `*.yaml`, `"$@"`, `"$versions"`, a variable bound twice or to a
command) are left as written: their words are known only when the script runs. Lines keep their place, so line
numbers hold; nested loops are unrolled from the outside in.
"""

from __future__ import annotations

import re

_HEADER_RE = re.compile(r"^(\s*)for[ \t]+([A-Za-z_]\w*)[ \t]+in[ \t]+(.*)$")
_DO_RE = re.compile(r"(?:^|[;\s])do(?:\s|$)")
_DONE_RE = re.compile(r"(?:^|[;&\s])done(?:[\s;&|>)]|$)")
_OPENS_RE = re.compile(r"^\s*(?:for|while|until|select)\s")
_LITERAL_RE = re.compile(r"[\w@:/.+-]+")  # an image name, a version, a word: no quoting, globbing or expansion
_MAX_WORDS = 64
_VARIABLE_RE = re.compile(r"\$(?:(?P<name>[A-Za-z_]\w*)|\{(?P<braced>[A-Za-z_]\w*)\})(?=\s*(?:;|$))")
_QUOTED_RE = re.compile(r"""(?P<q>["']?)(?P<words>[\w@:/.+\s-]*)(?P=q)\s*(?:#.*)?""")


def _header(lines: list[str], index: int) -> tuple[str, int]:
    """The text of the `for` header starting at `lines[index]`, its continuation lines joined, and the index of
    its last line."""
    text, end = lines[index], index
    while text.rstrip().endswith("\\") and end + 1 < len(lines):
        end += 1
        text = text.rstrip()[:-1] + " " + lines[end].strip()
    return text, end


def _words(listed: str) -> tuple[list[str], str] | None:
    """The literal words a header's `in` lists and the header's text after them (`do ...`, or nothing when `do` is
    on the next line); None when a word is not literal."""
    part, _, after = listed.partition(";")
    words = [word.strip("'\"") for word in part.split()]
    if not words or len(words) > _MAX_WORDS or not all(_LITERAL_RE.fullmatch(word) for word in words):
        return None
    return words, after


def _listed(lines: list[str], listed: str) -> str:
    """What a header lists: its words, or those of the variable it names unquoted (`for v in $versions; do`) when
    the script binds that variable once, to literal words (`versions="9.4 9.5"`)."""
    variable = _VARIABLE_RE.match(listed)
    if variable is None:
        return listed
    name = variable["name"] or variable["braced"]
    bound = re.compile(rf"^\s*(?:export\s+|local\s+|readonly\s+|declare\s+)?{name}=(?P<value>.*)$")
    values = [found["value"].strip() for line in lines if (found := bound.match(line))]
    anywhere = sum(len(re.findall(rf"(?<![\w$.-]){name}=", line)) for line in lines)  # `then versions="15"`
    if len(values) != 1 or anywhere != 1 or not (value := _QUOTED_RE.fullmatch(values[0])):
        return listed
    return value["words"] + listed[variable.end() :]


def _aliases(lines: list[str], start: int, name: str) -> list[str]:
    """The names a loop's body binds to the loop's variable alone (`export PGVERSION="$v"`), up to its `done`."""
    alias = re.compile(rf"""^\s*(?:export\s+|local\s+)?(\w+)=(["']?)\$(?:\{{{name}\}}|{name})\2\s*;?\s*$""")
    out: list[str] = []
    for line in lines[start:]:
        if _DONE_RE.match(line.strip()):
            break
        if (found := alias.match(line)) is not None and found.group(1) != name:
            out.append(found.group(1))
    return out


def _copies(line: str, names: tuple[str, ...] | str, words: list[str]) -> str:
    """`line` once per word, the variable (or its aliases) replaced, the copies joined by ` ; ` (a trailing `&` or
    `;` dropped)."""
    either = "|".join(re.escape(name) for name in ((names,) if isinstance(names, str) else names))
    reference = re.compile(rf"\$(?:\{{(?:{either})\}}|(?:{either})(?!\w))")
    if not reference.search(line):
        return line
    indent, body = line[: len(line) - len(line.lstrip())], line.strip()
    body = body[:-1].rstrip() if body.endswith(("&", ";")) and not body.endswith(("&&", ";;")) else body
    return indent + " ; ".join(reference.sub(word.replace("\\", r"\\"), body) for word in words)


def _one_line(line: str, name: str, words: list[str], after: str) -> str | None:
    """A loop written on one line (`for v in a b; do docker pull x:$v; done`), its body unrolled in place."""
    do = _DO_RE.search(after)
    done = _DONE_RE.search(after, do.end()) if do else None
    if do is None or done is None:
        return None
    body = _copies(after[do.end() : done.start()].strip().rstrip(";"), name, words)
    return line[: len(line) - len(after)] + " do " + body + "; " + after[done.start() :].lstrip(" ;")


def loops_unrolled(text: str) -> str:
    """`text` with the body of each loop over literal words written once per word (see the module)."""
    if "for" not in text or "done" not in text:
        return text
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        if _HEADER_RE.match(lines[index]) is None:
            index += 1
            continue
        header, last = _header(lines, index)
        match = _HEADER_RE.match(header)
        parsed = _words(_listed(lines, match.group(3))) if match else None
        if match is None or parsed is None:
            index = last + 1
            continue
        name, (words, after) = match.group(2), parsed
        if last == index and (single := _one_line(lines[index], name, words, after)) is not None:
            lines[index] = single
        else:
            names = (name, *_aliases(lines, last + 1, name))
            _unroll_body(lines, last + 1, names, words, opened=_DO_RE.search(after) is not None)
        index = last + 1
    return "\n".join(lines)


def _unroll_body(lines: list[str], start: int, name: tuple[str, ...], words: list[str], *, opened: bool) -> None:
    """Unroll the body that follows a header (ending before `start`) up to its `done`, nested loops included."""
    depth = 0
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if not opened:
            if stripped.startswith("do") and _DO_RE.match(stripped):
                opened = True
                lines[index] = _copies(lines[index], name, words) if stripped != "do" else lines[index]
            continue
        if _OPENS_RE.match(stripped) and not _DONE_RE.search(stripped):
            depth += 1
        elif stripped.startswith("done") and _DONE_RE.match(stripped):
            if depth == 0:
                return
            depth -= 1
        lines[index] = _copies(lines[index], name, words)
