"""The images `minikube addons enable ADDON --images=Name=IMAGE,...` makes the addon run in place of its own."""

from __future__ import annotations

from ecr_mirror.choose.discovery.minikube_addons import minikube_addon_images
from tests.support.hang_guard import finishes


def _rows(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in minikube_addon_images(text, "hack/dev.sh")]


def test_each_image_of_the_option_in_each_spelling() -> None:
    text = (
        "minikube start -p dev\n"
        "minikube addons enable registry -p dev "
        '--images="KubeRegistryProxy=gcr.io/google_containers/kube-registry-proxy:0.4"\n'
        "minikube -p dev addons enable dashboard --images Dashboard=kubernetesui/dashboard:v2.7.0,"
        "MetricsScraper=kubernetesui/metrics-scraper:v1.0.8\n"
    )
    assert _rows(text) == [
        ("gcr.io/google_containers/kube-registry-proxy:0.4", 2, None),
        ("kubernetesui/dashboard:v2.7.0", 3, None),
        ("kubernetesui/metrics-scraper:v1.0.8", 3, None),
    ]


def test_a_registry_the_same_command_gives_the_image_is_its_prefix() -> None:
    text = (
        "minikube addons enable ingress --images=Ingress=ingress-nginx/controller:v1.9.4 "
        "--registries=Ingress=registry.k8s.io\n"
    )
    assert _rows(text) == [("registry.k8s.io/ingress-nginx/controller:v1.9.4", 1, None)]


def test_a_variable_takes_the_file_value_and_other_commands_are_not_read() -> None:
    text = (
        "PROXY=gcr.io/google_containers/kube-registry-proxy:0.4\n"
        'minikube addons enable registry --images="KubeRegistryProxy=${PROXY}"\n'
        'echo "minikube addons enable registry --images=A=b/c:1"\n'
        "minikube addons disable registry --images=A=b/c:1\n"
        "minikube addons enable metrics-server\n"
    )
    assert _rows(text) == [("gcr.io/google_containers/kube-registry-proxy:0.4", 2, None)]


def test_a_huge_line_finishes() -> None:
    text = "minikube addons enable x --images=" + "A=b," * 200_000 + "\n"
    assert finishes(minikube_addon_images, text, "x.sh") is not None
