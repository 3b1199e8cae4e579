"""What to mirror, decided without I/O: the image list and its rules form (imagelist.py, rules.py), tag
selection (tags.py), platform filters and reduced indexes (platforms.py), referrer indexes (referrer_index.py),
and where each image lands at the target (naming.py).

May import: ecr_mirror.errors and the pure modules of ecr_mirror.oci (reference, mediatypes, manifest).
Never the registry client: nothing here sends a request.
"""
