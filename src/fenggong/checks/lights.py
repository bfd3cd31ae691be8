"""lights.yaml, which chooses and tunes the 台账's lights, as a kind of checked file: LIGHTS."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from fenggong.checks.kind import Kind
from fenggong.lights import TUNABLES, Bands, Preset, Settings
from fenggong.messages import N_

if TYPE_CHECKING:
    from fenggong.checks.kind import Found

FILE = "lights.yaml"


class Tuning(msgspec.Struct, frozen=True):
    """What the rules look at: the preset, the tunables written, and the bands if sound."""

    preset: Preset | None
    written: tuple[str, ...]
    bands: Bands | None


def _parts(settings: Settings) -> Tuning:
    written = tuple(
        name
        for name in ("yellow_within_days", "report_grace_days", "bands")
        if getattr(settings, name) is not None
    )
    return Tuning(settings.preset, written, settings.bands)


def _salvage(data: dict[str, Any]) -> Tuning:
    from fenggong.checks.shape import record

    raw = data.get("preset", Preset.DEFAULT.value)
    # Any YAML value may stand here, a list or a mapping too: only a name is looked up.
    preset = Preset(raw) if isinstance(raw, str) and raw in {p.value for p in Preset} else None
    written = tuple(name for name in TUNABLES[Preset.SCHEDULE] if data.get(name) is not None)
    bands = record(Bands, data["bands"]) if isinstance(data.get("bands"), dict) else None
    return Tuning(preset, tuple(sorted(written)), bands)


def _rules(tuning: Tuning) -> list[Found]:
    from fenggong.checks.rulebook import problem
    from fenggong.messages import _, either

    found: list[Found] = []
    bands = tuning.bands
    if bands is not None and bands.green > bands.yellow:
        found.append(
            problem(
                "FG050",
                _("bands: green ({green}) is wider than yellow ({yellow})").format(
                    green=_points(bands.green), yellow=_points(bands.yellow)
                ),
                ("bands", "green"),
                hint=_(
                    "a gap up to green is green, up to yellow yellow, beyond red: "
                    "make green at most yellow"
                ),
            )
        )
    if tuning.preset is None:
        return found  # its shape problem says what the presets are
    for name in tuning.written:
        if name in TUNABLES[tuning.preset]:
            continue
        readers = [p.value for p in Preset if name in TUNABLES[p]]
        found.append(
            problem(
                "FG051",
                _("{name} does nothing under preset {preset}").format(
                    name=name, preset=tuning.preset.value
                ),
                (name,),
                hint=_("remove {name}, or choose preset {presets}").format(
                    name=name, presets=either(readers)
                ),
            )
        )
    return found


def _points(count: int) -> str:
    from fenggong.messages import ngettext

    return ngettext("{count} point", "{count} points", count).format(count=count)


def _describe(settings: Settings) -> str:
    from fenggong.messages import ngettext

    if settings.preset is Preset.SCHEDULE:
        gaps = settings.gaps
        return ngettext(
            "preset schedule: green up to {green} point behind, yellow up to {yellow}",
            "preset schedule: green up to {green} points behind, yellow up to {yellow}",
            gaps.green,
        ).format(green=gaps.green, yellow=gaps.yellow)
    return ngettext(
        "preset {preset}: yellow within {days} day",
        "preset {preset}: yellow within {days} days",
        settings.within,
    ).format(preset=settings.preset.value, days=settings.within)


def _consistent(settings: Settings) -> bool:
    return not _rules(_parts(settings))


LIGHTS: Kind[Settings, Tuning] = Kind(
    name="lights",
    noun=N_("a lights file"),
    example="examples/lights.yaml",
    root=Settings,
    parts=_parts,
    salvage=_salvage,
    rules=_rules,
    lints=lambda tuning: [],
    describe=_describe,
    consistent=_consistent,
    namespace="lights",
    format=1,
    title="Lights",
)
