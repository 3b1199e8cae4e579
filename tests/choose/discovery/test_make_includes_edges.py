"""The makefiles of a make run at their edges: every file name make reads, include paths from the including
Makefile's directory, several words on one include line, globs with every mark, a run of two files, a Makefile
without a last newline."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_includes import is_makefile, with_included_values


def test_the_names_of_makefiles() -> None:
    assert [is_makefile(name) for name in ("Makefile", "sub/GNUmakefile", "Makefile.common", "x/build.mk")] == [
        True,
        True,
        True,
        True,
    ]
    assert [is_makefile(name) for name in ("makefile.sh.txt", "Makefile-old", "mk", "build.mk.bak")] == [
        True,
        False,
        False,
        False,
    ]


def test_a_gnumakefile_and_a_makefile_dot_something_share_their_values() -> None:
    scripts = {"GNUmakefile": "include Makefile.vars\nrun:\n", "Makefile.vars": "# included\nBASE = alpine:3.21\n"}
    assert with_included_values(scripts) == {
        "GNUmakefile": "include Makefile.vars\nrun:\nBASE = alpine:3.21\n",
        "Makefile.vars": "# included\nBASE = alpine:3.21\n",
    }


def test_include_paths_are_read_from_the_including_makefiles_directory() -> None:
    scripts = {
        "deploy/Makefile": "include vars.mk\nrun:\n",
        "deploy/vars.mk": "IMG = acme/app:1\n",
        "vars.mk": "OTHER = acme/other:1\n",
    }
    assert with_included_values(scripts)["deploy/Makefile"] == "include vars.mk\nrun:\nIMG = acme/app:1\n"


def test_each_word_of_an_include_line_is_read_but_those_with_a_variable() -> None:
    scripts = {
        "Makefile": "include $(ROOT)/x.mk a.mk build/*.mk\n",
        "$(ROOT)/x.mk": "X = acme/x:1\n",
        "a.mk": "A = acme/a:1\n",
        "build/b.mk": "B = acme/b:1\n",
        "unrelated.mk": "U = acme/u:1\n",
    }
    assert with_included_values(scripts)["Makefile"] == scripts["Makefile"] + "A = acme/a:1\nB = acme/b:1\n"


def test_a_glob_with_every_mark() -> None:
    scripts = {"Makefile": "include v*[0-9]?.mk\n", "v10.mk": "V = acme/v:10\n", "vx.mk": "W = acme/w:1\n"}
    assert with_included_values(scripts)["Makefile"] == "include v*[0-9]?.mk\nV = acme/v:10\n"


def test_a_run_of_two_files_without_a_last_newline() -> None:
    scripts = {"Makefile": "include vars.mk\nrun:\n\tdocker run $(IMG)", "vars.mk": "IMG ?= acme/app:1"}
    assert with_included_values(scripts) == {
        "Makefile": "include vars.mk\nrun:\n\tdocker run $(IMG)\nIMG ?= acme/app:1\n",
        "vars.mk": "IMG ?= acme/app:1",
    }
