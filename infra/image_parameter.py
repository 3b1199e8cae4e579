"""The SSM parameter holding the image list the function reads on every run."""

from __future__ import annotations

from aws_cdk import Stack
from aws_cdk import aws_ssm as ssm
from constructs import Construct

from .image_list import InitialImageList


class ImageListParameter(Construct):
    """A String parameter in the Intelligent-Tiering tier: SSM makes it Advanced only when the value outgrows 4 KB.

    Never an explicit Standard or Advanced: SSM cannot take a parameter back from Advanced to Standard, so a
    template saying Standard fails once someone has grown the list past 4 KB
    (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html).
    """

    def __init__(self, scope: Construct, construct_id: str, *, name: str, initial: InitialImageList) -> None:
        super().__init__(scope, construct_id)
        self.parameter = ssm.StringParameter(
            self,
            "Parameter",
            parameter_name=name,
            description="ecr-mirror image list: one image reference per line, # comments",
            string_value=initial.text,
            tier=ssm.ParameterTier.INTELLIGENT_TIERING,
        )
        self.name = name
        # Spelled out from the name rather than taken from the resource, so that granting read access
        # does not make the function depend on the parameter: the stack orders them the other way round.
        self.arn = parameter_arn(self, name)


def parameter_arn(scope: Construct, name_or_path: str) -> str:
    """`arn:...:parameter/ecr-mirror/images` for `/ecr-mirror/images` (and for the path `/ecr-mirror/images/`)."""
    return Stack.of(scope).format_arn(service="ssm", resource="parameter", resource_name=name_or_path.strip("/"))
