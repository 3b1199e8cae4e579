"""gitignore patterns (.gitignore files and --exclude globs)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.ignore import deciding, parse_patterns

GITIGNORE = """\
# build output
/dist
build/
*.log
!keep.log
docs/**/generated
**/tmp/*.yaml
\\#literal
trailing   \n"""


@pytest.mark.parametrize(
    ("path", "is_dir", "ignored"),
    [
        ("dist", True, True),
        ("sub/dist", True, False),  # anchored to the file's directory
        ("build", True, True),
        ("src/build", True, True),
        ("build", False, False),  # `build/` matches directories only
        ("a/b/x.log", False, True),
        ("keep.log", False, False),  # re-included
        ("docs/a/b/generated", True, True),
        ("docs/generated", True, True),
        ("x/tmp/deploy.yaml", False, True),
        ("x/tmp/sub/deploy.yaml", False, False),
        ("#literal", False, True),
        ("trailing", False, True),
        ("Dockerfile", False, False),
    ],
)
def test_gitignore_semantics(path: str, is_dir: bool, ignored: bool) -> None:
    pattern = deciding(parse_patterns(GITIGNORE), path, is_dir=is_dir)
    assert (pattern is not None and not pattern.negated) is ignored
