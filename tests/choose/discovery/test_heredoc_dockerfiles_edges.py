"""Dockerfiles and compose files in a script's heredocs at the edges of each form: every way of building from
standard input, quoted and unquoted delimiters, `\\$`, files written by cat and tee (named through variables),
tab-stripped heredocs, heredocs in quotes or comments, continuations, a body that is not YAML, a heredoc left open;
each finding compared whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

UNSET = "has no value in this file (set by the environment, the command line or a caller)"
SCRIPT = r"""ALPINE=3.22
WORK=/tmp/w
COMPOSE_FILE=$TMP/docker-compose-e2e.yaml
docker build -t p:1 -f - . <<EOF
FROM alpine:${ALPINE}
RUN echo \$HOME
EOF
docker build -f- . <<'EOF'
FROM debian:${NOPE}
EOF
docker build --file=- . << "END"
FROM quoted:1
END
cat <<EOF | docker build -f - .
FROM piped:${UNSET_TAG}
EOF
docker build - <<X.Y
FROM ctx-stdin:1
X.Y
cat <<EOF > "$WORK/Dockerfile"
FROM written:1
EOF
tee $WORK/app.Dockerfile <<EOF >/dev/null
FROM teed:1
EOF
cat > $COMPOSE_FILE << EOF
services:
  db:
    image: postgres:${ALPINE}
EOF
cat <<EOF > notes.txt
FROM notadockerfile:1
EOF
	cat <<-EOF > Dockerfile.tabs
	FROM tabbed:1
	EOF
echo "docker build -f - . <<EOF"
FROM inquotes:1
EOF
# docker build -f - . <<EOF
FROM commented:1
EOF
docker build \
  -f - . <<EOF
FROM continued:1
EOF
cat <<EOF > compose.yml
services: [
EOF
x <<< "here string"
docker build -f - . <<EOF
FROM unterminated:1
"""


def _from(text: str, line: int, problem: str | None = None) -> Found:
    return Found(text, "build.sh", line, problem, "FROM (a Dockerfile in a heredoc)")


def test_every_form_in_one_script() -> None:
    assert heredoc_dockerfiles(SCRIPT, "build.sh") == [
        _from("alpine:3.22", 5),
        _from("debian:${NOPE}", 9, "$NOPE is not declared by an ARG before the first FROM"),
        _from("quoted:1", 12),
        _from("piped:${UNSET_TAG}", 15, f"$UNSET_TAG {UNSET}"),
        _from("ctx-stdin:1", 18),
        _from("written:1", 21),
        _from("teed:1", 24),
        Found("postgres:3.22", "build.sh", 29, None, "image (a compose file in a heredoc)"),
        _from("tabbed:1", 35),
        _from("continued:1", 45),
        _from("unterminated:1", 52),
    ]


def _texts(script: str) -> list[tuple[str, int | None]]:
    return [(found.text, found.line) for found in heredoc_dockerfiles(script, "b.sh")]


def test_tabs_stripped_only_from_a_dash_heredoc() -> None:
    compose = "\tservices:\n\t  db:\n\t    image: tabs:1\n\tEOF\n"
    assert _texts("cat <<-EOF > docker-compose.yml\n" + compose) == [("tabs:1", 4)]
    assert _texts("cat <<EOF > docker-compose.yml\n" + compose.replace("\tEOF", "EOF")) == []


def test_which_lines_start_a_heredoc() -> None:
    inner = "docker build -f - . <<END\nFROM inside:1\nEND\nEOF\n"
    assert _texts('echo "cat <<EOF"\n' + inner) == [("inside:1", 3)]
    assert _texts("echo 'cat <<EOF'\n" + inner) == [("inside:1", 3)]
    assert _texts("  # cat <<EOF\n" + inner) == [("inside:1", 3)]
    assert _texts("echo 'x'; docker build -f - . <<EOF\nFROM q:1\nEOF\n") == [("q:1", 2)]
    assert _texts("docker build -f - . <<EOF # it's\nFROM q:2\nEOF\n") == [("q:2", 2)]
    nested = "cat <<EOF > notes.txt\ndocker build -f - . <<END\nEOF\nFROM sneaky:1\nEND\n"
    assert _texts(nested) == []


def test_which_builds_read_standard_input() -> None:
    assert _texts("docker build -f Dockerfile . <<EOF\nFROM no:1\nEOF\n") == []
    assert _texts("docker build -t x - <<EOF\nFROM ctx:1\nEOF\n") == [("ctx:1", 2)]
    assert _texts("cat <<EOF | docker build -t x -\nFROM ctx:2\nEOF\n") == [("ctx:2", 2)]
    assert _texts("docker build -f x - <<EOF\nFROM ctx:3\nEOF\n") == [("ctx:3", 2)]


def test_written_files_named_through_unknown_variables_and_tee() -> None:
    assert _texts("cat <<EOF > $UNKNOWN/Dockerfile\nFROM w:1\nEOF\n") == [("w:1", 2)]
    assert _texts("tee log.txt <<EOF > Dockerfile\nFROM w:2\nEOF\n") == [("w:2", 2)]


def test_continuations() -> None:
    assert _texts("docker build \\  \n  -f - . <<EOF\nFROM c:1\nEOF\n") == [("c:1", 3)]
    assert _texts("x <<EOF\nEOF\necho \\") == []


def test_a_continuation_between_an_option_and_its_value() -> None:
    assert _texts("docker build -f \\\n - . <<EOF\nFROM b:1\nEOF\n") == [("b:1", 3)]
