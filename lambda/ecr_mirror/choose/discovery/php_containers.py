"""The images PHP tests start with Testcontainers for PHP (pure; testcontainers.py decides the file uses it).

Testcontainers for PHP (https://github.com/testcontainers/testcontainers-php, its README's "Usage") creates a
container from an image, `new GenericContainer('nginx:alpine')` (the older releases: `Container::make('nginx:alpine')`,
`GenericContainer::make(...)`), and its modules give their parent an image built from a version parameter,
`parent::__construct('mysql:' . $version)` with `$version = 'latest'` in the constructor (or the older static
`make(string $version = 'latest')` that calls it). Read in a PHP file that imports or declares the library's
namespace (`use Testcontainers\\...`, `namespace Testcontainers\\...`):

- the first argument of `new GenericContainer(...)`, `GenericContainer::make(...)` and `Container::make(...)`: a
  single- or double-quoted literal (not one interpolating `$`), or a class constant the file declares with one
  (`private const IMAGE = 'redis:7';` handed as `self::IMAGE` or `static::IMAGE`);
- in a container class of the file (`class X extends GenericContainer`, a parent named `...Container`), the image it
  gives `parent::__construct(...)`: a literal, or `'REPOSITORY:' . $PARAM` where the file's `__construct` or `make`
  gives `$PARAM` a literal default (the image the module starts when given no version), listed at the default's line;
- in such a class, k-kinzal/testcontainers-php's static image property, `protected static $IMAGE = 'docker:27-dind';`
  (https://github.com/k-kinzal/testcontainers-php/blob/main/docs/container-configuration.md: the image its
  `GenericContainer` pulls when `Testcontainers::run(DinD::class)` starts the class);
- the image given first to `run(...)` of that library's `DockerClient` the file creates (`$client = new
  DockerClient();` then `$client->run('busybox:1.36', ...)`, its `docker run`).

A module's class given a version (`new MySQLContainer('8.0')`) names its repository in the library, not in the file:
not read.
"""

from __future__ import annotations

import re

_USES_RE = re.compile(r"^[ \t]*(?:use|namespace)[ \t]+\\?Testcontainers\\", re.MULTILINE)
_LITERAL = r"""(?:'(?P<single>[^'\\\n]+)'|"(?P<double>[^"\\\n$]+)")"""
_ARGUMENT = _LITERAL + r"|(?:self|static)::(?P<constant>[A-Za-z_]\w*)"
_STARTED_RE = re.compile(
    r"(?:\bnew[ \t]+\\?(?:[\w\\]+\\)?GenericContainer|\b(?:Generic)?Container::make)\(\s*(?:" + _ARGUMENT + r")\s*[,)]"
)
_CONSTANT_RE = re.compile(
    r"^[ \t]*(?:(?:public|private|protected|final)[ \t]+)*const[ \t]+(?:string[ \t]+)?(?P<name>[A-Za-z_]\w*)"
    r"[ \t]*=[ \t]*" + _LITERAL + r"[ \t]*;",
    re.MULTILINE,
)
_CLASS_RE = re.compile(r"\bclass[ \t]+\w+[ \t]+extends[ \t]+\\?(?:[\w\\]+\\)?\w*Container\b")
_PARENT_RE = re.compile(
    r"\bparent::__construct\(\s*(?:"
    + _LITERAL
    + r"\s*[,)]|'(?P<repository>[^'\\\n]+:)'\s*\.\s*\$(?P<param>\w+)\s*[,)])"
)
# k-kinzal/testcontainers-php's container class names its image in a static property, which its `GenericContainer`
# reads (https://github.com/k-kinzal/testcontainers-php/blob/main/docs/container-configuration.md)
_STATIC_IMAGE_RE = re.compile(
    r"^[ \t]*(?:(?:public|protected|private)[ \t]+)?static[ \t]+(?:\??string[ \t]+)?\$IMAGE[ \t]*=[ \t]*"
    + _LITERAL
    + r"[ \t]*;",
    re.MULTILINE,
)
# its `DockerClient` runs `docker run IMAGE` (`$client = new DockerClient();` then `$client->run('busybox:1.36', ...)`)
_CLIENT_RE = re.compile(r"(?P<client>\$\w+)\s*=\s*new[ \t]+\\?(?:[\w\\]+\\)?DockerClient\(")
_DEFAULT_RE = re.compile(r"\$(?P<param>\w+)\s*=\s*" + _LITERAL)  # a parameter's literal default
_SIGNATURE_RE = re.compile(r"\bfunction[ \t]+(?:__construct|make)[ \t]*\((?P<parameters>[^)]*)\)")


def uses_php_testcontainers(text: str) -> bool:
    """Whether a PHP file imports or declares Testcontainers for PHP's namespace."""
    return _USES_RE.search(text) is not None


def _literal(match: re.Match[str]) -> tuple[int, str] | None:
    for group in ("single", "double"):
        if match[group] is not None:
            return match.start(group), match[group]
    return None


def _defaults(text: str) -> dict[str, tuple[int, str]]:
    """Each parameter -> (offset, value) of the literal default the file's first `__construct` or `make` giving it
    one gives it; read once, not once a `parent::__construct` (quadratic in a file of many)."""
    defaults: dict[str, tuple[int, str]] = {}
    for signature in _SIGNATURE_RE.finditer(text):
        for found in _DEFAULT_RE.finditer(text, signature.start("parameters"), signature.end("parameters")):
            if (literal := _literal(found)) is not None:
                defaults.setdefault(found["param"], literal)
    return defaults


def php_container_images(text: str) -> list[tuple[int, str]]:
    """(offset, image as written) of the images a PHP Testcontainers file starts (see the module)."""
    constants = {m["name"]: literal for m in _CONSTANT_RE.finditer(text) if (literal := _literal(m))}
    out: list[tuple[int, str]] = []
    for match in _STARTED_RE.finditer(text):
        given = constants.get(match["constant"]) if match["constant"] else _literal(match)
        out += [given] if given is not None else []
    for client in {m["client"] for m in _CLIENT_RE.finditer(text)}:
        run = re.compile(re.escape(client) + r"->run\(\s*" + _LITERAL + r"\s*[,)]")
        out += [given for match in run.finditer(text) if (given := _literal(match)) is not None]
    if _CLASS_RE.search(text) is None:
        return out
    out += [given for match in _STATIC_IMAGE_RE.finditer(text) if (given := _literal(match)) is not None]
    defaults: dict[str, tuple[int, str]] | None = None
    for match in _PARENT_RE.finditer(text):
        if match["param"] is None:
            out += [given] if (given := _literal(match)) is not None else []
            continue
        defaults = _defaults(text) if defaults is None else defaults
        if (default := defaults.get(match["param"])) is not None:
            out.append((default[0], match["repository"] + default[1]))
    return out
