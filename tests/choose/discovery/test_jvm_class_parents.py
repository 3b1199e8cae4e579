"""The class a Java class extends (jvm_class_constants.parent_of), whose static fields it inherits: the `extends`
after the class's type parameters, not one inside them (`class C<T extends Bound<T>> extends Parent<T>`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jvm_class_constants import parent_of
from tests.support.hang_guard import finishes

GENERIC = """\
package com.redis.testcontainers;

public class RedisEnterpriseContainer<T extends RedisEnterpriseContainer<T>>
        extends AbstractRedisEnterpriseContainer<T> {
    public static final String DEFAULT_TAG = "7.4.6-102";
}
"""
BOUNDED = "public class KeyDbContainer<T extends Comparable<List<T>>> extends RedisContainer<T> {}\n"


def test_the_parent_is_the_class_after_the_type_parameters() -> None:
    # a review found the first `extends` taken, the type parameter's bound: the class itself, or another class
    assert parent_of("RedisEnterpriseContainer", [GENERIC]) == "AbstractRedisEnterpriseContainer"
    assert parent_of("KeyDbContainer", [BOUNDED]) == "RedisContainer"
    assert parent_of("Plain", ["class Plain extends com.acme.Base {}"]) == "Base"
    assert parent_of("Alone", ["class Alone implements Runnable {}"]) is None


def test_a_long_declaration_without_a_body_is_read_in_linear_time() -> None:
    # the declaration was read lazily up to any `extends` (50,000 `class A` without a brace: minutes)
    assert finishes(parent_of, "A", ["class A " * 200_000]) is None


def test_a_long_run_of_white_space_after_a_class_name_is_read_in_linear_time() -> None:
    # the white space before and after the (absent) type parameters was tried both ways: 20,000 spaces, 17 s
    assert finishes(parent_of, "A", ["class A" + " " * 200_000 + "{}"]) is None
    assert finishes(parent_of, "A", ["class A" + " " * 200_000 + "extends B {}"]) == "B"
