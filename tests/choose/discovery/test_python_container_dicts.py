"""Container specs a Python application that talks to Kubernetes writes as dicts (the API's JSON field names) and
creates: a literal, tagged `image` is pulled when the workload is deployed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_container_dicts import container_dict_images, may_hold_container_dicts

MANAGER = """\
import os

from kubernetes import client


class WorkloadManager:
    def create(self, name: str, image: str) -> None:
        containers = [{'name': f'{name}-container', 'image': image, 'ports': [{'containerPort': 80}]}]
        init_containers = [
            {
                'name': f'{name}-init',
                'image': 'acme/pre-start:latest',
                'imagePullPolicy': 'Always',
                'volumeMounts': [{'name': 'hooks', 'mountPath': '/app/hooks'}],
            }
        ]
        if os.getenv('PROXY_SECRET'):
            containers.append(
                {
                    'name': 'sql-proxy',
                    'image': 'gcr.io/acme/sql-proxy:1.28.0',
                    'command': ['/proxy', '-log_debug_stdout'],
                    'securityContext': {'runAsNonRoot': True},
                }
            )
        settings = {'name': 'x', 'image': 'acme/not-a-container:1.0', 'replicas': 2}
        untagged = {'name': 'y', 'image': 'acme/untagged', 'command': ['run']}
        bare = {'name': 'z', 'image': 'acme/bare:1.0'}
"""


def test_the_literal_images_of_container_dicts_are_read() -> None:
    assert may_hold_container_dicts("app/cluster/workload_manager.py", MANAGER.encode())
    found = container_dict_images(MANAGER, "app/cluster/workload_manager.py")
    assert [(item.text, item.line, item.problem, item.use, item.kind) for item in found] == [
        ("acme/pre-start:latest", 12, None, "image (Kubernetes container dict)", "Python source"),
        ("gcr.io/acme/sql-proxy:1.28.0", 21, None, "image (Kubernetes container dict)", "Python source"),
    ]


def test_only_an_applications_sources_that_import_the_client() -> None:
    assert not may_hold_container_dicts("tests/test_manager.py", MANAGER.encode())  # a test's dicts are compared
    assert not may_hold_container_dicts("app/manager.py", MANAGER.replace("from kubernetes", "from boto3").encode())
    assert container_dict_images("def broken(:\n", "app/x.py") == []
