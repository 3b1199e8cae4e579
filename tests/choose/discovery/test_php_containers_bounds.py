"""Hang guards (tests/support/hang_guard.py) of php_containers.py on a file of many `parent::__construct` calls and
parameters."""

from __future__ import annotations

from ecr_mirror.choose.discovery.php_containers import php_container_images
from tests.support.hang_guard import finishes


def test_many_parent_calls_are_read_in_linear_time() -> None:
    text = "class A extends GenericContainer\n" + "parent::__construct('redis:' . $v);\n" * 80_000
    text += "function __construct(" + "$x = 'a', " * 80_000 + "$v = '7.2') {}\n"
    found = finishes(php_container_images, text)
    assert len(found) == 80_000 and found[0][1] == "redis:7.2"


def test_the_first_signature_giving_a_default_is_taken() -> None:
    text = (
        "class RedisContainer extends GenericContainer {\n"
        "  public function __construct(string $version) { parent::__construct('redis:' . $version); }\n"
        "  public static function make(string $version = '7.2') {}\n"
        "  public static function other(string $version = '6') {}\n}\n"
    )
    assert [image for _, image in php_container_images(text)] == ["redis:7.2"]
