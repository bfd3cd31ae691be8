"""The plan's lead rule: how its 负责 and 责任单位 lists are read into lead and support.

Given with --lead-rule, stated in the document (列第一位者为牵头单位，下同), or, when
neither, all-lead — the reading that claims no order the document does not state. Each
lead the rule makes is a note in the review naming the rule.
"""

from __future__ import annotations

from fenggong.importing.duties import parse_duty
from fenggong.importing.outline import Outline
from fenggong.importing.review import Call, Note
from fenggong.messages import _, ngettext
from fenggong.model import LeadRule


class LeadRules:
    """The plan's lead rule: given, stated in the document, or assumed — and where."""

    def __init__(self, outline: Outline, given: LeadRule | None, notes: list[Note]) -> None:
        self.rule: LeadRule | None = None
        stated = None
        for clause in (*outline.statements, *(c for i in outline.items for c in i.clauses)):
            duty = parse_duty(clause.raw)
            if duty is not None and duty.lead_rule is not None:
                stated = (LeadRule(duty.lead_rule.rule), duty.lead_rule.raw, clause.where)
                break
        if given is not None:
            self.rule = given
            message = _("the lead rule is {rule}, as given by --lead-rule").format(rule=given)
            if stated and stated[0] != given:
                message = _(
                    "--lead-rule {rule} overrides the rule the document states: {stated}"
                ).format(rule=given, stated=stated[0])
            notes.append(Note(Call.LEAD_RULE, message, str(stated[2]) if stated else outline.file))
        elif stated is not None:
            self.rule = stated[0]
            notes.append(
                Note(
                    Call.LEAD_RULE,
                    _("the document states the lead rule {rule}").format(rule=stated[0]),
                    str(stated[2]),
                    quote=stated[1],
                )
            )
        self.file = outline.file
        self.stated = stated is not None and given is None
        self.inferred = 0  # leads made by a rule the document states: counted, noted once

    def resolve(
        self, responsible: list[str], notes: list[Note], where: str, task: int
    ) -> list[str]:
        """The leads among bodies that are only 负责 (the others support), noted."""
        rule = self.rule
        if rule is None:
            rule = LeadRule.ALL_LEAD
            notes.append(
                Note(
                    Call.LEAD_RULE,
                    _(
                        "the document states no lead rule: 负责 is read as all-lead; "
                        "give --lead-rule first-listed if the first body named leads"
                    ),
                    self.file,
                )
            )
            self.rule = rule
        leads = responsible[:1] if rule is LeadRule.FIRST_LISTED else responsible
        if self.stated:
            self.inferred += 1
            return leads
        notes.append(
            Note(
                Call.LEAD_INFERRED,
                _("lead {names} by the lead rule {rule}").format(names="、".join(leads), rule=rule),
                where,
                task,
            )
        )
        return leads

    def summary(self) -> Note | None:
        """One note for the leads a rule the document states has made, if any."""
        if not self.inferred:
            return None
        return Note(
            Call.LEAD_INFERRED,
            ngettext(
                "{count} task's leads read by the rule the document states, {rule}",
                "{count} tasks' leads read by the rule the document states, {rule}",
                self.inferred,
            ).format(count=self.inferred, rule=self.rule),
            self.file,
        )
