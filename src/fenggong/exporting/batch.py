"""A 责任清单 for every body in one run, and the 目录 that lists them with their counts.

One catalogue and one matcher serve every body: the matcher remembers, for each body,
the names that do not reach it, which is most of the work of filing a table.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from urllib.parse import quote

import msgspec

from fenggong import __version__
from fenggong.catalog import Catalog
from fenggong.exporting import ExportFormat, duty_file
from fenggong.exporting.duties import Duties, duties, duty_document
from fenggong.exporting.layout import filter_words
from fenggong.matching import Matcher
from fenggong.model import KIND_LABELS
from fenggong.names import fold, visible
from fenggong.query.select import Filters, select
from fenggong.render.text import markdown

# Where an office opens the list: a workbook beside workbooks and Word files (it sorts
# and its links open each file), a page beside pages (a web server serves index.html
# for the folder), and index.md beside Markdown (a wiki or a repository shows it).
INDEX_FILES = {
    ExportFormat.XLSX: "目录.xlsx",
    ExportFormat.DOCX: "目录.xlsx",
    ExportFormat.MARKDOWN: "index.md",
    ExportFormat.HTML: "index.html",
}
_COLUMNS = ("部门", "全称", "类别", "牵头", "配合", "合计", "经由统称", "可能涉及", "文件")


class Entry(msgspec.Struct, frozen=True):
    """One body's 责任清单 as the 目录 lists it."""

    duties: Duties
    kind: str
    file: str


def each_department(
    catalog: Catalog, filters: Filters, fmt: ExportFormat
) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every registry body's 责任清单 over the tasks ``filters``
    choose, in registry order, then of the 目录. Groups get one too: what the table
    assigns to 各区 as a whole is what a district office coordinates."""
    matcher = Matcher(catalog.departments)
    taken = {fold(INDEX_FILES[fmt])}
    entries = []
    for key, body in catalog.departments.items():
        own = msgspec.structs.replace(filters, dept=(key,))
        tasks = [hit.task for hit in select(catalog, own, matcher)]
        found = duties(catalog, key, tasks, matcher)
        name = _unique(duty_file(key, fmt), taken)
        yield name, duty_bytes(catalog, found, filters, fmt)
        entries.append(Entry(found, KIND_LABELS[body.kind], name))
    yield INDEX_FILES[fmt], index_bytes(catalog, entries, filters, fmt)


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or with a number added when a body before took it (names differing only
    by case or width are one file on some systems)."""
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 1
    while fold(candidate) in taken:
        number += 1
        candidate = f"{stem}_{number}{dot}{extension}"
    taken.add(fold(candidate))
    return candidate


def duty_bytes(catalog: Catalog, found: Duties, filters: Filters, fmt: ExportFormat) -> bytes:
    """One 责任清单 in a document format."""
    if fmt is ExportFormat.XLSX:
        from fenggong.exporting.workbook import duty_workbook

        return duty_workbook(catalog, found, filters)
    if fmt is ExportFormat.HTML:
        from fenggong.exporting.dutypage import page

        return page(catalog, found, filters).encode("utf-8")
    document = duty_document(catalog, found, filters)
    if fmt is ExportFormat.DOCX:
        from fenggong.exporting.wordfile import document_bytes

        return document_bytes(document)
    from fenggong.exporting.tabular import document_markdown

    return document_markdown(document).encode("utf-8")


def _title(catalog: Catalog, filters: Filters) -> tuple[str, str]:
    plan = catalog.dataset.plan
    scope = filter_words(catalog, filters)
    return "责任清单目录", f"{plan.title}（{plan.document_number}）" + (
        f"　{scope}" if scope else ""
    )


def _cells(entry: Entry) -> tuple[object, ...]:
    d = entry.duties
    return (
        d.department,
        d.full_name,
        entry.kind,
        d.lead,
        d.support,
        d.total,
        d.via_group,
        d.possible,
    )


def index_bytes(
    catalog: Catalog, entries: list[Entry], filters: Filters, fmt: ExportFormat
) -> bytes:
    """The 目录: each body, its kind, the counts of `depts` over the chosen tasks, and a
    link to its file."""
    title, subtitle = _title(catalog, filters)
    return index_file(title, subtitle, entries, fmt)


def index_file(title: str, subtitle: str, entries: list[Entry], fmt: ExportFormat) -> bytes:
    """The 目录 titled ``title`` and ``subtitle``, in the format beside ``fmt``'s files."""
    if fmt in (ExportFormat.XLSX, ExportFormat.DOCX):
        from fenggong.exporting.workbook import index_workbook

        rows = [(*_cells(e), e.file) for e in entries]
        return index_workbook(rows, f"{title}　{subtitle}")
    if fmt is ExportFormat.MARKDOWN:
        lines = [
            f"# {title}",
            "",
            markdown(subtitle),
            "",
            f"| {' | '.join(_COLUMNS)} |",
            "|" + "---|" * len(_COLUMNS),
        ]
        for e in entries:
            cells = " | ".join(markdown(str(c), "<br>") for c in _cells(e))
            lines.append(f"| {cells} | [{markdown(e.file)}]({quote(e.file)}) |")
        return ("\n".join(lines) + "\n").encode("utf-8")
    return _index_page(title, subtitle, entries).encode("utf-8")


def _index_page(title: str, subtitle: str, entries: list[Entry]) -> str:
    from fenggong.exporting.pageparts import head as page_head

    def cell(value: object) -> str:
        return f"<td>{html.escape(visible(str(value)))}</td>"

    columns = "".join(f"<th>{c}</th>" for c in _COLUMNS)
    rows = "".join(
        f"<tr>{''.join(cell(c) for c in _cells(e))}"
        f'<td><a href="{html.escape(quote(e.file))}">{html.escape(visible(e.file))}</a></td></tr>'
        for e in entries
    )
    return f"""{page_head(title)}
<body>
<header>
<h1>{title}</h1>
<p>{html.escape(visible(subtitle))}</p>
</header>
<main>
<table id="index">
<thead><tr>{columns}</tr></thead>
<tbody>{rows}</tbody>
</table>
</main>
<footer>由 fenggong {html.escape(__version__)} 生成。</footer>
</body>
</html>
"""
