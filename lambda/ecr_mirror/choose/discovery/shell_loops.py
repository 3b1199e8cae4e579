"""A script's `for` loops over literal words, their bodies read once per word (pure).

CI steps and scripts pre-pull or start a list of images in a loop: `for image in redis:7.2 minio/minio:latest; do
docker pull "$image"; done`, the words often one per line with backslash continuations and `do` on a line of its
own. `loops_unrolled` writes each line of such a loop's body that names the loop's variable (`$image`, `${image}`)
once per word, the copies joined by ` ; ` on that line, so the command readers (docker_run.py, kubectl.py) read
one command per word, at the line of the body; a command continued over lines (`docker run --rm \\`, then `"$IMAGE"
\\` on a later line) is copied whole, on its first line (its other lines left blank), as a reader joins it.
Loops over anything else (`$(cat images.txt)`, `*.yaml`, `"$@"`, a
variable alone) are left as written: their words are known only when the script runs. A loop over several words of
which some are each one variable (`for img in "$RUNTIME_IMAGE" "$BUILDER_IMAGE"`, a CI step pre-pulling the images
its `env:` names) is unrolled too, each copy naming that variable, read as any reference to it. Lines keep their
place, so line numbers hold; nested loops are unrolled from the outside in.

A loop may also go over a list the script writes itself (shell_lists.py): `for image in ${IMAGES}` (unquoted, the
string's words) or `for item in "${ALL_IMAGES[@]}"` (an array's elements), or over an array's indices (`for i in
${!BASE_IMAGES[@]}`, the release scripts that test a package on each base image: `docker pull ${BASE_IMAGES[$i]}`,
or `image=${YUM_IMAGES[$i]}` then `docker pull ${image}`): the body is read once per index, an element of any array
the script writes taken at that index (`${SUFFIXES[$i]}` too). A name the body assigns from the loop's
word (`img=$(echo "$item" | cut -d " " -f 1)`, shell_fields.py) is replaced in the body's lines after it as the
loop's variable is, once per word.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_fields import assigned_value
from ecr_mirror.choose.discovery.shell_lists import literal_lists

_HEADER_RE = re.compile(r"^(\s*)for[ \t]+([A-Za-z_]\w*)[ \t]+in[ \t]+(.*)$")
_DO_RE = re.compile(r"(?:^|[;\s])do(?:\s|$)")
_DONE_RE = re.compile(r"(?:^|[;&\s])done(?:[\s;&|>)]|$)")
_OPENS_RE = re.compile(r"^\s*(?:for|while|until|select)\s")
_LITERAL_RE = re.compile(r"[\w@:/.+-]+")  # an image name, a version, a word: no quoting, globbing or expansion
# a word that is one variable of the script or its environment (`"$RUNTIME_IMAGE"`, `${HELLO_IMAGE}`): its value is
# substituted in the body as the word, and read there as any reference to that variable is
_VARIABLE_RE = re.compile(r"\$(?:\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)")
# a loop over more literal words than this is not unrolled; a list file's entries (shell_file_loops.py) too
MAX_WORDS = 256
_LIST_RE = re.compile(r'^\s*(?P<q>"?)\$(?:\{(?P<keys>!)?(?P<braced>\w+)(?P<all>\[[@*]\])?\}|(?P<bare>\w+))(?P=q)\s*$')
# an element of an array, once the loop's index is in it: `${BASE_IMAGES[0]}`
_ELEMENT_RE = re.compile(r"\$\{([A-Za-z_]\w*)\[(\d+)\]\}")
_BODY_ASSIGN_RE = re.compile(r"^\s*(?:(?:local|export|readonly|declare)\s+)?([A-Za-z_]\w*)=(.*)$")
_Lists = dict[str, tuple[list[str], bool]]
_Arrays = dict[str, list[str]]  # the arrays the script writes (shell_lists.py): name -> elements


def _header(lines: list[str], index: int) -> tuple[str, int]:
    """The text of the `for` header starting at `lines[index]`, its continuation lines joined, and the index of
    its last line."""
    text, end = lines[index], index
    while text.rstrip().endswith("\\") and end + 1 < len(lines):
        end += 1
        text = text.rstrip()[:-1] + " " + lines[end].strip()
    return text, end


def _words(listed: str, lists: _Lists) -> tuple[list[str], str] | None:
    """The literal words a header's `in` lists and the header's text after them (`do ...`, or nothing when `do` is
    on the next line); None when a word is not literal."""
    part, _, after = listed.partition(";")
    if (named := _LIST_RE.match(part)) is not None:
        words, array = lists.get(named["braced"] or named["bare"], ([], False))
        every = named["all"] is not None
        # `"${LIST[@]}"` or `${LIST[@]}` of an array, an unquoted `${STRING}`: each word; `"${!LIST[@]}"`, the
        # array's indices, each index; anything else is not read
        usable = (array and every) or (not array and not every and not named["q"] and not named["keys"])
        if usable and named["keys"]:
            words = [str(index) for index in range(len(words))]
        return (words, after) if usable and words else None
    written = part.split()
    words = [word.strip("'\"") for word in written]
    if not words or len(words) > MAX_WORDS:
        return None
    for word, stripped in zip(written, words, strict=True):
        variable = len(written) > 1 and not word.startswith("'") and _VARIABLE_RE.fullmatch(stripped)
        if not variable and not _LITERAL_RE.fullmatch(stripped):
            return None
    return words, after


def _reference(name: str) -> re.Pattern[str]:
    return re.compile(rf"\$(?:\{{{name}\}}|{name}(?!\w))")


def _substituted(text: str, values: dict[str, str], arrays: _Arrays) -> str:
    for name, value in values.items():
        text = _reference(name).sub(value.replace("\\", r"\\"), text)
    return _elements(text, arrays) if "[" in text and arrays else text


def _elements(text: str, arrays: _Arrays) -> str:
    """`text` with each element of an array the script writes, by a literal index (`${BASE_IMAGES[1]}`, once a loop
    over the array's indices put its index in), replaced by its word; an index past the array's end stays."""

    def element(match: re.Match[str]) -> str:
        words = arrays.get(match.group(1))
        index = int(match.group(2))
        return words[index] if words is not None and index < len(words) else match.group(0)

    return _ELEMENT_RE.sub(element, text)


def _copies(
    line: str, name: str, words: list[str], arrays: _Arrays, derived: list[dict[str, str]] | None = None
) -> str:
    """`line` once per word, the variable (and the names `derived` gives per word) replaced, the copies joined by
    ` ; ` (a trailing `&` or `;` dropped)."""
    values = [{name: word, **(derived[index] if derived else {})} for index, word in enumerate(words)]
    if not any(_reference(each).search(line) for each in values[0]):
        return line
    indent, body = line[: len(line) - len(line.lstrip())], line.strip()
    body = body[:-1].rstrip() if body.endswith(("&", ";")) and not body.endswith(("&&", ";;")) else body
    return indent + " ; ".join(_substituted(body, each, arrays) for each in values)


def _derived(line: str, name: str, words: list[str], derived: list[dict[str, str]], arrays: _Arrays) -> None:
    """Add to `derived` (a map per word) the name `line` assigns from the loop's word, when each word gives it a
    value (shell_fields.py)."""
    if (match := _BODY_ASSIGN_RE.match(line)) is None or match.group(1) == name:
        return
    target, value = match.groups()
    if not any(_reference(each).search(value) for each in (name, *derived[0])):
        return
    given = [assigned_value(_substituted(value, {name: word, **derived[i]}, arrays)) for i, word in enumerate(words)]
    for index, each in enumerate(given):
        if each is None:
            for known in derived:
                known.pop(target, None)
            return
        derived[index][target] = each


def _one_line(line: str, name: str, words: list[str], after: str, arrays: _Arrays) -> str | None:
    """A loop written on one line (`for v in a b; do docker pull x:$v; done`), its body unrolled in place."""
    do = _DO_RE.search(after)
    done = _DONE_RE.search(after, do.end()) if do else None
    if do is None or done is None:
        return None
    body = _copies(after[do.end() : done.start()].strip().rstrip(";"), name, words, arrays)
    return line[: len(line) - len(after)] + " do " + body + "; " + after[done.start() :].lstrip(" ;")


def loops_unrolled(text: str) -> str:
    """`text` with the body of each loop over literal words written once per word (see the module)."""
    if "for" not in text or "done" not in text:
        return text
    lines = text.split("\n")
    lists = literal_lists(text) if "$" in text else {}
    arrays = {name: words for name, (words, array) in lists.items() if array}
    index = 0
    while index < len(lines):
        if _HEADER_RE.match(lines[index]) is None:
            index += 1
            continue
        header, last = _header(lines, index)
        match = _HEADER_RE.match(header)
        parsed = _words(match.group(3), lists) if match else None
        if match is None or parsed is None:
            index = last + 1
            continue
        name, (words, after) = match.group(2), parsed
        if last == index and (single := _one_line(lines[index], name, words, after, arrays)) is not None:
            lines[index] = single
        else:
            _unroll_body(lines, last + 1, (name, words, arrays), opened=_DO_RE.search(after) is not None)
        index = last + 1
    return "\n".join(lines)


def _continued(lines: list[str], index: int) -> int:
    """The index of the last line of the command starting at `lines[index]` (backslash continuations)."""
    end = index
    while lines[end].rstrip().endswith("\\") and end + 1 < len(lines):
        end += 1
    return end


def _names(lines: list[str], name: str, derived: list[dict[str, str]]) -> bool:
    """Whether one of `lines` names the loop's variable or a name the body derives from it."""
    return any(_reference(each).search(line) for line in lines for each in (name, *(derived[0] if derived else {})))


def _unroll_body(lines: list[str], start: int, loop: tuple[str, list[str], _Arrays], *, opened: bool) -> None:
    """Unroll the body that follows a header (ending before `start`) up to its `done`, nested loops included;
    `loop`: the loop's variable, its words and the script's arrays."""
    name, words, arrays = loop
    depth, skip = 0, -1
    derived: list[dict[str, str]] = [{} for _ in words]
    for index in range(start, len(lines)):
        if index <= skip:
            continue
        stripped = lines[index].strip()
        if not opened:
            if stripped.startswith("do") and _DO_RE.match(stripped):
                opened = True
                lines[index] = _copies(lines[index], name, words, arrays) if stripped != "do" else lines[index]
            continue
        if _OPENS_RE.match(stripped) and not _DONE_RE.search(stripped):
            depth += 1
        elif stripped.startswith("done") and _DONE_RE.match(stripped):
            if depth == 0:
                return
            depth -= 1
        if (end := _continued(lines, index)) > index and _names(lines[index : end + 1], name, derived):
            # a command over continuation lines naming the variable on any of them (`docker run --rm \` / `"$IMAGE"
            # \`): copied whole once per word on its first line, its other lines left blank
            joined = " ".join(line.strip().removesuffix("\\").rstrip() for line in lines[index : end + 1])
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            lines[index] = _copies(indent + joined, name, words, arrays, derived)
            lines[index + 1 : end + 1] = [""] * (end - index)
            skip = end
            continue
        original = lines[index]
        lines[index] = _copies(original, name, words, arrays, derived)
        _derived(original, name, words, derived, arrays)
