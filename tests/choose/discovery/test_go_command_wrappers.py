"""A Go function of a package that runs docker with one of its string parameters (`func pullImage(t *testing.T,
image string) { exec.Command("docker", "pull", image) }`): the calls in the package's files hand it the image
(go_command_wrappers.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_command_wrappers import command_wrappers, wrapper_runs

HELPERS = """\
package provider

import "os/exec"

func pullImageForTest(t *testing.T, imageName string) {
\tcmd := exec.Command("docker", "pull", imageName)
\tif err := cmd.Run(); err != nil {
\t\tt.Fatalf("Failed to pull image '%s': %s", imageName, err)
\t}
}

func startNamed(name, image string, port int) {
\t_ = exec.Command("docker", "run", "-d", "--name", name, "redis:7", "--port", image).Run()
}

func tagImage(from, to string) {
\t_ = exec.Command("docker", "tag", from, to).Run()
}

func notDocker(image string) {
\t_ = exec.Command("skopeo", "inspect", image).Run()
}
"""

CALLER = """\
package provider

const pinned = "busybox@sha256:8c40df61d40166f5791f44b3d90b77b4c7f59ed39a992fd9046886d3126ffa68"

func TestSpecificTag(t *testing.T) {
\timageName := "busybox:1.34.0"
\tresource.Test(t, resource.TestCase{
\t\tPreCheck: func() { pullImageForTest(t, imageName) },
\t})
}

func TestDigest(t *testing.T) {
\timageName := "busybox:1.35.0@sha256:8c40df61d40166f5791f44b3d90b77b4c7f59ed39a992fd9046886d3126ffa68"
\tpullImageForTest(t, imageName)
\tpullImageForTest(t, pinned)
\tpullImageForTest(t, "alpine:3.20")
\t// pullImageForTest(t, "commented:1")
\tpullImageForTest(t, os.Getenv("IMAGE"))
\tstartNamed("cache", "valkey/valkey:8", 6379)
\ttagImage("nginx:1.27", "localhost:5000/nginx:1.27")
\tnotDocker("quay.io/not/pulled:1")
\tother.pullImageForTest(t, "another-package:1")
}
"""


def test_the_calls_of_a_function_running_docker_with_its_parameter_hand_it_the_image() -> None:
    wrappers = command_wrappers(HELPERS)
    assert sorted(wrappers) == ["pullImageForTest", "startNamed", "tagImage"]
    found = wrapper_runs(CALLER, "internal/provider/image_test.go", wrappers)
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("busybox:1.34.0", 8, "docker pull", "Go source"),
        (
            "busybox:1.35.0@sha256:8c40df61d40166f5791f44b3d90b77b4c7f59ed39a992fd9046886d3126ffa68",
            14,
            "docker pull",
            "Go source",
        ),
        (
            "busybox@sha256:8c40df61d40166f5791f44b3d90b77b4c7f59ed39a992fd9046886d3126ffa68",
            15,
            "docker pull",
            "Go source",
        ),
        ("alpine:3.20", 16, "docker pull", "Go source"),
    ]


def test_a_parameter_in_another_place_of_the_command_adds_no_image() -> None:
    # `startNamed`'s `image` is an argument of the container's command, after the image: not pulled; `tagImage`
    # tags, pulling nothing; the fixed `redis:7` is the function's own finding, not its callers'
    found = wrapper_runs(CALLER, "x_test.go", command_wrappers(HELPERS))
    assert all(item.text not in ("valkey/valkey:8", "redis:7", "nginx:1.27") for item in found)


def test_a_file_without_wrappers_or_calls_adds_nothing() -> None:
    assert command_wrappers("package x\n\nfunc f() {}\n") == {}
    assert wrapper_runs(CALLER, "x_test.go", {}) == []
    assert wrapper_runs("package x\n\nfunc pullImageForTest(", "x.go", command_wrappers(HELPERS)) == []
