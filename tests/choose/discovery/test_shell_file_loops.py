"""A script's loops over the lines (or words) of a list file of the tree (shell_file_loops.py): `while read -r
LINE; do ... done < FILE`, `done < <(grep -v '^#' FILE)`, `cat FILE | while read`, `for image in $(cat FILE)`,
written as a `for` loop over the file's entries so the loop readers unroll them; lines keep their numbers."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_file_loops import file_loops

IMAGES = "# JDKs the regression suite runs on\neclipse-temurin:21\n\namazoncorretto:17\nsapmachine:25\n"
FILES = {
    "ci/images.txt": IMAGES,
    "ci/resources/prometheus-images.txt": "prom/prometheus:v3.5.3\nprom/prometheus:v3.11.3\n",
    "ci/notes.txt": "Pull these images first\n",
}


def _load(path: str) -> str | None:
    return FILES.get(path)


def test_a_while_read_loop_fed_by_process_substitution_of_grep_is_a_loop_over_the_file_s_lines() -> None:
    script = """\
cd "$(dirname "$0")"
while read -r LINE;
do
  docker pull "${LINE}"
done < <(grep -v '^#' resources/prometheus-images.txt)
"""
    out = file_loops(script, "ci", ["ci", "."], _load)
    lines = out.split("\n")
    assert lines[1] == "for LINE in prom/prometheus:v3.5.3 prom/prometheus:v3.11.3;"
    assert lines[4] == "done"
    assert len(lines) == len(script.split("\n"))


def test_a_redirected_file_its_comments_and_blank_lines_dropped_and_a_piped_cat() -> None:
    redirected = 'while IFS= read -r image || [[ -n "$image" ]]; do\n  docker pull "$image"\ndone < "images.txt"\n'
    assert file_loops(redirected, "ci", ["ci"], _load).split("\n")[:3] == [
        "for image in eclipse-temurin:21 amazoncorretto:17 sapmachine:25; do",
        '  docker pull "$image"',
        "done",
    ]
    piped = 'cat ci/images.txt | while read img; do docker pull "$img"; done\n'
    assert file_loops(piped, ".", ["."], _load).split("\n")[0] == (
        'for img in eclipse-temurin:21 amazoncorretto:17 sapmachine:25; do docker pull "$img"; done'
    )


def test_a_for_loop_over_the_words_cat_prints() -> None:
    script = 'for image in $(cat ci/resources/prometheus-images.txt); do\n  docker pull "$image"\ndone\n'
    assert file_loops(script, ".", ["."], _load).split("\n")[0] == (
        "for image in prom/prometheus:v3.5.3 prom/prometheus:v3.11.3; do"
    )


def test_a_file_of_sentences_a_missing_file_or_an_unknown_path_stays_as_written() -> None:
    for script in (
        'while read -r LINE; do\n  docker pull "$LINE"\ndone < notes.txt\n',
        'while read -r LINE; do\n  docker pull "$LINE"\ndone < missing.txt\n',
        'while read -r LINE; do\n  docker pull "$LINE"\ndone < "$LIST"\n',
        'while read -r LINE; do\n  docker pull "$LINE"\ndone < /etc/images.txt\n',
        'while read -r LINE; do\n  docker pull "$LINE"\ndone\n',
        'for image in $(cat notes.txt); do\n  docker pull "$image"\ndone\n',
    ):
        assert file_loops(script, "ci", ["ci"], _load) == script
