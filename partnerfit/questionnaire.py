"""The partner's questionnaire as a file, for partners who will not use the web form: the same questions,
partner-side guidance and rubric as the form, as YAML or CSV (a spreadsheet), filled in and sent back.

The file names the assessment and the framework (id, version, digest) it was made for; a returned file for
another assessment or another framework text is refused with the reason, and it is read with the same loaders and
limits as any other file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from partnerfit.errors import Problem, ValidationError
from partnerfit.framework_file import Id, Version
from partnerfit.i18n import _
from partnerfit.partner_view import (
    MAX_NOTE,
    PartnerLevel,
    partner_criteria,
    partner_guidance,
    with_partner_answers,
)
from partnerfit.text import pick
from partnerfit.validation import validate_model
from partnerfit.yamlio import MAX_ASSESSMENT_BYTES, decode_text, dump_yaml, parse_yaml

if TYPE_CHECKING:
    from partnerfit.assessment import Assessment
    from partnerfit.framework import Framework

FORMAT_VERSION = 1
MAX_QUESTIONNAIRE_BYTES = 2 * MAX_ASSESSMENT_BYTES
CSV_COLUMNS = (
    "assessment",
    "framework",
    "framework_version",
    "framework_digest",
    "criterion",
    "question",
    "guidance",
    "levels",
    "level",
    "notes",
    "answered_by",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FrameworkId(_Model):
    id: Id
    version: Version
    digest: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class Question(_Model):
    criterion: Id
    question: str | None = None  # the texts below are for the partner to read; they are not read back
    guidance: str | None = None
    levels: dict[int, str] | str | None = None
    level: PartnerLevel | None = None
    notes: str | None = Field(default=None, max_length=MAX_NOTE)


class Questionnaire(_Model):
    """A questionnaire file, as written and as returned."""

    questionnaire: Literal[1]
    assessment: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")
    partner: str | None = None
    framework: FrameworkId
    language: str | None = None
    instructions: str | None = None
    answered_by: str | None = Field(default=None, max_length=300)
    questions: list[Question] = Field(min_length=1, max_length=2000)


def build_questionnaire(assessment: Assessment, framework: Framework, language: str) -> Questionnaire:
    """The questionnaire for this assessment, its texts in ``language`` (else English); nothing of the
    affiliate's answers or notes is in it."""
    questions = [
        Question(
            criterion=c.id,
            question=pick(c.question, language, "en"),
            guidance=partner_guidance(c.guidance, language) or None,
            levels={
                level.value: " – ".join(
                    t
                    for t in (
                        pick(level.label, language, "en"),
                        pick(c.rubric.get(level.value), language, "en"),
                    )
                    if t
                )
                for level in framework.levels
            },
        )
        for c in partner_criteria(framework, assessment)
    ]
    return Questionnaire(
        questionnaire=FORMAT_VERSION,
        assessment=assessment.id,
        partner=assessment.partner.name,
        framework=FrameworkId(id=framework.id, version=framework.version, digest=framework.digest),
        language=language,
        instructions=_(
            "Answer each question with the level that fits best (a number from the levels listed, or na when it "
            "does not apply), add notes where useful, write your name under answered_by and send the file back. "
            "Leave the other fields as they are."
        ),
        answered_by="",
        questions=questions,
    )


def to_yaml(questionnaire: Questionnaire) -> str:
    return dump_yaml(questionnaire.model_dump(mode="json"))


def to_csv(questionnaire: Questionnaire) -> str:
    from partnerfit.export import neutralise_formula

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for question in questionnaire.questions:
        levels = question.levels if isinstance(question.levels, dict) else {}
        writer.writerow(
            neutralise_formula(value)
            for value in (
                questionnaire.assessment,
                questionnaire.framework.id,
                questionnaire.framework.version,
                questionnaire.framework.digest or "",
                question.criterion,
                question.question or "",
                question.guidance or "",
                "\n".join(f"{value}: {text}" for value, text in levels.items()),
                "",
                "",
                "",
            )
        )
    return out.getvalue()


def read_questionnaire(data: bytes, name: str) -> Questionnaire:
    """A returned questionnaire (YAML, or CSV when ``name`` ends in .csv), validated; ``ValidationError`` names
    the file, the place and the problem."""
    text = decode_text(data, name, max_bytes=MAX_QUESTIONNAIRE_BYTES)
    if name.lower().endswith(".csv"):
        return validate_model(Questionnaire, _csv_document(text, name), name)
    return validate_model(Questionnaire, parse_yaml(text, name), name, text)


def _csv_document(text: str, name: str) -> dict[str, Any]:
    reader = csv.DictReader(io.StringIO(text))
    columns: list[str] = []
    try:
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    except csv.Error as error:  # a cell over the csv module's limit, a NUL byte, a broken quote
        line = reader.line_num + 1 if columns else 1  # the row being read when it failed
        raise ValidationError(
            name, [Problem(f"line {line}", _("not a readable CSV file: {reason}").format(reason=error))]
        ) from None
    missing = [
        c for c in ("assessment", "framework", "framework_version", "criterion", "level") if c not in columns
    ]
    if missing:
        raise ValidationError(
            name, [Problem("line 1", _("missing column(s): {columns}").format(columns=", ".join(missing)))]
        )
    if not rows:
        raise ValidationError(name, [Problem("", _("no questions in the file"))])
    problems = []
    for field in ("assessment", "framework", "framework_version", "framework_digest"):
        values = {row.get(field) or "" for row in rows}
        if len(values) > 1:
            problems.append(Problem(field, _("every row must have the same {field}").format(field=field)))
    names = {(row.get("answered_by") or "").strip() for row in rows} - {""}
    if len(names) > 1:
        problems.append(
            Problem(
                "answered_by",
                _("one name please, not several: {names}").format(names=", ".join(sorted(names))),
            )
        )
    if problems:
        raise ValidationError(name, problems)
    first = rows[0]
    return {
        "questionnaire": FORMAT_VERSION,
        "assessment": first["assessment"],
        "framework": {
            "id": first["framework"],
            "version": first["framework_version"],
            "digest": first.get("framework_digest") or None,
        },
        "answered_by": next(iter(names), None),
        "questions": [
            {
                "criterion": row["criterion"],
                "level": _csv_level(row["level"]),
                "notes": (row.get("notes") or "").strip() or None,
            }
            for row in rows
        ],
    }


def _csv_level(cell: str | None) -> int | str | None:
    cell = (cell or "").strip()
    if not cell:
        return None
    try:
        return int(cell)
    except ValueError:
        return cell.lower()


def returned_assessment(
    questionnaire: Questionnaire, assessment: Assessment, framework: Framework, *, name: str
) -> Assessment:
    """The assessment with the returned answers as the partner's; refused (``ValidationError``, with the reason)
    when the file was made for another assessment or another framework version or text, or answers nothing."""
    problems = []
    if questionnaire.assessment != assessment.id:
        problems.append(
            Problem(
                "assessment",
                _("this questionnaire is for assessment {theirs}, not {ours}").format(
                    theirs=questionnaire.assessment, ours=assessment.id
                ),
            )
        )
    made_for = questionnaire.framework
    if (made_for.id, made_for.version) != (framework.id, framework.version):
        problems.append(
            Problem(
                "framework",
                _(
                    "this questionnaire was made for framework {theirs_id} {theirs_version}; the assessment uses "
                    "{ours_id} {ours_version}: send the partner a new questionnaire"
                ).format(
                    theirs_id=made_for.id,
                    theirs_version=made_for.version,
                    ours_id=framework.id,
                    ours_version=framework.version,
                ),
            )
        )
    elif made_for.digest and made_for.digest != framework.digest:
        problems.append(
            Problem(
                "framework.digest",
                _(
                    "this questionnaire was made from another text of framework {framework_id} {version} (it was "
                    "edited since): send the partner a new questionnaire"
                ).format(framework_id=framework.id, version=framework.version),
            )
        )
    if not (questionnaire.answered_by or "").strip():
        problems.append(Problem("answered_by", _("write the name of the person who answered")))
    answers = {
        q.criterion: {"level": q.level, "notes": q.notes}
        for q in questionnaire.questions
        if q.level is not None
    }
    if not answers:
        problems.append(Problem("questions", _("no question has a level: nothing to import")))
    if problems:
        raise ValidationError(name, problems)
    return with_partner_answers(
        assessment, framework, answers, answered_by=questionnaire.answered_by or "", via="file", where=name
    )


def file_name(assessment: Assessment, fmt: str) -> str:
    from partnerfit.assessment import slugify

    return f"questionnaire-{slugify(assessment.partner.name)}-{assessment.id}.{fmt}"


def read_file(path: Path) -> Questionnaire:
    from partnerfit.yamlio import read_text_file

    text = read_text_file(path, max_bytes=MAX_QUESTIONNAIRE_BYTES)
    return read_questionnaire(text.encode("utf-8"), str(path))
