"""The mirror run: copying one image (image.py) with its blobs (blobs.py, in slots shared fairly between sources:
fair_slots.py) and referrers (referrers.py), listing tags for rules (tag_listing.py) and filtering them page by
page (tag_filter.py), the whole run with its concurrency and budgets (run.py), and what happened (report.py).

May import: ecr_mirror.oci, ecr_mirror.choose, ecr_mirror.errors. Never a front door or AWS.
"""
