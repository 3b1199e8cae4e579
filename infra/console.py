"""The AWS console's domain for the partition the stack is deployed in (the dashboard's link)."""

from __future__ import annotations

from aws_cdk import Aws, CfnMapping, Stack

# https://docs.aws.amazon.com/general/latest/gr/mgmt-console.html (aws),
# https://docs.amazonaws.cn/en_us/aws/latest/userguide/general-info.html (aws-cn: amazonaws.cn),
# https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-iam.html (aws-us-gov: amazonaws-us-gov.com).
CONSOLE_DOMAINS = {
    "aws": "console.aws.amazon.com",
    "aws-cn": "console.amazonaws.cn",
    "aws-us-gov": "console.amazonaws-us-gov.com",
}


def console_domain(stack: Stack) -> str:
    """A token resolving to the console domain of `${AWS::Partition}` at deploy time."""
    mapping = CfnMapping(
        stack, "ConsoleDomain", mapping={partition: {"domain": d} for partition, d in CONSOLE_DOMAINS.items()}
    )
    return mapping.find_in_map(Aws.PARTITION, "domain")
