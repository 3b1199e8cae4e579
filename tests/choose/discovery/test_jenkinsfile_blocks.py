"""Where a Jenkinsfile's blocks close (jenkins_blocks.Blocks): each `{` at its own `}`, the blocks inside closing first,
an unclosed one at the end of the text; read in one pass, so that a pipeline of many blocks, closed or not
(`docker.withRegistry(...) {`, `environment {`), is read in linear time."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jenkins_blocks import Blocks
from ecr_mirror.choose.discovery.jenkinsfile import environment_values, jenkinsfile_images, scan
from tests.support.hang_guard import finishes

NESTED = """\
node {
  docker.withRegistry('https://ghcr.io') {
    stage('x') { docker.image('acme/app:1').pull() }
  }
  docker.withRegistry('https://quay.io') {
"""


def test_each_block_closes_at_its_own_brace_and_an_unclosed_one_at_the_end() -> None:
    masked, _ = scan(NESTED)
    blocks = Blocks(masked)
    assert blocks.end(0) == len(NESTED)  # `node {`, closed by nothing: the last `}` closes the first registry
    first = NESTED.index("docker.withRegistry")
    assert blocks.end(first) == NESTED.index("}\n  docker.withRegistry('https://quay")
    assert blocks.end(NESTED.index("stage")) == NESTED.index("}\n  }")
    assert blocks.end(NESTED.rindex("docker.withRegistry")) == len(NESTED)
    assert blocks.end(len(NESTED) - 1) == len(NESTED) - 1  # no `{` after: the offset given


def test_an_image_takes_the_registry_of_the_innermost_block_around_it() -> None:
    text = NESTED + "    docker.image('acme/other:2').pull()\n"
    assert [(f.text, f.line) for f in jenkinsfile_images(text, "Jenkinsfile")] == [
        ("ghcr.io/acme/app:1", 3),
        ("quay.io/acme/other:2", 6),
    ]


def test_an_expression_given_as_the_image_is_read_to_its_own_parenthesis() -> None:
    text = "node { docker.image(pick(a, (b))).pull() }\n"
    assert jenkinsfile_images(text, "Jenkinsfile") == [
        Found(
            "pick(a, (b))",
            "Jenkinsfile",
            1,
            "a Groovy expression, known only when the pipeline runs",
            "image",
            "Jenkinsfile",
        )
    ]


def _unclosed_registries(count: int) -> str:
    return "pipeline {\n" + "docker.withRegistry('https://r.io') {\n" * count + "docker.image('a/b:1').pull()\n"


def _blocks_then_images(count: int) -> str:
    return "node {\n" + "docker.withRegistry(){}\n" * count + "image 'a/b:1'\n" * count + "}\n"


def test_many_unclosed_registry_blocks_read_in_linear_time() -> None:
    # 20,000 blocks (0.8 MB), each once read to the end of the text: 6 s for 1,000, 30 s for 2,000
    found = finishes(jenkinsfile_images, _unclosed_registries(20_000), "Jenkinsfile")
    assert [(f.text, f.line) for f in found] == [("r.io/a/b:1", 20_002)]


def test_many_registry_blocks_and_images_read_in_linear_time() -> None:
    # 70,000 closed blocks, then 70,000 images (2.7 MB), each image once looked for in every block: 22 s for 20,000
    found = finishes(jenkinsfile_images, _blocks_then_images(70_000), "Jenkinsfile")
    assert len(found) == 70_000
    assert {(f.text, f.problem) for f in found} == {("a/b:1", None)}


def test_many_unclosed_environment_blocks_read_in_linear_time() -> None:
    # 20,000 blocks (0.6 MB), each once read to the end of the text, each assignment looked for in every block:
    # 26 s for 2,000, 91 s for 4,000
    text = "pipeline {\n" + "environment {\n  IMAGE = 'a/b:1'\n" * 20_000
    assert finishes(environment_values, text) == {"IMAGE": ["a/b:1"]}
