"""A script's own function that runs docker with its positional parameters (`pull() { docker pull "$1"; }`) and
a `for` loop over literal words: the calls are read as the command the function runs, the loop's body once per
word."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.shell_functions import unwrapped
from ecr_mirror.choose.discovery.shell_loops import loops_unrolled

DIGEST = "sha256:" + "ab" * 32

STEP = f"""\
# pre-pull what the integration tests start, retrying registry timeouts
pull() {{
  for attempt in 1 2 3; do
    docker pull "$1" && return 0
    echo "docker pull $1 failed (attempt $attempt)"
    sleep 5
  done
  return 1
}}

start_db() {{ docker run -d --name "$2" -p 5432:5432 "$1"; }}

pull postgres:16
pull ghcr.io/acme/queue:0.4.1@{DIGEST}
start_db postgres:15-alpine db15
say() {{ echo "would pull $1"; }}
say not/pulled:1
"""


def _read(text: str) -> list[tuple[str, int | None, bool]]:
    return [
        (item.text, item.line, item.problem is None) for item in docker_runs(unwrapped(loops_unrolled(text)), "ci.sh")
    ]


def test_calls_of_a_function_pulling_its_first_parameter_are_read_as_that_pull() -> None:
    found = _read(STEP)
    assert ("postgres:16", 13, True) in found
    assert (f"ghcr.io/acme/queue:0.4.1@{DIGEST}", 14, True) in found
    assert ("postgres:15-alpine", 15, True) in found  # `$1` in image position, `$2` a container name
    assert not [text for text, _, _ in found if "not/pulled" in text]


LOOP = """\
pull_all() {
  local pids=()
  for image in \\
    redis:7.2 \\
    minio/minio:latest \\
    testcontainers/ryuk:0.14.0
  do
    docker pull "$image" &
    pids+=("$!")
  done
  wait
}
for v in 3.19 3.20; do docker run --rm "alpine:${v}" true; done
for image in $(cat images.txt); do docker pull "$image"; done
"""


def test_a_loop_over_literal_words_reads_its_body_once_per_word() -> None:
    found = _read(LOOP)
    assert [(text, line) for text, line, ok in found if ok] == [
        ("redis:7.2", 8),
        ("minio/minio:latest", 8),
        ("testcontainers/ryuk:0.14.0", 8),
        ("alpine:3.19", 13),
        ("alpine:3.20", 13),
    ]
    assert [(text, line) for text, line, ok in found if not ok] == [("$image", 14)]  # a command's output


def test_a_loop_and_a_function_together_and_line_numbers_kept() -> None:
    text = 'pull() { docker pull "$1"; }\nfor name in nginx:1.27 busybox:1.37; do\n  pull "$name"\ndone\necho done\n'
    unrolled = loops_unrolled(text)
    assert len(unrolled.splitlines()) == len(text.splitlines())
    assert [(name, line) for name, line, ok in _read(text) if ok] == [("nginx:1.27", 3), ("busybox:1.37", 3)]


def test_a_function_that_builds_the_image_it_runs_is_no_pull() -> None:
    text = (
        'generate() {\n  docker build -f "src/$1/Dockerfile" -t "$1-codegen" .\n'
        '  docker run --rm -v "$(pwd):/w" "$1-codegen" make\n}\n'
        "generate billing\ngenerate search\n"
    )
    assert [name for name, _, ok in _read(text) if ok] == []
