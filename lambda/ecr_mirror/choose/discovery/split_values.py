"""A command's words with each variable whose value is several words split into them, as the command runs (pure).

make expands a recipe line's variables before the shell reads it, and the shell splits an unquoted expansion into
words (https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html,
https://www.gnu.org/software/bash/manual/html_node/Word-Splitting.html): tetragon's `docker container run ...
$(CHECKPATCH_IMAGE_AND_ENTRY) $(CHECKPATCH_ARGS)`, with `CHECKPATCH_IMAGE_AND_ENTRY := --entrypoint /bin/bash
$(CHECKPATCH_IMAGE) /checkpatch/checkpatch.sh ...`, runs the image its value names after `--entrypoint /bin/bash`.
A word that is one variable and nothing else (`$(NAME)`, `${NAME}`, `$NAME`) is replaced by its value's words when
every value the file gives it is known and one holds a blank; a name with a value per branch of a conditional gives
one reading per value (at most `_READINGS` readings, the first such variable of the command only). Any other word,
and a variable of one word or of a value not known, stays as written for the image's reading; so does a variable
quoted where the command writes it (`--name "${name}"`: the shell does not split a quoted expansion) and one whose
value holds a quote (`local name="probe" cid status=""`, several names declared on one line; `EXTRA="-ti" run_build`,
an environment prefix of an indented line: no list of words the command takes).
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_command_words import command_words, variable_name
from ecr_mirror.choose.discovery.shell_words import ShellValues

_READINGS = 8


def split_values(words: list[str], values: ShellValues, line: str = "") -> list[list[str]]:
    """The readings of `words` (one, as written, when no word is a variable of several words); `line`: the command's
    text as written, for the quotes around its words."""
    for index, word in enumerate(words):
        if "$" not in word or variable_name(word) is None or f'"{word}"' in line or f"'{word}'" in line:
            continue
        resolved = values.resolve_each(word)
        if len(resolved) > _READINGS or any(problem is not None for _, problem in resolved):
            continue
        if any(mark in value for value, _ in resolved for mark in "\"'"):
            continue
        if not any(len(value.split()) > 1 for value, _ in resolved):
            continue
        return [words[:index] + command_words(value) + words[index + 1 :] for value, _ in resolved]
    return [words]
