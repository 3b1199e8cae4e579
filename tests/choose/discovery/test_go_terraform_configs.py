"""go_terraform_configs: the Terraform configurations a provider's Go acceptance tests write in raw strings."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_terraform_configs import go_terraform_configs, may_hold_configs

SOURCE = """\
package docker

// `resource "docker_image" "in_a_comment" { name = "debian:12" }`

func TestAccDockerImage_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: testAccDockerImageConfig,
			},
			{
				Config: fmt.Sprintf(testAccDockerImageTemplate, "ignored"),
			},
		},
	})
}

func TestAccDockerService_missingImage(t *testing.T) {
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: `
resource "docker_service" "foo" {
	name = "tftest-service"
	task_spec {
		container_spec {
			image = "acme/does-not-exist:part5"
		}
	}
}
`,
				ExpectError: regexp.MustCompile(`.*did not converge.*`),
			},
		},
	})
}

const testAccDockerImageConfig = `
resource "docker_image" "foo" {
	name = "alpine:3.20"
}

resource "docker_container" "bar" {
	name  = "bar"
	image = docker_image.foo.image_id
}

resource "docker_image" "built" {
	name = "acme/app:test"
	build {
		context = "."
	}
}
`

const testAccDockerImageTemplate = `
resource "docker_image" "foo" {
	name = "%s"
}
resource "docker_container" "ok" {
	name  = "ok"
	image = "nginx:1.27"
}
`

const notTerraform = `{"image": "redis:7"}`
"""


def test_the_images_of_inline_configurations_are_read_at_their_lines() -> None:
    assert may_hold_configs("docker/resource_docker_image_test.go", SOURCE.encode())
    found = [(item.text, item.line, item.use) for item in go_terraform_configs(SOURCE, "docker/image_test.go")]
    assert found == [
        ("alpine:3.20", 40, "docker_image name"),
        ("nginx:1.27", 62, "docker_container image"),
    ]


def test_only_go_test_files_that_give_a_step_a_config_are_read() -> None:
    assert not may_hold_configs("docker/resource_docker_image.go", SOURCE.encode())
    plain = 'package x\n\nconst c = `\nresource "docker_image" "foo" {\n\tname = "alpine:3.20"\n}\n`\n'
    assert go_terraform_configs(plain, "x_test.go") == []
