"""Write a synthetic N-task dataset built from the real one: ``make_dataset.py N [OUT]``.

The real table is repeated as many times as needed, each copy with its own sections,
topics and task ids and a marker in its texts, so that the result is a valid dataset
with the real mix of departments, groups and targets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _numeral(number: int) -> str:
    digits = "一二三四五六七八九"
    if number >= 100:
        return str(number)
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")
    return head + (digits[units - 1] if units else "")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _scalar(value: object) -> str:
    if isinstance(value, list):
        return _flow(value)
    if isinstance(value, str):
        return _q(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def build(count: int) -> str:
    real = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    sections, topics, tasks = real["sections"], real["topics"], real["tasks"]
    out = ["plan:"]
    plan = real["plan"]
    out += [
        f"  title: {_q(plan['title'])}",
        f"  document_number: {_q(plan['document_number'])}",
        f"  date: {plan['date'].isoformat()}",
        f"  issuers: {_flow(plan['issuers'])}",
        f"  period: {{name: {_q(plan['period']['name'])}, start: {plan['period']['start']}, "
        f"end: {plan['period']['end']}}}",
        "sections:",
    ]
    copies = -(-count // len(tasks))
    # The last copy may be partial: only the topics and sections its tasks are in, so
    # that no heading is left empty (FG105).
    last = count - (copies - 1) * len(tasks)
    used_topics = {t["topic"] for t in tasks[:last]}
    used_sections = {t["section"] for t in topics if t["number"] in used_topics}

    def wanted(copy: int, number: int, used: set[int]) -> bool:
        return copy < copies - 1 or number in used

    for copy in range(copies):
        for s in sections:
            if not wanted(copy, s["number"], used_sections):
                continue
            n = copy * len(sections) + s["number"]
            out.append(f"  - {{number: {n}, numeral: {_q(_numeral(n))}, title: {_q(s['title'])}}}")
    out.append("topics:")
    for copy in range(copies):
        for t in topics:
            if not wanted(copy, t["number"], used_topics):
                continue
            n = copy * len(topics) + t["number"]
            section = copy * len(sections) + t["section"]
            out.append(
                f"  - {{number: {n}, numeral: {_q(_numeral(n))}, section: {section}, "
                f"title: {_q(t['title'])}}}"
            )
    out.append("departments:")
    for key, dept in real["departments"].items():
        out.append(f"  {_q(key)}:")
        for field, value in dept.items():
            shown = _flow(value) if isinstance(value, list) else _q(value)
            out.append(f"    {field}: {shown}")
    out.append("tasks:")
    for index in range(count):
        copy, position = divmod(index, len(tasks))
        task = tasks[position]
        marker = f"（第{copy + 1}轮）" if copy else ""
        out += [
            f"  - id: {index + 1}",
            f"    topic: {copy * len(topics) + task['topic']}",
            f"    text: {_q(task['text'] + marker)}",
            f"    lead: {_flow(task['lead'])}",
            f"    support: {_flow(task['support'])}",
        ]
        for key in ("targets", "basis"):  # basis: figures already reached (task 78)
            if task.get(key):
                out.append(f"    {key}:")
                for target in task[key]:
                    fields = ", ".join(f"{k}: {_scalar(v)}" for k, v in target.items())
                    out.append(f"      - {{{fields}}}")
    return "\n".join(out) + "\n"


def main() -> None:
    if len(sys.argv) not in (2, 3) or not sys.argv[1].isdigit():
        sys.exit("usage: make_dataset.py N [OUT]  (writes to stdout without OUT)")
    text = build(int(sys.argv[1]))
    if len(sys.argv) == 3:
        Path(sys.argv[2]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
