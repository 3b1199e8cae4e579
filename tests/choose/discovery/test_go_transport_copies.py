"""A Go package's own function that formats a `docker://` transport reference (containers/image, as skopeo copies
from it) from one of its string parameters copies, so pulls, what its package's calls give it: a literal, a name
bound to one, or the `image` field of a table's rows when the call is in a loop over them; a function that hands its
own parameter to such a function is one too."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_transport_copies import (
    forwarding_functions,
    transport_copies,
    transport_functions,
)

UTILS = """\
package integration

func CachedArchive(t testing.TB, imageName string) string {
	path := filepath.Join(cacheDir, strings.ReplaceAll(imageName, "/", "-")+".tar")
	if _, err := os.Stat(path); os.IsNotExist(err) {
		copyImage(t, imageName, path)
	}
	return path
}

func copyImage(t testing.TB, imageName string, destination string) {
	source := fmt.Sprintf("docker://docker.io/%s", imageName)
	target := fmt.Sprintf("docker-archive:%s", destination)
	cmd := exec.Command(skopeoPath(t), "copy", "--override-os", "linux", source, target)
	require.NoError(t, cmd.Run())
}

func describe(t testing.TB, name string) string {
	return fmt.Sprintf("docker://%s is %s", name, "cached")
}
"""

TESTS = """\
package integration

const fallbackImage = "acme/scan-fixtures:fallback"

func TestScanArchives(t *testing.T) {
	cases := []struct {
		name  string
		image string
	}{
		{name: "alpine packages", image: "acme/scan-fixtures:alpine-3.19"},
		{
			name:  "java archives",
			image: "acme/scan-fixtures:java",
		},
	}
	for _, tc := range cases {
		archive := CachedArchive(t, tc.image)
		t.Run(tc.name, func(t *testing.T) { scan(t, archive) })
	}
	CachedArchive(t, fallbackImage)
	copyImage(t, "busybox:1.36", "/tmp/busybox.tar")
	CachedArchive(t, os.Getenv("SCAN_IMAGE"))
}
"""


def test_the_functions_that_copy_a_parameter_from_a_registry_are_found_with_those_handing_them_theirs() -> None:
    direct = transport_functions(UTILS)
    assert direct == {"copyImage": (1, "docker.io/")}
    assert forwarding_functions(UTILS, direct) == {"CachedArchive": (1, "docker.io/")}


def test_the_calls_of_the_package_give_the_images_copied() -> None:
    functions = {"copyImage": (1, "docker.io/"), "CachedArchive": (1, "docker.io/")}
    use = "skopeo/containers-image docker:// copy"
    assert transport_copies(TESTS, "test/integration/scan_test.go", functions) == [
        Found(
            "docker.io/acme/scan-fixtures:alpine-3.19", "test/integration/scan_test.go", 10, use=use, kind="Go source"
        ),
        Found("docker.io/acme/scan-fixtures:java", "test/integration/scan_test.go", 13, use=use, kind="Go source"),
        Found("docker.io/acme/scan-fixtures:fallback", "test/integration/scan_test.go", 20, use=use, kind="Go source"),
        Found("docker.io/busybox:1.36", "test/integration/scan_test.go", 21, use=use, kind="Go source"),
    ]


def test_a_file_calling_none_of_them_gives_nothing() -> None:
    assert transport_copies(TESTS, "test/integration/scan_test.go", {"pullArchive": (0, "")}) == []
    assert transport_functions('package x\n\nfunc copyImage(n int) {\n\tfmt.Sprintf("docker://%d", n)\n}\n') == {}
