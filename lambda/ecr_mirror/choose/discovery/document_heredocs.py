"""Heredocs a script writes into a document, blanked before its commands are read (pure).

A release script writes its notes with `cat > "${OUT}/RELEASE_NOTES.md" <<EOF` (also `cat >>`, `cat <<EOF > FILE`,
`tee [-a] FILE <<EOF`), and a workflow step its job summary with `cat >> $GITHUB_STEP_SUMMARY <<EOF`, a Markdown
text GitHub shows on the run's page (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary).
The body is text for a reader: a `docker pull ghcr.io/acme/app:latest` it shows is an instruction to users, which
nothing runs (jontk/slurm-exporter's `scripts/build-release.sh`). Such a body is blanked, its lines kept as empty
lines so that every other line keeps its number. A document is a file named `*.md`, `*.markdown`, `*.rst`, `*.adoc`,
`*.html` or `*.htm`, or the job summary; a heredoc written to any other file (`run.sh`, later run), given to a shell
(`| bash`, `ssh HOST`) or to a tool is left as it is, and so is a line with two heredocs. A body the file never
closes runs to its end, as the shell reads it (https://www.gnu.org/software/bash/manual/bash.html#Here-Documents).
"""

from __future__ import annotations

import re

# the first heredoc operator of a line: `<<WORD`, `<<-WORD`, `<< 'WORD'`, `<<"WORD"` (not a here-string, `<<<`)
_HEREDOC_RE = re.compile(r"(?<!<)<<(?!<)(-?)[ \t]*([\"']?)([A-Za-z_][\w.-]*)\2")
# the file a line's `cat` writes (`cat > F`, `cat >> F`, `cat <<EOF > F`) or its `tee` appends to or writes
_TARGET = r"(\"[^\"\n]*\"|'[^'\n]*'|[^\s;&|<>]+)"
_CAT_RE = re.compile(r"(?:^|[;&|({]|\bthen|\bdo|\belse)[ \t]*cat\b[^;&|\n]*?(?<![\d&])>>?[ \t]*" + _TARGET)
_TEE_RE = re.compile(r"(?:^|[;&|({]|\bthen|\bdo|\belse)[ \t]*tee\b(?:[ \t]+-a|[ \t]+--append)?[ \t]+" + _TARGET)
_DOCUMENT_SUFFIXES = (".md", ".markdown", ".rst", ".adoc", ".html", ".htm")
_SUMMARY_RE = re.compile(r"^\$\{?GITHUB_STEP_SUMMARY\}?$")


def _document(target: str) -> bool:
    """Whether a written file's word names a document (see the module)."""
    name = target.strip("\"'")
    return bool(_SUMMARY_RE.match(name)) or name.lower().endswith(_DOCUMENT_SUFFIXES)


def _writes_document(line: str) -> bool:
    """Whether the command of `line` writes its heredoc into a document with `cat` or `tee`."""
    for pattern in (_CAT_RE, _TEE_RE):
        if (match := pattern.search(line)) is not None:
            return _document(match.group(1))
    return False


def without_document_heredocs(text: str) -> str:
    """`text` (a script, a CI step's commands) with the bodies of the heredocs it writes into documents blanked,
    each of their lines left empty (see the module); one pass over the lines."""
    if "<<" not in text:
        return text
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        matches = list(_HEREDOC_RE.finditer(line)) if "<<" in line else []
        if len(matches) != 1 or line.lstrip().startswith("#"):
            continue
        strip_tabs, word = matches[0].group(1) == "-", matches[0].group(3)
        blank = _writes_document(line)
        while index < len(lines):
            body = lines[index]
            if (body.lstrip("\t") if strip_tabs else body) == word:
                break
            if blank:
                lines[index] = ""
            index += 1
        index += 1  # the closing word
    return "\n".join(lines)
