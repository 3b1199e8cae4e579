"""The policies of the rules form (pure, no I/O): what a new upstream digest must show before its tag moves.

    policies:
      signed:  {key: keys/cosign.pub, attestations: [https://slsa.dev/provenance/v1]}
      k8s:     {identity: krel-trust@k8s-releng-prod.iam.gserviceaccount.com, issuer: https://accounts.google.com}
      cooling: {minAge: 48h}

A policy holds any of `minAge`, one signer (`key`, or `identity`/`identityRegex` with `issuer`) and `attestations`
(predicate types that signer must have attested). Errors name the policy and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ecr_mirror.errors import ConfigError
from ecr_mirror.trust.durations import parse_duration

POLICY_KEYS = frozenset({"minAge", "key", "identity", "identityRegex", "issuer", "attestations"})
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_KMS_PREFIX = "awskms:///"
_SSM_PREFIX = "ssm:"
# A key id, a key or alias ARN, or alias/NAME (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html)
_KMS_KEY_RE = re.compile(
    r"arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/[A-Za-z0-9/_-]+|alias/[A-Za-z0-9/_-]+|[A-Za-z0-9-]{1,64}"
)

KeyKind = Literal["file", "awskms", "ssm"]


@dataclass(frozen=True)
class KeyRef:
    """Where a public key lives: a PEM file, a KMS key (ARN or alias), or an SSM parameter holding PEM text."""

    kind: KeyKind
    location: str  # a path, a KMS key id/ARN/alias, or an SSM parameter name

    def __str__(self) -> str:
        if self.kind == "awskms":
            return _KMS_PREFIX + self.location
        if self.kind == "ssm":
            return _SSM_PREFIX + self.location
        return self.location


@dataclass(frozen=True)
class IdentityRule:
    """The keyless signer: a Fulcio certificate's identity (exact or a full-match regex) and OIDC issuer."""

    issuer: str
    identity: str | None = None
    identity_regex: str | None = None

    def matches(self, identity: str) -> bool:
        if self.identity is not None:
            return identity == self.identity
        return self.identity_regex is not None and re.fullmatch(self.identity_regex, identity) is not None

    def __str__(self) -> str:
        who = self.identity if self.identity is not None else f"/{self.identity_regex}/"
        return f"{who} (issuer {self.issuer})"


@dataclass(frozen=True)
class Policy:
    name: str
    min_age: float | None = None  # seconds
    key: KeyRef | None = None
    identity: IdentityRule | None = None
    attestations: tuple[str, ...] = ()  # in-toto predicate types, signed by the same key or identity

    @property
    def signed(self) -> bool:
        """Whether the policy asks for signatures (and so applies to digest pins too)."""
        return self.key is not None or self.identity is not None

    @property
    def signer(self) -> str:
        if self.key is not None:
            return f"key {self.key}"
        return f"identity {self.identity}" if self.identity else "nobody"


def parse_key(value: object, where: str) -> KeyRef:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: a PEM file path, awskms:///ARN-or-alias or ssm:/PARAMETER, not {value!r}")
    value = value.strip()
    if value.startswith("awskms://"):
        location = value.removeprefix(_KMS_PREFIX)
        if not value.startswith(_KMS_PREFIX) or not _KMS_KEY_RE.fullmatch(location):
            raise ConfigError(f"{where}: {value!r}: write awskms:///arn:aws:kms:... or awskms:///alias/NAME")
        return KeyRef("awskms", location)
    if value.startswith(_SSM_PREFIX):
        name = value.removeprefix(_SSM_PREFIX)
        if not re.fullmatch(r"/?[A-Za-z0-9_.\-/]{1,1011}", name) or "//" in name:
            raise ConfigError(f"{where}: {value!r}: write ssm:/PARAMETER/NAME")
        return KeyRef("ssm", name)
    if "://" in value:
        raise ConfigError(f"{where}: {value!r}: only PEM files, awskms:/// and ssm: keys are supported")
    return KeyRef("file", value)


def _text(raw: dict[str, object], field: str, where: str) -> str | None:
    value = raw.get(field)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}.{field}: a non-empty string, not {value!r}")
    return value.strip()


def _identity(raw: dict[str, object], where: str) -> IdentityRule | None:
    identity = _text(raw, "identity", where)
    regex = _text(raw, "identityRegex", where)
    issuer = _text(raw, "issuer", where)
    if identity is None and regex is None:
        if issuer is not None:
            raise ConfigError(f"{where}: issuer needs identity or identityRegex (the certificate's subject)")
        return None
    if identity is not None and regex is not None:
        raise ConfigError(f"{where}: identity and identityRegex are exclusive; keep one")
    if issuer is None:
        raise ConfigError(f"{where}: {'identity' if identity else 'identityRegex'} needs issuer (the OIDC issuer URL)")
    if regex is not None:
        try:
            re.compile(regex)
        except re.error as exc:
            raise ConfigError(f"{where}.identityRegex: {regex!r} is not a regular expression: {exc}") from exc
    return IdentityRule(issuer=issuer, identity=identity, identity_regex=regex)


def _attestations(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}.attestations: a list of predicate types such as [https://slsa.dev/provenance/v1]")
    return tuple(dict.fromkeys(v.strip() for v in value))


def parse_policy(name: str, raw: object, where: str) -> Policy:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a mapping of {', '.join(sorted(POLICY_KEYS))}")
    unknown = set(raw) - POLICY_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown field {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(POLICY_KEYS))})")
    if not raw:
        raise ConfigError(f"{where}: empty; set minAge, key, identity/issuer or attestations")
    min_age = None
    if "minAge" in raw:
        try:
            min_age = parse_duration(raw["minAge"])
        except ValueError as exc:
            raise ConfigError(f"{where}.minAge: {exc}") from exc
    key = parse_key(raw["key"], f"{where}.key") if "key" in raw else None
    identity = _identity(raw, where)
    if key is not None and identity is not None:
        raise ConfigError(f"{where}: key and identity are exclusive in one policy; use two policies to ask for both")
    attestations = _attestations(raw.get("attestations"), where)
    if attestations and key is None and identity is None:
        raise ConfigError(f"{where}.attestations: say who signs them (key, or identity and issuer)")
    return Policy(name, min_age, key, identity, attestations)


def parse_policies(raw: object, where: str = "policies") -> dict[str, Policy]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a mapping of policy names to policies")
    out: dict[str, Policy] = {}
    for name, body in raw.items():
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise ConfigError(f"{where}: {name!r} is not a policy name (letters, digits, '_', '.', '-')")
        out[name] = parse_policy(name, body, f"{where}.{name}")
    return out


def select_policies(value: object, known: dict[str, Policy], where: str) -> tuple[Policy, ...]:
    """`policy: NAME` or `policy: [NAME, ...]` (every one must pass); `[]` for none."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{where}: a policy name or a list of names, not {value!r}")
    out: list[Policy] = []
    for name in dict.fromkeys(names):
        if name not in known:
            have = ", ".join(sorted(known)) or "none defined under policies:"
            raise ConfigError(f"{where}: unknown policy {name!r} (known: {have})")
        out.append(known[name])
    return tuple(out)


def policy_names(policies: tuple[Policy, ...]) -> str | None:
    return ", ".join(p.name for p in policies) or None


def signature_fields(policy: Policy) -> dict[str, object]:
    """The signature and attestation parts of a policy in the rules form's fields (parse_policy reads them back):
    what a fan-out worker needs once the planner has judged the age."""
    out: dict[str, object] = {}
    if policy.key is not None:
        out["key"] = str(policy.key)
    if policy.identity is not None:
        out["issuer"] = policy.identity.issuer
        if policy.identity.identity is not None:
            out["identity"] = policy.identity.identity
        if policy.identity.identity_regex is not None:
            out["identityRegex"] = policy.identity.identity_regex
    if policy.attestations:
        out["attestations"] = list(policy.attestations)
    return out
