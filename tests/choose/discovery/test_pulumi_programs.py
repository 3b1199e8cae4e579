"""Pulumi programs in TypeScript and JavaScript: the container images of the Kubernetes objects and Docker
containers they declare (pulled when `pulumi up` deploys them)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.pulumi_programs import may_declare_containers, pulumi_container_images

PROGRAM = """\
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

const config = new pulumi.Config();
const cacheTag = "7.2";
const cacheImage = `redis:${cacheTag}-alpine`;
const appImage = config.require("appImage");

export const cache = new k8s.apps.v1.Deployment("cache", {
    spec: {
        template: {
            spec: {
                initContainers: [{ name: "sysctl", image: "busybox:1.36", command: ["sysctl", "-w", "x=1"] }],
                containers: [
                    { name: "cache", image: cacheImage },
                    { name: "app", image: appImage },
                    { name: "exporter", image: 'oliver006/redis_exporter:v1.62.0' },
                    // { name: "old", image: "redis:6" },
                ],
            },
        },
    },
});

const chart = new k8s.helm.v3.Chart("search", {
    values: { image: { repository: "opensearchproject/opensearch", tag: "2.14.0" } },
});
"""


def test_the_literal_and_same_file_images_of_a_pulumi_kubernetes_program() -> None:
    found = pulumi_container_images(PROGRAM, "infra/cache.ts")
    assert [(item.text, item.line) for item in found] == [
        ("busybox:1.36", 13),
        ("redis:7.2-alpine", 15),
        ("oliver006/redis_exporter:v1.62.0", 17),
    ]
    assert {item.kind for item in found} == {"TypeScript source"}


def test_only_sources_that_import_a_pulumi_container_provider() -> None:
    assert may_declare_containers("infra/cache.ts", PROGRAM.encode())
    assert may_declare_containers("infra/app.js", b'const docker = require("@pulumi/docker");\nimage: "x"')
    assert not may_declare_containers("src/ui.ts", b'const card = { image: "logo:1" };')
    assert not may_declare_containers("infra/cache.py", PROGRAM.encode())
