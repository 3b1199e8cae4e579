"""Kotlin `const val` string constants (kotlin_constants.py): their scopes, joins and templates, the names a source
sees, and hang guards on hostile files (tests/support/hang_guard.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kotlin_constants import KotlinConstants, kotlin_constants, kotlin_inlined
from tests.support.hang_guard import finishes

_N = 80_000

CONSTANTS = """\
package org.acme.images

private const val TAG = "1.4.2"
const val WORKER = "ghcr.io/acme/worker:$TAG"
const val JOINED = "ghcr.io/acme/" +
    "joined:${TAG}"
const val FROM_CALL = "acme/x:" + version()
const val NOT_A_STRING = 3

/* const val IN_COMMENT = "acme/comment:1" */
val text = "const val IN_STRING = \\"acme/string:1\\""

object Registry {
    const val MIRROR = "mirror.gcr.io/acme/base:$TAG"
    fun describe() = listOf(1).map { it }
}

class Holder {
    companion object Factory {
        const val DEFAULT = "acme/holder:2.0"
    }
}

fun helper() {
    val local = 1
}
"""


def test_scopes_joins_and_templates_are_read() -> None:
    constants = kotlin_constants([CONSTANTS])
    assert constants.top_level == {
        ("org.acme.images", "WORKER"): "ghcr.io/acme/worker:1.4.2",
        ("org.acme.images", "JOINED"): "ghcr.io/acme/joined:1.4.2",
    }
    assert constants.members == {
        ("Registry", "MIRROR"): "mirror.gcr.io/acme/base:1.4.2",
        ("Holder", "DEFAULT"): "acme/holder:2.0",
    }


def test_a_source_sees_imported_aliased_and_own_package_constants() -> None:
    constants = KotlinConstants(
        {("org.acme.images", "WORKER"): "acme/worker:1", ("org.acme.it", "LOCAL"): "acme/local:1"},
        {("Registry", "MIRROR"): "acme/mirror:1"},
    )
    source = (
        "package org.acme.it\n"
        "import org.acme.images.WORKER as W\n"
        "import org.acme.Registry.MIRROR\n"
        "val a = GenericContainer(W)\n"
        'val b = GenericContainer(LOCAL).withLabel("x", "$LOCAL")\n'
        "val c = GenericContainer(image = MIRROR)\n"
        "val d = GenericContainer(WORKER)\n"
    )
    assert kotlin_inlined(source, constants).split("\n")[3:7] == [
        'val a = GenericContainer("acme/worker:1")',
        'val b = GenericContainer("acme/local:1").withLabel("x", "$LOCAL")',
        'val c = GenericContainer(image = "acme/mirror:1")',
        "val d = GenericContainer(WORKER)",
    ]


def test_hostile_files_are_read_in_linear_time() -> None:
    unclosed = [
        '"""' + "x\n" * _N,
        "/* /* " * _N,
        'const val A = "' + "$a" * _N,
        'const val A = "a" +\n' * _N,
        "object A {\n" * _N + "}\n" * _N,
        "companion object {\n" * _N,
        "}\n" * _N + 'const val A = "acme/a:1"\n',
    ]
    for text in unclosed:
        finishes(kotlin_constants, [text])
    constants = KotlinConstants({("p", "A"): "acme/a:1"}, {})
    assert finishes(kotlin_inlined, "package p\n" + "A(A A = A: " * _N, constants).count('"acme/a:1"') > 0
