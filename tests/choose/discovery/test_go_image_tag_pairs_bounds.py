"""Size bounds and hang guards (tests/support/hang_guard.py) of go_image_tag_pairs.py on a file of many repository and
tag names of one prefix."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_image_tag_pairs import MAX_IMAGES, image_tag_pairs
from tests.support.hang_guard import finishes


def test_many_repositories_and_tags_of_one_prefix_are_bounded() -> None:
    # each function may assign `fooImage` and `fooTag` again: every repository would be joined with every tag
    text = "package main\n\nfunc a() {\n" + '\tfooImage = "acme/foo"\n\tfooTag = "v1"\n' * 12_000
    text += "".join(f'\tfooImage = "acme/foo{i}"\n\tfooTagV{i} = "v{i}"\n' for i in range(12_000)) + "}\n"
    found = finishes(image_tag_pairs, text, "pkg/images.go")
    assert len(found) == MAX_IMAGES
    assert found[0].text == "acme/foo:v1"


def test_many_repositories_that_are_no_image_are_not_joined_with_each_tag() -> None:
    text = "package main\n\nfunc a() {\n" + '\tfooImage = "ACME/Foo"\n' * 12_000
    text += "".join(f'\tfooTagV{i} = "v{i}"\n' for i in range(12_000)) + "}\n"
    assert finishes(image_tag_pairs, text, "pkg/images.go") == []
