"""bashbrew_builds: the image a docker-library-style tree's bashbrew CI builds, and the Dockerfile uses of its tags."""

from __future__ import annotations

from ecr_mirror.choose.discovery.bashbrew_builds import bashbrew_image, bashbrew_marked
from ecr_mirror.choose.discovery.found import Found

_CI = 'steps:\n  - run: |\n      strategy="$("$BASHBREW_SCRIPTS/github-actions/generate.sh")"\n'
_LIBRARY = "cat <<-EOH\nGitRepo: https://github.com/Example/Toolbox.git\nEOH\n"


def test_the_image_is_the_repository_the_library_file_names() -> None:
    texts = {".github/workflows/ci.yml": _CI, "generate-stackbrew-library.sh": _LIBRARY}
    assert bashbrew_image(texts) == ("toolbox", ".github/workflows/ci.yml", 3)


def test_no_image_without_generate_sh_or_with_two_names() -> None:
    assert bashbrew_image({"generate-stackbrew-library.sh": _LIBRARY}) is None
    other = "GitRepo: https://github.com/example/other.git\n"
    assert (
        bashbrew_image(
            {"ci.yml": _CI, "generate-stackbrew-library.sh": _LIBRARY, "b/" + "generate-stackbrew-library.sh": other}
        )
        is None
    )


def test_only_dockerfile_uses_of_the_image_are_marked() -> None:
    texts = {".github/workflows/ci.yml": _CI, "generate-stackbrew-library.sh": _LIBRARY}
    found = [
        Found("toolbox:curl", "scm/Dockerfile", 1, use="FROM", kind="Dockerfile"),
        Found("toolbox", "compose.yaml", 3, use="image", kind="compose file"),
        Found("toolboxes:curl", "x/Dockerfile", 1, use="FROM", kind="Dockerfile"),
        Found("acme/toolbox:curl", "y/Dockerfile", 1, use="FROM", kind="Dockerfile"),
    ]
    marked = bashbrew_marked(found, texts)
    assert [item.built is not None for item in marked] == [True, False, False, False]
    assert marked[0].built is not None and marked[0].built.endswith("at .github/workflows/ci.yml:3")
