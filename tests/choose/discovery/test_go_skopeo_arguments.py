"""A Go test suite that runs skopeo with its words written as a call's arguments (`exec.Command(skopeoBinary,
"copy", SRC, DST)`, or a helper taking `args ...string`) copies, so pulls, the `docker://` source of each `copy`: the
first argument after the verb and its options, a literal, a constant of the package (in any of its files) or a join of
those (`testFQIN+":1.26"`); the destination, another transport and an argument known only when the test runs are
not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_skopeo_arguments import package_constants, skopeo_copies

UTILS = """\
package integration

const (
	fixtureRepo   = "docker://quay.io/acme/testimage" // tag added by the tests
	fixtureAmd64  = "docker://quay.io/acme/testimage:amd64"
	localRegistry = "localhost:5000"
)

func runSkopeo(t *testing.T, args ...string) {
	out, err := exec.Command(skopeoBinary, args...).CombinedOutput()
	require.NoError(t, err, "%s", out)
}
"""

COPY = """\
package integration

const (
	windowsImage = "docker://mcr.microsoft.com/windows/nanoserver:ltsc2022"
	listRepo     = "docker://registry.fedoraproject.org/fedora"
	listImage    = listRepo + ":40"
)

func (s *copySuite) TestCopies() {
	t := s.T()
	dir := t.TempDir()
	runSkopeo(t, "copy", "--retry-times", "3", fixtureAmd64, "dir:"+dir)
	runSkopeo(t, "--override-os=windows", "copy", windowsImage, "dir:"+dir)
	runSkopeo(t, "copy", "--all",
		listImage, "oci:"+dir+":latest")
	runSkopeo(t, "copy", fixtureRepo+":1.2.3", "docker://"+localRegistry+"/acme:pushed")
	runSkopeo(t, "copy", "docker://registry.k8s.io/pause:3.10", "dir:"+dir)
	image := "registry.k8s.io/coredns/coredns:v1.11.1"
	out, err := exec.Command(skopeoBinary, "--tls-verify=false", "copy", "docker://"+image, "dir:"+dir).CombinedOutput()
	require.NoError(t, err, "%s", out)
	runSkopeo(t, "copy", "dir:"+dir, "docker://quay.io/acme/pushed:latest")
	runSkopeo(t, "copy", fmt.Sprintf("docker://%s/busybox:latest", s.registry), "dir:"+dir)
	runSkopeo(t, "inspect", fixtureRepo)
	runSkopeo(t, "copy", "--src-creds", creds, "oci:"+dir, "docker://docker.io/acme/out:1")
}
"""


def _copies(text: str, others: list[str]) -> list[tuple[str, int | None]]:
    found = skopeo_copies(text, "integration/copy_test.go", package_constants(others))
    return [(item.text, item.line) for item in found]


def test_the_source_of_each_copy_is_pulled_through_the_package_constants() -> None:
    assert _copies(COPY, [UTILS]) == [
        ("quay.io/acme/testimage:amd64", 12),
        ("mcr.microsoft.com/windows/nanoserver:ltsc2022", 13),
        ("registry.fedoraproject.org/fedora:40", 15),
        ("quay.io/acme/testimage:1.2.3", 16),
        ("registry.k8s.io/pause:3.10", 17),
        ("registry.k8s.io/coredns/coredns:v1.11.1", 19),
    ]


def test_a_constant_of_another_file_is_not_known_alone() -> None:
    assert ("quay.io/acme/testimage:amd64", 12) not in _copies(COPY, [])


def test_other_words_named_copy_are_no_skopeo_copy() -> None:
    text = 'package x\n\nfunc f() {\n\tcp("copy", "docker://x.io/a/b:1", "y")\n\tlog.Print("copy")\n}\n'
    assert _copies(text, []) == [("x.io/a/b:1", 4)]
    assert _copies('package x\n\nvar verbs = []string{"copy", "docker://x.io/a/b:1"}\n', []) == []


def test_the_found_says_how() -> None:
    found = skopeo_copies(COPY, "integration/copy_test.go", package_constants([UTILS]))[0]
    assert (found.use, found.kind) == ("skopeo copy (Go arguments)", "Go source")


def test_a_name_is_the_one_its_function_binds() -> None:
    text = """\
package integration

const (
	tagged = "registry.k8s.io/coredns/coredns:v1.11.1"
	repo   = "registry.k8s.io/coredns/coredns"
)

func (s *syncSuite) TestSyncRepo() {
	image := repo
	runSkopeo(t, "sync", "--src", "docker", "--dest", "dir", image, dir)
}

func (s *syncSuite) TestCopyTagged() {
	image := tagged
	runSkopeo(t, "copy", "docker://"+image, "dir:"+dir)
}
"""
    assert _copies(text, []) == [("registry.k8s.io/coredns/coredns:v1.11.1", 15)]
