"""A report's document model (headings, paragraphs, bullets, tables, images) and its two renderers, Markdown
and standalone HTML.

Every text in a block is plain (from files and users as they are); the renderers escape it for their format:
``html.escape`` for HTML, backslash escapes for Markdown. Links are http(s) only (``markup.safe_link``, checked
by whoever builds the block); images are data URIs of PNG pictures the report made itself.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass

from partnerfit.i18n import _
from partnerfit.markup import escape_markdown


@dataclass(frozen=True)
class Link:
    url: str
    text: str | None = None


Cell = str | Link | list[Link]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: str = ""  # an optional bold lead-in


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Image:
    """A chart as a PNG picture, with the words a reader without the picture gets (alt text)."""

    png: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


Block = Heading | Paragraph | Bullets | Table | Image


def _lead_in(label: str, text: str) -> str:
    """A bold lead-in and its text, punctuated as the language does ('Note: ...', 'Remarque : ...'); both
    already escaped for the format."""
    return _("{label}: {text}").format(label=label, text=text)


# -- Markdown ------------------------------------------------------------------------------------------------
def _md_inline(text: str) -> str:
    return escape_markdown(" ".join(text.split()), streamlit=False)


def _md_cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        return f"[{_md_inline(cell.text)}](<{cell.url}>)" if cell.text else f"<{cell.url}>"
    if isinstance(cell, list):
        return " ".join(_md_cell(link) for link in cell)
    return _md_inline(cell)


def render_markdown(title: str, blocks: list[Block]) -> str:
    """The report as Markdown; every text escaped, so it renders literally."""
    out = [f"# {_md_inline(title)}", ""]
    for block in blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {_md_inline(block.text)}", ""]
        elif isinstance(block, Paragraph):
            text = "\n".join(_md_inline(line) for line in block.text.splitlines() if line.strip())
            out += [_lead_in(f"**{_md_inline(block.strong)}**", text) if block.strong else text, ""]
        elif isinstance(block, Bullets):
            out += [f"- {_md_inline(item)}" for item in block.items] + [""]
        elif isinstance(block, Image):
            alt = _md_inline(block.alt).replace("]", "\\]")
            out += [f"![{alt}](<{block.data_uri}>)", ""]
        else:
            headers = [_md_inline(h) or " " for h in block.headers]
            out.append("| " + " | ".join(headers) + " |")
            out.append("|" + "|".join("---" for _ in headers) + "|")
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)


# -- HTML ----------------------------------------------------------------------------------------------------
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td{overflow-wrap:anywhere}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}a{color:inherit}figure{break-inside:avoid}}
"""


def _html_cell(cell: Cell) -> str:
    if isinstance(cell, Link):
        url = html.escape(cell.url, quote=True)
        return f'<a href="{url}" rel="noopener noreferrer">{html.escape(cell.text or cell.url)}</a>'
    if isinstance(cell, list):
        return "<br>".join(_html_cell(link) for link in cell)
    return html.escape(cell)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 2), 6)
        return f"<h{level}>{html.escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        text = "<br>".join(html.escape(line) for line in block.text.splitlines() if line.strip())
        return f"<p>{_lead_in(f'<strong>{html.escape(block.strong)}</strong>', text) if block.strong else text}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Image):
        alt = html.escape(block.alt, quote=True)
        return f'<figure><img src="{block.data_uri}" alt="{alt}"></figure>'
    head = (
        "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in block.headers) + "</tr>"
        if any(block.headers)
        else ""
    )
    rows = "".join("<tr>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    return f"<table>{head}{rows}</table>"


def render_html(title: str, blocks: list[Block], language: str) -> str:
    """The report as a standalone HTML page (print it to PDF from a browser); every text escaped."""
    return (
        '<!DOCTYPE html>\n<html lang="' + html.escape(language, quote=True) + '"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>\n"
        + f"<h1>{html.escape(title)}</h1>\n"
        + "\n".join(_html_block(block) for block in blocks)
        + "\n</body></html>\n"
    )
