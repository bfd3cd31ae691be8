"""Re-extract every sentence for the catalogue, update the zh_CN source and compile it.

Run after adding or changing sentences: ``python tools/messages.py``. New sentences get
an empty translation (the test of both languages fails until each is written), sentences
gone from the source are dropped, and the compiled catalogue an editable install reads is
rewritten. A wheel compiles its own at build time (``hatch_build.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "fenggong"
CATALOGUE = SOURCE / "messages" / "locale" / "zh_CN" / "LC_MESSAGES" / "fenggong.po"
# `_()` translates where it is called; `N_()` marks text translated later, where shown;
# `ngettext()` takes a singular and a plural (its first two arguments) for a count.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
assert all(DEFAULT_KEYWORDS[name] == spec for name, spec in KEYWORDS.items())


def extract() -> Catalog:
    """Every message the source marks, with the files it occurs in."""
    template = Catalog(project="fenggong", fuzzy=False)
    found = extract_from_dir(
        str(SOURCE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    )
    for filename, lineno, message, comments, context in found:
        # A string, or ngettext's (singular, plural); anything else is a call Babel could
        # not read, such as a variable where the text should be.
        plural = isinstance(message, tuple) and len(message) == 2
        assert isinstance(message, str) or (
            plural and all(isinstance(part, str) and part for part in message)
        ), f"{filename}:{lineno}: an empty call, or a message that is not written out"
        template.add(
            message,
            locations=[(f"src/fenggong/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def read(path: Path = CATALOGUE) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale="zh_CN", domain="fenggong")


def update() -> Catalog:
    """The catalogue's source with the extracted messages: translations kept, new ones
    empty, obsolete ones dropped."""
    catalog = read() if CATALOGUE.exists() else Catalog(locale="zh_CN", domain="fenggong")
    created = catalog.creation_date  # kept, so that an update changes only what changed
    catalog.update(extract(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.creation_date = created
    catalog.fuzzy = False
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    with CATALOGUE.open("wb") as file:
        # No line numbers: an edit elsewhere in a file does not touch the catalogue.
        write_po(
            file, catalog, width=88, include_lineno=False, sort_by_file=True, omit_header=False
        )
    return catalog


def compile_catalogue() -> Path:
    """The compiled catalogue beside its source, where the package reads it."""
    mo = CATALOGUE.with_suffix(".mo")
    with mo.open("wb") as file:
        write_mo(file, read())
    return mo


def translated(message: Message) -> bool:
    """Whether every form of the message has its translation (zh_CN has one form)."""
    forms = message.string if isinstance(message.string, (tuple, list)) else [message.string]
    return bool(forms) and all(forms)


def main() -> int:
    catalog = update()
    compile_catalogue()
    # A fuzzy entry (Babel's guess, or a message turned plural) is shown as untranslated.
    missing = [m.id for m in catalog if m.id and (m.fuzzy or not translated(m))]
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")
    for message in missing:
        print(f"  untranslated: {message!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
