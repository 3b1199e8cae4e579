"""Whether a Java or Kotlin test source is disabled as a whole: every top-level class of it annotated with JUnit's
`@Disabled` (Jupiter) or `@Ignore` (JUnit 4) (pure).

JUnit runs none of the tests of a class so annotated (https://junit.org/junit5/docs/current/user-guide/
#writing-tests-disabling; JUnit 4's `org.junit.Ignore` on a class, https://junit.org/junit4/javadoc/latest/org/junit/
Ignore.html), so the containers the class starts are never pulled. The annotation counts when the file imports it
(`import org.junit.jupiter.api.Disabled`, `org.junit.jupiter.api.*`; `org.junit.Ignore`, `org.junit.*`) or writes it
qualified (`@org.junit.jupiter.api.Disabled`); a project's own `@Disabled` is not JUnit's. A method's `@Disabled`
leaves the class's other tests running, and conditions (`@DisabledIfEnvironmentVariable`, `@DisabledOnOs`) run the
class somewhere: neither disables the file. A file with a top-level class that is not disabled is read whole, and
so is one with an abstract (or Kotlin `open`) class: JUnit runs no such class itself, and does not inherit the
annotation (`@Disabled` is not `@Inherited`), so the subclasses it is written for run, starting its containers.
A disabled file stays among the sources the other readers take constants, helpers and image methods from: the
classes that run may use them (`LegacyKafkaTest.KAFKA_IMAGE`); only what is found in the file itself is dropped.

Comments and strings are blanked first, and the braces counted in one pass: linear in the file's length, an
unclosed comment, string or block included. Outside every class, braces inside parentheses are an annotation's array
argument (`@SuppressWarnings({"rawtypes", "unchecked"})`, https://docs.oracle.com/javase/specs/jls/se21/html/
jls-9.html#jls-9.7.1) or a Kotlin constructor's default lambda, not a block: they neither open a body nor end the
reach of the annotations before them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.testcontainers import language_of

# a comment, a text block, a string or a char literal (each may be left unclosed)
_BLANKED_RE = re.compile(
    r"//[^\n]*|/\*.*?(?:\*/|\Z)|\"\"\".*?(?:\"\"\"|\Z)|\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?", re.DOTALL
)
# a brace, a parenthesis, a statement's end, or a type declaration's keyword (not `Foo.class`, `Foo::class`,
# `@interface`)
_TOKEN_RE = re.compile(r"[{};()]|(?<![\w.:@$])(?P<keyword>class|interface|enum|record|object)\s+[A-Za-z_$]")
_JUPITER_RE = re.compile(r"^[ \t]*import[ \t]+org\.junit\.jupiter\.api\.(?:Disabled\b|\*)", re.MULTILINE)
_JUNIT4_RE = re.compile(r"^[ \t]*import[ \t]+org\.junit\.(?:Ignore\b|\*)", re.MULTILINE)
_EXTENDED_RE = re.compile(r"(?<![\w.@$])(?:abstract|open)(?![\w$])")  # a class written to be extended
_QUALIFIED_RE = re.compile(r"@\s*(?:org\.junit\.jupiter\.api\.Disabled|org\.junit\.Ignore)\b")


def _annotation_re(text: str) -> re.Pattern[str] | None:
    """The pattern of the disabling annotations `text` may write, by its imports; None when it imports neither."""
    names = [name for name, imported in (("Disabled", _JUPITER_RE), ("Ignore", _JUNIT4_RE)) if imported.search(text)]
    return re.compile(r"@\s*(?:" + "|".join(names) + r")\b(?!\s*\.)") if names else None


def disabled_test_class(text: str) -> bool:
    """Whether every top-level class (interface, enum, record, Kotlin object) `text` declares is annotated with
    JUnit's `@Disabled` or `@Ignore`, and it declares one."""
    if "Disabled" not in text and "Ignore" not in text:
        return False
    imported = _annotation_re(text)
    code = _BLANKED_RE.sub(" ", text)
    depth, parens, header, declared = 0, 0, 0, 0
    for token in _TOKEN_RE.finditer(code):
        if depth == 0 and token[0] in "()":
            parens += 1 if token[0] == "(" else -1 if parens else 0
            continue
        if depth or parens:  # inside a class, or inside an annotation's (or a constructor's) arguments
            if token[0] in "{}" and not parens:
                depth += 1 if token[0] == "{" else -1
                header = token.end() if depth == 0 else header
            continue
        if token["keyword"] is None:
            depth += 1 if token[0] == "{" else 0
            header = token.end()
            continue
        before = code[header : token.start()]
        if _QUALIFIED_RE.search(before) is None and (imported is None or imported.search(before) is None):
            return False
        if _EXTENDED_RE.search(before) is not None:
            return False
        declared, header = declared + 1, token.end()  # a class without a body (Kotlin) ends its annotations' reach
    return declared > 0


def disabled_sources(decoded: dict[str, tuple[Path, str]]) -> set[str]:
    """The Java and Kotlin sources of `decoded` (name shown -> (path, text)) whose test classes JUnit disables as a
    whole: what any reader finds starting in one is not pulled. They stay among the sources read for what other
    files take from them (a constant, a helper, an image method a running subclass overrides): a disabled class's
    constants are still compiled and used by the classes that run."""
    return {
        shown
        for shown, (_, text) in decoded.items()
        if language_of(shown) in ("Java", "Kotlin") and disabled_test_class(text)
    }
