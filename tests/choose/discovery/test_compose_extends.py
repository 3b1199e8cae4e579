"""A compose service with what it `extends:` (compose_extends.py, read by compose_images): the image of the service
it extends unless it sets its own or builds; cycles and unknown services leave it unknown, with the reason."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import compose_images

FILES = {
    "deploy/common.yml": (
        "services:\n  api:\n    image: ${REGISTRY:-ghcr.io/acme}/api:${API_TAG}\n  loop:\n    extends: loop\n"
    ),
}


def _load(path: str) -> str | None:
    return FILES.get(path)


def test_the_extended_file_is_named_by_a_variable_and_takes_the_project_values() -> None:
    text = (
        "services:\n"
        "  api:\n    extends:\n      file: ${COMMON:-deploy/common.yml}\n      service: api\n"
        "  local:\n    extends:\n      file: deploy/common.yml\n      service: api\n    build: .\n"
    )
    found = compose_images(text, "compose.yaml", {"API_TAG": "1.4.2"}, load=_load)
    assert [(item.text, item.line, item.problem) for item in found] == [("ghcr.io/acme/api:1.4.2", 5, None)]
    assert found[0].use == "image (extends deploy/common.yml)"


def test_a_cycle_or_a_missing_service_leaves_the_image_unknown() -> None:
    text = (
        "services:\n"
        "  a:\n    extends:\n      file: deploy/common.yml\n      service: loop\n"
        "  b:\n    extends:\n      file: deploy/common.yml\n      service: nope\n"
        "  c:\n    extends: c\n"
    )
    found = compose_images(text, "compose.yaml", {}, load=_load)
    problems = {item.text: item.problem or "" for item in found}
    assert sorted(problems) == ["service a", "service b", "service c"]
    assert "a cycle" in problems["service a"] and "a cycle" in problems["service c"]
    assert "does not have" in problems["service b"]


def test_read_alone_a_file_extended_elsewhere_is_not_a_problem() -> None:
    text = "services:\n  api:\n    extends:\n      file: other.yml\n      service: api\n  db:\n    image: postgres:17\n"
    assert [item.text for item in compose_images(text, "compose.yaml")] == ["postgres:17"]
