"""Where a Go block closes (go_created_objects._block_end), the edges a fast scanner could get wrong."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_comments import without_comments, without_prose
from ecr_mirror.choose.discovery.go_created_objects import _block_end, creating_package

BODY = 'func f() {\n\ts := "}{"\n\tr := \'}\'\n\tq := `\n}`\n\te := "\\"}"\n\tif x { g([]int{1}) }\n}\nvar after = 1\n'


def test_a_block_ends_at_its_own_brace_past_strings_runes_and_raw_strings() -> None:
    start = BODY.index("{") + 1
    assert _block_end(BODY, start) == BODY.index("}\nvar after")


def test_a_block_not_closed_ends_at_the_text_end() -> None:
    assert _block_end("func f() {\n\tx := 1\n", 10) == len("func f() {\n\tx := 1\n")
    assert _block_end('func f() {\n\tx := "open', 10) == len('func f() {\n\tx := "open') + 1


def test_a_package_knows_its_functions_and_their_bodies() -> None:
    package = creating_package([("pkg/a_test.go", BODY + 'func g() {\n\th(Image: "x")\n}\n')])
    assert [name for name in package.functions] == ["f", "g"]
    assert package.bodies["pkg/a_test.go"][0] == (BODY.index("{") + 1, BODY.index("}\nvar after"))


def test_comments_are_blanked_to_the_same_lines() -> None:
    text = 'a := 1 // x "}"\n/* two\nlines */ b := "//kept"\n'
    blank = without_comments(text)
    assert len(blank) == len(text) and blank.count("\n") == text.count("\n")
    assert "x" not in blank and "two" not in blank and '"//kept"' in blank


def test_without_prose_blanks_comments_and_raw_strings_spanning_lines_only() -> None:
    text = 'a := `KUBECONFIG\nhelp` // "kubectl"\nb := `KUBECONFIG` + "KUBECONFIG"\n'
    blanked = without_prose(text)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert blanked.splitlines() == ["a := " + " " * 11, " " * 18, 'b := `KUBECONFIG` + "KUBECONFIG"']
