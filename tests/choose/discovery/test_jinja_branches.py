"""A Jinja template's branches: each `if` chain read once per branch, line numbers kept."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jinja_branches import branch_texts, unprotected

TEXT = (
    "test:\n"  # 1
    "  {%- if use_docker == 'y' %}\n"  # 2
    "  image: docker:27.1\n"  # 3
    "  services: [docker:dind]\n"  # 4
    "  {%- elif use_podman %}\n"  # 5
    "  image: quay.io/podman/stable:v5\n"  # 6
    "  {%- else %}\n"  # 7
    "  image: python:3.13\n"  # 8
    "  {%- endif %}\n"  # 9
    "  script: [make]\n"  # 10
)


def test_each_branch_of_a_chain_is_one_text_with_the_lines_it_had() -> None:
    first, second, third = branch_texts(TEXT)
    assert first.splitlines()[2] == "  image: docker:27.1" and "podman" not in first and "python" not in first
    assert second.splitlines()[5] == "  image: quay.io/podman/stable:v5" and "docker:" not in second
    assert third.splitlines()[7] == "  image: python:3.13" and "dind" not in third
    assert all(text.count("\n") == TEXT.count("\n") for text in (first, second, third))
    assert all(text.splitlines()[9] == "  script: [make]" for text in (first, second, third))


def test_an_if_without_else_is_kept_in_every_text_and_inline_tags_vanish() -> None:
    text = (
        "services:\n  app:{% if celery %} &app{% endif %}\n    image: a:1\n"
        "{% if celery %}\n  worker:\n    <<: *app\n{% endif %}\n"
    )
    (only,) = branch_texts(text)
    assert only == "services:\n  app: &app\n    image: a:1\n\n  worker:\n    <<: *app\n\n"


def test_nested_chains_and_comments_and_raw_blocks() -> None:
    text = (
        "{# a comment\n over two lines #}\n"
        "{% if a %}{% if b %}x: 1{% else %}x: 2{% endif %}{% else %}x: 3{% endif %}\n"
        "group: {% raw %}${{ github.ref }}{% endraw %}\n"
        "{% for n in names %}n: {{ n }}{% endfor %}\n"
    )
    texts = branch_texts(text)
    assert [t.splitlines()[2] for t in texts] == ["x: 1", "x: 3"]
    assert all(t.count("\n") == text.count("\n") for t in texts)
    assert "{{" not in texts[0].splitlines()[3]  # raw text is protected from rendering
    assert unprotected(texts[0]).splitlines()[3] == "group: ${{ github.ref }}"
    assert texts[0].splitlines()[4] == "n: {{ n }}"


def test_unbalanced_tags_do_not_crash() -> None:
    assert branch_texts("{% endif %}a: 1\n{% else %}\n") == ["a: 1\n\n"]
    assert branch_texts("{% if x %}a: 1\n") == ["a: 1\n"]
    assert branch_texts("no template\n") == ["no template\n"]
