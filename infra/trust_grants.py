"""Read access to the public keys the policies name (docs/policies.md), and nothing more: `kms:GetPublicKey` on
the KMS keys and `ssm:GetParameter` on the SSM parameters known at synth time, from the initial image list's
`policies:` and the `verifyKeyArns` context (comma-separated or a list of KMS key or alias ARNs, for keys that only
later lists name). The `trustedRootParameter` context names an SSM parameter holding a newer Sigstore
trusted_root.json (for when Sigstore rotates its keys): read access to it, and its name in the environment.

An alias cannot be a policy's resource: a statement on an alias ARN applies to the alias, not to its key. Keys
named by alias are granted on the account's keys under the condition `kms:RequestAlias`
(https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).
"""

from __future__ import annotations

import re

from aws_cdk import Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.trust.policy import KeyRef

from .image_parameter import parameter_arn
from .settings import SettingsError

CONTEXT_KEY = "verifyKeyArns"
ROOT_CONTEXT_KEY = "trustedRootParameter"  # an SSM parameter holding a newer Sigstore trusted_root.json
ENV_TRUSTED_ROOT = "ECR_MIRROR_TRUSTED_ROOT_PARAMETER"  # a contract with function/trust_state.py
_PARAMETER = re.compile(r"^/?[A-Za-z0-9_.\-/]{1,1011}$")
_KEY_ARN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")
_ALIAS_ARN = re.compile(r"^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):(alias/[A-Za-z0-9/_-]+)$")


def _context_keys(value: object) -> list[KeyRef]:
    if value is None or value == "":
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise SettingsError(f"context {CONTEXT_KEY}={value!r} is invalid: expected KMS key or alias ARNs")
    refs = []
    for item in (i.strip() for i in items):
        if not (_KEY_ARN.match(item) or _ALIAS_ARN.match(item)):
            raise SettingsError(
                f"context {CONTEXT_KEY}: {item!r} is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID) or alias ARN"
            )
        refs.append(KeyRef("awskms", item))
    return refs


def _listed_keys(list_text: str) -> list[KeyRef]:
    images = parse_image_list(list_text)
    policies = [p for e in images.entries for p in e.policies] + [p for r in images.rules for p in r.options.policies]
    return [p.key for p in policies if p.key is not None]


def verify_key_statements(stack: Stack, list_text: str) -> list[iam.PolicyStatement]:
    refs = list(dict.fromkeys([*_listed_keys(list_text), *_context_keys(stack.node.try_get_context(CONTEXT_KEY))]))
    keys: list[str] = []
    aliases: dict[str, list[str]] = {}  # the account's key ARN pattern -> alias names and ARNs requested
    parameters: list[str] = []
    for ref in refs:
        if ref.kind == "ssm":
            parameters.append(parameter_arn(stack, ref.location))
        elif ref.kind == "awskms":
            if match := _ALIAS_ARN.match(ref.location):
                partition, region, account, alias = match.groups()
                pattern = f"arn:{partition}:kms:{region}:{account}:key/*"
                aliases.setdefault(pattern, []).extend([alias, ref.location])
            elif ref.location.startswith("alias/"):
                pattern = stack.format_arn(service="kms", resource="key", resource_name="*")
                aliases.setdefault(pattern, []).append(ref.location)
            elif ref.location.startswith("arn:"):
                keys.append(ref.location)
            else:  # a key id in the stack's account and region
                keys.append(stack.format_arn(service="kms", resource="key", resource_name=ref.location))
    out: list[iam.PolicyStatement] = []
    if keys:
        out.append(iam.PolicyStatement(sid="VerifyKeys", actions=["kms:GetPublicKey"], resources=sorted(set(keys))))
    for index, (pattern, names) in enumerate(sorted(aliases.items())):
        out.append(
            iam.PolicyStatement(
                sid=f"VerifyKeyAliases{index}",
                actions=["kms:GetPublicKey"],
                resources=[pattern],
                conditions={"StringEquals": {"kms:RequestAlias": sorted(set(names))}},
            )
        )
    root = trusted_root_parameter(stack)
    if root:
        parameters.append(parameter_arn(stack, root))
    if parameters:
        out.append(
            iam.PolicyStatement(sid="VerifyKeyParameters", actions=["ssm:GetParameter"], resources=sorted(parameters))
        )
    return out


def trusted_root_parameter(stack: Stack) -> str | None:
    value = stack.node.try_get_context(ROOT_CONTEXT_KEY)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _PARAMETER.match(value) or "//" in value:
        raise SettingsError(f"context {ROOT_CONTEXT_KEY}={value!r} is invalid: expected an SSM parameter name")
    return value


def grant_verification(stack: Stack, role: iam.IRole, function: lambda_.Function, list_text: str) -> None:
    """The key (and trust root) read grants on `role`, and the trust root parameter in the function's environment."""
    for statement in verify_key_statements(stack, list_text):
        role.add_to_principal_policy(statement)
    root = trusted_root_parameter(stack)
    if root:
        function.add_environment(ENV_TRUSTED_ROOT, root)
