"""The 台账 in the page of the table: each task's light, status, deadline and latest reports
on the page's day, the 通报's counts at the top, and the filter by light.

Nothing here judges: the standings are ``status``'s (``query.progress.standings``) and the
counts ``report summary``'s (``query.summary``), so the page says what they say that day.
"""

from __future__ import annotations

import msgspec

from fenggong.exporting import Bundle, Progress
from fenggong.exporting.pageparts import escape
from fenggong.lights import Preset
from fenggong.model import STATUS_LABELS, Figure, Status
from fenggong.query.progress import Row, standings
from fenggong.query.summary import Tally, bucket, summary
from fenggong.render.text import exact

# In Chinese as the rest of the page, in the words `status` and `report summary` use.
HEADING = "进展"
LIGHTS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "blue": "蓝灯", "none": "不亮灯"}
_PRESETS = {Preset.DEFAULT: "默认", Preset.SCHEDULE: "序时进度", Preset.SUPERVISION: "督办单"}
_FIELDS = (("progress", "进展情况"), ("problems", "存在问题"), ("next", "下一步计划"))
_LONG = 120  # characters of reports past which they are shown folded


class Lit(msgspec.Struct, frozen=True):
    """One task on the page's day: its standing as ``status`` gives it (its worst-lit
    lead's), and each body's latest report on it, leads first."""

    row: Row
    reports: tuple[Row, ...]

    @property
    def bucket(self) -> str:
        return bucket(self.row)


def lit(progress: Progress, parts: tuple[Bundle, ...]) -> dict[tuple[str, int], Lit]:
    """Every task of ``parts`` by (plan key, id), judged on ``progress.as_of``."""
    chosen = [(p.catalog, [hit.task for hit in p.hits]) for p in parts]
    rows = standings(progress.library, chosen, progress.book, progress.as_of)
    bodies = standings(progress.library, chosen, progress.book, progress.as_of, by_body=True)
    reports: dict[tuple[str, int], list[Row]] = {}
    for row in bodies:
        if row.entry is not None:
            reports.setdefault((row.catalog.key, row.task.id), []).append(row)
    return {
        (r.catalog.key, r.task.id): Lit(r, tuple(reports.get((r.catalog.key, r.task.id), ())))
        for r in rows
    }


def tally(found: list[Lit]) -> Tally:
    """The 通报's line of all these tasks, as ``report summary`` counts it."""
    return summary([x.row for x in found], (), across=False)[0]


def dot(light: str) -> str:
    """A light as a coloured dot and its word: the word says it, the colour only repeats it."""
    return (
        f'<span class="light" data-light="{light}"><span class="dot" aria-hidden="true"></span>'
        f"{LIGHTS[light]}</span>"
    )


def attributes(found: Lit) -> str:
    """What the filter reads of a task's row."""
    return f' data-light="{found.row.verdict.light}" data-bucket="{found.bucket}"'


def _days(row: Row) -> str:
    # A task done or cancelled is neither late nor due, as `status` says it.
    if row.days is None or row.settled:
        return ""
    if row.days == 0:
        return "今天到期"
    return f"剩 {row.days} 天" if row.days > 0 else f"逾期 {-row.days} 天"


def _status(row: Row) -> str:
    return "" if row.status is None else STATUS_LABELS[Status(row.status)]


def _reported(row: Row) -> str:
    date = row.reported.isoformat() if row.reported else ""
    if row.period is None:
        return date
    return f"{date}（{row.period.name}）" if date else row.period.name


def cell(found: Lit) -> str:
    """The task's 进展 cell: light, status, why, deadline and days, last report."""
    row = found.row
    status = _status(row)
    lines = [f"{dot(str(row.verdict.light))}"]
    if status:
        lines.append(f' <span class="state">{escape(status)}</span>')
    lines.append(f'<div class="reason">{escape(row.verdict.reason)}</div>')
    due = row.task.due
    if due is not None:
        when = due.raw if due.date is None else f"{due.raw}（{due.date.isoformat()}）"
        days = _days(row)
        said = f"完成时限 {when}" + (f" · {days}" if days else "")
        lines.append(f'<div class="when">{escape(said)}</div>')
    reported = _reported(row)
    if reported:
        lines.append(f'<div class="when">最近报送 {escape(reported)}</div>')
    return f'<td class="ledger" data-label="{HEADING}">{"".join(lines)}</td>'


def reports(found: Lit) -> str:
    """Each body's latest 进展情况, 存在问题 and 下一步计划 under the task's text; folded
    when long (print opens them)."""
    if not found.reports:
        return ""
    size = 0
    blocks = []
    for row in found.reports:
        entry = row.entry
        assert entry is not None  # lit() keeps the rows with a report
        said = [row.label or row.body or "", row.period.name if row.period else "", _status(row)]
        if entry.reported:
            said.append(f"{entry.reported.isoformat()} 报送")
        if entry.reporter:
            said.append(entry.reporter)
        fields = []
        for key, label in _FIELDS:
            text = getattr(entry, key)
            if text:
                size += len(text)
                fields.append(f'<p><span class="field">{label}：</span>{escape(text)}</p>')
        if entry.figures:
            figures = "；".join(_figure(f) for f in entry.figures)
            fields.append(f'<p><span class="field">完成值：</span>{escape(figures)}</p>')
        head = " · ".join(escape(x) for x in said if x)
        blocks.append(f'<div class="report"><p class="report-head">{head}</p>{"".join(fields)}')
        blocks.append("</div>")
    opened = " open" if size <= _LONG else ""
    return (
        f'<details class="reports"{opened}><summary>报送情况（{len(found.reports)} 个单位）'
        f"</summary>{''.join(blocks)}</details>"
    )


def _figure(figure: Figure) -> str:
    """A 完成值 as the target is written (512万人次), and the goal it counts toward when
    the task has several."""
    said = f"{exact(figure.value)}{figure.unit}"
    return f"{said}（{figure.target}）" if figure.target else said


def counts(tallied: Tally, preset: Preset, late: int = 0) -> str:
    """The 通报's numbers, each with its light's dot and word; ``late``: of the tasks not
    reported, those past their deadline, which the 通报 counts as not reported and their
    rows light red (as status does): said beside the number, so that the red dots on the
    page and the 红灯 count read together."""
    on_track = "blue" if preset is Preset.SUPERVISION else "green"
    parts = [
        ("done", "已完成", "green", tallied.done),
        ("on_track", "序时推进", on_track, tallied.on_track),
        ("yellow", "黄灯", "yellow", tallied.yellow),
        ("red", "红灯", "red", tallied.red),
        ("not_reported", "未报送", "none", tallied.not_reported),
        ("cancelled", "已终止", "none", tallied.cancelled),
    ]
    notes = {"not_reported": f"（其中 {late} 项已过完成时限，亮红灯）" if late else ""}
    items = "".join(
        f'<li data-bucket="{key}"><span class="light" data-light="{light}">'
        f'<span class="dot" aria-hidden="true"></span>{word}</span> <b>{n}</b>'
        f"{notes.get(key, '')}</li>"
        for key, word, light, n in parts
    )
    return (
        f'<ul class="light-counts"><li data-bucket="all">全部任务 <b>{tallied.tasks}</b></li>'
        f"{items}</ul>"
    )


def header(progress: Progress, found: list[Lit]) -> str:
    """The page's 台账 block: the day the lights are judged on (so that a printed page can
    be made again), the rule set, and the counts of ``found``, the tasks shown."""
    preset = progress.book.settings.preset
    late = sum(1 for x in found if x.bucket == "not_reported" and x.row.verdict.light == "red")
    return (
        f'<section id="ledger" aria-label="台账"><p class="as-of">台账：截至 '
        f"<b>{progress.as_of.isoformat()}</b> 亮灯（亮灯规则：{_PRESETS[preset]}）。</p>"
        f"{counts(tally(found), preset, late)}</section>"
    )


def light_filter(progress: Progress) -> str:
    """The filter by light, beside the page's others; blue where the 督办单 preset lights it."""
    shown = ["red", "yellow", "green"]
    if progress.book.settings.preset is Preset.SUPERVISION:
        shown.append("blue")
    options = "".join(f'<option value="{x}">{LIGHTS[x]}</option>' for x in shown)
    return (
        f'<label>亮灯 <select id="light"><option value="">全部</option>{options}'
        '<option value="not_reported">未报送</option></select></label>\n'
    )
