"""The 台账's commands head their columns as list, targets and depts head the same things,
in English and in Chinese: a task's number 序号, its text 重点任务, a body 部门."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

PLAN = str(ROOT / "examples" / "tasks.yaml")
DAY = "2026-05-01"


def _header(runner: CliRunner, *args: str) -> list[str]:
    """The header row of the markdown table a command writes."""
    result = runner.invoke(app, ["--data", PLAN, *args, "-f", "markdown"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("| "))
    return [cell.strip() for cell in line.strip("|").split("|")]


HEADERS = {
    "en": {
        "list": ["No.", "Task", "Lead", "Support"],
        "status": ["No.", "Status", "Light", "Due", "Days", "Last reported", "Reason"],
        "status --by dept": [
            "No.",
            "Department",
            "Duty",
            "Status",
            "Light",
            "Due",
            "Days",
            "Last reported",
            "Reason",
        ],
        "overdue": ["No.", "Task", "Status", "Light", "Due", "Days", "Last reported", "Reason"],
        "targets --progress": [
            "No.",
            "Metric",
            "Target",
            "Quantity",
            "Qualifier",
            "Lead",
            "Support",
            "Reported",
            "Figure",
            "Attained",
            "Expected",
            "Light",
            "Parts",
        ],
        "report summary": [
            "Department or section",
            "Tasks",
            "Done",
            "On track",
            "Yellow",
            "Red",
            "Not reported",
            "Cancelled",
        ],
    },
    "zh": {
        "list": ["序号", "重点任务", "牵头部门", "配合部门"],
        "status": ["序号", "进展状态", "亮灯", "完成时限", "天数", "最近报送", "原因"],
        "status --by dept": [
            "序号",
            "部门",
            "本单位职责",
            "进展状态",
            "亮灯",
            "完成时限",
            "天数",
            "最近报送",
            "原因",
        ],
        "overdue": ["序号", "重点任务", "进展状态", "亮灯", "完成时限", "天数", "最近报送", "原因"],
        "targets --progress": [
            "序号",
            "指标",
            "目标",
            "折算数量",
            "限定",
            "牵头部门",
            "配合部门",
            "报送日期",
            "完成值",
            "完成率",
            "序时进度",
            "亮灯",
            "配合单位填报",
        ],
        "report summary": [
            "部门或板块",
            "任务",
            "已完成",
            "序时推进",
            "黄灯",
            "红灯",
            "未报送",
            "已终止",
        ],
    },
}
ARGS = {
    "list": ("list",),
    "status": ("status", "--as-of", DAY),
    "status --by dept": ("status", "--by", "dept", "--as-of", DAY),
    "overdue": ("overdue", "--as-of", DAY),
    "targets --progress": ("targets", "--progress", "--as-of", DAY),
    "report summary": ("report", "summary", "--period", "2026-Q1"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("command", list(ARGS))
def test_headers(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, language: str, command: str
) -> None:
    monkeypatch.setenv("FENGGONG_LANG", language)
    assert _header(runner, *ARGS[command]) == HEADERS[language][command]
