"""The build hook: the message catalogue compiled from its .po source, in every build.

The compiled `.mo` is written beside its source, in `src/fenggong/messages/locale/`, and
listed as an artifact (git ignores it): a wheel carries it, and an editable install,
which runs from `src/`, reads it there. `python tools/messages.py` rewrites it after an
edit of the catalogue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "src" / "fenggong" / "messages" / "locale").glob("*/*/*.po")):
            with po.open("rb") as file:
                catalog = read_po(file)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as file:
                write_mo(file, catalog)
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
