"""The SSM parameter holding the image list the function reads on every run."""

from __future__ import annotations

from aws_cdk import Stack
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from .image_list import InitialImageList


class ImageListParameter(Construct):
    """A String parameter; advanced tier only when the initial list does not fit the standard 4 KB."""

    def __init__(self, scope: Construct, construct_id: str, *, name: str, initial: InitialImageList) -> None:
        super().__init__(scope, construct_id)
        self.parameter = ssm.StringParameter(
            self,
            "Parameter",
            parameter_name=name,
            description="ecr-mirror image list: one image reference per line, # comments",
            string_value=initial.text,
            tier=ssm.ParameterTier.ADVANCED if initial.needs_advanced_tier else ssm.ParameterTier.STANDARD,
        )
        self.name = name
        # Spelled out from the name rather than taken from the resource, so that granting read access
        # does not make the function depend on the parameter: the stack orders them the other way round.
        self.arn = Stack.of(self).format_arn(service="ssm", resource="parameter", resource_name=name.lstrip("/"))
