"""Go code that writes Kubernetes objects only as a dry run (go_dry_runs.py): each write's arguments, to its closing
bracket, hold `client.DryRunAll` or `DryRun: []string{"All"}`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_dry_runs import only_dry_runs

DRY = """\
func TestValidation(t *testing.T) {
\terr := c.Create(ctx, &v1.RadixApplication{Spec: spec(f("x"))}, client.DryRunAll)
\t_, err = clientset.CoreV1().Pods(ns).Update(ctx, pod, metav1.UpdateOptions{DryRun: []string{"All"}})
}
"""


def test_every_write_a_dry_run() -> None:
    assert only_dry_runs(DRY)
    assert not only_dry_runs(DRY + "\tc.Create(ctx, obj)\n")
    assert not only_dry_runs("package x\n")


def test_many_unclosed_writes_are_read_in_linear_time() -> None:
    # a review found each write scanned to the text's end for its closing bracket (20,000 unclosed: minutes)
    assert only_dry_runs("// c.Create( DryRunAll\n" * 20_000)
    assert not only_dry_runs("c.Create(ctx, obj)\n" * 20_000 + "c.Create(ctx, obj, client.DryRunAll)\n")
