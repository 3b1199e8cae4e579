"""Time bounds of php_containers.py on a file of many `parent::__construct` calls and parameters."""

from __future__ import annotations

import time

from ecr_mirror.choose.discovery.php_containers import php_container_images


def test_many_parent_calls_are_read_in_linear_time() -> None:
    text = "class A extends GenericContainer\n" + "parent::__construct('redis:' . $v);\n" * 20_000
    text += "function __construct(" + "$x = 'a', " * 20_000 + "$v = '7.2') {}\n"
    started = time.perf_counter()
    found = php_container_images(text)
    assert time.perf_counter() - started < 3.0
    assert len(found) == 20_000 and found[0][1] == "redis:7.2"


def test_the_first_signature_giving_a_default_is_taken() -> None:
    text = (
        "class RedisContainer extends GenericContainer {\n"
        "  public function __construct(string $version) { parent::__construct('redis:' . $version); }\n"
        "  public static function make(string $version = '7.2') {}\n"
        "  public static function other(string $version = '6') {}\n}\n"
    )
    assert [image for _, image in php_container_images(text)] == ["redis:7.2"]
