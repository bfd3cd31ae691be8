"""Printing a file as an office would: LibreOffice renders it to PDF, poppler reads back
where each word was drawn, and the checks say whether any word was drawn over another,
off the page, or not at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# What .ci/run installs on Debian for this: LibreOffice without a GUI, its fonts, poppler.
PACKAGES = (
    "libreoffice-calc-nogui",
    "libreoffice-writer-nogui",
    "fonts-noto-cjk",
    "fonts-crosextra-carlito",
    "poppler-utils",
)
_XHTML = "{http://www.w3.org/1999/xhtml}"

# How far two boxes may meet before one word is drawn over another, in points: poppler's
# boxes run from a font's ascent to its descent, which the next line's may touch.
TOLERANCE = 1.5


def missing_tools() -> str | None:
    """Why this machine cannot print, or None when it can."""
    for tool in ("soffice", "pdftotext"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: {' '.join(PACKAGES)})"
    # Column widths are counted in Calibri's digits: without Calibri or Carlito, which has
    # its metrics, LibreOffice lays every column out a third wider than Excel does.
    if shutil.which("fc-match") is None or "arlito" not in _font_for("Calibri"):
        return "neither Calibri nor Carlito is installed (Debian: fonts-crosextra-carlito)"
    return None


def _font_for(family: str) -> str:
    found = subprocess.run(["fc-match", family], capture_output=True, text=True, check=False)
    return found.stdout + ("Carlito" if family in found.stdout else "")


def to_pdf(document: Path) -> Path:
    """``document`` rendered by LibreOffice to a PDF beside it.

    Each call gets a profile of its own, so parallel runs never share (and lock) one.
    """
    profile = Path(tempfile.mkdtemp(prefix="fenggong-lo-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(document.parent),
                str(document),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env={**os.environ, "HOME": str(profile)},
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = document.with_suffix(".pdf")
    assert pdf.is_file(), f"LibreOffice made no PDF of {document.name}"
    return pdf


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int  # which line of the page it belongs to

    def meets(self, other: Word, tolerance: float = TOLERANCE) -> bool:
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1, other.y1) - max(self.y0, other.y0)
        return across > tolerance and down > tolerance


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)


def pages(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with the box of every word poppler finds on it."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    found = []
    for number, page in enumerate(ET.fromstring(xhtml).iter(f"{_XHTML}page"), start=1):
        words = []
        for line_number, line in enumerate(page.iter(f"{_XHTML}line")):
            for word in line.iter(f"{_XHTML}word"):
                x0, y0, x1, y1 = (float(word.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
                words.append(Word(word.text or "", x0, y0, x1, y1, line=line_number))
        found.append(
            Page(number, float(page.attrib["width"]), float(page.attrib["height"]), tuple(words))
        )
    return found


def collisions(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of words drawn over each other: of different lines, or side by side in one.

    Swept top to bottom, each word is compared only with those starting above its foot.
    """
    ordered = sorted(page.words, key=lambda w: w.y0)
    hits = []
    for index, word in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.y0 >= word.y1 - TOLERANCE:
                break
            if word.meets(other):
                hits.append((word, other))
    return hits


def off_page(page: Page) -> list[Word]:
    """Words not wholly inside the page's media box."""
    return [
        w
        for w in page.words
        if w.x0 < 0 or w.y0 < 0 or w.x1 > page.width + 0.5 or w.y1 > page.height + 0.5
    ]


def numbers_printed(all_pages: list[Page]) -> set[int]:
    """The whole numbers printed at the left edge of a page: the 序号 column."""
    return {
        int(w.text)
        for page in all_pages
        for w in page.words
        if w.text.isascii() and w.text.isdigit() and w.x0 < page.width * 0.12
    }


def unprinted(texts: list[str], all_pages: list[Page]) -> Counter[str]:
    """Characters of ``texts`` the pages print fewer times than the texts hold them."""
    wanted = Counter("".join("".join(t.split()) for t in texts))
    printed = Counter("".join(p.text for p in all_pages))
    return wanted - printed
