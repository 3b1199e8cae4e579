"""Amazon ECR's control plane, shared by both front doors: log in (login.py), repositories with the stack's
settings and their creation when missing (repositories.py), the command line's `--ecr` destination
(destination.py). The registry API itself (blobs, manifests) goes through ecr_mirror.oci like any registry.

May import: ecr_mirror.oci (credentials), ecr_mirror.errors, boto3/botocore. Never the mirror run or a front door.
"""
