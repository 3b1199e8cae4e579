"""Earthfiles read whole: every form of call, value and command the reader knows, each finding compared with its
origin, line, problem and use (earthfile.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.earthfile import earthfile_images
from ecr_mirror.choose.discovery.found import Found

EARTHFILE = """\
VERSION 0.8
ARG --global BASE_TAG=3.20
FROM --platform linux/amd64 alpine:$BASE_TAG
RUN docker run --rm app:saved && docker run --rm busybox:1.36
db:
    ARG PG=15
    ARG --required REG
    FROM postgres:$PG
    label:
    FROM alpine:$PG
\tnote:
    FROM redis:$PG
ci:
    ARG tag=1.27
    BUILD --allow-privileged --build-arg PG=16 --platform linux/arm64 +db
    BUILD --build-arg=PG=17 +db
    BUILD +db XXPG=18
    FROM +db --PG=$UNSET --PG=$(cat v) --PG=12
    BUILD +nothere
    BUILD +db --PG=13
    COPY --dir --build-arg PG=14 +db/out ./
    COPY (+db/out --PG=11) ./
    DO +FN --IMG=a=b
    BUILD --build-arg
    WITH DOCKER --load app:1=+image --load=app2=+image --pull=weird=1 --pull
        RUN --privileged --mount=type=cache docker run app:1 && docker run app2 && docker run nginx:$tag-${tag}
    END
    WITH DOCKER --load lib=+image --build-arg V=22 --pull busybox:1.37
        RUN docker run localhost:5000/lib/app && docker run registry/x@DIGEST && docker run lib:latest
    END
    RUN ["docker", "run", "--rm", "nginx:$tag"]
FN:
    FUNCTION
    ARG IMG = mysql:8.4
    LET OTHER=x
    SET OTHER=y
    ARG SHELL=$(cat v)
    ARG BAD=${UNSET}
    FROM $IMG
    FROM --build-arg X=1 ghcr.io/acme/tool:$SHELL
    FROM ghcr.io/acme/bad:$BAD-$OTHER
    FROM ghcr.io/acme/other:$OTHER
    FROM ghcr.io/acme/broken:${OTHER
    FROM ghcr.io/acme/out:$(cat version)
    FROM ghcr.io/acme/nope:$NOPE
    FROM scratch
image:
    ARG V=21
    FROM alpine:3.$V
    SAVE IMAGE --push app:saved localhost:5000/lib/app registry/x@DIGEST
""".replace("DIGEST", "sha256:" + "0" * 64)


def _rows(text: str) -> list[tuple[str, int | None, str | None, str]]:
    found = earthfile_images(text, "ci/Earthfile")
    assert all(item == Found(item.text, "ci/Earthfile", item.line, item.problem, item.use) for item in found)
    return [(item.text, item.line, item.problem, item.use) for item in found]


def test_every_form_of_an_earthfile_in_line_order() -> None:
    # a header is a name at the start of a line (`label:` indented by spaces or a tab is a command of `db`); each
    # target is read with its defaults, then with each value set its callers give (`--build-arg N=V`,
    # `--build-arg=N=V`, `--N=V` after the reference, in FROM, BUILD, DO, COPY and COPY's parentheses, WITH DOCKER's
    # `--build-arg` anywhere on the line); an unknown value, a shell-out or a word without `--` gives nothing;
    # images the file saves or loads are not pulled by its `docker run`s, the others on the same line are
    assert _rows(EARTHFILE) == [
        ("alpine:3.20", 3, None, "FROM"),
        ("busybox:1.36", 4, None, "docker run"),
        ("postgres:15", 8, None, "FROM"),
        ("postgres:16", 8, None, "FROM"),
        ("postgres:17", 8, None, "FROM"),
        ("postgres:12", 8, None, "FROM"),
        ("postgres:13", 8, None, "FROM"),
        ("postgres:14", 8, None, "FROM"),
        ("postgres:11", 8, None, "FROM"),
        ("alpine:15", 10, None, "FROM"),
        ("alpine:16", 10, None, "FROM"),
        ("alpine:17", 10, None, "FROM"),
        ("alpine:12", 10, None, "FROM"),
        ("alpine:13", 10, None, "FROM"),
        ("alpine:14", 10, None, "FROM"),
        ("alpine:11", 10, None, "FROM"),
        ("redis:15", 12, None, "FROM"),
        ("redis:16", 12, None, "FROM"),
        ("redis:17", 12, None, "FROM"),
        ("redis:12", 12, None, "FROM"),
        ("redis:13", 12, None, "FROM"),
        ("redis:14", 12, None, "FROM"),
        ("redis:11", 12, None, "FROM"),
        ("weird=1", 25, None, "WITH DOCKER --pull"),
        ("nginx:1.27-1.27", 26, None, "docker run"),
        ("busybox:1.37", 28, None, "WITH DOCKER --pull"),
        ("nginx:1.27", 31, None, "docker run"),
        ("mysql:8.4", 39, None, "FROM"),
        ("a=b", 39, None, "FROM"),
        (
            "ghcr.io/acme/tool:$SHELL",
            40,
            "ARG SHELL has no default value (given with --SHELL=... when the target is run)",
            "FROM",
        ),
        (
            "ghcr.io/acme/bad:$BAD-$OTHER",
            41,
            "ARG BAD has no default value (given with --BAD=... when the target is run)",
            "FROM",
        ),
        ("ghcr.io/acme/other:y", 42, None, "FROM"),
        ("ghcr.io/acme/broken:${OTHER", 43, "'${' without a closing '}' in 'ghcr.io/acme/broken:${OTHER'", "FROM"),
        ("ghcr.io/acme/out:$(cat", 44, "a shell-out, known only when Earthly runs", "FROM"),
        ("ghcr.io/acme/nope:$NOPE", 45, "$NOPE is not declared by an ARG of the target or the base recipe", "FROM"),
        ("alpine:3.21", 49, None, "FROM"),
        ("alpine:3.22", 49, None, "FROM"),
    ]


def test_values_commands_and_saved_images() -> None:
    # `#` is no comment inside a word; `ARG N = a b` joins the words after `=`; a RUN's options before its JSON
    # form; podman runs as docker does; only RUN lines run (CMD is the image's); SAVE ARTIFACT names no image; a
    # saved name without a tag is saved as `:latest`, also on a registry with a port
    text = """\
VERSION 0.8
t:
    ARG TAG=v1#beta
    ARG V = 1 2
    FROM alpine:$TAG
    RUN --no-cache ["docker", "run", "--rm", "nginx:1"]
    RUN docker run alpine:$V
    RUN podman run --rm quay.io/podman/hello:1
    CMD docker run --rm hello:1
    SAVE ARTIFACT ./out AS LOCAL redis
    RUN docker run redis && docker run redis:$NOT_SET && docker run redis:${NOT_SET}
    SAVE IMAGE app:saved
    SAVE IMAGE --push localhost:5000/lib/app
    RUN docker run app:saved && docker run localhost:5000/lib/app:latest
"""
    unset = "$NOT_SET has no value in this file (set by the environment, the command line or a caller)"
    assert _rows(text) == [
        ("alpine:v1#beta", 5, None, "FROM"),
        ("nginx:1", 6, None, "docker run"),
        ("alpine:1", 7, None, "docker run"),
        ("quay.io/podman/hello:1", 8, None, "docker run"),
        ("redis", 11, None, "docker run"),
        ("redis:$NOT_SET", 11, unset, "docker run"),
        ("redis:${NOT_SET}", 11, unset, "docker run"),
    ]


def test_a_target_loaded_with_load_equals_is_read_with_the_build_args_of_its_line() -> None:
    # `--load=NAME=+target` is the same option as `--load NAME=+target`: the target runs with the line's values
    text = """\
VERSION 0.8
one:
    WITH DOCKER --build-arg V=2 --load=app:1=+image
        RUN docker run app:1
    END
two:
    WITH DOCKER --build-arg V=3 --load app:2=+image
        RUN docker run app:2
    END
image:
    ARG V=1
    FROM alpine:3.$V
    SAVE IMAGE app
"""
    assert _rows(text) == [
        ("alpine:3.1", 12, None, "FROM"),
        ("alpine:3.2", 12, None, "FROM"),
        ("alpine:3.3", 12, None, "FROM"),
    ]


def test_build_args_written_with_equals_reach_the_targets_copy_and_with_docker_call() -> None:
    text = """\
VERSION 0.8
one:
    COPY --build-arg=V=2 +image/out ./
two:
    WITH DOCKER --build-arg=V=3 --load app:2=+image
        RUN docker run app:2
    END
image:
    ARG V=1
    FROM alpine:3.$V
"""
    assert _rows(text) == [
        ("alpine:3.1", 10, None, "FROM"),
        ("alpine:3.2", 10, None, "FROM"),
        ("alpine:3.3", 10, None, "FROM"),
    ]


def _called(calls: str) -> list[str]:
    text = f"VERSION 0.8\nci:\n{calls}t:\n    ARG V=0\n    FROM alpine:$V\n"
    return [item.text for item in earthfile_images(text, "Earthfile")]


def test_a_target_is_read_with_at_most_64_value_sets_and_each_set_once() -> None:
    values = " ".join(f"--V={number}" for number in range(1, 71))
    assert _called(f"    BUILD +t {values}\n") == [f"alpine:{number}" for number in range(64)]
    # the same values given 70 times are read once: a later call's values still fit under the limit
    assert _called("    BUILD +t --V=1\n" * 70 + "    BUILD +t --V=2\n") == ["alpine:0", "alpine:1", "alpine:2"]


def test_a_call_takes_the_values_of_the_callers_args() -> None:
    text = "VERSION 0.8\nci:\n    ARG V=9\n    COPY (+t/out --V=$V) ./\n    COPY --build-arg V=1$V +t/out ./\n"
    text += "t:\n    ARG V=0\n    FROM alpine:$V\n"
    assert [item.text for item in earthfile_images(text, "Earthfile")] == ["alpine:0", "alpine:9", "alpine:19"]
