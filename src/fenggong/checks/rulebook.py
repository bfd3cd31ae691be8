"""The catalogue of rules: a stable id and name for every problem the tool reports."""

from __future__ import annotations

import msgspec

from fenggong.checks.locate import Path, render
from fenggong.errors import Problem, Severity

WARN = Severity.WARNING


class Rule(msgspec.Struct, frozen=True):
    code: str
    name: str
    summary: str
    severity: Severity = Severity.ERROR


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("FG001", "yaml-syntax", "the file is not well-formed YAML"),
        Rule("FG002", "schema", "a field is missing, unknown, or of the wrong type"),
        Rule("FG003", "unknown-department", "a department is not in the registry"),
        Rule("FG004", "duplicate-key", "a mapping repeats a key"),
        Rule("FG005", "encoding", "the file is not UTF-8 text"),
        Rule("FG006", "duplicate-id", "two tasks share an id"),
        Rule("FG007", "id-sequence", "task ids do not run 1, 2, 3 … in order"),
        Rule("FG008", "unknown-section", "a topic names a section that does not exist"),
        Rule("FG009", "unknown-topic", "a task names a topic that does not exist"),
        Rule("FG010", "no-lead", "a task has no lead department"),
        Rule("FG011", "lead-and-support", "a body is both lead and support of one task"),
        Rule("FG012", "duplicate-department", "a body is named twice in one list"),
        Rule("FG013", "target-quantity", "a target's quantity is not value × unit"),
        Rule("FG014", "unknown-unit", "a target's unit is not a known unit"),
        Rule("FG015", "number-sequence", "sections or topics do not run 1, 2, 3 … in order"),
        Rule("FG016", "numeral-mismatch", "a numeral does not match its number"),
        Rule("FG017", "alias-conflict", "a name or alias stands for two registry entries"),
        Rule("FG018", "group-shape", "a group lacks members or scope, or a body has them"),
        Rule("FG019", "target-shape", "a target lacks value, unit or quantity, or has them"),
        Rule("FG020", "out-of-order", "tasks or topics are not in the order of the table"),
        Rule("FG021", "alias-expansion", "aliases expand the document many times over"),
        Rule("FG022", "too-large", "the file is larger than a dataset can reasonably be"),
        Rule("FG023", "joined-names", "one item of a list of names holds several names"),
        Rule("FG024", "due-date", "a deadline's date does not agree with its kind"),
        Rule("FG030", "duplicate-plan", "two plans of a library have the same key"),
        Rule("FG031", "conflicting-body", "one name in one jurisdiction is defined two ways"),
        Rule("FG032", "unknown-jurisdiction", "a jurisdiction lies within one not defined"),
        Rule("FG033", "no-plan", "a library folder holds no plan file"),
        Rule("FG034", "file-key", "a plan file's name gives it a key KEY:ID cannot carry"),
        Rule("FG040", "ledger-period", "a ledger's period is not a reporting period"),
        Rule("FG041", "period-file", "a ledger file is not named after its period, or no file"),
        Rule("FG042", "unknown-task", "a report names a task the plans do not have"),
        Rule("FG043", "unknown-body", "a report names a body not in the registry"),
        Rule("FG044", "no-duty", "a report's body has no part in its task"),
        Rule("FG045", "unknown-status", "a report's status is none of the six codes"),
        Rule("FG046", "figure-target", "a figure counts toward no target, or in another unit"),
        Rule("FG047", "duplicate-report", "a body reports twice on a task in one period"),
        Rule("FG050", "lights-bands", "lights.yaml's green band is wider than its yellow band"),
        Rule("FG051", "lights-tunable", "lights.yaml sets a tunable its preset does not read"),
        Rule("FG101", "whitespace", "a name or text starts or ends with whitespace", WARN),
        Rule("FG102", "unused-department", "a registry entry no task, issuer or group uses", WARN),
        Rule("FG103", "variant-name", "a department written as a width or space variant", WARN),
        Rule("FG104", "unrecorded-target", "a 十四五 task states a number but has no target", WARN),
        Rule("FG105", "no-task", "a topic or section with no task in it", WARN),
        Rule(
            "FG106", "jurisdiction-unlisted", "a plan's jurisdiction is not in the registry", WARN
        ),
        Rule("FG107", "shadowed-body", "an entry hides one of the jurisdiction above", WARN),
        Rule("FG108", "report-date", "a report is dated outside its period and the next", WARN),
    )
}


def problem(code: str, message: str, path: Path, hint: str | None = None) -> tuple[Problem, Path]:
    rule = RULES[code]
    found = Problem(code, rule.name, message, path=render(path), hint=hint, severity=rule.severity)
    return found, path
