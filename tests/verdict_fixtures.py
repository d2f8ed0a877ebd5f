"""A small framework with every verdict feature: red lines with and without na_when, sizes, types, referrals."""

from __future__ import annotations

VERDICT_FRAMEWORK = """\
schema: 1
id: verdict
version: "1.0.0"
title: Verdict values
scale:
  levels:
    - {value: 0, label: Absent}
    - {value: 1, label: Weak}
    - {value: 2, label: Partial}
    - {value: 3, label: Strong}
    - {value: 4, label: Exemplary}
bands:
  - {id: aligned, min: 75, label: Aligned}
  - {id: conditional, min: 50, label: Proceed with conditions}
  - {id: not-aligned, min: 0, label: Not aligned}
min_completeness: 0.5
partnership_types:
  - {id: content, label: Content donation}
  - {id: events, label: Events}
  - {id: funding, label: Funding}
  - {id: commercial-reuse, label: Commercial reuse}
dimensions:
  - id: openness
    title: Openness
    weight: 2
    criteria:
      - id: licence
        question: Will the material be released under a free licence?
        applies_to: [content]
        rubric: {3: All CC BY-SA}
        red_line: {at_or_below: 0, reason: Non-free terms}
        sources: [{title: Licensing policy, url: "https://foundation.wikimedia.org/wiki/Policy:Licensing_policy"}]
      - id: public-domain
        question: Are public-domain works left in the public domain?
        applies_to: [content]
        red_line: {at_or_below: 0, reason: Re-enclosing the public domain, na_when: no public-domain works are involved}
      - id: continuity
        question: Is there a plan beyond the first year?
        sizes: [project, long-term]
  - id: privacy
    title: Privacy
    criteria:
      - id: reader-data
        question: Does the partner ask for non-public reader data?
        rubric: {3: Only public data}
      - id: venue
        question: Is the venue accessible?
        applies_to: [events]
      - id: sponsor-terms
        question: Are the sponsor's terms free of editorial conditions?
        applies_to: [funding]
referrals:
  - id: data-access
    body: Wikimedia Foundation (access to non-public data)
    url: https://meta.wikimedia.org/wiki/Access_to_nonpublic_personal_data_policy
    reason: Only the Foundation can grant access to non-public reader data
    when: {criterion: reader-data, at_or_below: 0}
  - id: enterprise
    body: Wikimedia Enterprise
    url: https://enterprise.wikimedia.com/
    reason: High-volume commercial access is the Foundation's
    when: {partnership_types: [commercial-reuse]}
"""
