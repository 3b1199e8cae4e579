"""A Go program's function that writes one of its string parameters into a container's `Image:` field, called in its
package with a literal image in that place: the program deploys that image."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_image_parameters import image_parameter_calls, image_parameters
from tests.support.hang_guard import finishes

COMMON = """\
package probes

func DeployProbePod(client kubernetes.Interface, namespace, name, image string, command []string) error {
\tpod := &corev1.Pod{
\t\tObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace},
\t\tSpec: corev1.PodSpec{
\t\t\tContainers: []corev1.Container{{
\t\t\t\tName:    name,
\t\t\t\tImage:   image,
\t\t\t\tCommand: command,
\t\t\t}},
\t\t},
\t}
\t_, err := client.CoreV1().Pods(namespace).Create(context.TODO(), pod, metav1.CreateOptions{})
\treturn err
}

func labelPod(name string, image string) map[string]string {
\treturn map[string]string{"name": name, "image": image}
}
"""

CALLER = """\
package probes

const checkerName = "checker"

func (p *probe) Start() error {
\tif err := DeployProbePod(p.client, "probes", checkerName, "quay.io/acme/netcheck:latest", nil); err != nil {
\t\treturn err
\t}
\treturn DeployProbePod(
\t\tp.client,
\t\t"probes",
\t\t"echo",
\t\t"quay.io/acme/echo-server:v1.2",
\t\t[]string{"sleep", "inf"},
\t)
}

func (p *probe) other() {
\t_ = labelPod("x", "quay.io/acme/not-deployed:1")
\t_ = DeployProbePod(p.client, "probes", "x", p.image, nil)
\t_ = DeployProbePod(p.client, "probes", "x", "builder", nil)
}
"""


def test_the_parameter_written_into_an_image_field_is_found() -> None:
    assert image_parameters(COMMON) == {"DeployProbePod": 3}


def test_a_call_with_a_literal_image_in_that_place_deploys_it() -> None:
    found = image_parameter_calls(CALLER, "pkg/probes/netcheck.go", image_parameters(COMMON))
    assert [(item.text, item.line, item.use) for item in found] == [
        ("quay.io/acme/netcheck:latest", 6, "Image (Go program, through DeployProbePod)"),
        ("quay.io/acme/echo-server:v1.2", 13, "Image (Go program, through DeployProbePod)"),
    ]


def test_test_code_calls_are_fixtures() -> None:
    assert image_parameter_calls(CALLER, "pkg/probes/netcheck_test.go", image_parameters(COMMON)) == []


def _unclosed(count: int) -> int:
    declarations = "func F(a, image string) {\n\tx := T{Image: image,\n" * count
    calls = 'F("a", "quay.io/acme/x:1"\n' * count
    functions = image_parameters(declarations + "(" * count)
    return len(image_parameter_calls(calls + "(" * count, "pkg/x/x.go", {"F": 1, **functions}))


def test_unclosed_declarations_and_calls_stay_linear() -> None:
    assert finishes(_unclosed, 20_000) >= 0
