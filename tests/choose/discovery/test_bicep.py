"""Azure Bicep files (`*.bicep`): the images a deployment runs, from the defaults of parameters named for an image
and the literal `image:` properties of its resources (Container Apps, Container Instances)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import images_in, kind_of

MAIN = """\
param location string = resourceGroup().location
param uniqueSuffix string = 'shop-${uniqueString(resourceGroup().id)}'
param webAppName string = 'webapp'
param webAppImage string = 'ghcr.io/acme/shop/webapp:0.1.0'
param workerImage string
@description('The sidecar image')
param sidecar_image string = 'docker.io/envoyproxy/envoy:v1.31.0'
param vmImage string = 'UbuntuServer'
param builtImage string = '${registry}/shop/api:${tag}'
// param oldImage string = 'ghcr.io/acme/shop/old:0.0.1'

resource cache 'Microsoft.App/containerApps@2023-05-01' = {
  name: 'cache'
  properties: {
    template: {
      containers: [
        {
          name: 'redis'
          image: 'redis:7.2-alpine'
        }
        {
          name: 'web'
          image: webAppImage
        }
      ]
    }
  }
}
"""


def test_image_parameter_defaults_and_literal_images_are_read_at_their_lines() -> None:
    kind = kind_of("deploys/bicep/main.bicep")
    assert kind is not None
    found = [(item.text, item.line, item.problem is None) for item in images_in(kind, MAIN, "main.bicep")]
    assert found == [
        ("ghcr.io/acme/shop/webapp:0.1.0", 4, True),
        ("docker.io/envoyproxy/envoy:v1.31.0", 7, True),
        ("${registry}/shop/api:${tag}", 9, False),  # known only when deployed
        ("redis:7.2-alpine", 19, True),
    ]


def test_a_file_of_no_image_gives_none() -> None:
    kind = kind_of("infra/network.bicep")
    assert kind is not None
    assert images_in(kind, "param location string = 'westeurope'\n", "network.bicep") == []


PARAMS = """\
using './provision.bicep'

// the image the first deployment runs; later deployments replace it
param containerImageName = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
param location = 'westus2'
param workerImage = 'ghcr.io/acme/worker:${tag}'
"""


def test_a_bicep_parameters_file_gives_image_parameters_their_values() -> None:
    # a `.bicepparam` file sets the parameters of the Bicep file its `using` names
    # (https://learn.microsoft.com/en-us/azure/azure-resource-manager/bicep/parameter-files): an image-named
    # parameter's value is what the deployment runs
    kind = kind_of("eng/staging.bicepparam")
    assert kind is not None and kind is kind_of("main.bicep")
    items = images_in(kind, PARAMS, "eng/staging.bicepparam")
    assert [(i.text, i.line, i.problem is None) for i in items] == [
        ("mcr.microsoft.com/azuredocs/containerapps-helloworld:latest", 4, True),
        ("ghcr.io/acme/worker:${tag}", 6, False),
    ]
