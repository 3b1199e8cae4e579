"""String constants of the tree's Java classes that a Testcontainers source joins into an image (pure).

A test suite often keeps the tags of the images its publish workflows push in one class, `public class ImageVersions
{ public static final String FAKE_BACKEND_VERSION = "20251117.19421579342"; }`, and its Testcontainers sources join
them, `DockerImageName.parse("ghcr.io/acme/fake-backend:" + ImageVersions.FAKE_BACKEND_VERSION)`. Java inlines such a
constant variable where it is used (a `static final String` initialised with a constant expression is a compile-time
constant, https://docs.oracle.com/javase/specs/jls/se21/html/jls-13.html#jls-13.1), and so does this reader: each
`Class.NAME` of a source is replaced by the literal its class declares, so the source's own reading
(testcontainers.py) sees `"ghcr.io/acme/fake-backend:" + "20251117.19421579342"`; the text keeps its lines.

Read: `static final String NAME = VALUE;` (`final static` too, with any access modifier but `private`) in a Java file
of the tree named after the class (`ImageVersions.java`: a public top-level class is declared in the file of its
name, JLS 7.6), VALUE a literal or a join with `+` of literals and the class's own constants, private ones too
(debezium-server's `Images`: `PULSAR_IMAGE = "mirror.gcr.io/apachepulsar/pulsar:" + PULSAR_VERSION`, a constant
expression, https://docs.oracle.com/javase/specs/jls/se21/html/jls-15.html#jls-15.29). A constant is reached as
`Class.NAME`, or bare through a static import of it (`import static io.debezium.server.Images.FLUSS_IMAGE;`, or
`Images.*`; JLS 7.5.3), unless the source declares that name itself. A Testcontainers module keeps its image as a
`DockerImageName` constant beside its tag (testcontainers-redis's `MemcachedContainer`: `public static final
DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("memcached");` and `DEFAULT_TAG = "1.6-alpine"`, its tests
starting `new MemcachedContainer(MemcachedContainer.DEFAULT_IMAGE_NAME.withTag(MemcachedContainer.DEFAULT_TAG))`):
`Class.NAME` of such a constant, parsed from a literal or a join of the class's string constants, is written as the
`DockerImageName.parse("memcached")` it holds, so the source's reading takes the tag its `.withTag(...)` gives (a
`DockerImageName` is immutable: `withTag` returns a new name, the constant's repository with that tag). A class
inherits its parent's static fields (JLS 8.3): `Child.NAME` is the parent's constant (the file of the parent's name,
through `extends`) when the child declares no such name (`RedisEnterpriseContainer.DEFAULT_IMAGE_NAME` of
`AbstractRedisEnterpriseContainer`). Not read: a class two files of the tree
declare with different values for the name, and a value joined with a call (`System.getProperty(...)`) or another
class's constant. Kotlin's `const val` are kotlin_constants.py's.
"""

from __future__ import annotations

import re

_REFERENCE_RE = re.compile(r"(?<![\w.\"])(?P<cls>[A-Z]\w*)[ \t]*\.[ \t]*(?P<name>[A-Za-z_]\w*)\b(?!\s*\()")
_PART = r"(?:\"[^\"\\\n]*\"|[A-Za-z_]\w*)"
_CONSTANT_RE = re.compile(
    r"^[ \t]*(?P<access>(?:public|protected|private)[ \t]+)?(?:static[ \t]+final|final[ \t]+static)[ \t]+String[ \t]+"
    r"(?P<name>[A-Za-z_]\w*)[ \t]*=\s*(?P<value>" + _PART + r"(?:\s*\+\s*" + _PART + r")*)\s*;",
    re.MULTILINE,
)
# `public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("memcached");` (a tag may follow)
_IMAGE_NAME_RE = re.compile(
    r"^[ \t]*(?P<access>(?:public|protected|private)[ \t]+)?(?:static[ \t]+final|final[ \t]+static)[ \t]+"
    r"DockerImageName[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*=\s*DockerImageName\s*\.\s*parse\(\s*(?P<value>"
    + _PART
    + r"(?:\s*\+\s*"
    + _PART
    + r")*)\s*\)(?:\s*\.\s*withTag\(\s*(?P<tag>"
    + _PART
    + r")\s*\))?\s*;",
    re.MULTILINE,
)
# `class EnterpriseContainer extends AbstractEnterpriseContainer<EnterpriseContainer>`
# a class's type parameters, three levels of `<...>` deep: `<T extends Base<Map<K, V>>>`, each character read one way
TYPE_PARAMETERS = r"(?:<(?:[^<>]|<(?:[^<>]|<[^<>]*>)*>)*>)?"
# `class C<T extends Bound<T>> extends Parent<T>`: the `extends` right after the type parameters (JLS 8.1), not the
# bound of one of them; white space read possessively (a long run of it after a class name: no backtracking over it)
_PARENT_RE = (
    r"\bclass\s+{cls}\s*+"
    + TYPE_PARAMETERS.replace("{", "{{").replace("}", "}}")
    + (r"\s*+\bextends\s+(?:[\w.]+\.)?(?P<parent>[A-Z]\w*)")
)
_SPLIT_RE = re.compile(r"\s*\+\s*")
# `import static io.debezium.server.Images.FLUSS_IMAGE;`, `import static org.acme.Images.*;`
_STATIC_IMPORT_RE = re.compile(
    r"^[ \t]*import[ \t]+static[ \t]+(?:[\w]+\.)*(?P<cls>[A-Z]\w*)\.(?P<name>[A-Za-z_]\w*|\*)[ \t]*;", re.MULTILINE
)
# a string literal (left as it is) or a bare name, not a member (`x.NAME`) nor a call (`NAME(`)
_BARE_RE = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|(?<![\w.$])(?P<name>[A-Za-z_]\w*)\b(?![\w$]|\s*\()")
_MAX_ROUNDS = 8  # constants joined from constants joined from constants ...

Constants = dict[tuple[str, str], str]  # (class, name) -> literal


def referenced_classes(text: str) -> set[str]:
    """The capitalised names a source qualifies another name with (`ImageVersions` of `ImageVersions.X`), and the
    classes it imports static members of."""
    qualified = {match["cls"] for match in _REFERENCE_RE.finditer(text)}
    return qualified | {match["cls"] for match in _STATIC_IMPORT_RE.finditer(text)}


def _declared(text: str) -> tuple[dict[str, set[str]], set[str]]:
    """name -> the expressions `text` initialises a string constant of that name with; the names declared
    private."""
    values: dict[str, set[str]] = {}
    private: set[str] = set()
    for match in _CONSTANT_RE.finditer(text):
        values.setdefault(match["name"], set()).add(match["value"])
        if (match["access"] or "").strip() == "private":
            private.add(match["name"])
    return values, private


def _joined(expression: str, known: dict[str, str]) -> str | None:
    """The value of a join of literals and names of `known`; None when a part is not known (yet)."""
    out = ""
    for part in _SPLIT_RE.split(expression.strip()):
        if part.startswith('"'):
            out += part[1:-1]
        elif part in known:
            out += known[part]
        else:
            return None
    return out


def _constants(texts: list[str]) -> tuple[dict[str, str], set[str]]:
    """name -> literal of the string constants the texts of one class's files declare (literals or joins of its
    other constants; a name two of them give different values is left out), and the names declared private."""
    expressions: dict[str, set[str]] = {}
    private: set[str] = set()
    for text in texts:
        values, hidden = _declared(text)
        for name, found in values.items():
            expressions.setdefault(name, set()).update(found)
        private |= hidden
    single = {name: next(iter(found)) for name, found in expressions.items() if len(found) == 1}
    known: dict[str, str] = {}
    for _ in range(_MAX_ROUNDS):
        added = {
            name: value
            for name, expression in single.items()
            if name not in known and (value := _joined(expression, known)) is not None
        }
        if not added:
            break
        known |= added
    return known, private


def class_constants(cls: str, texts: list[str]) -> Constants:
    """The `static final String` constants of class `cls` that are literals or joins of literals and its other
    constants, from the texts of the tree's files of its name; a name two of them give different values is left
    out, and so is a private one (no other class reaches it)."""
    known, private = _constants(texts)
    return {(cls, name): value for name, value in known.items() if name not in private}


def image_name_constants(cls: str, texts: list[str]) -> Constants:
    """The `static final DockerImageName` constants of class `cls` parsed from a literal or a join of literals and
    the class's string constants (with a `.withTag(...)` of one too), each as the Java expression that names it
    (`DockerImageName.parse("memcached")`), for the source reading it to take the tag it is given after; a name two
    files give different values, and a private one, are left out."""
    strings, private = _constants(texts)
    own: dict[str, set[str]] = {}
    for text in texts:
        for match in _IMAGE_NAME_RE.finditer(text):
            repository = _joined(match["value"], strings)
            tag = _joined(match["tag"], strings) if match["tag"] else None
            if repository is None or (match["tag"] and tag is None):
                continue
            expression = f'DockerImageName.parse("{repository}")' + (f'.withTag("{tag}")' if tag else "")
            own.setdefault(match["name"], set()).add(expression)
            if (match["access"] or "").strip() == "private":
                private.add(match["name"])
    return {(cls, name): found.pop() for name, found in own.items() if len(found) == 1 and name not in private}


def parent_of(cls: str, texts: list[str]) -> str | None:
    """The simple name of the class `cls` extends, when its files say one (a class inherits its parent's static
    fields, https://docs.oracle.com/javase/specs/jls/se21/html/jls-8.html#jls-8.3, so `Child.NAME` may be the
    parent's constant)."""
    parents = {m["parent"] for text in texts if (m := re.search(_PARENT_RE.format(cls=re.escape(cls)), text))}
    return parents.pop() if len(parents) == 1 else None


def inherited(constants: Constants, parents: dict[str, str]) -> Constants:
    """`constants` with each class's parent's constants (through the chain of `parents`, class -> parent) under the
    class's name too, but for the names the class declares itself."""
    out = dict(constants)
    for cls in parents:
        seen = {cls}
        parent = parents.get(cls)
        while parent is not None and parent not in seen:
            for (owner, name), value in constants.items():
                if owner == parent:
                    out.setdefault((cls, name), value)
            seen.add(parent)
            parent = parents.get(parent)
    return out


def _imported(text: str, constants: Constants) -> dict[str, str]:
    """bare name -> literal, for the constants `text` imports statically (a name it declares itself is its own)."""
    out: dict[str, str] = {}
    for match in _STATIC_IMPORT_RE.finditer(text):
        for (cls, name), value in constants.items():
            if cls == match["cls"] and match["name"] in (name, "*"):
                out[name] = value
    if out:
        own = set(_declared(text)[0]) | set(re.findall(r"\bString\s+([A-Za-z_]\w*)\s*[=;,)]", text))
        out = {name: value for name, value in out.items() if name not in own}
    return out


def inlined(text: str, constants: Constants, expressions: Constants | None = None) -> str:
    """`text` with each `Class.NAME` of `constants`, and each bare NAME it imports statically, written as its
    literal, and each `Class.NAME` of `expressions` as its expression (lines kept)."""

    def replace(match: re.Match[str]) -> str:
        key = (match["cls"], match["name"])
        if expressions and key in expressions:
            return expressions[key]
        value = constants.get(key)
        return match.group() if value is None else f'"{value}"'

    rewritten = _REFERENCE_RE.sub(replace, text)
    if not (imported := _imported(text, constants)):
        return rewritten

    def bare(match: re.Match[str]) -> str:
        value = imported.get(match["name"] or "")
        return match.group() if value is None else f'"{value}"'

    return "\n".join(
        line if _STATIC_IMPORT_RE.match(line) else _BARE_RE.sub(bare, line) for line in rewritten.split("\n")
    )
