"""Write the shipped sample assessments into ``assessments/samples/`` and the framework snapshots of the final
ones into ``assessments/.snapshots/``.

    .venv/bin/python scripts/make_samples.py        # rewrites exactly the same files every time

The samples are invented: every partner and every affiliate below is fictional ("Museo Regional de Valparaíso
Norte", "Wikimedia Ruritania (example chapter)", ...). Country codes are real so that filters and maps work,
and every link points to example.org or example.com. They are there so that a first-time user finds a
realistic history in the app (the README says how to start with an empty folder instead):

* 63 past assessments by 30 invented affiliates, 55 final and 8 drafts, dated January 2024 to November 2026,
  in all eight Wikimedia funding regions and for every partnership type of the global framework (content,
  education, research, events, technology, funding, advocacy), plus the one-off-upload and edit-a-thon types
  of the small-user-group overlay; sizes from one-off to long-term.
* All four shipped frameworks: the global one, the GDPR-chapter overlay (affiliates and partners in the EU),
  the South Asia overlay (India, Bangladesh, Pakistan) and the small-user-group overlay (small one-off
  projects).
* Final samples land in every band (aligned, proceed with conditions, not aligned), and six are blocked by a
  red line for a concrete reason: NC terms insisted on for scans of public-domain lithographs, a sponsor's
  agency wanting undisclosed promotional editing, a lab asking for raw reader IP logs outside the Foundation's
  formal process, a fund whose money screening cannot clear, a two-year exclusive licence on a volunteer-built
  dataset, an events company refusing a GDPR processing agreement. Drafts are partly answered.
* Coordination: "Varadnagar University" (India) was approached by two movement bodies in 2025, and "Kijani
  Community Radio" (Kenya) by two user groups; in each case the second found out only afterwards.
* History: the Valparaíso museum (blocked 2024, conditions 2025, aligned 2026), the Northbridge Institute for
  Data Science (2024, 2025) and the Lakeside Heritage Library's yearly edit-a-thon (2025, 2026) keep one
  ``partner.id`` across re-assessments, whose levels start from the previous ones and improve once conditions
  were agreed.

Levels come from each sample's profile (strong, mixed, weak, blocked) through a random generator seeded with
the sample's key, drawn again until the result lands where the profile says; answers written by hand in the
table (``fix``) are kept as they are. Notes come from per-criterion templates written for each level (and for
some partnership types), and many answers carry one. The output depends only on this file and the framework
files: after editing either, run the script again and commit the result (tests/test_shipped_content.py checks
that the shipped files equal a fresh run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from partnerfit.assessment import NOT_APPLICABLE, Assessment, check_against_framework, slugify
from partnerfit.catalog import load_frameworks
from partnerfit.framework import Criterion, Framework
from partnerfit.scoring import score_assessment
from partnerfit.store import FILE_HEADER, AssessmentStore
from partnerfit.walkthrough import stable_partner_id
from partnerfit.yamlio import dump_yaml, write_atomically

ROOT = Path(__file__).resolve().parent.parent
SEED = "partnerfit-samples-1"
FIRST_DATE = dt.date(2024, 1, 1)
LAST_DATE = dt.date(2026, 11, 20)
SAMPLES_FOLDER = "samples"

# Level weights for 0..4 by profile, and the lowest level a red-line criterion gets when the sample is not
# meant to be blocked by it (it is never at or below the red line's own threshold either).
PROFILES: dict[str, tuple[float, ...]] = {
    "strong": (0.0, 0.03, 0.12, 0.45, 0.40),
    "mixed": (0.04, 0.18, 0.38, 0.30, 0.10),
    "weak": (0.15, 0.45, 0.28, 0.10, 0.02),
}
RED_LINE_FLOOR = {"strong": 3, "mixed": 2, "weak": 1}
# Background checks that come out clean for almost any partner, whatever the rest (unless fixed by hand).
CRITERION_FLOOR = {"censorship-persecution": 3}
TARGET = {"strong": "aligned", "mixed": "conditional", "weak": "not-aligned", "blocked": "blocked"}
NOTE_CHANCE = {"final": 0.45, "draft": 0.3}
# Re-assessments: the chance that a level rose by one since last time.
IMPROVE_CHANCE = {"strong": 0.3, "mixed": 0.15, "weak": 0.1}
LOW_NOTE_CHANCE = 0.8  # levels 0 and 1 are usually explained
EVIDENCE_CHANCE = 0.35

COUNTRY_REGION = {
    "DE": "Northern and Western Europe",
    "NL": "Northern and Western Europe",
    "BE": "Northern and Western Europe",
    "IE": "Northern and Western Europe",
    "NO": "Northern and Western Europe",
    "PL": "Central & Eastern Europe and Central Asia",
    "CZ": "Central & Eastern Europe and Central Asia",
    "SK": "Central & Eastern Europe and Central Asia",
    "GE": "Central & Eastern Europe and Central Asia",
    "AM": "Central & Eastern Europe and Central Asia",
    "KZ": "Central & Eastern Europe and Central Asia",
    "UZ": "Central & Eastern Europe and Central Asia",
    "PH": "East, Southeast Asia and Pacific",
    "AU": "East, Southeast Asia and Pacific",
    "NZ": "East, Southeast Asia and Pacific",
    "TH": "East, Southeast Asia and Pacific",
    "VN": "East, Southeast Asia and Pacific",
    "CL": "Latin America and Caribbean",
    "PE": "Latin America and Caribbean",
    "JM": "Latin America and Caribbean",
    "TT": "Latin America and Caribbean",
    "BR": "Latin America and Caribbean",
    "JO": "Middle East and North Africa",
    "LB": "Middle East and North Africa",
    "MA": "Middle East and North Africa",
    "TN": "Middle East and North Africa",
    "EG": "Middle East and North Africa",
    "US": "North America",
    "CA": "North America",
    "IN": "South Asia",
    "BD": "South Asia",
    "NP": "South Asia",
    "LK": "South Asia",
    "PK": "South Asia",
    "KE": "Sub-Saharan Africa",
    "UG": "Sub-Saharan Africa",
    "SN": "Sub-Saharan Africa",
    "ZA": "Sub-Saharan Africa",
    "GH": "Sub-Saharan Africa",
}
EU_COUNTRIES = {"DE", "NL", "BE", "IE", "PL", "CZ", "SK"}


# -- the table's building blocks -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Partner:
    name: str
    kind: str  # a common noun for notes: "museum" gives "the museum"
    country: str
    aliases: tuple[str, ...] = ()
    website: bool = True


@dataclass(frozen=True)
class Affiliate:
    name: str
    country: str
    framework: str
    assessors: tuple[str, ...]
    languages: str = "the local languages"  # for the language notes of the South Asia overlay

    @property
    def region(self) -> str:
        return COUNTRY_REGION[self.country]


@dataclass(frozen=True)
class Fix:
    """An answer written by hand: it is kept as it is, never re-drawn."""

    level: int | str
    note: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sample:
    key: str  # stable: seeds the sample's random draws and its id
    partner: Partner
    affiliate: Affiliate
    type: str
    size: str
    profile: str  # strong | mixed | weak | blocked
    date: str  # created
    summary: str
    status: str = "final"
    linked: bool = False  # carries partner.id (the partner's history links through it)
    fix: Mapping[str, Fix] = field(default_factory=dict)
    na: tuple[str, ...] = ()
    answered: float = 1.0  # drafts: the share of applicable criteria answered so far
    blocked_base: str = "mixed"  # how a blocked sample's other answers are drawn
    follows: str = ""  # key of this partner's previous assessment: levels start from it and only improve


def F(level: int | str, note: str | None = None, *evidence: str) -> Fix:  # noqa: N802 - short for the table
    return Fix(level, note, evidence)


# -- note templates: per criterion, by tier ("low" 0-1, "mid" 2, "high" 3-4, "top" 4 if given, "na") ---
# NOTES are neutral, for any partnership type; TYPE_NOTES replace them for some base types. {k}/{K}: "the
# museum"/"The museum"; {langs}: the affiliate's local languages.
Tiers = dict[str, tuple[str, ...]]

NOTES: dict[str, Tiers] = {
    "free-licence": {
        "low": (
            "Asked for a licence statement; {k} would only promise that the material stays 'free to "
            "view' on its own website.",
            "{K} offered CC BY-SA for a small part and wants to keep the rest under its own terms of "
            "use; nothing in writing.",
        ),
        "mid": (
            "CC BY-SA 4.0 agreed in the meeting for most of the material; the signed statement is still "
            "awaited from {k}'s management.",
        ),
        "high": (
            "Signed licence statement received: CC BY-SA 4.0 for everything meant for the projects.",
            "{K} confirmed CC BY 4.0 in writing, signed by someone entitled to do so.",
        ),
        "top": (
            "Written CC BY 4.0 commitment received; CC BY is already {k}'s default for everything it "
            "publishes online, so this was a formality.",
        ),
    },
    "public-domain-respect": {
        "low": (
            "{K} calls its scans 'its own work' and wants a credit line and prior permission for reuse, "
            "although the originals are long out of copyright.",
        ),
        "mid": (
            "No objection to uploading the scans as public domain, but {k}'s online catalogue still "
            "shows 'all rights reserved' on the same images.",
        ),
        "high": (
            "{K} agreed in writing that scans of public-domain works stay public domain and will mark "
            "them with the Public Domain Mark.",
        ),
        "top": (
            "{K} has an open-access policy for its public-domain collections; full-resolution files can "
            "be downloaded without registration.",
        ),
        "na": (
            "No public-domain works involved: the material was made within living memory and is licensed "
            "by its rights holders.",
        ),
    },
    "open-metadata": {
        "low": (
            "Only a sample of the data can be shared under CC0; {k} wants to keep the rest for its own "
            "use, and nobody could say who decides.",
        ),
        "mid": (
            "Most fields can go to Wikidata under CC0; identifiers and some descriptive fields are held "
            "back until {k}'s management decides.",
            "CC0 agreed orally for the metadata; no written statement yet.",
        ),
        "high": ("CC0 statement received for the full metadata export (CSV with stable identifiers).",),
        "top": (
            "Metadata under CC0, and {k} will add Wikidata IDs to its own records and send updates each "
            "quarter.",
        ),
    },
    "rights-clarity": {
        "low": (
            "Many items have unknown authors; {k} assumes it holds the rights because it owns the originals.",
        ),
        "mid": (
            "Rights checked for most of the material; a list of doubtful items will be left out until "
            "cleared.",
        ),
        "high": (
            "Rights documented item by item; material showing identifiable private people was left out.",
        ),
    },
    "open-source-tools": {
        "low": (
            "The core of the proposed tool runs on a proprietary cloud API; {k} would publish only a "
            "thin client.",
        ),
        "mid": (
            "Code will be in a public repository under the GPL, but the trained model and the data "
            "format are still undecided.",
        ),
        "high": (
            "All code under the MIT licence in a public repository, with open formats (CSV, JSON-LD) "
            "for the outputs.",
        ),
        "top": (
            "{K} already develops in the open, accepts outside contributions and has two volunteers "
            "among the maintainers.",
        ),
    },
    "shared-goals": {
        "low": (
            "The proposal mainly aims at visibility for {k}; the free-knowledge goal had to be suggested "
            "by us.",
        ),
        "mid": ("A shared goal was agreed orally but is not written down yet.",),
        "high": ("Shared goal written into the agreement and accepted by both sides.",),
        "top": (
            "Free knowledge is part of {k}'s own published strategy, and this partnership is one of its "
            "listed actions.",
        ),
    },
    "values-compatibility": {
        "low": (
            "{K}'s core business sits uneasily with open access and privacy, and the proposal does not "
            "address the tension.",
        ),
        "mid": (
            "Compatible for this project; known tensions elsewhere in {k}'s activities do not touch what "
            "we would do together.",
        ),
        "high": ("{K}'s mission and practices fit movement values well.",),
    },
    "project-benefit": {
        "low": ("Volunteers doubt the outputs would be used; the topic is already well covered.",),
        "mid": ("Useful outputs expected, but not yet checked with the community.",),
        "high": ("Outputs checked with the wikiproject concerned, which confirmed they fill real gaps.",),
    },
    "no-exclusive-access": {
        "low": (
            "The draft agreement gives {k} first use of all outputs through a 'preferred partner' "
            "clause, and {k} is reluctant to drop it.",
        ),
        "mid": ("The draft still calls {k} our 'exclusive partner' for the topic; to be negotiated away.",),
        "high": ("No exclusivity of any kind in the draft agreement.",),
    },
    "advocacy-positions": {
        "low": (
            "{K} supported longer copyright terms in a recent consultation; common ground only on "
            "library lending.",
        ),
        "mid": (
            "Agreement on freedom of panorama; {k} takes a different line on text and data mining, which "
            "could blur the message.",
        ),
        "high": (
            "Positions match ours on the public domain and freedom of panorama; joint statement "
            "drafted, each side keeping its own voice.",
        ),
        "top": (
            "Long-standing ally: {k} has argued for the public domain and against upload filters in "
            "every consultation since 2019.",
        ),
    },
    "gap-focus": {
        "low": (
            "Equity was not part of the discussion; the plan covers topics that are already well documented.",
        ),
        "mid": ("Some of the work addresses gaps, but by chance rather than by design.",),
        "high": (
            "Designed around gaps identified beforehand (under-documented places and women), with targets.",
        ),
    },
    "source-communities": {
        "low": (
            "{K} had not thought of involving the communities whose heritage or knowledge is concerned.",
        ),
        "mid": (
            "The communities concerned were informed and invited to comment, but have no role in the work.",
        ),
        "high": (
            "Wikimedians from the communities concerned take part in selecting, describing and editing.",
        ),
    },
    "language-diversity": {
        "low": ("Only the dominant language is planned; other languages did not come up.",),
        "mid": (
            "Work in one language only; the outputs could be reused in others (for example through "
            "Wikidata), but that is not planned.",
        ),
        "high": ("Outputs planned in two more languages, including a local one, with volunteers lined up.",),
    },
    "inclusive-participation": {
        "low": ("Open to {k}'s usual audience only; cost and access were not discussed.",),
        "mid": ("Free and in an accessible building, but no outreach beyond {k}'s usual public.",),
        "high": (
            "Travel costs covered, step-free venue and an online option; outreach through two women's "
            "groups and a disability network.",
        ),
        "na": ("Desk-based work on public data: nobody is recruited to take part.",),
    },
    "paid-editing-disclosure": {
        "low": ("{K} had never heard of the disclosure rule and has no process for staff who would edit.",),
        "mid": ("{K} agrees to disclose, but has not yet said which staff will edit or how.",),
        "high": (
            "Written commitment: staff who edit disclose on their user pages, and the project lead "
            "checks "
            "it.",
            "No paid editing planned; {k} confirmed in writing that any staff who edit will disclose.",
        ),
        "top": (
            "Disclosure agreed in writing, and {k} held a short session for its staff on the Terms of "
            "Use and conflicts of interest.",
        ),
    },
    "promotional-editing": {
        "low": (
            "{K} hoped its own article would be 'updated' as part of the project; we explained why it "
            "cannot ask for that.",
        ),
        "mid": (
            "Principle accepted, but {k} first proposed working on its own history, with its own staff "
            "editing.",
        ),
        "high": (
            "{K} accepts that its staff will not edit about it; the work was planned to avoid any "
            "conflict of interest.",
        ),
    },
    "community-control": {
        "low": (
            "{K} expects what it contributes to stay as delivered and asked who would 'approve' changes.",
        ),
        "mid": (
            "Principle understood, but {k} still expects its contributions to be used as delivered, "
            "which we cannot promise.",
        ),
        "high": (
            "The agreement says that anything added to the projects may be edited, reused or deleted "
            "under community policies; {k} accepted without discussion.",
        ),
    },
    "no-implied-endorsement": {
        "low": (
            "{K}'s draft press release speaks of an 'official Wikipedia partnership' and uses the "
            "puzzle-globe logo.",
        ),
        "mid": (
            "{K} agrees to accurate wording, but the press release and the logo use have not been "
            "checked yet.",
        ),
        "high": (
            "Press release written together: it names the affiliate, not Wikipedia, and we approved the "
            "logo use.",
        ),
    },
    "reader-data-requests": {
        "low": (
            "The data needs are unclear; the team mentioned 'more detailed traffic data' without saying "
            "what or how.",
        ),
        "mid": (
            "Most of the work uses public pageview dumps; one part still assumes non-public session data "
            "with no route planned.",
        ),
        "high": (
            "Public data only (pageview dumps, edit histories); anything else would go through the "
            "Foundation's formal research process.",
        ),
    },
    "data-minimisation": {
        "low": (
            "The sign-up form asks for age, gender, employer and phone number with no stated purpose or "
            "deletion date.",
        ),
        "mid": (
            "Collection limited to what the work needs, but retention is 'until the end of the "
            "programme', several years away.",
        ),
        "high": (
            "Only usernames and consent records are collected; identifying data is deleted 90 days "
            "after the project, as written in the plan.",
        ),
    },
    "data-security-agreement": {
        "low": ("Only a bare NDA so far, with no concrete security requirements.",),
        "mid": (
            "Encrypted storage and access control agreed; deletion and breach notification are still "
            "missing from the draft.",
        ),
        "high": (
            "The written agreement covers access control, encrypted storage, deletion at the end and "
            "breach "
            "notification.",
            "Confirmed in writing that no personal data will be shared in either direction.",
        ),
    },
    "legal-demands-exposure": {
        "low": ("Risk not assessed; {k} has no policy on legal demands for data.",),
        "mid": (
            "Data stored on {k}'s own servers in the country; no policy on notifying people about demands.",
        ),
        "high": (
            "Little personal data is held, and {k}'s published policy is to challenge overbroad demands "
            "and notify people where allowed.",
        ),
    },
    "participant-data": {
        "low": (
            "{K} asked for the participant list with e-mail addresses 'to keep people informed' about "
            "its own programmes.",
        ),
        "mid": (
            "Data used only for the activity, but photo consent and the registration tool are still "
            "undecided.",
        ),
        "high": (
            "Registration asks for a username or a name only; photo consent by coloured lanyards; "
            "nothing is passed to {k}.",
        ),
        "na": ("No participants: {k}'s own staff prepare the material and the volunteers upload it.",),
    },
    "public-documentation": {
        "low": ("{K} would prefer the collaboration not to be announced until it is 'a success'.",),
        "mid": ("Project page agreed, but it says nothing yet about what each side has committed to.",),
        "high": ("The project page on the wiki lists the partners, aims, contributions and main terms.",),
    },
    "partner-transparency": {
        "low": (
            "Ownership and funders are hard to find; questions about who stands behind {k} got evasive "
            "answers.",
        ),
        "mid": ("Basic information is public, but how {k} funds this work is unclear.",),
        "high": ("{K}'s governance and main funders are public and consistent.",),
    },
    "reporting-evaluation": {
        "low": ("No outcomes or reporting discussed yet.",),
        "mid": ("Outcomes named, but no timing and no public report.",),
        "high": ("Outcomes and measures agreed, with a public report at the end.",),
    },
    "censorship-persecution": {
        "mid": (
            "Past link: a former director sat on a government media board; {k} has distanced itself "
            "publicly.",
        ),
        "high": (
            "Checked news and human-rights sources and asked two other affiliates: no known involvement.",
        ),
    },
    "funding-source-legality": {
        "mid": (
            "Screening done; one question about a recent merger of the donor company is being clarified.",
        ),
        "high": (
            "Donor screening documented: the money comes from a published budget, and no sanctions or "
            "investigations were found.",
        ),
    },
    "funding-conditions": {
        "low": ("The sponsor wants its logo on all project pages and a say in which events we run.",),
        "mid": (
            "Visibility demands (logo on the event page, banners at the venue) need negotiating; nothing "
            "touches content.",
        ),
        "high": (
            "Proportionate conditions: a thank-you on the project page and a short report; programme "
            "decisions stay with us.",
        ),
    },
    "reputational-risk": {
        "low": (
            "Recent press coverage of {k} is very negative, and volunteers on the mailing list objected "
            "strongly.",
        ),
        "mid": (
            "Some risk: {k} is criticised locally over a past dispute; manageable with clear communication.",
        ),
        "high": ("Low risk; reactions on the community noticeboard were positive.",),
    },
    "legal-liability": {
        "low": (
            "The draft contract has an unlimited indemnity for 'any content published on Wikipedia', and "
            "{k} will not change it.",
        ),
        "mid": ("Two clauses (liability, jurisdiction) need revising; {k} is open to it.",),
        "high": ("Balanced two-page agreement, reviewed by a volunteer lawyer.",),
    },
    "equal-say": {
        "low": ("{K} presented a finished plan and expects volunteers to carry it out.",),
        "mid": ("We were consulted on the schedule, but {k} decided what the plan contains.",),
        "high": ("Goals and plan set together in two workshops; decisions are logged on the project page.",),
    },
    "autonomy-exit": {
        "low": (
            "The draft agreement requires {k}'s approval of everything we say publicly about the project.",
        ),
        "mid": ("Six months' notice and joint approval of press releases; otherwise we stay free.",),
        "high": (
            "Either side can end the partnership with one month's notice; nothing limits what we say "
            "publicly.",
        ),
    },
    "mutual-benefit": {
        "low": ("Volunteers would carry most of the work for free while {k} takes most of the benefit.",),
        "mid": ("Balanced on paper, but the volunteers' workload is underestimated.",),
        "high": (
            "Contributions agreed and balanced: {k} provides staff time and resources, volunteers their "
            "wiki skills; workloads are realistic.",
        ),
    },
    "recognition-attribution": {
        "low": ("{K} asked for its logo and a link in every article the project touches.",),
        "mid": ("Credit for {k} agreed; credit for the volunteers not discussed yet.",),
        "high": (
            "Credit for both sides agreed in line with community rules; volunteers are named on the "
            "project page if they wish.",
        ),
    },
    "ucoc-joint-events": {
        "low": (
            "A code of conduct was mentioned, but there is no contact person and no way to report problems.",
        ),
        "mid": ("The UCoC applies and one contact is named; how incidents are handled is not clear yet.",),
        "high": (
            "UCoC on the event page and announced at the start, with a contact from each side and a "
            "reporting address.",
        ),
    },
    "contributor-safety": {
        "low": (
            "Risks to contributors were not considered, although the topic is politically sensitive here.",
        ),
        "mid": (
            "Risks identified (real names, photos of volunteers), but the protective measures are "
            "incomplete.",
        ),
        "high": (
            "Risks discussed with the volunteers concerned: pseudonyms respected, no photos without "
            "consent, and a plan for harassment reports.",
        ),
    },
    "community-involvement": {
        "low": ("The plan assumed we could approve the work on the community's behalf.",),
        "mid": ("The community was informed on the noticeboard, but the feedback has not changed the plan.",),
        "high": (
            "Proposal posted on the noticeboard and the relevant wikiproject; the feedback was taken on "
            "board.",
        ),
    },
    "newcomer-support": {
        "low": ("Dozens of newcomers planned, with one trainer and no follow-up.",),
        "mid": ("A training session is planned, but one trainer for forty people is not enough.",),
        "high": ("Trainers, mentors and a project page in place; topics agreed with the wikiproject.",),
        "na": ("Nobody new is recruited: experienced volunteers do the work.",),
    },
    "documentation": {
        "low": ("Everything is in one volunteer's inbox.",),
        "mid": ("The main documents are in the shared drive, but the project page is out of date.",),
        "high": ("Project page up to date with aims, contacts, the agreement and progress.",),
    },
    "continuity": {
        "low": ("Everything depends on one person at {k} and one volunteer on our side.",),
        "mid": ("A second contact at {k}, but no handover planned on either side.",),
        "high": (
            "Two people involved on each side, and both organisations have formally approved the "
            "partnership.",
        ),
    },
    "scope-fit": {
        "low": ("Over-ambitious for the two volunteers and the three months available.",),
        "mid": ("Broadly realistic, but the timeline depends on {k}'s budget for next year.",),
        "high": ("Scope matches both sides' resources, with a review point after the first phase.",),
    },
    "long-term-maintenance": {
        "low": ("Nobody is responsible for the outputs once the project ends.",),
        "mid": ("{K} intends to keep the outputs up to date, but nobody is assigned.",),
        "high": ("Maintenance assigned to {k}'s staff, with a handover page for the community.",),
    },
    # example-south-asia
    "local-language-outputs": {
        "low": ("Only English outputs planned; {k} assumed the local languages would come 'later'.",),
        "mid": ("{langs} mentioned, but without targets or volunteers assigned.",),
        "high": ("Targets in {langs}, with a volunteer team for each language.",),
    },
    "language-community-partners": {
        "low": ("The {langs} Wikipedia communities have not been contacted.",),
        "mid": ("The {langs} communities were informed and asked to translate, but not to help plan.",),
        "high": (
            "The {langs} communities helped shape the plan; their volunteers are credited and get "
            "travel support.",
        ),
    },
    "script-and-tool-support": {
        "low": ("Nobody checked whether the tools and OCR handle the scripts of the material.",),
        "mid": (
            "Known problems with some letter forms in the OCR, but no extra correction time is planned.",
        ),
        "high": ("Tools and OCR tested on twenty real pages; correction time is in the volunteers' plan.",),
    },
    "existing-talks-check": {
        "low": ("Nobody checked whether another movement body in the country is in contact with {k}.",),
        "mid": ("We asked the largest affiliate, but not the language communities.",),
        "high": (
            "We asked the other affiliates and language communities active in the country; their "
            "answers are on the coordination page.",
        ),
    },
    "lead-contact-agreed": {
        "low": ("Nobody has agreed who leads, and {k} hears from several sides.",),
        "mid": ("Lead agreed informally on a call; roles not written down.",),
        "high": ("Lead contact and the other bodies' roles agreed in writing and explained to {k}.",),
    },
    "partner-understands-movement": {
        "low": ("{K} thinks it is signing with 'Wikipedia' and expects us to guarantee articles.",),
        "mid": (
            "{K} knows who we are, but not the roles of the other movement bodies or of the Foundation.",
        ),
        "high": ("{K} understands who it works with and what we can and cannot promise.",),
    },
    "regional-knowledge-sharing": {
        "low": ("No sharing planned.",),
        "mid": ("A report is planned, in English only.",),
        "high": (
            "Documentation and lessons to be shared on the regional page, in English as well as {langs}.",
        ),
    },
    # example-gdpr-chapter
    "gdpr-processing-agreement": {
        "low": (
            "Nobody has checked yet who is controller and who is processor for the personal data involved.",
        ),
        "mid": ("Roles identified; an Art. 28 agreement is promised but not drafted.",),
        "high": (
            "Written record that each side processes only its own data; no processing on each other's "
            "behalf.",
        ),
    },
    "data-transfers-outside-eea": {
        "low": ("Nobody knows where the online tools used in the project store their data.",),
        "mid": (
            "Storage locations known; the video-conference tool sends data to the US without documented "
            "safeguards.",
        ),
        "high": ("All tools used are hosted in the EU; the list of services is on the project page.",),
    },
    # example-small-user-group
    "upload-batch-ready": {
        "low": ("Files chosen, but no metadata spreadsheet and no licence statement yet.",),
        "mid": (
            "Files and signed licence statement ready; the spreadsheet lacks dates and places for half "
            "the items.",
        ),
        "high": (
            "Files, metadata spreadsheet and signed licence statement ready; upload with OpenRefine, "
            "categories agreed.",
        ),
        "top": (
            "Everything ready, and a test upload of ten files was checked by two experienced Commons "
            "volunteers.",
        ),
    },
    "event-logistics-agreed": {
        "low": ("Date and room set, but nobody has checked the internet access or the sources.",),
        "mid": (
            "Most arrangements agreed; account creation limits on the venue's Wi-Fi are still to be solved.",
        ),
        "high": (
            "Date, step-free room, Wi-Fi, topics and sources agreed and written on the event page, with "
            "a named person for each role.",
        ),
    },
}

# Notes for some base partnership types, used before the neutral ones above.
TYPE_NOTES: dict[str, dict[str, Tiers]] = {
    "free-licence": {
        "content": {
            "mid": (
                "Free licence agreed in principle, but some items by outside photographers still "
                "carry NC terms and will be left out.",
            )
        },
        "education": {
            "high": (
                "Students' work goes to Wikipedia under CC BY-SA; {k} confirmed in writing "
                "that course slides and handouts will be CC BY 4.0.",
            )
        },
        "research": {"high": ("Datasets under CC0 and papers under CC BY, written into the project plan.",)},
        "events": {
            "high": ("Photos taken at the event go to Commons under CC BY-SA; announced at registration.",)
        },
        "technology": {
            "high": ("Documentation and any content produced under CC BY-SA, confirmed in the agreement.",)
        },
    },
    "rights-clarity": {
        "content": {
            "mid": (
                "Rights checked for most collections; a list of about forty doubtful items will "
                "be left out until cleared.",
            ),
            "high": (
                "Rights documented collection by collection; items showing identifiable private "
                "people were left out.",
            ),
        },
        "education": {
            "low": (
                "Course materials mix the lecturers' own slides with images from textbooks; "
                "nobody has checked what can be freely licensed.",
            ),
            "high": ("Lecturers use their own materials or free ones; images from textbooks were replaced.",),
        },
        "research": {
            "low": ("The dataset combines sources whose licences nobody has checked.",),
            "high": (
                "Every source in the dataset is listed with its licence; two incompatible "
                "sources were dropped.",
            ),
        },
    },
    "shared-goals": {
        "content": {
            "high": (
                "Goal written into the project plan: free, reusable coverage of the collection "
                "on Commons and Wikidata.",
            )
        },
        "education": {
            "high": (
                "Goal written into the course plan: students improve articles in their field "
                "and learn how open knowledge is made.",
            )
        },
        "research": {
            "high": (
                "Research questions agreed in writing, with results published openly for the communities.",
            )
        },
        "events": {
            "high": (
                "Goal agreed in writing: new articles and images on the topic, and new editors who stay.",
            )
        },
        "technology": {
            "high": ("Goal in the project plan: a tool the communities asked for, released openly.",)
        },
        "funding": {
            "high": (
                "The grant agreement states the goal: more and better content in under-served "
                "languages, with topics chosen by volunteers.",
            )
        },
        "advocacy": {
            "high": (
                "Joint goal written down: copyright rules that keep the public domain free and "
                "allow freedom of panorama.",
            )
        },
    },
    "project-benefit": {
        "content": {
            "low": (
                "Volunteers doubt the files would be used: the topic is already well illustrated "
                "and the scans are low resolution.",
            ),
            "high": (
                "Target list checked with the wikiproject: about 150 articles lack the images "
                "this project would provide.",
            ),
        },
        "events": {
            "high": (
                "Topic list agreed with the wikiproject; the host's reference library covers "
                "most of the missing articles.",
            )
        },
        "funding": {
            "high": ("The grant pays for workshops the local communities asked for in last year's survey.",)
        },
    },
    "no-exclusive-access": {
        "content": {
            "mid": ("An embargo on part of the material until {k}'s own publication, with no end date yet.",),
            "high": (
                "No exclusivity: {k} keeps no special rights over the material once it is on the projects.",
                "No exclusivity; a six-month embargo on the newest material ends in free "
                "release, with the date written down.",
            ),
        },
        "research": {
            "mid": (
                "The draft keeps the cleaned dataset private 'until the papers are accepted', "
                "with no end date.",
            )
        },
    },
    "gap-focus": {
        "advocacy": {
            "low": (
                "The campaign's demands would mostly benefit well-served urban audiences; "
                "equity did not come up.",
            ),
            "mid": ("Equity is mentioned in the joint statement, without concrete demands.",),
            "high": (
                "The campaign puts access for rural schools and minority-language readers "
                "first, with concrete demands.",
            ),
        },
        "funding": {
            "high": (
                "The grant is earmarked for under-represented languages and regions, with targets agreed.",
            )
        },
    },
    "language-diversity": {
        "content": {
            "mid": (
                "Descriptions in one language only, but the Wikidata statements make the items "
                "usable in others.",
            ),
            "high": (
                "Captions and descriptions planned in two more languages, with volunteers lined up for each.",
            ),
        },
    },
    "reader-data-requests": {
        "technology": {
            "low": (
                "{K} wants usage statistics 'per reader' from the projects to tune its tool, "
                "without saying what or how.",
            ),
            "mid": (
                "The tool works on public data, but one planned feature would need non-public "
                "usage data, with no route planned.",
            ),
            "high": (
                "The tool reads public APIs and dumps only; nothing about readers is collected or requested.",
            ),
        },
    },
    "promotional-editing": {
        "funding": {
            "high": (
                "The sponsor accepts in writing that it gets no say over topics and no edits about itself.",
            )
        },
    },
    "community-control": {
        "content": {
            "mid": (
                "Principle understood, but {k} still hopes all its images will be used in "
                "articles, which we cannot promise.",
            )
        },
        "funding": {
            "low": ("{K} expects to review the articles written in the programme it pays for.",),
            "high": ("{K} accepts in writing that it has no say over content on the projects.",),
        },
    },
    "participant-data": {
        "funding": {
            "high": (
                "The sponsor receives aggregate numbers only; no participant data, photos or "
                "usernames are passed on.",
            )
        },
        "research": {
            "low": (
                "The survey of editors would collect e-mail addresses and employers, and {k} "
                "wants to reuse them for other studies.",
            ),
            "mid": (
                "Survey data limited to the study, but the consent text and the survey tool are not settled.",
            ),
            "high": (
                "The editor survey is anonymous, with a consent text reviewed by our "
                "data-protection adviser.",
            ),
        },
        "content": {
            "high": ("The volunteers' names appear only if they wish; no other personal data is exchanged.",)
        },
    },
    "public-documentation": {
        "funding": {
            "mid": ("Project page agreed, but {k} does not want the amount of its grant mentioned.",)
        },
    },
    "reporting-evaluation": {
        "content": {
            "mid": (
                "Outcomes named (files uploaded, articles improved), but no timing and no public report.",
            ),
            "high": (
                "Agreed measures (files used in articles after six months, items on Wikidata) "
                "and a public report at the end.",
            ),
        },
        "events": {
            "high": (
                "Agreed measures (participants, articles created or improved, newcomers still "
                "editing after three months) and a public report.",
            )
        },
    },
    "mutual-benefit": {
        "content": {
            "low": (
                "Volunteers would scan and describe thousands of items for free, while {k} "
                "contributes only access.",
            ),
            "high": (
                "{K} provides staff time, a room and scanning; volunteers do the uploads and "
                "categories. Workloads agreed.",
            ),
        },
        "funding": {
            "high": (
                "The grant covers volunteers' expenses and a part-time coordinator; the "
                "workload fits the budget.",
            )
        },
    },
    "recognition-attribution": {
        "content": {
            "low": ("{K} asked for its logo and a link in every article that uses its images.",),
            "high": (
                "Credit agreed: {k} in the file descriptions and a partnership template, "
                "volunteers named on the project page if they wish.",
            ),
        },
        "funding": {"low": ("The sponsor asked for its logo on the articles written in the programme.",)},
    },
    "contributor-safety": {
        "events": {
            "mid": (
                "Risks identified (photos of participants, real names on the sign-in sheet); the "
                "measures are incomplete.",
            )
        },
    },
    "gdpr-processing-agreement": {
        "events": {
            "mid": (
                "Roles identified ({k} would process registrations for us); an Art. 28 agreement "
                "is promised but not drafted.",
            ),
            "high": (
                "Signed Art. 28 agreement for the registration tool, reviewed by our "
                "data-protection adviser.",
            ),
        },
        "education": {
            "high": (
                "Art. 26 arrangement for the training sessions signed; students are told whom to contact.",
            )
        },
        "research": {
            "high": (
                "Art. 26 arrangement for the joint editor survey signed; participants are told "
                "whom to contact.",
            )
        },
    },
    "data-minimisation": {
        "research": {
            "low": (
                "The survey asks for age, gender, employer and phone number with no stated "
                "purpose or deletion date.",
            )
        },
        "technology": {
            "low": ("The tool logs users' IP addresses and usernames by default, with no deletion period.",)
        },
    },
}

# Evidence links: ("partner", path) on example.com for the partner's documents, ("wiki", anchor) on
# example.org for the affiliate's project page.
EVIDENCE: dict[str, tuple[str, str]] = {
    "free-licence": ("partner", "licence-statement.pdf"),
    "public-domain-respect": ("partner", "rights-statement.pdf"),
    "open-metadata": ("partner", "metadata-export.csv"),
    "rights-clarity": ("partner", "rights-checklist.pdf"),
    "open-source-tools": ("partner", "code"),
    "shared-goals": ("wiki", "Goals"),
    "project-benefit": ("wiki", "Target_articles"),
    "no-exclusive-access": ("partner", "draft-agreement.pdf"),
    "advocacy-positions": ("partner", "consultation-response.pdf"),
    "gap-focus": ("wiki", "Gaps"),
    "paid-editing-disclosure": ("wiki", "Disclosure"),
    "no-implied-endorsement": ("partner", "press-release-draft.pdf"),
    "data-minimisation": ("partner", "data-management-plan.pdf"),
    "data-security-agreement": ("partner", "data-agreement.pdf"),
    "participant-data": ("wiki", "Privacy"),
    "public-documentation": ("wiki", "Overview"),
    "partner-transparency": ("partner", "annual-report.pdf"),
    "reporting-evaluation": ("wiki", "Report"),
    "funding-source-legality": ("wiki", "Donor_screening"),
    "legal-liability": ("partner", "agreement.pdf"),
    "ucoc-joint-events": ("wiki", "Code_of_conduct"),
    "community-involvement": ("wiki", "Community_discussion"),
    "documentation": ("wiki", "Overview"),
    "local-language-outputs": ("wiki", "Languages"),
    "existing-talks-check": ("wiki", "Coordination"),
    "gdpr-processing-agreement": ("partner", "processing-agreement.pdf"),
    "data-transfers-outside-eea": ("wiki", "Services"),
    "upload-batch-ready": ("partner", "metadata.xlsx"),
    "event-logistics-agreed": ("wiki", "Event_page"),
}


# -- the invented affiliates ---------------------------------------------------------------------------------
GDPR, SOUTH_ASIA, SMALL, GLOBAL = (
    "example-gdpr-chapter",
    "example-south-asia",
    "example-small-user-group",
    "wikimedia-global",
)

RURITANIA = Affiliate(
    "Wikimedia Ruritania (example chapter)", "DE", GDPR, ("Jonas", "Lea", "Matthias", "Selin")
)
LOWLANDS = Affiliate(
    "Example Lowlands Chapter (fictional)", "NL", GDPR, ("Femke", "Joris", "Amina", "Pieter")
)
VALLEY = Affiliate("Example Valley User Group", "IE", SMALL, ("Aoife", "Ciarán", "Maeve"))
FJORDS = Affiliate("Example Fjords User Group (fictional)", "NO", GLOBAL, ("Ingrid", "Sindre", "Mona"))
CARPATHIAN = Affiliate(
    "Example Carpathian Chapter (fictional)", "PL", GDPR, ("Kasia", "Tomáš", "Zuzana", "Piotr")
)
CAUCASUS = Affiliate(
    "Example Caucasus Wikimedians (fictional user group)", "GE", SMALL, ("Nino", "Aram", "Levan")
)
STEPPE = Affiliate(
    "Example Steppe Wikimedians (fictional user group)", "KZ", GLOBAL, ("Aigerim", "Timur", "Dilnoza")
)
ARCHIPELAGO = Affiliate(
    "Example Archipelago Wikimedians (fictional user group)", "PH", SMALL, ("Maricel", "Paolo", "Jun")
)
PACIFIC = Affiliate(
    "Wikimedia Example Pacific (fictional chapter)", "AU", GLOBAL, ("Hannah", "Tama", "Liam", "Mere")
)
MEKONG = Affiliate("Example Mekong User Group (fictional)", "TH", GLOBAL, ("Nattaya", "Minh", "Somchai"))
ANDES = Affiliate(
    "Wikimedia Example Andes (fictional chapter)", "CL", GLOBAL, ("Camila", "Matías", "Valentina", "Rocío")
)
CARIBBEAN = Affiliate(
    "Example Caribbean Wikimedians (fictional user group)", "JM", SMALL, ("Shanice", "Andre", "Kemar")
)
SERTAO = Affiliate("Example Sertão User Group (fictional)", "BR", GLOBAL, ("Luana", "Thiago", "Bruna"))
LEVANT = Affiliate(
    "Example Levant Wikimedians (fictional user group)", "JO", GLOBAL, ("Rania", "Omar", "Lina")
)
MAGHREB = Affiliate(
    "Example Maghreb Wikimedians (fictional user group)", "MA", SMALL, ("Yasmine", "Karim", "Imane")
)
NILE = Affiliate(
    "Example Nile Valley Wikimedians (fictional user group)", "EG", GLOBAL, ("Mariam", "Youssef")
)
GREAT_LAKES = Affiliate(
    "Example Great Lakes Chapter (fictional)", "US", GLOBAL, ("Dana", "Marcus", "Priya", "Ellen")
)
PRAIRIE = Affiliate("Example Prairie User Group (fictional)", "CA", SMALL, ("Chloé", "Owen", "Harpreet"))
INDIC = Affiliate(
    "Indic Example Chapter (fictional)", "IN", SOUTH_ASIA, ("Ananya", "Rohan", "Meera"), "Marathi and Hindi"
)
A2K = Affiliate(
    "Example Access-to-Knowledge Programme (fictional)",
    "IN",
    SOUTH_ASIA,
    ("Sneha", "Arjun", "Kavita"),
    "Marathi and Konkani",
)
DELTA = Affiliate(
    "Example Delta Wikimedians (fictional user group)",
    "BD",
    SOUTH_ASIA,
    ("Farhana", "Tanvir", "Nusrat"),
    "Bengali and Chakma",
)
INDUS = Affiliate(
    "Example Indus Wikimedians (fictional user group)",
    "PK",
    SOUTH_ASIA,
    ("Ayesha", "Bilal", "Saima"),
    "Punjabi (Shahmukhi) and Saraiki",
)
HIMALAYAN = Affiliate("Example Himalayan User Group (fictional)", "NP", SMALL, ("Sabina", "Prakash"))
LANKA = Affiliate(
    "Example Lanka Wikimedians (fictional user group)", "LK", GLOBAL, ("Dilini", "Kasun", "Tharshini")
)
RIFT = Affiliate("Example Rift Valley User Group (fictional)", "KE", GLOBAL, ("Wanjiru", "Otieno", "Achieng"))
SWAHILI = Affiliate(
    "Example Swahili Coast Wikimedians (fictional user group)", "KE", GLOBAL, ("Fatma", "Baraka", "Zawadi")
)
LAKES = Affiliate(
    "Example Lakes Region Wikimedians (fictional user group)", "UG", SMALL, ("Nakato", "Okello", "Sarah")
)
SAHEL = Affiliate(
    "Example Sahel Wikimedians (fictional user group)", "SN", GLOBAL, ("Aminata", "Moussa", "Fatou")
)
KAROO = Affiliate(
    "Example Karoo Wikimedians (fictional user group)", "ZA", GLOBAL, ("Thandi", "Pieter", "Lerato")
)
GOLD_COAST = Affiliate(
    "Example Gold Coast Wikimedians (fictional user group)", "GH", GLOBAL, ("Kwame", "Efua", "Yaw")
)

# Partners assessed more than once.
VALPARAISO = Partner(
    "Museo Regional de Valparaíso Norte", "museum", "CL", aliases=("Museo Valparaíso Norte", "MRVN")
)
NORTHBRIDGE = Partner("Northbridge Institute for Data Science", "institute", "US", aliases=("NIDS",))
LAKESIDE = Partner("Lakeside Heritage Library", "library", "CA")
VARADNAGAR = Partner("Varadnagar University", "university", "IN")
VARADNAGAR_AGAIN = Partner(
    "University of Varadnagar", "university", "IN", aliases=("Varadnagar Vishwavidyalaya",)
)
KIJANI = Partner("Kijani Community Radio", "radio station", "KE", aliases=("Kijani FM",))
KIJANI_AGAIN = Partner(
    "Kijani FM Community Radio", "radio station", "KE", aliases=("Kijani Community Radio",)
)

# -- the samples ---------------------------------------------------------------------------------------------
SAMPLES: tuple[Sample, ...] = (
    # Northern and Western Europe
    Sample(
        "lindenfeld-archive-2024",
        Partner("Stadtarchiv Lindenfeld", "archive", "DE", aliases=("Lindenfeld City Archive",)),
        RURITANIA,
        "content",
        "project",
        "strong",
        "2024-03-12",
        "Upload of about 900 photographs of the town's post-war reconstruction (1946-1962) from the city "
        "archive, with CC0 catalogue data for Wikidata. Archive staff scan; chapter volunteers upload and "
        "run two photo-identification afternoons in the reading room.",
        fix={
            "free-licence": F(
                3,
                "The archive holds the rights of its staff photographers' estates and "
                "signed CC BY-SA 4.0 for the whole series; press-agency photos are left "
                "out.",
                "partner:licence-statement.pdf",
            ),
            "open-metadata": F(
                3,
                "CC0 statement for the catalogue records (title, date, street, "
                "photographer, inventory number) received with the "
                "export.",
                "partner:metadata-export.csv",
            ),
        },
        na=("public-domain-respect",),
    ),
    Sample(
        "rheinau-events-2025",
        Partner("Rheinau Event Services GmbH", "company", "DE"),
        RURITANIA,
        "events",
        "project",
        "blocked",
        "2025-05-14",
        "The company offered to run registration and badges for the chapter's community conference free of "
        "charge. Blocked: it refuses an Art. 28 processing agreement and wants to use the attendee list for "
        "its own newsletter. The chapter will use the EU-hosted registration tool it runs itself.",
        fix={
            "gdpr-processing-agreement": F(
                0,
                "Asked for an Art. 28 agreement for the registration data. Rheinau refused: its standard "
                "terms say attendee data becomes its own and may be used for 'partner newsletters'. "
                "Having participants' data processed on our behalf without such an agreement would be "
                "unlawful, so we cannot go ahead.",
                "partner:terms-of-service.pdf",
            ),
            "participant-data": F(
                0,
                "Rheinau wants to keep the attendee list with e-mail addresses and "
                "send its own marketing after the event.",
            ),
            "data-transfers-outside-eea": F(
                1,
                "The registration platform runs on a US cloud provider; "
                "Rheinau could not say which safeguards apply.",
            ),
            "shared-goals": F(
                1,
                "The offer is a free service in return for visibility at the conference; "
                "beyond a well-run event there is no shared goal.",
            ),
        },
    ),
    Sample(
        "talbruecken-2025",
        Partner(
            "Hochschule Talbrücken für angewandte Wissenschaften",
            "university",
            "DE",
            aliases=("Talbrücken University of Applied Sciences",),
        ),
        RURITANIA,
        "education",
        "long-term",
        "mixed",
        "2025-10-02",
        "A Wikipedia writing assignment in the museum-studies and public-history courses, every winter "
        "semester. Proceed with conditions: the course platform stores usernames on a US cloud without "
        "documented safeguards, and the lecturers wanted to grade students on whether their edits 'survive'.",
        fix={
            "data-transfers-outside-eea": F(
                1,
                "The course platform stores coursework and students' Wikipedia usernames with a US cloud "
                "provider; the IT office could not say what safeguards apply.",
            ),
            "community-control": F(
                2,
                "The lecturers wanted to grade students on whether their edits "
                "'survive'. We explained that edits may be changed for many reasons; "
                "grading will now be on the draft and the talk-page discussion.",
            ),
            "gdpr-processing-agreement": F(
                2,
                "Roles identified: the university is controller for its "
                "students' data; a short Art. 26 note for the training "
                "sessions we run is promised but not drafted.",
            ),
        },
    ),
    Sample(
        "vondelmeer-lab-2024",
        Partner("Vondelmeer Reading Behaviour Lab", "lab", "NL"),
        LOWLANDS,
        "research",
        "project",
        "blocked",
        "2024-09-03",
        "A university lab wanted to study how Dutch-language readers move between articles. Blocked: it "
        "asked the chapter to obtain raw server logs with readers' IP addresses and share them under a "
        "simple NDA, outside the Foundation's formal research process. We pointed the lab to that process "
        "and to the public clickstream and pageview data.",
        fix={
            "reader-data-requests": F(
                0,
                "The lab asked us to obtain 'raw server logs with IP addresses and user agents' for "
                "Dutch-language readers and to share them under its template NDA. The chapter holds no "
                "such data, and non-public reader data can only be accessed through the Foundation's "
                "formal process; the lab did not want to apply there because of its "
                "deadline.",
                "partner:data-request-email.pdf",
            ),
            "data-security-agreement": F(
                1, "Only the university's template NDA, with no security requirements at all."
            ),
            "data-minimisation": F(
                1, "The lab wants to keep the logs 'for follow-up studies', with no deletion date."
            ),
            "gdpr-processing-agreement": F(
                1, "Nobody at the lab had checked who would be controller of the log data."
            ),
            "participant-data": F(
                1,
                "The lab also wants us to recruit readers for interviews and would "
                "keep their contact details with no end date.",
            ),
        },
    ),
    Sample(
        "waterbeek-lace-2026",
        Partner(
            "Musée de la Dentelle de Waterbeek",
            "museum",
            "BE",
            aliases=("Waterbeek Lace Museum", "Kantmuseum Waterbeek"),
        ),
        LOWLANDS,
        "content",
        "project",
        "strong",
        "2026-02-10",
        "Digitisation of the museum's 18th- and 19th-century lace pattern books (about 400 volumes) for "
        "Commons and Wikisource, with descriptions in French and Dutch.",
        fix={
            "language-diversity": F(
                3,
                "Descriptions in French and Dutch from the start; two "
                "Walloon-speaking volunteers offered captions for the regional lace "
                "terms.",
            ),
            "public-domain-respect": F(
                4,
                "The pattern books are public domain and the museum now offers "
                "all its public-domain scans for download under the Public Domain "
                "Mark.",
                "partner:open-collections",
            ),
        },
        na=("participant-data",),
    ),
    Sample(
        "openpolder-2025",
        Partner("OpenPolder Digital Rights Foundation", "foundation", "NL"),
        LOWLANDS,
        "advocacy",
        "long-term",
        "strong",
        "2025-03-18",
        "Joint position paper and two public events on freedom of panorama and the public-domain status of "
        "digitised heritage, ahead of a national copyright consultation.",
        fix={
            "advocacy-positions": F(
                4,
                "OpenPolder's consultation responses since 2019 match ours on the "
                "public domain and freedom of panorama, and it opposed upload "
                "filters.",
                "partner:consultation-response.pdf",
            )
        },
    ),
    Sample(
        "ballyfinnan-2024",
        Partner("Ballyfinnan Arts Centre", "arts centre", "IE"),
        VALLEY,
        "edit-a-thon",
        "one-off",
        "strong",
        "2024-11-16",
        "An afternoon edit-a-thon on women artists of the county, in the arts centre's gallery room, with "
        "its exhibition catalogues as sources.",
        fix={
            "event-logistics-agreed": F(
                4,
                "Room, Wi-Fi (account creation tested with the venue's IT "
                "person), catalogues and roles agreed; a checklist walk-through "
                "with the centre two days before.",
                "wiki:Event_page",
            )
        },
    ),
    Sample(
        "glenmore-photos-2025",
        Partner("Glenmore Parish Photo Collection", "parish committee", "IE", website=False),
        VALLEY,
        "one-off-upload",
        "one-off",
        "mixed",
        "2025-07-05",
        "About 250 photographs of parish life in the 1950s-70s, gathered from families by the parish "
        "heritage committee. Proceed with conditions: permission from the families who own the prints must "
        "be documented before upload.",
        fix={
            "rights-clarity": F(
                1,
                "The committee scanned prints lent by families; only some families "
                "signed a release, and most photographers are unknown.",
            ),
            "upload-batch-ready": F(
                2,
                "Scans and a list of captions exist; the signed releases are still "
                "being collected and dates are missing for many items.",
            ),
        },
        na=("public-domain-respect", "newcomer-support"),
    ),
    Sample(
        "brattvik-2026",
        Partner("Brattvik Maritime Museum", "museum", "NO", aliases=("Brattvik Sjøfartsmuseum",)),
        FJORDS,
        "content",
        "project",
        "mixed",
        "2026-10-21",
        "Draft after a first meeting: ship portraits and logbooks from the museum's collection. Licence and "
        "metadata questions answered; the rest is for the next meeting.",
        status="draft",
        answered=0.45,
    ),
    # Central & Eastern Europe and Central Asia
    Sample(
        "zielona-dolina-2024",
        Partner(
            "Zielona Dolina Regional Digital Library",
            "library",
            "PL",
            aliases=("Biblioteka Cyfrowa Zielonej Doliny",),
        ),
        CARPATHIAN,
        "content",
        "long-term",
        "strong",
        "2024-05-22",
        "Long-term cooperation: the library's digitised regional newspapers (1890-1939) on Wikisource and "
        "Commons, metadata on Wikidata, and a transcription month with volunteers every spring.",
        fix={
            "open-metadata": F(
                4,
                "The library added Wikidata IDs to 3,200 of its authority records and "
                "sends new ones every quarter.",
                "partner:metadata-export.csv",
            )
        },
    ),
    Sample(
        "vltavin-2025",
        Partner("Vltavín Software s.r.o.", "company", "CZ"),
        CARPATHIAN,
        "technology",
        "project",
        "mixed",
        "2025-09-15",
        "The company offered to adapt its OCR engine to 19th-century Czech prints for Wikisource. Proceed "
        "with conditions: the engine's core stays closed, and the company wants the corrected text before "
        "publication to train its commercial models.",
        fix={
            "open-source-tools": F(
                2,
                "The Wikisource plug-in would be GPL, but it calls the company's "
                "closed OCR service; an open offline model is 'under consideration'.",
            ),
            "no-exclusive-access": F(
                2,
                "The company asks to receive the corrected text three months before "
                "it is published, with no firm date for the release; the text "
                "itself stays public domain.",
            ),
        },
    ),
    Sample(
        "tatra-teachers-2026",
        Partner("Tatra Foothills Teachers' Association", "association", "SK"),
        CARPATHIAN,
        "education",
        "project",
        "weak",
        "2026-04-08",
        "The association wanted 600 secondary-school pupils to write Wikipedia articles within one term, "
        "with their names and class photos on the project page. Not aligned for now: scope, newcomer support "
        "and pupils' data. We suggested a pilot with two classes next year.",
        fix={
            "newcomer-support": F(
                0,
                "600 pupils and two teachers who have never edited, with no time "
                "planned for training; the community would be left with the clean-up.",
            ),
            "participant-data": F(
                1,
                "Pupils' full names, schools and class photos would go on the project "
                "page; parental consent was not planned.",
            ),
            "scope-fit": F(
                1,
                "One term for 600 pupils is far beyond what the two teachers and our three "
                "volunteers can support.",
            ),
        },
    ),
    Sample(
        "mtkvari-2025",
        Partner("Mtkvari Valley Ethnographic Museum", "museum", "GE"),
        CAUCASUS,
        "one-off-upload",
        "one-off",
        "strong",
        "2025-04-26",
        "One batch of 320 photographs of traditional houses and crafts, taken by the museum's own staff in "
        "the 1980s, with Georgian and English descriptions.",
        fix={
            "language-diversity": F(
                3, "Descriptions in Georgian and English; a volunteer offered Russian captions as well."
            )
        },
        na=("public-domain-respect",),
    ),
    Sample(
        "lakeshore-school-2026",
        Partner("Lakeshore Secondary School No. 3", "school", "AM"),
        CAUCASUS,
        "edit-a-thon",
        "one-off",
        "mixed",
        "2026-06-13",
        "An edit-a-thon for older pupils on the history of their town, in the school's computer room. "
        "Proceed with conditions: parental consent for photos, and a named contact on each side for the code "
        "of conduct.",
        fix={
            "participant-data": F(
                2,
                "Most pupils are minors; the school will only register first names, "
                "but parental consent for photos is not arranged yet.",
            ),
            "ucoc-joint-events": F(
                1,
                "The school has its own rules for pupils; nobody is named to receive "
                "reports during the event.",
            ),
        },
    ),
    Sample(
        "steppe-horizon-2025",
        Partner("Steppe Horizon Development Fund", "fund", "KZ"),
        STEPPE,
        "funding",
        "long-term",
        "blocked",
        "2025-11-19",
        "The fund offered to cover the group's programme for three years. Blocked: its only disclosed funder "
        "is a holding company named in an ongoing corruption investigation, and the fund would not say who "
        "its real donor is. We declined and documented the screening.",
        fix={
            "funding-source-legality": F(
                1,
                "Screening found that the fund's only disclosed funder is a holding company named in an "
                "ongoing corruption investigation reported by the national press. Asked twice who the "
                "real donor is; the fund declined to say. The doubts cannot be cleared, so we cannot "
                "accept the money.",
                "wiki:Donor_screening",
            ),
            "partner-transparency": F(
                0, "No board or funders published; the registration documents list a nominee director."
            ),
            "funding-conditions": F(
                1, "The fund wants its name on all our event pages and a seat in our programme planning."
            ),
        },
    ),
    Sample(
        "zarafshan-2026",
        Partner("Zarafshan Institute of Manuscripts", "institute", "UZ"),
        STEPPE,
        "content",
        "long-term",
        "mixed",
        "2026-09-17",
        "Draft: the institute proposes scans of its Persian and Chagatai manuscripts. First questions "
        "answered after a video call; rights and metadata to follow.",
        status="draft",
        answered=0.35,
    ),
    # East, Southeast Asia and Pacific
    Sample(
        "maharlika-2024",
        Partner("Maharlika Bay Municipal Library", "library", "PH"),
        ARCHIPELAGO,
        "edit-a-thon",
        "one-off",
        "strong",
        "2024-08-24",
        "A Saturday edit-a-thon on local heroes and places in Tagalog and Hiligaynon, using the library's "
        "local-history collection.",
        fix={
            "language-diversity": F(
                4,
                "The Hiligaynon Wikipedia volunteers lead the afternoon session and chose the article list.",
            )
        },
    ),
    Sample(
        "kalinaw-2025",
        Partner("Kalinaw Photo Cooperative", "cooperative", "PH"),
        ARCHIPELAGO,
        "one-off-upload",
        "one-off",
        "weak",
        "2025-02-15",
        "The cooperative offered about 1,500 recent photographs of community events and protests. Not "
        "aligned for now: nobody can say who took most of them, there are no releases for identifiable "
        "people, and a free licence is only offered for photos members pick later.",
        fix={
            "rights-clarity": F(
                0,
                "The photos come from some forty members; the cooperative cannot say who "
                "took most of them and has no releases.",
            ),
            "contributor-safety": F(
                1,
                "Many photos show identifiable people at protests; nobody had "
                "considered the risk of publishing them.",
            ),
            "free-licence": F(
                1, "CC BY-SA offered only for photos each member selects later; nothing agreed."
            ),
        },
        na=("public-domain-respect",),
    ),
    Sample(
        "coral-coast-2025",
        Partner("Coral Coast Regional Museum", "museum", "AU"),
        PACIFIC,
        "content",
        "long-term",
        "strong",
        "2025-06-04",
        "Photographs and object records from the museum's maritime and regional-history collections, with a "
        "cultural review for material relating to First Nations communities.",
        fix={
            "source-communities": F(
                4,
                "Items relating to First Nations communities are reviewed with the "
                "local land council before upload; culturally sensitive items stay "
                "off the projects, as the council decides.",
                "wiki:Cultural_review",
            )
        },
    ),
    Sample(
        "southern-cross-2024",
        Partner("Southern Cross Open Data Institute", "institute", "AU"),
        PACIFIC,
        "research",
        "project",
        "strong",
        "2024-10-28",
        "A study of how Wikipedia articles on Pacific islands cite their sources, using public dumps only; "
        "results and code published openly.",
        fix={
            "reader-data-requests": F(
                4,
                "Public dumps only; the institute publishes its methods and "
                "aggregates usernames in all outputs.",
                "partner:methods",
            )
        },
        na=("inclusive-participation",),
    ),
    Sample(
        "brightwave-2024",
        Partner(
            "Brightwave Consumer Electronics (Thailand) Co., Ltd.",
            "company",
            "TH",
            aliases=("Brightwave Thailand",),
        ),
        MEKONG,
        "funding",
        "project",
        "blocked",
        "2024-06-21",
        "The company offered to sponsor the group's photo contest. Blocked: its marketing agency would 'help "
        "volunteers' write articles on its products without disclosing who pays them, and it expected a "
        "critical section of its company article to go.",
        fix={
            "paid-editing-disclosure": F(
                0,
                "Asked how the agency's writers would disclose their paid work. The company said they "
                "would edit 'as ordinary volunteers' from personal accounts and saw no need to mention "
                "the agency or the sponsorship.",
                "partner:sponsorship-proposal.pdf",
            ),
            "promotional-editing": F(
                0,
                "The sponsorship proposal lists 'articles on the new phone range' "
                "and 'balancing' the battery-recall section of the company's "
                "article among the expected results.",
            ),
            "no-implied-endorsement": F(
                1,
                "The company wanted to call itself 'official technology partner "
                "of Wikipedia' in its advertising.",
            ),
            "funding-conditions": F(0, "The money is tied to articles about the company's products."),
            "shared-goals": F(
                1,
                "The company's aim is visibility for its new phone range; the photo "
                "contest would be the vehicle.",
            ),
        },
    ),
    Sample(
        "red-river-2026",
        Partner("Red River Institute of Linguistics", "institute", "VN"),
        MEKONG,
        "education",
        "project",
        "mixed",
        "2026-03-11",
        "A semester course in which linguistics students write and translate articles on the country's "
        "minority languages. Proceed with conditions: training and contact with the language communities "
        "must be in place before the course starts.",
        fix={
            "source-communities": F(
                2,
                "The language communities concerned were told about the course but "
                "have no role yet; we suggested inviting two community speakers as "
                "reviewers.",
            )
        },
    ),
    Sample(
        "tasman-2026",
        Partner("Tasman Schools Network", "network", "NZ"),
        PACIFIC,
        "events",
        "project",
        "mixed",
        "2026-11-09",
        "Draft: a regional photo walk and edit-a-thon with school libraries. Started after the first call.",
        status="draft",
        answered=0.5,
    ),
    # Latin America and Caribbean
    Sample(
        "valparaiso-2024",
        VALPARAISO,
        ANDES,
        "content",
        "long-term",
        "blocked",
        "2024-04-15",
        "Proposed upload of the museum's 19th-century lithographs and port maps (about 1,200 scans). "
        "Blocked: the museum insists on CC BY-NC for scans of public-domain works. We explained Commons' "
        "licensing rules and the public-domain status of faithful reproductions; the museum will take it to "
        "its board.",
        linked=True,
        fix={
            "free-licence": F(
                0,
                "The museum insists on CC BY-NC 4.0 for all 1,200 scans and wants commercial reuse to go "
                "through its image-licensing desk. NC material cannot go to Commons, so the upload cannot "
                "happen on these terms.",
                "partner:image-licensing-terms",
            ),
            "public-domain-respect": F(
                0,
                "The lithographs and maps are from 1840-1890 and long in the "
                "public domain, but the museum claims copyright on its scans and "
                "charges a fee for commercial use.",
            ),
            "open-metadata": F(
                1,
                "Only titles and dates could be shared; the museum regards its catalogue "
                "as a database it sells access to.",
            ),
        },
    ),
    Sample(
        "valparaiso-2025",
        VALPARAISO,
        ANDES,
        "content",
        "long-term",
        "mixed",
        "2025-05-20",
        "Re-assessment a year after the block. The board accepted that scans of public-domain works are "
        "public domain and put the museum's own object photographs under CC BY-SA. Proceed with conditions: "
        "the museum's website still shows its old terms, and the metadata is not yet CC0.",
        linked=True,
        follows="valparaiso-2024",
        fix={
            "free-licence": F(
                3,
                "Board decision received in writing: new photographs of objects under CC "
                "BY-SA 4.0, scans of public-domain works as public domain.",
                "partner:board-decision-2025.pdf",
            ),
            "public-domain-respect": F(
                2,
                "The uploads are accepted, but the museum's website still shows "
                "'© MRVN, all rights reserved' on the same images; it will change "
                "this with its new website.",
            ),
            "open-metadata": F(
                2,
                "Catalogue data can be shared under CC0 except provenance notes, which "
                "the museum's lawyer is still checking.",
            ),
        },
    ),
    Sample(
        "valparaiso-2026",
        VALPARAISO,
        ANDES,
        "content",
        "long-term",
        "strong",
        "2026-05-18",
        "Third assessment: the conditions agreed in 2025 are met. The new website marks public-domain scans "
        "with the Public Domain Mark, the full catalogue is CC0 with Wikidata IDs, and a second batch "
        "(photographs of the port, 1900-1930) is being prepared.",
        linked=True,
        follows="valparaiso-2025",
        fix={
            "free-licence": F(
                4,
                "CC BY-SA for the museum's own photographs is now its default policy, "
                "published on its website.",
                "partner:open-access-policy",
            ),
            "public-domain-respect": F(
                4,
                "The new website offers every public-domain scan as a free "
                "download under the Public Domain Mark.",
            ),
            "open-metadata": F(
                3,
                "CC0 statement for the whole catalogue, provenance notes included; "
                "inventory numbers are on Wikidata.",
                "partner:metadata-export.csv",
            ),
        },
    ),
    Sample(
        "desierto-florido-2025",
        Partner("Universidad del Desierto Florido", "university", "CL"),
        ANDES,
        "education",
        "long-term",
        "strong",
        "2025-08-19",
        "Wikipedia assignments in the history and biology programmes, renewed for three years, with a "
        "Wikimedian in Residence half-time at the university library.",
    ),
    Sample(
        "lumbre-andina-2026",
        Partner("Fundación Lumbre Andina", "foundation", "PE"),
        ANDES,
        "funding",
        "project",
        "strong",
        "2026-01-21",
        "A grant from a family foundation for a Quechua and Aymara editing programme run with two Peruvian "
        "volunteer groups. Light conditions: a yearly report, no branding on the wikis.",
        fix={
            "funding-conditions": F(
                4,
                "Unrestricted within the programme; the foundation asked only for a "
                "yearly report and explicitly leaves all content decisions to the "
                "volunteers.",
            )
        },
    ),
    Sample(
        "windward-hills-2024",
        Partner("Windward Hills Heritage Society", "society", "JM"),
        CARIBBEAN,
        "one-off-upload",
        "one-off",
        "strong",
        "2024-12-07",
        "One batch of about 180 photographs of great houses, chapels and markets from the society's survey "
        "of the 1970s, with a metadata spreadsheet.",
        na=("public-domain-respect", "newcomer-support"),
    ),
    Sample(
        "port-mariel-2025",
        Partner("Port Mariel Carnival Archive", "archive", "TT"),
        CARIBBEAN,
        "events",
        "project",
        "mixed",
        "2025-10-25",
        "A carnival-season photo contest and two editing days with the archive's costume designs as sources. "
        "Proceed with conditions: photo consent at the mas camps, and code-of-conduct contacts for the "
        "editing days.",
        fix={
            "participant-data": F(
                1,
                "Contest entries would show masqueraders' faces, and the archive "
                "wanted entrants' phone numbers for its own mailing list.",
            )
        },
    ),
    Sample(
        "mandacaru-2024",
        Partner("Instituto Mandacaru de Tecnologia Social", "institute", "BR"),
        SERTAO,
        "technology",
        "project",
        "mixed",
        "2024-07-30",
        "A mobile app to photograph and describe rural heritage for Commons and Wikidata. Proceed with "
        "conditions: remove the commercial analytics SDK and set a retention period for location data.",
        fix={
            "data-minimisation": F(
                1,
                "The prototype sends location and device identifiers to a commercial "
                "analytics SDK, with no deletion period.",
            )
        },
    ),
    Sample(
        "rede-livre-2026",
        Partner("Coletivo Rede Livre Nordeste", "collective", "BR"),
        SERTAO,
        "advocacy",
        "project",
        "mixed",
        "2026-08-12",
        "A joint campaign for open educational resources in state schools. Proceed with conditions: the "
        "collective also campaigns on party-political issues, so the joint message must stay on free "
        "knowledge.",
        fix={
            "advocacy-positions": F(
                2,
                "Full agreement on open textbooks; the collective's other campaigns "
                "are party-political and could blur a joint message.",
            )
        },
    ),
    Sample(
        "veredas-2026",
        Partner("Rádio Comunitária Veredas", "radio station", "BR", aliases=("Rádio Veredas FM",)),
        SERTAO,
        "content",
        "project",
        "strong",
        "2026-10-02",
        "Draft: the station offers recordings of repentistas and oral histories. Licence confirmed; "
        "performers' rights still to check.",
        status="draft",
        answered=0.6,
        na=("public-domain-respect",),
    ),
    # Middle East and North Africa
    Sample(
        "kings-highway-2024",
        Partner("King's Highway Archaeological Archive", "archive", "JO"),
        LEVANT,
        "content",
        "long-term",
        "mixed",
        "2024-02-20",
        "Excavation photographs and site records from the 1960s to the 1990s. Proceed with conditions: the "
        "archive holds the rights for its own expeditions only, and exact coordinates of unprotected sites "
        "stay out of the shared data to prevent looting.",
        fix={
            "rights-clarity": F(
                2,
                "Rights are clear for the archive's own expeditions; photographs from "
                "foreign missions are listed separately and left out for now.",
            ),
            "open-metadata": F(
                2,
                "Metadata under CC0 except exact coordinates of unprotected sites, which "
                "the archive withholds to prevent looting - a reasonable limit, still to "
                "be put in writing.",
            ),
        },
        na=("public-domain-respect",),
    ),
    Sample(
        "wadi-code-2025",
        Partner("Wadi Code Academy", "academy", "JO"),
        LEVANT,
        "education",
        "project",
        "strong",
        "2025-12-03",
        "Bootcamp students build small Wikidata tools and write Arabic articles about computing, with "
        "mentors from the group.",
    ),
    Sample(
        "cedar-coast-2026",
        Partner("Cedar Coast Press Freedom Network", "network", "LB"),
        LEVANT,
        "advocacy",
        "long-term",
        "strong",
        "2026-07-15",
        "Joint advocacy on access to public information and the safety of online contributors.",
        fix={
            "contributor-safety": F(
                4,
                "The network runs a legal-help line that volunteers can use if they "
                "are threatened over their edits.",
            )
        },
    ),
    Sample(
        "ait-zafran-2024",
        Partner(
            "Médiathèque de l'Oasis d'Aït Zafran",
            "media library",
            "MA",
            aliases=("Ait Zafran Oasis Library",),
        ),
        MAGHREB,
        "edit-a-thon",
        "one-off",
        "strong",
        "2024-05-11",
        "An edit-a-thon on the oasis's history and its irrigation channels, in Arabic, French and Tamazight, "
        "with the library's local-history shelf as sources.",
    ),
    Sample(
        "ben-slimane-2025",
        Partner("Bibliothèque de la famille Ben Slimane", "family library", "TN", website=False),
        MAGHREB,
        "one-off-upload",
        "one-off",
        "mixed",
        "2025-03-29",
        "Photographs of early 20th-century postcards and about 150 pages of family correspondence. Proceed "
        "with conditions: leave out letters by identifiable private people whose heirs have not agreed, and "
        "complete the descriptions.",
        fix={
            "rights-clarity": F(
                2,
                "Postcards are clearly public domain; some letters were written by "
                "people who died less than 70 years ago and need their heirs' consent.",
            )
        },
        na=("newcomer-support",),
    ),
    Sample(
        "carthage-labs-2026",
        Partner("Carthage Digital Labs SARL", "company", "TN"),
        MAGHREB,
        "technology",
        "project",
        "weak",
        "2026-02-24",
        "A start-up proposed an Arabic chatbot built on Wikipedia, with volunteers labelling training data. "
        "Not aligned: closed code, unclear data practices and a plan that mostly benefits the company.",
        fix={
            "open-source-tools": F(
                0, "The company would own all code and the labelled data; nothing would be published."
            ),
            "mutual-benefit": F(
                1, "Volunteers would label thousands of examples for free; the company offered T-shirts."
            ),
        },
    ),
    Sample(
        "nile-delta-2026",
        Partner("Nile Delta Open Science Initiative", "initiative", "EG"),
        NILE,
        "research",
        "project",
        "mixed",
        "2026-10-28",
        "Draft: a citizen-science study of how Egyptian Arabic Wikipedia covers farming and water. Started "
        "after the first meeting.",
        status="draft",
        answered=0.4,
    ),
    # North America
    Sample(
        "northbridge-2024",
        NORTHBRIDGE,
        GREAT_LAKES,
        "research",
        "long-term",
        "mixed",
        "2024-09-10",
        "A study of how misinformation about local elections spreads and is corrected on Wikipedia. Proceed "
        "with conditions: the reading-path work package needs non-public data and must go through the "
        "Foundation's formal research process; the data agreement needs real security terms.",
        linked=True,
        fix={
            "reader-data-requests": F(
                2,
                "Most of the study uses public edit histories and pageview dumps; "
                "one work package wants per-session reading paths, which are not "
                "public, and no route has been planned.",
            ),
            "data-security-agreement": F(
                1, "Only the institute's standard NDA, with no security requirements."
            ),
            "open-source-tools": F(
                2, "Analysis code will be public; the annotation tool is a licensed commercial product."
            ),
        },
    ),
    Sample(
        "northbridge-2025",
        NORTHBRIDGE,
        GREAT_LAKES,
        "research",
        "long-term",
        "strong",
        "2025-10-06",
        "Re-assessment after the conditions of 2024 were agreed: the reading-path work package went through "
        "the Foundation's formal research process, and a data-use agreement with concrete security terms is "
        "signed.",
        linked=True,
        follows="northbridge-2024",
        fix={
            "reader-data-requests": F(
                3,
                "The reading-path work package is now a formal research "
                "collaboration with the Foundation; everything else uses public "
                "data.",
                "partner:research-collaboration-notice",
            ),
            "data-security-agreement": F(
                3,
                "The data-use agreement covers access control, encrypted "
                "storage, deletion after 18 months and breach notification.",
                "partner:data-agreement.pdf",
            ),
            "open-source-tools": F(
                3,
                "The annotation tool was replaced by an open-source one; all code is "
                "MIT on a public repository.",
                "partner:code",
            ),
        },
    ),
    Sample(
        "harborview-2026",
        Partner("Harborview Community College", "college", "US"),
        GREAT_LAKES,
        "education",
        "long-term",
        "strong",
        "2026-03-04",
        "Wikipedia assignments in the nursing and local-history programmes, with library staff trained as "
        "instructors.",
    ),
    Sample(
        "saltmarsh-2025",
        Partner("Saltmarsh Analytics Inc.", "company", "US"),
        GREAT_LAKES,
        "technology",
        "project",
        "blocked",
        "2025-04-09",
        "The company offered engineers and servers to build a historical gazetteer from Wikidata and "
        "volunteers' research. Blocked: it wanted a two-year exclusive licence to the cleaned dataset and a "
        "veto on releasing it to others.",
        fix={
            "no-exclusive-access": F(
                0,
                "The term sheet asks for a two-year exclusive licence to the cleaned gazetteer and a veto "
                "on releasing it to anyone else. Asked whether a shorter, dated embargo would do; the "
                "company said exclusivity is the point of its investment. Data built from Wikidata and "
                "volunteers' work would be closed off exactly where it should be "
                "free.",
                "partner:term-sheet.pdf",
            ),
            "open-source-tools": F(
                1, "Only the import scripts would be open; the matching engine stays proprietary."
            ),
        },
    ),
    Sample(
        "lakeside-2025",
        LAKESIDE,
        PRAIRIE,
        "edit-a-thon",
        "one-off",
        "mixed",
        "2025-03-08",
        "The library's first edit-a-thon, on women in the town's history, for Women's History Month. Proceed "
        "with conditions: the guest Wi-Fi blocks account creation, and nobody is named for code-of-conduct "
        "reports.",
        linked=True,
        fix={
            "event-logistics-agreed": F(
                2,
                "Date, room and sources agreed, but the guest Wi-Fi blocks "
                "creating several accounts from one address; not solved yet.",
            ),
            "ucoc-joint-events": F(
                1,
                "The library points to its own visitor rules; no contact person for "
                "reports during the event.",
            ),
        },
    ),
    Sample(
        "lakeside-2026",
        LAKESIDE,
        PRAIRIE,
        "edit-a-thon",
        "one-off",
        "strong",
        "2026-03-07",
        "Second yearly edit-a-thon. The conditions from 2025 were met: accounts are created in advance with "
        "the event coordinator right, and the UCoC is on the event page with a contact from each side.",
        linked=True,
        follows="lakeside-2025",
        fix={
            "event-logistics-agreed": F(
                4,
                "Accounts created a week ahead; Wi-Fi tested with the library's "
                "IT person; checklist gone through with the host two days "
                "before.",
                "wiki:Event_page",
            ),
            "ucoc-joint-events": F(
                3,
                "UCoC on the event page and read out at the start; one contact from "
                "the library and one from the group.",
                "wiki:Code_of_conduct",
            ),
        },
    ),
    Sample(
        "willow-creek-2024",
        Partner("Willow Creek Historical Society", "society", "CA"),
        PRAIRIE,
        "one-off-upload",
        "one-off",
        "mixed",
        "2024-10-19",
        "Scans of about 200 homestead-era photographs and land maps. Proceed with conditions: complete the "
        "metadata spreadsheet and confirm the rights in photographs donated by families.",
        fix={
            "upload-batch-ready": F(
                1, "Scans are chosen, but there is no spreadsheet and no signed licence statement yet."
            )
        },
        na=("newcomer-support",),
    ),
    Sample(
        "ashgrove-2026",
        Partner("Ashgrove Public Media", "public broadcaster", "US"),
        GREAT_LAKES,
        "events",
        "project",
        "mixed",
        "2026-11-12",
        "Draft: a radio-and-online series with live editing sessions on local history.",
        status="draft",
        answered=0.3,
    ),
    # South Asia
    Sample(
        "varadnagar-chapter-2025",
        VARADNAGAR,
        INDIC,
        "education",
        "long-term",
        "mixed",
        "2025-02-12",
        "A Wikipedia course for students of Marathi literature and history, two semesters a year. Proceed "
        "with conditions: training capacity and a plan for Marathi-language outputs. We met the registrar "
        "and the head of the Marathi department in February.",
        fix={
            "existing-talks-check": F(
                2,
                "We asked the other affiliate we know in the state, but not the "
                "Access-to-Knowledge programme or the Marathi Wikipedia "
                "community.",
            )
        },
    ),
    Sample(
        "varadnagar-a2k-2025",
        VARADNAGAR_AGAIN,
        A2K,
        "content",
        "project",
        "mixed",
        "2025-06-24",
        "Digitisation of the university library's Marathi periodicals (1920-1960) for Wikisource. Proceed "
        "with conditions: the university had already been approached by the Indic Example Chapter in "
        "February, so a lead contact has to be agreed with the chapter before anything is signed.",
        fix={
            "existing-talks-check": F(
                1,
                "We did not check. In our second meeting the university librarian "
                "told us that the chapter had met the registrar in February about "
                "a Wikipedia course.",
            ),
            "lead-contact-agreed": F(
                1,
                "The university now has proposals from two movement bodies and "
                "asked which one is 'the official Wikipedia'. A joint call with the "
                "chapter is planned.",
            ),
            "partner-understands-movement": F(
                1, "The registrar thought both proposals came from the Wikimedia Foundation."
            ),
        },
    ),
    Sample(
        "konkan-2024",
        Partner("Konkan Coast Folk Music Archive", "archive", "IN"),
        A2K,
        "content",
        "long-term",
        "strong",
        "2024-01-23",
        "Field recordings of Konkani and Marathi folk songs (1970s-1990s) for Commons, with transcriptions "
        "on Wikisource and performer data on Wikidata.",
        fix={
            "source-communities": F(
                3,
                "The singers' villages were visited with the archive; two Konkani "
                "Wikimedians from the coast help describe the songs.",
            )
        },
        na=("public-domain-respect",),
    ),
    Sample(
        "padma-2024",
        Partner("Padma River Open Data Collective", "collective", "BD"),
        DELTA,
        "research",
        "project",
        "strong",
        "2024-11-05",
        "Open river-erosion data for Bengali Wikipedia articles on char villages, imported to Wikidata under "
        "CC0 after a community discussion.",
        fix={
            "open-metadata": F(
                3, "Dataset released under CC0 with stable IDs for each char village.", "partner:dataset"
            )
        },
    ),
    Sample(
        "jamuna-char-2026",
        Partner("Jamuna Char Heritage Museum", "museum", "BD"),
        DELTA,
        "content",
        "project",
        "mixed",
        "2026-07-30",
        "Draft: a small museum of river-island life offers photographs of boats, tools and houses. Licence "
        "and language questions answered.",
        status="draft",
        answered=0.55,
        na=("public-domain-respect",),
    ),
    Sample(
        "shivapuri-2025",
        Partner("Shivapuri Hills Community Library", "library", "NP"),
        HIMALAYAN,
        "edit-a-thon",
        "one-off",
        "strong",
        "2025-09-20",
        "A one-day edit-a-thon in Nepali and Newar on the valley's temples and festivals, in the community "
        "library.",
    ),
    Sample(
        "serendib-2024",
        Partner("Serendib Telecom Foundation", "foundation", "LK"),
        LANKA,
        "funding",
        "long-term",
        "weak",
        "2024-03-26",
        "The telecom company's foundation offered to fund a three-year programme, in exchange for its logo "
        "on project pages, a 'Wikipedia by Serendib' app and approval of our event topics. Not aligned; we "
        "offered a simpler grant for one event instead.",
        fix={
            "funding-conditions": F(
                1,
                "Wants its logo on all our project pages, a co-branded app and "
                "approval of our event topics; not willing to drop these.",
            ),
            "no-implied-endorsement": F(1, "The app would be called 'Wikipedia by Serendib'."),
        },
    ),
    Sample(
        "indus-2026",
        Partner("Indus Valley Institute of Languages", "institute", "PK"),
        INDUS,
        "technology",
        "project",
        "mixed",
        "2026-05-27",
        "OCR and a transliteration tool between Shahmukhi and Gurmukhi Punjabi for Wikisource. Proceed with "
        "conditions: test the OCR on real pages, and agree with the other movement bodies in the country who "
        "leads.",
        fix={
            "script-and-tool-support": F(
                2, "The OCR struggles with Nastaliq ligatures; no time is planned for correction."
            ),
            "lead-contact-agreed": F(
                2, "Agreed on a call with another Punjabi user group that we lead; not written down yet."
            ),
        },
    ),
    # Sub-Saharan Africa
    Sample(
        "kijani-2024",
        KIJANI,
        RIFT,
        "events",
        "project",
        "strong",
        "2024-06-15",
        "A monthly radio segment and a live edit-a-thon in Swahili on local environmental topics, with "
        "listeners calling in sources.",
    ),
    Sample(
        "kijani-swahili-2025",
        KIJANI_AGAIN,
        SWAHILI,
        "content",
        "project",
        "mixed",
        "2025-09-09",
        "Oral-history recordings from the station's archive for Commons and Swahili Wikipedia. Proceed with "
        "conditions: consent from the people recorded. We learned afterwards that the Rift Valley user group "
        "ran an edit-a-thon series with the same station in 2024, and have since agreed to coordinate.",
        fix={
            "rights-clarity": F(
                2,
                "The station holds the rights in its own programmes; consent from the "
                "people interviewed is on tape for some recordings only.",
            )
        },
        na=("public-domain-respect",),
    ),
    Sample(
        "nalubale-2024",
        Partner("Nalubale Craft Cooperative", "cooperative", "UG"),
        LAKES,
        "one-off-upload",
        "one-off",
        "mixed",
        "2024-09-14",
        "Photographs of bark-cloth making and basket weaving by the cooperative's members. Proceed with "
        "conditions: written consent from the artisans shown, and a licence statement signed by the "
        "cooperative's board.",
        na=("public-domain-respect", "newcomer-support"),
    ),
    Sample(
        "lakeview-girls-2026",
        Partner("Lakeview Girls' Secondary School", "school", "UG"),
        LAKES,
        "edit-a-thon",
        "one-off",
        "strong",
        "2026-05-16",
        "An edit-a-thon on women scientists from East Africa for the school's science club, with teachers as "
        "co-organisers.",
    ),
    Sample(
        "baobab-numerique-2025",
        Partner("Fondation Baobab Numérique", "foundation", "SN"),
        SAHEL,
        "funding",
        "project",
        "strong",
        "2025-01-28",
        "A grant for Wolof and Pulaar editing workshops in three regional towns, with laptops that stay with "
        "the group.",
    ),
    Sample(
        "protea-2024",
        Partner("Protea Learning Trust", "trust", "ZA"),
        KAROO,
        "education",
        "project",
        "weak",
        "2024-08-06",
        "An education charity proposed that volunteers run Wikipedia clubs in 30 schools at once, with the "
        "trust's sponsor's branding on all materials. Not aligned: far beyond the group's capacity, and the "
        "sponsor's visibility comes first.",
        fix={
            "scope-fit": F(0, "Thirty schools in one term with five volunteers and no budget for travel."),
            "recognition-attribution": F(
                1, "The trust's sponsor wants its logo on the club's Wikipedia project pages."
            ),
        },
    ),
    Sample(
        "volta-2026",
        Partner("Volta Basin Open Access Consortium", "consortium", "GH"),
        GOLD_COAST,
        "research",
        "long-term",
        "strong",
        "2026-11-18",
        "Draft: a consortium of university libraries wants to link its open-access theses to Wikidata and "
        "cite them on Wikipedia.",
        status="draft",
        answered=0.5,
    ),
)


# -- generating ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Levels:
    """What scoring needs of an assessment (a ``Scorable``), while levels are being drawn."""

    id: str
    partnership_types: tuple[str, ...]
    size: str | None
    levels: dict[str, int | str]


def sample_id(sample: Sample) -> str:
    return hashlib.sha256(f"{SEED}:{sample.key}".encode()).hexdigest()[:12]


def check_table(samples: tuple[Sample, ...], frameworks: Mapping[str, Framework]) -> None:
    """Refuse a table that would write inconsistent samples (a typo in a criterion id, a country in the wrong
    region, an overlay used where it makes no sense, a date out of range)."""
    keys = [s.key for s in samples]
    if len(set(keys)) != len(keys):
        raise ValueError("sample keys must be unique")
    for s in samples:
        framework = frameworks[s.affiliate.framework]
        where = f"sample {s.key!r}"
        if COUNTRY_REGION[s.partner.country] != s.affiliate.region:
            raise ValueError(f"{where}: partner country {s.partner.country} is not in {s.affiliate.region}")
        if s.affiliate.framework == GDPR and s.partner.country not in EU_COUNTRIES:
            raise ValueError(f"{where}: the GDPR overlay is for affiliates and partners in the EU")
        if s.affiliate.framework == SOUTH_ASIA and s.affiliate.region != "South Asia":
            raise ValueError(f"{where}: the South Asia overlay is for South Asia")
        if framework.partnership_type(s.type) is None:
            raise ValueError(f"{where}: {s.type!r} is not a partnership type of {framework.id}")
        if s.profile not in TARGET or s.status not in ("final", "draft"):
            raise ValueError(f"{where}: unknown profile or status")
        if not FIRST_DATE <= dt.date.fromisoformat(s.date) <= LAST_DATE:
            raise ValueError(f"{where}: date {s.date} outside {FIRST_DATE}..{LAST_DATE}")
        if s.follows and not any(
            o.key == s.follows and o.partner == s.partner and o.date < s.date
            for o in samples[: samples.index(s)]
        ):
            raise ValueError(f"{where}: follows {s.follows!r}, which must be earlier and of the same partner")
        applicable = {c.id for c in framework.applicable_criteria([s.type], s.size)}
        for crit_id in (*s.fix, *s.na):
            if crit_id not in applicable:
                raise ValueError(f"{where}: {crit_id!r} does not apply to {s.type!r} in {framework.id}")


def _to_answer(sample: Sample, framework: Framework, rng: random.Random) -> list[Criterion]:
    """The applicable criteria this sample answers: all for a final; for a draft, the first part of the
    walk-through with a few skipped (and any answer written by hand)."""
    applicable = list(framework.applicable_criteria([sample.type], sample.size))
    if sample.status == "final":
        return applicable
    count = round(sample.answered * len(applicable))
    return [c for i, c in enumerate(applicable) if c.id in sample.fix or (i < count and rng.random() > 0.12)]


def draw_levels(
    sample: Sample,
    framework: Framework,
    criteria: list[Criterion],
    rng: random.Random,
    previous: Mapping[str, int | str] | None = None,
) -> dict[str, int | str]:
    """Levels for ``criteria`` drawn from the sample's profile until the result is the one the profile stands
    for (its band for a final, 'incomplete' for a draft). A re-assessment starts from the ``previous``
    levels and raises some of them."""
    profile = sample.blocked_base if sample.profile == "blocked" else sample.profile
    weights = PROFILES[profile]
    target = TARGET[sample.profile] if sample.status == "final" else "incomplete"
    for _attempt in range(1000):
        levels: dict[str, int | str] = {}
        for criterion in criteria:
            if criterion.id in sample.fix:
                levels[criterion.id] = sample.fix[criterion.id].level
            elif criterion.id in sample.na:
                levels[criterion.id] = NOT_APPLICABLE
            else:
                level = rng.choices(framework.level_values, weights=weights)[0]
                before = previous.get(criterion.id) if previous else None
                if isinstance(before, int):  # never worse than last time, sometimes one better
                    raised = min(framework.highest, before + (rng.random() < IMPROVE_CHANCE[profile]))
                    level = max(level, raised)
                if criterion.red_line is not None:
                    level = max(level, criterion.red_line.at_or_below + 1, RED_LINE_FLOOR[profile])
                level = max(level, CRITERION_FLOOR.get(criterion.id, level))
                levels[criterion.id] = level
        result = score_assessment(framework, _Levels(sample.key, (sample.type,), sample.size, levels))
        if result.recommendation == target:
            return levels
    raise RuntimeError(f"sample {sample.key!r}: no draw gives {target!r}; change its profile or its fixes")


def _tiers(level: int | str) -> tuple[str, ...]:
    if level == NOT_APPLICABLE:
        return ("na",)
    if level <= 1:
        return ("low",)
    return ("mid",) if level == 2 else ("top", "high") if level == 4 else ("high",)


def note_for(
    criterion_id: str, level: int | str, base_type: str, words: Mapping[str, str], rng: random.Random
) -> str | None:
    """A note for this level from the templates: the partnership type's own first, else the neutral ones."""
    for source in (TYPE_NOTES.get(criterion_id, {}).get(base_type, {}), NOTES.get(criterion_id, {})):
        for tier in _tiers(level):
            if source.get(tier):
                return rng.choice(source[tier]).format(**words)
    return None


def _wiki_title(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "Partnerships/" + re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")


def evidence_link(reference: str, partner: Partner) -> str:
    """``partner:PATH`` is a document of the partner's (example.com); ``wiki:ANCHOR`` a section of the
    affiliate's project page about the partner (example.org)."""
    kind, _, rest = reference.partition(":")
    if kind == "partner":
        return f"https://example.com/{slugify(partner.name)}/{rest}"
    if kind == "wiki":
        return f"https://example.org/wiki/{_wiki_title(partner.name)}#{rest}"
    raise ValueError(f"unknown evidence reference {reference!r}")


def build_assessment(
    sample: Sample, framework: Framework, digest: str | None, previous: Assessment | None = None
) -> Assessment:
    rng = random.Random(f"{SEED}:{sample.key}")
    criteria = _to_answer(sample, framework, rng)
    levels = draw_levels(sample, framework, criteria, rng, previous.levels if previous else None)
    partner = sample.partner
    words = {"k": f"the {partner.kind}", "K": f"The {partner.kind}", "langs": sample.affiliate.languages}
    base_type = framework.type_lineage(sample.type)[-1]
    note_chance = NOTE_CHANCE[sample.status]
    answers: dict[str, dict[str, object]] = {}
    for criterion in criteria:
        level = levels[criterion.id]
        fixed = sample.fix.get(criterion.id)
        if fixed is not None:
            answers[criterion.id] = {
                "level": level,
                "notes": fixed.note,
                "evidence": [evidence_link(e, partner) for e in fixed.evidence],
            }
            continue
        low = isinstance(level, int) and level <= 1
        chance = 1.0 if level == NOT_APPLICABLE else LOW_NOTE_CHANCE if low else note_chance
        note = note_for(criterion.id, level, base_type, words, rng) if rng.random() < chance else None
        evidence = []
        if (
            note
            and isinstance(level, int)
            and level >= 2
            and criterion.id in EVIDENCE
            and rng.random() < EVIDENCE_CHANCE
        ):
            evidence.append(evidence_link(":".join(EVIDENCE[criterion.id]), partner))
        answers[criterion.id] = {"level": level, "notes": note, "evidence": evidence}

    created = dt.date.fromisoformat(sample.date)
    final = sample.status == "final"
    updated = min(created + dt.timedelta(days=rng.randint(3, 40) if final else rng.randint(0, 12)), LAST_DATE)
    team = sample.affiliate.assessors
    assessors = rng.sample(team, k=rng.randint(1, min(3, len(team))))
    data = {
        "schema": 2,
        "id": sample_id(sample),
        "revision": rng.randint(2, 6) if final else rng.randint(1, 3),
        "framework": {"id": framework.id, "version": framework.version, "digest": digest if final else None},
        "partner": {
            "name": partner.name,
            "id": stable_partner_id(partner.name) if sample.linked else None,
            "aliases": list(partner.aliases),
            "country": partner.country,
            "website": f"https://example.com/{slugify(partner.name)}" if partner.website else None,
        },
        "affiliate": sample.affiliate.name,
        "region": sample.affiliate.region,
        "partnership_types": [sample.type],
        "size": sample.size,
        "assessors": assessors,
        "status": sample.status,
        "created": created,
        "updated": updated,
        "summary": sample.summary,
        "answers": answers,
    }
    return Assessment.model_validate(data)


def generate(frameworks_dir: Path = ROOT / "frameworks", root: Path = ROOT / "assessments") -> list[Path]:
    """Write every sample into ``root/samples/`` (removing the YAML files there first) and the snapshots of
    the frameworks the final ones use into ``root/.snapshots/``; return the paths written, in table order."""
    catalog = load_frameworks(frameworks_dir)
    if catalog.errors:
        raise SystemExit("frameworks do not load:\n" + "\n".join(catalog.problem_lines()))
    check_table(SAMPLES, catalog.frameworks)
    store = AssessmentStore(root)
    folder = root / SAMPLES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    written = []
    built: dict[str, Assessment] = {}
    for sample in SAMPLES:
        framework = catalog.frameworks[sample.affiliate.framework]
        digest = store.write_snapshot(framework) if sample.status == "final" else None
        assessment = build_assessment(sample, framework, digest, built.get(sample.follows))
        built[sample.key] = assessment
        problems = check_against_framework(assessment, framework, strict=True)
        if problems:
            raise ValueError(f"sample {sample.key!r}: " + "; ".join(p.render() for p in problems))
        path = folder / store.path_for(assessment).name
        write_atomically(path, FILE_HEADER + dump_yaml(assessment.to_data()))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--frameworks", type=Path, default=ROOT / "frameworks", help="folder of framework files"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT / "assessments",
        help="assessments folder: samples go to ROOT/samples, snapshots to ROOT/.snapshots",
    )
    args = parser.parse_args()
    written = generate(args.frameworks, args.root)
    finals = sum(1 for s in SAMPLES if s.status == "final")
    print(
        f"wrote {len(written)} samples ({finals} final, {len(written) - finals} drafts) "
        f"to {args.root / SAMPLES_FOLDER}"
    )


if __name__ == "__main__":
    main()
