"""The quick scanner reads a sheet's rows and a shared strings table exactly as the
ElementTree path reads them (the same rows, notes and refusals), or declines and leaves
the part to it: generated documents, hostile ones, and those Excel, LibreOffice and
openpyxl write, which it must read itself."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fenggong.importing import xlsxscan
from fenggong.importing.xlsxcells import MAIN, Book, _items, _tree_rows
from tests.test_report_forms import fill, plan
from tests.test_report_forms import rows as form_rows
from tests.test_report_forms import sheet as make_sheet

__all__ = ["plan"]  # the fixture, used by name

SPACE = MAIN[1:-1]
SHEET, STRINGS = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
DECLARED = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
ROOT = f'<worksheet xmlns="{SPACE}" xmlns:x14ac="{X14AC}">'
# Formats: General, a date, a percentage, an East Asian date (31), a duration.
STYLES = (
    f'<styleSheet xmlns="{SPACE}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="[h]:mm:ss"/></numFmts><cellXfs count="5"><xf numFmtId="0"/>'
    '<xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="31"/><xf numFmtId="164"/>'
    "</cellXfs></styleSheet>"
).encode()
TABLE = (
    f'<sst xmlns="{SPACE}"><si><t>one</t></si><si><t xml:space="preserve"> two </t></si>'
    "<si><r><rPr><b/></rPr><t>th</t></r><r><t>ree</t></r></si></sst>"
).encode()


def workbook(
    sheet: bytes, strings: bytes | None = TABLE, styles: bytes = STYLES
) -> zipfile.ZipFile:
    """An xlsx of one sheet named S, its ``styles``, and ``strings`` if any."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    kinds = {"sheet": "worksheet", "styles": "styles", "strings": "sharedStrings"}
    targets = {"sheet": "worksheets/sheet1.xml", "styles": "styles.xml"}
    if strings is not None:
        targets["strings"] = "sharedStrings.xml"
    rels = "".join(
        f'<Relationship Id="{key}" Type="{rel}/{kinds[key]}" Target="{target}"/>'
        for key, target in targets.items()
    )
    typed = f'<Override PartName="/xl/workbook.xml" ContentType="{ml}.sheet.main+xml"/>'
    if strings is not None:
        typed += f'<Override PartName="/{STRINGS}" ContentType="{ml}.sharedStrings+xml"/>'
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/'
        f'2006/content-types">{typed}</Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="r1" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships">{rels}</Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{SPACE}" xmlns:r="{rel}"><sheets><sheet '
        'name="S" sheetId="1" r:id="sheet"/></sheets></workbook>',
        "xl/styles.xml": styles,
        SHEET: sheet,
    }
    if strings is not None:
        members[STRINGS] = strings
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(out)


def outcome(read: Callable[[], Any]) -> Any:
    """What ``read`` gives, or the error it raises (its kind and words)."""
    try:
        return read()
    except xlsxscan.NotSimpleError:
        return "declined"
    except Exception as error:  # the reference's refusals: any exception, as it is
        return type(error).__name__, str(error)


def both(archive: zipfile.ZipFile, max_col: int = 6, max_row: int = 20000, **how: Any) -> Any:
    """The sheet's rows (and the cells noted uncalculated) by the scanner, which must be
    ElementTree's unless it declined; what the scanner read, or "declined"."""
    book = Book(archive)
    percent, asian = how.get("percent", 0), how.get("asian", False)

    def read(rows: Callable[[zipfile.ZipFile, str], Any]) -> Any:
        book._read = book.asian if asian else book.styles
        found = book._rows(rows(archive, SHEET), max_col, max_row, percent)
        return found, book.uncalculated

    quick, tree = outcome(lambda: read(xlsxscan.rows)), outcome(lambda: read(_tree_rows))
    assert quick in ("declined", tree)
    return quick


def both_strings(archive: zipfile.ZipFile) -> Any:
    """The shared strings by the scanner, ElementTree's unless it declined."""
    quick = outcome(lambda: Book._strings(xlsxscan.strings(archive, STRINGS)))
    tree = outcome(lambda: Book._strings(_items(archive, STRINGS, f"{MAIN}si", f"{MAIN}sst")))
    assert quick in ("declined", tree)
    return quick


def sheet(rows: str, head: str = "", tail: str = "", root: str = ROOT) -> bytes:
    return DECLARED + f"{root}{head}<sheetData>{rows}</sheetData>{tail}</worksheet>".encode()


# Text a writer may put where text goes; then what XML forbids there, or ElementTree
# reads otherwise, or the scanner declines.
SAFE = [
    "a", "中文", " ", "\t", "\n", "\r\n", "\r", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
    "&#13;", "&#x41;", "&#20013;", "&#128512;", ">", "]]", "x005F_", "\u3000", "'", '"',
    "1", "1.5", "1E3", "46047", "0.85", "-1", "0", "TRUE",
]  # fmt: skip
HOSTILE = [
    "&#1;", "&#0;", "&#xD800;", "&#xFFFE;", "&bogus;", "&", "&#X41;", "]]>", "\x01",
    "\ufffe", "<![CDATA[x]]>", "<!--c-->", "<?pi x?>", "<b/>",
]  # fmt: skip
CONTENTS: list[str | None] = [
    None, "", "<v>{}</v>", "<v/>", "<is><t>{}</t></is>", '<is><t xml:space="preserve">{}</t></is>',
    "<f>{}</f><v></v>", "<f>A1</f><v>{}</v>", '<f t="shared" si="0"/>', "<is/>", "<is></is>",
    "<is><r><rPr><b/></rPr><t>{}</t></r><r><t>b</t></r></is>", "\n <v>{}</v>\n",
    '<is><t>{}</t><rPh sb="0"><t>x</t></rPh></is>', "<v>{}</v><is><t>b</t></is>",
]  # fmt: skip
ODD_CONTENTS: list[str | None] = [
    "<x:v>1</x:v>",
    "<is><t>a</t><row/></is>",
    "<v>{}</v>text",
    "<extLst/>",
]
EXTRAS = ["", ' cm="1"', ' x14ac:y="1"', "\n", " vm = '1' "]
ODD_EXTRAS = [' z:y="1"', ' xmlns:x="u"', ' s="1"', ' xmlns="u"', " a='<'", " r=''"]
kinds = st.sampled_from([None, "n", "s", "str", "b", "e", "inlineStr", "d", ""])
styles = st.sampled_from([None, "0", "1", "2", "3", "4", "", "-1", "99"])
COORDINATES: list[str | None] = [None, "{c}{r}", "{c}{r}", "a{r}", "&#65;{r}"]
ODD_COORDINATES: list[str | None] = ["{c}", "${c}${r}"]


def texts(hostile: bool) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(SAFE + HOSTILE if hostile else SAFE)
    return st.lists(pieces, max_size=4).map("".join)


def quoted(hostile: bool) -> st.SearchStrategy[str]:
    return st.one_of(
        texts(hostile).filter(lambda text: '"' not in text).map(lambda text: f'"{text}"'),
        texts(hostile).filter(lambda text: "'" not in text).map(lambda text: f"'{text}'"),
    )


@st.composite
def cells(draw: st.DrawFn, column: str, row: int, hostile: bool) -> str:
    coordinates = COORDINATES + ODD_COORDINATES if hostile else COORDINATES
    kind, style, coordinate = draw(kinds), draw(styles), draw(st.sampled_from(coordinates))
    attributes = [f" r={draw(quoted(hostile))}"] if draw(st.booleans()) and not coordinate else []
    if coordinate:
        attributes.append(f' r="{coordinate.format(c=column, r=row)}"')
    attributes += [f' t="{kind}"'] if kind is not None else []
    attributes += [f' s="{style}"'] if style is not None else []
    extra = draw(st.sampled_from(EXTRAS + ODD_EXTRAS if hostile else EXTRAS))
    name = "".join(draw(st.permutations(attributes))) + extra
    content = draw(st.sampled_from(CONTENTS + ODD_CONTENTS if hostile else CONTENTS))
    if content is None:
        return f"<c{name}/>"
    return f"<c{name}>{content.format(draw(texts(hostile)))}</c>"


@st.composite
def rows(draw: st.DrawFn, hostile: bool) -> str:
    found = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        said = draw(st.sampled_from([f' r="{number}"', "", ' r="20001"', ' r="x"', ' r="1"']))
        extra = draw(st.sampled_from(["", ' spans="1:3"', ' x14ac:dyDescent="0.25"', ' ht="9"']))
        columns = "ABCDEFG"[: draw(st.integers(0, 4))]
        row = "".join(draw(cells(column, number, hostile)) for column in columns)
        space = draw(st.sampled_from(["", "\n", "\r\n  "]))
        found.append(f"<row{said}{extra}/>" if not row else f"<row{said}{extra}>{row}</row>")
        found.append(space)
    return "".join(found)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A sheet, half the time with something XML forbids, or another encoding, or cut."""
    hostile = draw(st.booleans())
    head = draw(st.sampled_from(["", '<dimension ref="A1"/>', "<!--c--><sheetPr/>"]))
    tail = draw(st.sampled_from(["", '<pageMargins left="0.7"/>', "<!--c-->"]))
    if hostile:
        tail = draw(st.sampled_from([tail, "<row/>", '<row r="1"><c><v>1</v></c></row>']))
    data = draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + sheet(draw(rows(hostile)), head, tail)
    change = draw(st.sampled_from(["", "latin-1", "utf8", "cut", "junk"])) if hostile else ""
    if change in ("latin-1", "utf8"):
        return data.replace(b"UTF-8", change.encode())
    if change:
        at = draw(st.integers(0, len(data)))
        return data[:at] + (b"<x:c/>" if change == "junk" else b"")
    return data


@pytest.mark.slow  # hypothesis
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.integers(1, 8), st.sampled_from([2, 20000]), st.integers(0, 8))
def test_a_generated_sheet_reads_as_elementtree_reads_it(
    data: bytes, max_col: int, max_row: int, percent: int
) -> None:
    for asian in (False, True):
        both(workbook(data), max_col, max_row, percent=percent, asian=asian)


@pytest.mark.slow  # hypothesis
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(texts(True), st.sampled_from(["plain", "space", "rich", "empty"]))))
def test_a_generated_table_reads_as_elementtree_reads_it(items: list[tuple[str, str]]) -> None:
    shapes = {
        "plain": "<si><t>{}</t></si>",
        "space": '<si><t xml:space="preserve">{}</t></si>',
        "rich": "<si><r><rPr><b/></rPr><t>{}</t></r><rPh><t>x</t></rPh></si>",
        "empty": "<si/>{}",
    }
    body = "".join(shapes[shape].format(text) for text, shape in items)
    both_strings(workbook(b"", f'<sst xmlns="{SPACE}">{body}</sst>'.encode()))


def cell(content: str, attributes: str = ' r="A1" t="inlineStr"') -> bytes:
    return sheet(f'<row r="1"><c{attributes}>{content}</c></row>')


# A cell's shapes and what the scanner reads of them: a value it reads as ElementTree does,
# or "declined" where it leaves the sheet to it.
CASES: dict[str, tuple[bytes, object]] = {
    "entities": (cell("<is><t>&amp;&lt;&gt;&quot;&apos;</t></is>"), "&<>\"'"),
    "references": (cell("<is><t>&#20013;&#x41;&#128512;</t></is>"), "中A😀"),
    "line ends": (cell("<is><t>a\r\nb\rc&#13;d&#10;</t></is>"), "a\nb\nc\rd\n"),
    "space kept": (cell('<is><t xml:space="preserve"> a </t></is>'), " a "),
    "rich": (cell("<is><r><rPr><b/></rPr><t>a</t></r><r><t>b</t></r></is>"), "ab"),
    "phonetic": (cell('<is><t>漢</t><rPh sb="0" eb="1"><t>かん</t></rPh></is>'), "漢"),
    "attribute spaces": (
        sheet('<row r="&#49;\t"><c r="A1" t=\n"inlineStr"><is><t>x</t></is></c></row>'),
        "x",
    ),
    "whitespace between": (sheet('<row r="1">\n  <c r="A1">\n <v>7</v>\n</c>\n</row>\n'), 7),
    "cdata": (cell("<is><t><![CDATA[a]]></t></is>"), "declined"),
    "comment in a text": (cell("<is><t>a</t><!--b--></is>"), "declined"),
    "comment": (sheet('<row r="1"><!--x--><c r="A1"><v>1</v></c></row>'), "declined"),
    "instruction": (sheet('<row r="1"><?x y?><c r="A1"><v>1</v></c></row>'), "declined"),
    "prefixed": (
        sheet(f'<row r="1"><x:c xmlns:x="{SPACE}" r="A1"><x:v>1</x:v></x:c></row>'),
        "declined",
    ),
    "xmlns on a cell": (
        sheet(f'<row r="1"><c xmlns="{SPACE}" r="A1"><v>1</v></c></row>'),
        "declined",
    ),
    "unknown child": (cell("<v>1</v><extLst/>", ' r="A1"'), "declined"),
    "undefined entity": (cell("<is><t>&nbsp;</t></is>"), "declined"),
    "forbidden reference": (cell("<is><t>&#1;</t></is>"), "declined"),
    "forbidden character": (cell("<is><t>\x01</t></is>"), "declined"),
    "]]>": (cell("<is><t>]]></t></is>"), "declined"),
    "latin-1": (cell("<is><t>x</t></is>").replace(b"UTF-8", b"ISO-8859-1"), "declined"),
    "row after the rows": (sheet("", tail='<row r="1"><c r="A1"><v>1</v></c></row>'), "declined"),
    "cell outside a row": (sheet('<c r="A1"><v>1</v></c>'), "declined"),
    "cut": (cell("<is><t>x</t></is>")[:-30], "declined"),
    "dtd": (cell("<v>1</v>").replace(b"?>", b'?><!DOCTYPE w [<!ENTITY e "x">]>', 1), "declined"),
    "twice": (sheet('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>'), "declined"),
    # Longer than any cell's or row's: each is left to expat, which reads them in C.
    "a text longer than any cell's": (
        cell("<is><t>" + "&amp;" * (1 << 20) + "</t></is>"),
        "declined",
    ),
    "a row longer than any form's": (
        sheet('<row r="1"><c r="A1"><v>1</v></c><!--' + "x" * (5 << 20) + "--></row>"),
        "declined",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_cell_reads_as_elementtree_reads_it_or_is_declined(case: str) -> None:
    data, expected = CASES[case]
    quick = both(workbook(data), 1)
    if expected == "declined":
        assert quick == "declined"
    else:
        assert quick == ([(expected,)], [])


def test_every_kind_of_value_and_its_refusals() -> None:
    """Numbers, dates in each format, shared strings, booleans, errors, formulas never
    calculated, and the refusals (an ISO date, a style past the table) alike."""
    row = (
        '<c r="A{n}" s="1"><v>46047</v></c><c r="B{n}" s="2"><v>0.85</v></c>'
        '<c r="C{n}" s="3"><v>46047</v></c><c r="D{n}" s="4"><v>1.25</v></c>'
        '<c r="E{n}" t="s"><v>2</v></c><c r="F{n}" t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>'
        '<c r="H{n}"><f>A1</f><v></v></c><c r="I{n}" t="str"><f>A1</f><v></v></c><c r="K{n}"/>'
    )
    data = sheet("".join(f'<row r="{n}">{row.format(n=n)}</row>' for n in (1, 3)))
    for asian in (False, True):
        quick = both(workbook(data), 10, 20000, percent=2, asian=asian)
        assert quick != "declined"
        assert quick[1] == [(1, 8), (3, 8)]
    for refused in ('<c r="A1" t="d"><v>2026-01-01</v></c>', '<c r="A1" s="9"><v>1</v></c>'):
        quick = both(workbook(sheet(f'<row r="1">{refused}</row>')))
        assert quick[0] in ("UnsupportedError", "IndexError")


def test_what_excel_and_libreoffice_write_is_read_by_the_scanner() -> None:
    excel = sheet(
        '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
        '<c r="B1" s="2"><v>0.5</v></c><c r="C1" t="str"><f t="shared" ref="C1:C2" si="0">'
        'A1&amp;"x"</f><v>onex</v></c></row><row r="2" spans="1:3"><c r="C2" t="str">'
        '<f t="shared" si="0"/><v>twox</v></c></row>',
        '<dimension ref="A1:C2"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>',
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
        f'<worksheet xmlns="{SPACE}" xmlns:mc="http://schemas.openxmlformats.org/'
        f'markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="{X14AC}">',
    )
    libreoffice = sheet(
        '<row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" '
        'outlineLevel="0" collapsed="false"><c r="A1" s="0" t="s"><v>1</v></c>'
        '<c r="B1" s="0" t="n"><v>1</v></c><c r="C1" s="1" t="n"><v>46047</v></c></row>'
    )
    assert both(workbook(excel), 3)[0] == [("one", 0.5, "onex"), (None, None, "twox")]
    assert both(workbook(libreoffice), 2)[0] == [(" two ", 1)]
    rich = (
        f'<sst xmlns="{SPACE}" count="3" uniqueCount="3"><si><t>one</t></si><si><r><rPr><b/>'
        '<sz val="11"/><rFont val="宋体"/></rPr><t>r</t></r><r><t xml:space="preserve"> ich'
        '</t></r></si><si><t>漢x005F_</t><rPh sb="0" eb="1"><t>かん</t></rPh><phoneticPr '
        'fontId="1"/></si></sst>'
    )
    assert both_strings(workbook(excel, rich.encode())) == ["one", "r ich", "漢"]


def test_what_openpyxl_writes_is_read_by_the_scanner() -> None:
    import datetime

    from openpyxl import Workbook

    book = Workbook()
    page = book.worksheets[0]
    page.title = "S"
    values = ["text", " spaced ", "a\r\nb", "<&>", "中文", 12, 1.5, True, "=A1", 0.85]
    values += [datetime.datetime(2026, 1, 25), datetime.timedelta(hours=30), None, "x005F_y"]
    page.append(values)
    page["J1"].number_format = "0%"
    page["K1"].number_format = "yyyy-mm-dd"
    page["L1"].number_format = "[h]:mm:ss"
    saved = io.BytesIO()
    book.save(saved)
    with zipfile.ZipFile(saved) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    data, styles = members["xl/worksheets/sheet1.xml"], members["xl/styles.xml"]
    quick = both(workbook(data, None, styles), 14, percent=10)
    assert quick != "declined"
    assert quick[0][0][:5] == ("text", " spaced ", "a\r\nb", "<&>", "中文")


@pytest.mark.slow  # 20 MB, a second
def test_a_hostile_size_is_read_in_linear_time() -> None:
    """A 20 MB cell, a row of 100,000 empty cells, a cell of 50,000 attributes, one of
    the same attribute 50,000 times: read (or declined) in a few seconds, not minutes."""
    huge = "x" * (20 << 20)
    wide = '<row r="1">' + "<c/>" * 100_000 + "<c><v>1</v></c></row>"
    many = "".join(f' x14ac:a{n}="1"' for n in range(50_000))
    cases = {
        cell(f"<is><t>{huge}</t></is>"): "declined",  # longer than any row: expat's
        sheet(wide): [(None,)],
        cell("<v>1</v>", f' r="A1"{many}'): [(1,)],
        cell("<v>1</v>", ' r="A1"' + ' s="1"' * 50_000): "declined",
    }
    for data, expected in cases.items():
        began = time.perf_counter()
        quick = both(workbook(data), 1)
        assert time.perf_counter() - began < 30
        assert quick == expected or quick[0] == expected


def test_a_filled_report_form_is_read_by_the_scanner(plan: Path, tmp_path: Path) -> None:
    """Both sheets of a form ``report sheet`` made, filled in by openpyxl."""
    form = make_sheet(CliRunner(), plan, "市人力资源社会保障局", tmp_path / "f.xlsx")
    at = form_rows(form)[73]
    fill(form, {f"G{at}": "推进中", f"H{at}": " 已完成\n第二行 ", f"K{at}": 0.85, "D2": 46047})
    with zipfile.ZipFile(form) as archive:
        book = Book(archive)
        for name, columns in (("_fenggong", 5), ("进展填报", 16)):
            path = book.paths[name]
            quick = list(xlsxscan.rows(archive, path))  # read, not declined
            book._read = book.asian
            found = book._rows(iter(quick), columns, 20000, 11)
            assert found == book._rows(_tree_rows(archive, path), columns, 20000, 11)


def test_a_part_is_fed_to_the_parser_in_large_chunks() -> None:
    """ElementTree asks for 16 KB at a time; an expat before 2.6 reads an unfinished token
    again from its start at each chunk, so a 60 MB comment or text took minutes. A part
    read by expat gives at least _FEED bytes at a time."""
    import io
    import zipfile

    from fenggong.importing import xlsxparts

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("x.xml", b"<a><!--" + b"x" * (3 * xlsxparts._FEED) + b"--></a>")
    with zipfile.ZipFile(data) as book, xlsxparts.Part(book, "x.xml", feed=True) as part:
        assert len(part.read(16 * 1024)) == xlsxparts._FEED >= 1 << 20


def test_a_text_longer_than_any_cell_is_left_to_expat() -> None:
    from fenggong.importing.xlsxtext import NotSimpleError, unescape

    assert unescape("&amp;" * 1000, True) == "&" * 1000
    with pytest.raises(NotSimpleError):
        unescape("&amp;" * (1 << 20), True)
