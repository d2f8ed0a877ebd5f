"""Every page stays inert with hostile text in the query string and in the files it reads.

Each page runs under AppTest; every string Streamlit renders as Markdown (bodies, alerts, captions, labels,
help texts, radio options, progress texts...) is parsed as CommonMark and must hold no link or image to the
hostile site, no HTML, and none of Streamlit's own markup (colour directives, math) coming from the payload.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import BASE_FRAMEWORK, ROOT, assessment_yaml, write
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

HOSTILE = (
    "[Session expired, sign in again](https://evil.example/login) ![i](https://evil.example/a.png) "
    "<img src=x onerror=alert(1)> :red[PWNED] $x^2$ <https://evil.example/auto> **bold** :material/pets:"
)
HOSTILE_ID = "x' ![i](https://evil-query.example/a.png) [sign in](https://evil-query.example) <b>bold</b> :red[PWNED] $x$"

# Streamlit markup that must never come from the payload: an unescaped ':red[' or '$x', or ':material/' (an icon
# even when its colons are escaped).
_STREAMLIT_MARKUP = re.compile(r"(?<!\\):red\[PWNED|(?<!\\)\$x|:material/pets")
# Element types whose text is shown literally (not Markdown), and so may hold the payload as it is.
_LITERAL_TYPES = {"code", "text", "text_input", "text_area", "selectbox", "multiselect", "exception", "json"}
_MARKDOWN_FIELDS = {"body", "label", "help", "text", "caption", "placeholder"}
# GitHub-flavoured, as Streamlit renders: a bare address in text becomes a link (to itself) even when escaped.
_PARSER = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])


def _hostile_assessment(**overrides: str) -> str:
    payload = json.dumps(HOSTILE)
    answer = json.dumps(
        {"level": 3, "notes": HOSTILE, "evidence": ["https://ok.example/?q=](https://evil.example)<b>"]}
    )
    fields = {
        "partner": json.dumps({"name": HOSTILE, "aliases": [HOSTILE]}),
        "affiliate": payload,
        "assessors": json.dumps([HOSTILE]),
        "summary": payload,
        "answers": f"{{licence-fit: {answer}, pd-respect: {answer}, retention: {{level: 2, notes: {payload}}}}}",
    }
    return assessment_yaml(**(fields | overrides))


_FRAMEWORK_TEXTS = {"title", "label", "question", "description", "guidance", "reason"}


def _hostile_framework() -> str:
    """The base framework under the id 'hostile', every text (titles, labels, questions, rubric) the payload."""

    def poison(node, key=None):
        if isinstance(node, dict):
            return {k: poison(v, "rubric-level" if key == "rubric" else k) for k, v in node.items()}
        if isinstance(node, list):
            return [poison(item, key) for item in node]
        return f"{HOSTILE} {node}" if key in _FRAMEWORK_TEXTS | {"rubric-level"} else node

    data = poison(yaml.safe_load(BASE_FRAMEWORK))
    data |= {"id": "hostile", "description": HOSTILE}
    for dimension in data["dimensions"]:
        dimension["description"] = HOSTILE
        for criterion in dimension["criteria"]:
            criterion["guidance"] = HOSTILE
    for band in data["bands"]:
        band["description"] = HOSTILE
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    frameworks, assessments = tmp_path / "frameworks", tmp_path / "assessments"
    write(frameworks / "base.yaml", BASE_FRAMEWORK)
    write(frameworks / "hostile.yaml", _hostile_framework())
    framework = '{id: hostile, version: "1.0.0"}'
    write(
        assessments / "hf-final.yaml",
        _hostile_assessment(id="hostile-fw-final", framework=framework, status="final"),
    )
    write(assessments / "hf-draft.yaml", _hostile_assessment(id="hostile-fw-draft", framework=framework))
    write(
        assessments / "final.yaml",
        _hostile_assessment(id="hostile-final", status="final", updated="2025-01-02"),
    )
    write(assessments / "draft.yaml", _hostile_assessment(id="hostile-draft", updated="2025-01-03"))
    write(
        assessments / "older.yaml",
        _hostile_assessment(id="hostile-older", status="final", updated="2024-01-02"),
    )
    # A broken file whose name and content are hostile: its error is shown too.
    write(assessments / "<img src=x> :red[PWNED] $x$ [a](https:evil.example).yaml", HOSTILE + "\n: [\n")
    write(assessments / "unknown-type.yaml", _hostile_assessment(id="hostile-type", partnership_type="nope"))
    monkeypatch.setenv("PARTNERFIT_FRAMEWORKS", str(frameworks))
    monkeypatch.setenv("PARTNERFIT_ASSESSMENTS", str(assessments))
    return assessments


def _nodes(node) -> Iterator:
    yield node
    children = getattr(node, "children", None) or {}
    for child in children.values():
        yield from _nodes(child)


def _strings(message, names: set[str] | None) -> Iterator[str]:
    """String fields named in ``names`` (all if None) of a protobuf message and of the messages inside it."""
    for field, value in message.ListFields():
        values = list(value) if isinstance(value, Iterable) and not isinstance(value, str) else [value]
        if field.type == field.TYPE_MESSAGE:
            for item in values:
                yield from _strings(item, names)
        elif field.type == field.TYPE_STRING and (names is None or field.name in names):
            yield from values


def rendered_markdown(at: AppTest) -> list[tuple[str, str]]:
    """Every string of the run that Streamlit renders as Markdown, with the type of its element."""
    found = []
    for root in (at.main, at.sidebar):
        for node in _nodes(root):
            kind = getattr(node, "type", "")
            proto = getattr(node, "proto", None)
            if proto is None or kind in _LITERAL_TYPES or kind == "html":
                continue
            names = _MARKDOWN_FIELDS | ({"options"} if kind == "radio" else set())
            found += [(kind, text) for text in _strings(proto, names) if text]
    return found


def markup_problems(
    text: str, *, bare_links: bool = True, host: str = "evil", streamlit: bool = True
) -> list[str]:
    """Links or images to the hostile site, HTML, or Streamlit markup from the payload, in one Markdown text.

    A bare address shown as a link to itself (GitHub-flavoured Markdown links those, escaped or not) tells the
    reader where it goes, so it is allowed unless ``bare_links=False``; a link whose text says anything else is
    not, nor is any image.
    """
    problems = []
    for token in _PARSER.parse(text):
        inline = token.children or []
        for position, child in enumerate(inline):
            href = child.attrGet("href") or child.attrGet("src") or ""
            if child.type in ("html_inline", "html_block") or token.type == "html_block":
                problems.append(f"HTML {(child.content or token.content)!r}")
            if host not in urlsplit(str(href)).netloc:
                continue
            if child.type == "image":
                problems.append(f"image of {href}")
            elif child.type == "link_open":
                shown = "".join(t.content for t in inline[position + 1 :][:1])
                if urlsplit(shown).netloc != urlsplit(href).netloc or not bare_links:
                    problems.append(f"link {shown!r} to {href}")
        # Streamlit links an address in text even when its ':' and '.' are escaped (markdown-it does not)
        addresses = [t.content for t in inline if t.type == "text" and f"://{host}" in t.content]
        if addresses and not bare_links:
            problems.append(f"address in text, shown as a link: {addresses}")
        if token.type == "html_block":
            problems.append(f"HTML {token.content!r}")
    if streamlit and _STREAMLIT_MARKUP.search(
        re.sub(r"`[^`]*`", "", text)
    ):  # code spans are shown as they are
        problems.append("Streamlit markup from the payload")
    return problems


def test_the_checker_sees_what_an_unescaped_payload_would_do():
    problems = markup_problems(f"Draft of {HOSTILE}")
    assert "link 'Session expired, sign in again' to https://evil.example/login" in problems
    assert "image of https://evil.example/a.png" in problems
    assert "HTML '<img src=x onerror=alert(1)>'" in problems
    assert "Streamlit markup from the payload" in problems
    from partnerfit.ui.common import code, md

    assert markup_problems(f"Draft of {md(HOSTILE)}") == []
    assert markup_problems("\\:material/pets\\:") == ["Streamlit markup from the payload"]  # still an icon
    assert markup_problems(f"Draft of {md(HOSTILE)}", bare_links=False) != []  # GFM links bare addresses
    assert markup_problems(f"Draft of {code(HOSTILE)}", bare_links=False) == []


def _check(at: AppTest, *, bare_links: bool = True, host: str = "evil") -> int:
    """Fails on any markup problem; returns how many rendered texts hold the (escaped) payload."""
    assert not at.exception, [e.value for e in at.exception]
    shown = rendered_markdown(at)
    bad = {
        (kind, text): found
        for kind, text in shown
        if (found := markup_problems(text, bare_links=bare_links, host=host))
    }
    assert not bad, bad
    assert not [html for html in at.get("html") if "evil" in html.proto.body]  # the app's own HTML only
    return sum("evil" in text for _, text in shown)


def _page(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"partnerfit/ui/pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


PAGES = ["home", "assess", "result", "compare", "frameworks"]


@pytest.mark.parametrize("page", PAGES)
def test_a_hostile_query_string_renders_inert(hostile, page):
    at = _page(page, {"id": HOSTILE_ID, "lang": HOSTILE_ID, "language": HOSTILE_ID})
    _check(at)
    _check(at, bare_links=False, host="evil-query")  # an address in the query string is not even a link


@pytest.mark.parametrize(
    ("page", "assessment_id"),
    [
        ("home", "hostile-final"),
        ("assess", "hostile-draft"),
        ("assess", "hostile-type"),
        ("assess", "hostile-final"),
        ("result", "hostile-final"),
        ("result", "hostile-draft"),
        ("assess", "hostile-fw-draft"),
        ("result", "hostile-fw-final"),
    ],
)
def test_hostile_file_contents_render_inert(hostile, page, assessment_id):
    assert _check(_page(page, {"id": assessment_id})) > 0, "the payload should be on the page, escaped"


@pytest.mark.parametrize("page", ["compare", "frameworks"])
def test_pages_without_partner_text_run_inert_beside_hostile_files(hostile, page):
    at = _page(page, {})
    if page == "frameworks":
        at.selectbox(key="frameworks_choice").set_value("hostile").run()
        assert _check(at) > 0
    _check(at)


@pytest.mark.parametrize("assessment_id", ["hostile-draft", "hostile-fw-draft"])
def test_every_assess_step_renders_hostile_answers_inert(hostile, assessment_id):
    at = _page("assess", {"id": assessment_id})  # a complete draft opens on its review step
    assert _check(at) > 0
    visited = 0
    while backs := [b for b in at.button if b.key and b.key.startswith("assess_back")]:
        backs[0].click().run()
        assert _check(at) > 0
        visited += 1
    assert visited == 3  # each dimension, then partner and context


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def test_reports_of_a_hostile_assessment_are_inert(tmp_path):
    from partnerfit.assessment import Assessment
    from partnerfit.catalog import load_frameworks
    from partnerfit.conditions import negotiation_conditions
    from partnerfit.report import ReportInput, to_html, to_markdown
    from partnerfit.scoring import score_assessment

    write(tmp_path / "hostile.yaml", _hostile_framework())
    framework = load_frameworks(tmp_path).frameworks["hostile"]
    data = yaml.safe_load(_hostile_assessment(framework='{id: hostile, version: "1.0.0"}', status="final"))
    assessment = Assessment.model_validate(data)
    report = ReportInput(
        framework,
        assessment,
        score_assessment(framework, assessment),
        negotiation_conditions(framework, assessment),
        basis_note=HOSTILE,
        link="http://localhost:8501/result?id=a1b2c3d4e5f6",
    )
    text = to_markdown(report)
    assert "evil" in text and markup_problems(text, streamlit=False) == []  # a file: GitHub-style Markdown
    page = _Tags()
    page.feed(to_html(report))
    assert "img" not in [tag for tag, _ in page.found]
    links = [attrs.get("href") or attrs.get("src") or "" for _, attrs in page.found]
    assert not [link for link in links if "evil" in urlsplit(link).netloc]
    assert "https://ok.example/?q=](https://evil.example)%3Cb%3E" in links  # the evidence link, encoded


def every_text(at: AppTest) -> str:
    """Every string of every element of the run, literal ones (code blocks, tables' labels) included."""
    found = []
    for root in (at.main, at.sidebar):
        for node in _nodes(root):
            proto = getattr(node, "proto", None)
            found += list(_strings(proto, None)) if proto is not None else []
    return "\n".join(found)


@pytest.mark.parametrize(
    ("page", "assessment_id"),
    [("home", ""), ("assess", "nosuchid"), ("result", "broken-final"), ("compare", ""), ("frameworks", "")],
)
def test_no_page_shows_where_the_data_lives_on_the_server(hostile, page, assessment_id):
    broken = hostile / "broken-final.yaml"
    write(broken, _hostile_assessment(id="broken-final", status="final", answers="{licence-fit: {level: 9}}"))
    at = _page(page, {"id": assessment_id} if assessment_id else {})
    shown = every_text(at)
    assert "assessments" in shown and str(hostile.parent) not in shown


def test_paths_are_shown_from_the_data_folder_unless_absolute_paths_are_allowed(hostile):
    from partnerfit.ui.common import shown_path, without_server_paths

    inside = hostile / "sub" / "x.yaml"
    assert shown_path(inside) == "assessments/sub/x.yaml"
    assert shown_path("/elsewhere/secret/y.yaml") == "y.yaml"
    assert shown_path(inside, absolute=True) == str(inside)
    message = f"{inside}: cannot read file; {hostile.parent / 'frameworks' / 'b.yaml'}: bad"
    assert without_server_paths(message) == "assessments/sub/x.yaml: cannot read file; frameworks/b.yaml: bad"
    assert without_server_paths(message, absolute=True) == message


@pytest.mark.parametrize("status", ["draft", "final"])
def test_a_hostile_file_someone_sent_renders_inert(hostile, status):
    at = _page("home", {})
    name = "<img src=x> [a](https:evil.example) :red[PWNED] $x$.yaml"
    text = _hostile_assessment(id=f"sent-{status}", status=status)
    at.get("file_uploader")[0].set_value((name, text.encode("utf-8"), "application/yaml"))
    assert _check(at.run()) > 0
    at.get("file_uploader")[0].set_value((name, b"\xff\xfe not text", "application/yaml"))
    _check(at.run())
    broken = _hostile_assessment(id="sent-broken", region=json.dumps(HOSTILE))
    at.get("file_uploader")[0].set_value((name, broken.encode("utf-8"), "application/yaml"))
    _check(at.run())
