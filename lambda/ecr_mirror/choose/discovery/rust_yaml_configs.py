"""The images a tree's own Rust tool pulls from the YAML file it reads (pure).

A developer tool written in Rust keeps the services it starts in docker in a YAML file of the tree, read with serde
into structs (`#[derive(Deserialize)] struct RedisConfig { pub image: String, ... }`: a field's key is its name, or
its `#[serde(rename = "...")]`, or the name `#[serde(rename_all = "kebab-case")]` makes of it,
https://serde.rs/container-attrs.html#rename_all), and hands a field to a docker command it builds with
`std::process::Command` (`Command::new("docker")` ... `cmd.arg("pull").arg(self.config.image())`,
https://doc.rust-lang.org/std/process/struct.Command.html#method.arg). The file is one the tool names by a string
literal (`pub const RISEDEV_CONFIG_FILE: &str = "risedev.yml";`). RisingWave's risedev reads `risedev.yml`, whose
`template:` gives each docker-backed service its `image:` (`confluentinc/cp-kafka:7.6.1`, `redis:7.2.14`, ...).

Read here: the fields a docker command of a source passes as an argument (`pulled_fields`: only a field whose name
holds `image`, passed as `.arg(x.image())`, `.arg(&x.image)`, in a source that also gives the command `pull`, `run`
or `create`), the keys of those fields in the crate's Deserialize structs (`deserialized_keys`), and the YAML files
the sources name (`named_yaml`). The caller (cli/discover_rust_yaml_configs.py) ties them within one crate.
"""

from __future__ import annotations

import re

KIND = "YAML file a Rust tool reads"
_COMMAND_RE = re.compile(r"\bCommand::new\(\s*\"(?:docker|podman)\"\s*\)")
_VERB_RE = re.compile(r"\.args?\(\s*(?:&?\[\s*)?\"(?:pull|run|create)\"")
# `.arg(self.config.image())`, `.arg(&config.image)`, `.arg(spec.docker_image.clone())`
_ARGUMENT_RE = re.compile(
    r"\.arg\(\s*&?(?:[a-z_]\w*\.)+(?!(?:clone|as_str|to_string|to_owned)\()(?P<field>[a-z_]\w*)(?:\(\))?(?:\.(?:clone|as_str|to_string|to_owned)\(\))?\s*\)"
)
_DERIVE_RE = re.compile(r"#\[derive\([^)]*\bDeserialize\b[^)]*\)\]")
_STRUCT_RE = re.compile(r"\bstruct[ \t]+\w+(?:<[^>{]*>)?[ \t]*\{")
_RENAME_ALL_RE = re.compile(r"#\[serde\([^)]*\brename_all[ \t]*=[ \t]*\"(?P<case>[\w-]+)\"")
_FIELD_RE = re.compile(
    r"(?P<attributes>(?:[ \t]*#\[[^\n]*\][ \t]*\n)*)[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?P<field>[a-z_]\w*)[ \t]*:"
    r"[ \t]*(?:Option<[ \t]*)?String\b"
)
_RENAME_RE = re.compile(r"#\[serde\([^)]*\brename[ \t]*=[ \t]*\"(?P<key>[^\"]+)\"")
_NAMED_YAML_RE = re.compile(r"\"(?P<name>[\w./-]*[\w-]\.ya?ml)\"")


def pulled_fields(text: str) -> set[str]:
    """The fields (their names holding `image`) a docker command of the Rust source `text` is given as arguments,
    when the source gives a docker command `pull`, `run` or `create`."""
    if not _COMMAND_RE.search(text) or not _VERB_RE.search(text):
        return set()
    return {match["field"] for match in _ARGUMENT_RE.finditer(text) if "image" in match["field"]}


def _cased(field: str, case: str | None) -> str:
    """The key serde's `rename_all` makes of a snake_case field name."""
    words = field.split("_")
    match case:
        case "kebab-case":
            return "-".join(words)
        case "SCREAMING-KEBAB-CASE":
            return "-".join(words).upper()
        case "SCREAMING_SNAKE_CASE" | "UPPERCASE":
            return field.upper()
        case "camelCase":
            return words[0] + "".join(word.capitalize() for word in words[1:])
        case "PascalCase":
            return "".join(word.capitalize() for word in words)
        case _:
            return field


def _body(text: str, start: int) -> str:
    """The text of the braces opening at `start - 1` (a struct's fields)."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start:index]
    return text[start:]


def deserialized_keys(text: str, fields: set[str]) -> set[str]:
    """The keys of `fields` (of type `String` or `Option<String>`) in the structs of `text` that derive Deserialize."""
    keys: set[str] = set()
    for derive in _DERIVE_RE.finditer(text):
        struct = _STRUCT_RE.search(text, derive.end())
        if (
            struct is None
            or text[derive.end() : struct.start()].count(";")
            or "{" in text[derive.end() : struct.start()]
        ):
            continue
        attributes = text[derive.end() : struct.start()]
        case = match["case"] if (match := _RENAME_ALL_RE.search(attributes)) else None
        body = "\n" + _body(text, struct.end())
        for field in _FIELD_RE.finditer(body):
            if field["field"] not in fields:
                continue
            renamed = _RENAME_RE.search(field["attributes"] or "")
            keys.add(renamed["key"] if renamed else _cased(field["field"], case))
    return keys


def named_yaml(text: str) -> set[str]:
    """The YAML files `text` names by a relative path in a string literal (`"risedev.yml"`)."""
    return {match["name"] for match in _NAMED_YAML_RE.finditer(text) if not match["name"].startswith("/")}
