"""CDK infrastructure for ecr-mirror, grouped by component.

settings.py        context values -> typed Settings (defaults, validation); context_lists.py: list-valued keys
schedule.py        the interval between two runs of a rate(...) or cron(...) schedule (the alarms' period)
image_list.py      images.txt -> parameter text and the repositories to pre-create
bundling.py        the function asset, bundled with pip on the host (no Docker)
mirror_function.py the Lambda function, its role and log group
repositories.py    ECR repositories and the CREATE_ON_PUSH creation template
image_parameter.py the SSM parameter holding the image list
triggers.py        schedule rule and the parameter-change rule
trigger_provider.py least privilege for CDK's trigger provider: inline policy, own log group and retention
monitoring.py      alarms and the optional notification topic
replication.py     replicateTo: the mirror's rule in the registry's replication configuration (custom resource)
console.py         the console domain of the stack's partition (DashboardUrl)
stack.py           EcrMirrorStack: wires the components, grants, outputs, cdk-nag suppressions
"""

from __future__ import annotations

from .settings import Settings
from .stack import EcrMirrorStack

__all__ = ["EcrMirrorStack", "Settings"]
