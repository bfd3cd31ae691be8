"""Write a synthetic library of N plans built from the real one: ``make_library.py N OUT``.

Each plan is a copy of ``data/tasks.yaml`` with its own key (``plan-001`` …) and date.
Half of them are 上海市's; the others are spread over four districts, each ``within:
上海市`` in the registry.yaml written beside them, and each defining the same short names
(区发改委, 区教育局, 区人力资源社会保障局): one name, four bodies. A district plan names its
district's bodies as well as the city's (区发改委 supports where 市发展改革委 does, 区教育局
where 市教委 does). Most plans carry no departments of their own (the registry holds
them); every fourth 上海市 plan carries a copy of the real registry, and every fourth
district plan a copy of its district's entries, as plans copied from elsewhere do.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CITY = "上海市"
DISTRICTS = ("浦东新区", "闵行区", "徐汇区", "静安区")
# The same short names in every district: (name, the full name after the district's).
LOCAL = (
    ("区发改委", "发展和改革委员会", "市发展改革委"),
    ("区教育局", "教育局", "市教委"),
    ("区人力资源社会保障局", "人力资源和社会保障局", "市人力资源社会保障局"),
)


def _local(district: str) -> dict[str, dict[str, Any]]:
    return {
        name: {"full_name": f"{CITY}{district}{suffix}", "kind": "municipal"}
        for name, suffix, _city in LOCAL
    }


def registry(real: dict[str, Any]) -> dict[str, Any]:
    places: dict[str, Any] = {CITY: {"departments": real["departments"]}}
    for district in DISTRICTS:
        places[district] = {"within": CITY, "departments": _local(district)}
    return {"jurisdictions": places}


def jurisdiction(index: int) -> str:
    """上海市 for every other plan; the districts in turn for the rest."""
    return CITY if index % 2 == 0 else DISTRICTS[(index // 2) % len(DISTRICTS)]


def plan(real: dict[str, Any], index: int) -> dict[str, Any]:
    where = jurisdiction(index)
    header = dict(real["plan"])
    header["key"] = f"plan-{index + 1:03d}"
    header["jurisdiction"] = where
    header["date"] = header["date"].replace(year=2019 + index % 7)
    out: dict[str, Any] = {"plan": header}
    out["sections"] = real["sections"]
    out["topics"] = real["topics"]
    copies = index % 8 in (0, 1)  # every fourth plan of each jurisdiction's kind
    if where == CITY and copies:
        out["departments"] = real["departments"]
    elif where != CITY and copies:
        out["departments"] = _local(where)
    tasks = real["tasks"]
    if where != CITY:
        tasks = [_localised(task) for task in tasks]
    out["tasks"] = tasks
    return out


def _localised(task: dict[str, Any]) -> dict[str, Any]:
    """The task with its district's bodies supporting where their city counterparts act."""
    named = [*task["lead"], *task["support"]]
    extra = [name for name, _suffix, city in LOCAL if city in named]
    if not extra:
        return task
    return {**task, "support": [*task["support"], *extra]}


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write(count: int, folder: Path) -> None:
    real = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "registry.yaml").write_text(_dump(registry(real)), encoding="utf-8")
    for index in range(count):
        text = _dump(plan(real, index))
        (folder / f"plan-{index + 1:03d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: make_library.py N OUT  (writes N plan files and registry.yaml to OUT)")
    write(int(sys.argv[1]), Path(sys.argv[2]))


if __name__ == "__main__":
    main()
