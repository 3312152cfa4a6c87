"""The report ('verslag') in the formats people send: Markdown, one self-contained HTML file, and
a Word file (.docx). HTML and Word are built from the Markdown report (`export.markdown`), parsed
once with markdown-it-py into tokens: the report's layout lives in one place, and what the app shows
(Textual's Markdown widget reads the same text) is what is sent, in every format.

- HTML: markdown-it's own renderer (it escapes every text), raw HTML switched off, links and images
  written as their text, so the file loads nothing from anywhere: inline CSS (also on the table
  cells, for mail clients that drop a <style>), print CSS for 'save as PDF', no scripts, and a
  Content-Security-Policy that would block anything external even if it slipped in.
- Word: python-docx; headings, paragraphs with bold and italic, bullet and numbered lists (nested
  lists indented), quotes and tables (the header row repeated on every page), language nl-NL.

Before a report leaves, the identifier scan counts what it holds (`Report.identifiers`: kinds and
counts, never the values). Who the report is for (`voor`, see export.Voor): 'volledig' (everything,
identifiers left in, for the facilitator's archive) or 'groep' (case notes and per-person scores left
out, identifiers replaced by placeholders, a list of what was left out at the end).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

from samenslim.domain.export import VOOR, Voor, markdown
from samenslim.domain.identifiers import KINDS, Kind, find_identifiers, kind_name
from samenslim.domain.session import Sessie

if TYPE_CHECKING:  # python-docx (and lxml) take ~150 ms to import: only a Word export loads them
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

Vorm = Literal["md", "html", "docx"]
VORMEN: tuple[Vorm, ...] = ("md", "html", "docx")
SUFFIXES: dict[Vorm, str] = {"md": ".md", "html": ".html", "docx": ".docx"}
SUFFIXES_VOOR: dict[Voor, str] = {"volledig": "", "groep": ".groep"}  # verslagen/ID.groep.html
LANGUAGE = "nl-NL"


def vorm_named(name: str) -> Vorm:
    """The form named `name` ('md', 'html', 'docx'); ValueError (Dutch) for any other."""
    for vorm in VORMEN:
        if vorm == name:
            return vorm
    raise ValueError(f"onbekende vorm '{name}' (kies uit {', '.join(VORMEN)})")


def voor_named(name: str) -> Voor:
    """Who a report is for ('groep', 'volledig'); ValueError (Dutch) for any other."""
    for voor in VOOR:
        if voor == name:
            return voor
    raise ValueError(f"onbekend verslag '{name}' (kies uit {', '.join(VOOR)})")


@dataclass(frozen=True)
class Report:
    vorm: Vorm
    content: str | bytes  # text for md and html, bytes for docx
    identifiers: Counter[Kind]  # what the scan found in the report's text: kinds and counts only
    voor: Voor = "volledig"

    @property
    def suffix(self) -> str:
        """How the file's name ends: '.md' for the full report, '.groep.md' for the group's."""
        return SUFFIXES_VOOR[self.voor] + SUFFIXES[self.vorm]


def build(sessie: Sessie, vorm: Vorm, voor: Voor = "volledig") -> Report:
    """The session's report in `vorm`, with the identifiers it holds counted."""
    text = markdown(sessie, voor)
    tokens = parse(text)
    counts = count_identifiers(tokens)
    if vorm == "md":
        return Report(vorm, text, counts, voor)
    if vorm == "html":
        return Report(vorm, to_html(tokens), counts, voor)
    return Report(vorm, to_docx(tokens, created=sessie.aangemaakt, modified=sessie.bijgewerkt), counts, voor)


# -- parsing -------------------------------------------------------------------------------------

def parser() -> MarkdownIt:
    """CommonMark plus tables, the dialect export.markdown writes; raw HTML is text, never markup."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def parse(text: str) -> list[Token]:
    return parser().parse(text)


# Characters XML 1.0 cannot hold (C0 controls but tab, line feed and return; lone surrogates;
# U+FFFE/U+FFFF): an edited session file may hold them, Word and lxml refuse them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def plain(inline: Token) -> str:
    """The text of an inline token as a reader sees it (escapes undone, emphasis dropped)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def title(tokens: Sequence[Token]) -> str:
    for number, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return plain(tokens[number + 1])
    return "Verslag"


def count_identifiers(tokens: Sequence[Token]) -> Counter[Kind]:
    """Identifiers in the report's text, per block (a heading, a paragraph, a list item, a cell),
    with the Markdown escapes undone ('a\\_b@x.nl' is an address)."""
    counts: Counter[Kind] = Counter()
    for token in tokens:
        text = plain(token) if token.type == "inline" else token.content if token.type in ("code_block", "fence") else ""
        counts.update(finding.kind for finding in find_identifiers(text))
    return counts


def identifier_warning(counts: Counter[Kind], what: str = "dit verslag") -> str | None:
    """A Dutch warning naming how many identifiers of which kind a report holds (never the values),
    or None when it holds none."""
    if not counts:
        return None
    named = [f"{counts[kind]} {kind_name(kind, counts[kind])}" for kind in KINDS if counts[kind]]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} en {named[-1]}"
    return (f"let op: {what} bevat {listed} (de gegevens zelf worden niet getoond) en laat ze staan. "
            "Waar ze staan: samenslim privacy. Haal weg wat niet nodig is voordat je het deelt; "
            "een BSN mag alleen waar een wet dat voorschrijft.")


# -- HTML ------------------------------------------------------------------------------------------

CSS = """\
body { font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #1a1a1a; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; margin: 0 0 .6em; }
h2 { font-size: 1.35em; margin: 1.6em 0 .4em; padding-bottom: .15em; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.1em; margin: 1.2em 0 .3em; }
p { margin: .4em 0; }
ul, ol { margin: .4em 0; padding-left: 1.6em; }
blockquote { margin: .5em 0; padding: .1em 1em; border-left: 3px solid #bbb; color: #444; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #999; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #eee; }
@page { margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li, blockquote { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""

# For mail clients that drop the <style> element: the table stays readable.
_CELL_STYLE = "border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top"

HTML = """\
<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="samenslim">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
{body}</body>
</html>
"""


def to_html(tokens: Sequence[Token]) -> str:
    """One self-contained HTML file: no links, images, scripts or anything loaded from elsewhere."""
    renderer = parser()
    tokens = [_styled(token) for token in tokens]
    for rule in ("link_open", "link_close"):
        renderer.add_render_rule(rule, lambda *args: "")
    renderer.add_render_rule("image", lambda self, tokens, index, options, env: escape(tokens[index].content))
    body = renderer.renderer.render(tokens, renderer.options, {})
    return xml_safe(HTML.format(title=escape(title(tokens)), css=CSS, body=body))


def _styled(token: Token) -> Token:
    if token.type == "table_open":
        return token.copy(attrs={**token.attrs, "style": "border-collapse:collapse"})
    if token.type in ("th_open", "td_open"):
        style = ";".join(str(part) for part in (_CELL_STYLE, token.attrs.get("style")) if part)
        return token.copy(attrs={**token.attrs, "style": style})
    return token


# -- Word ------------------------------------------------------------------------------------------

def to_docx(tokens: Sequence[Token], *, created: datetime | None = None, modified: datetime | None = None) -> bytes:
    """A .docx with Word's own styles: Heading 1-3, List Bullet (2, 3), Quote, Table Grid."""
    from docx import Document

    document = Document()
    _metadata(document, title(tokens), created, modified)
    _Writer(document).write(tokens)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _metadata(document: WordDocument, name: str, created: datetime | None, modified: datetime | None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = document.core_properties
    properties.title = xml_safe(name)
    properties.author = "samenslim"
    properties.last_modified_by = "samenslim"
    properties.comments = ""
    properties.language = LANGUAGE
    if created is not None:
        properties.created = _utc(created)
    if modified is not None:
        properties.modified = _utc(modified)
    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)  # spelling and hyphenation in Dutch
    run_properties.append(language)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


class _Writer:
    """Walks the block tokens once; lists and quotes are a stack of what is open."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.lists: list[list[int]] = []  # per open list: [ordered (0/1), number of the current item]
        self.first_in_item = False
        self.quotes = 0

    def write(self, tokens: Sequence[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                self.runs(self.document.add_heading(level=min(int(token.tag[1:]), 9)), tokens[index + 1])
                index += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(str(token.attrs.get("start", 1)))
                self.lists.append([int(kind == "ordered_list_open"), start - 1])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.lists[-1][1] += 1
                self.first_in_item = True
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind == "paragraph_open":
                self.runs(self.paragraph(), tokens[index + 1])
                index += 2
            elif kind in ("code_block", "fence"):
                self.paragraph().add_run(xml_safe(token.content.rstrip("\n")))
            elif kind == "table_open":
                index = self.table(tokens, index)
            index += 1

    def paragraph(self) -> Paragraph:
        if self.lists:
            ordered, number = self.lists[-1]
            depth = min(len(self.lists), 3)
            suffix = "" if depth == 1 else f" {depth}"
            if not self.first_in_item:  # a second paragraph in one item
                paragraph = self.document.add_paragraph(style=f"List Continue{suffix}")
            elif ordered:  # numbered by hand: Word's List Number would go on counting across lists
                paragraph = self.document.add_paragraph(style=f"List{suffix}")
                paragraph.add_run(f"{number}. ")
            else:
                paragraph = self.document.add_paragraph(style=f"List Bullet{suffix}")
            self.first_in_item = False
            return paragraph
        if self.quotes:
            return self.document.add_paragraph(style="Quote")
        return self.document.add_paragraph()

    def runs(self, paragraph: Paragraph, inline: Token, bold: bool = False) -> None:
        strong = emphasis = 0
        for child in inline.children or []:
            if child.type in ("text", "code_inline", "image") and child.content:
                run = paragraph.add_run(xml_safe(child.content))
                run.bold = True if bold or strong else None
                run.italic = True if emphasis else None
            elif child.type == "softbreak":
                paragraph.add_run(" ")
            elif child.type == "hardbreak":
                paragraph.add_run().add_break()
            elif child.type in ("strong_open", "strong_close"):
                strong += 1 if child.type == "strong_open" else -1
            elif child.type in ("em_open", "em_close"):
                emphasis += 1 if child.type == "em_open" else -1

    def table(self, tokens: Sequence[Token], index: int) -> int:
        """The table from tokens[index] (table_open); returns the index of its table_close."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows: list[tuple[bool, list[Token]]] = []
        header = False
        while tokens[index].type != "table_close":
            kind = tokens[index].type
            if kind in ("thead_open", "thead_close"):
                header = kind == "thead_open"
            elif kind == "tr_open":
                rows.append((header, []))
            elif kind == "inline":
                rows[-1][1].append(tokens[index])
            index += 1
        columns = max((len(cells) for _, cells in rows), default=0)
        if not rows or not columns:
            return index
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = "Table Grid"
        for row_number, (is_header, cells) in enumerate(rows):
            if is_header:  # repeated at the top of every page
                mark = OxmlElement("w:tblHeader")
                mark.set(qn("w:val"), "true")
                table.rows[row_number]._tr.get_or_add_trPr().append(mark)
            for column, inline in enumerate(cells[:columns]):
                self.runs(table.cell(row_number, column).paragraphs[0], inline, bold=is_header)
        self.document.add_paragraph()  # two tables in a row would otherwise merge into one
        return index


def docx_texts(data: bytes) -> list[tuple[str, str]]:
    """The text of a Word file with its place ('alinea 3', 'tabel 1, rij 2'), for the identifier
    scan of `samenslim privacy`. Raises ValueError when the file is no Word file samenslim can read."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # a damaged or foreign file: zipfile, lxml and python-docx each raise their own
        raise ValueError("geen leesbaar Word-bestand") from error
    found = [(f"alinea {number}", paragraph.text)
             for number, paragraph in enumerate(document.paragraphs, start=1) if paragraph.text]
    for table_number, table in enumerate(document.tables, start=1):
        for row_number, row in enumerate(table.rows, start=1):
            text = "\n".join(cell.text for cell in row.cells)
            if text.strip():
                found.append((f"tabel {table_number}, rij {row_number}", text))
    return found


class Exported(NamedTuple):
    """A report written by `Services.export`: where it went, its JSON copy (the full report only), and
    the identifier warning (kinds and counts, never the values) or None."""

    path: Path
    json_copy: Path | None
    warning: str | None

    def notice(self, voor: str, downloaded: bool) -> str:
        """What the facilitator reads: which report went where, and the identifier warning."""
        what = "Verslag voor de groep" if voor == "groep" else "Volledig verslag"
        text = f"{what} bewaard: {self.path}" + (" (en een JSON-kopie)" if self.json_copy else "")
        text += "; de browser downloadt het ook" if downloaded else ""
        return text + (f"\n{self.warning[0].upper()}{self.warning[1:]}" if self.warning else "")
