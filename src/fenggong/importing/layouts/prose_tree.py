"""The numbered paragraphs of a prose plan as a tree, and which depth is which level.

``plan`` finds the preamble, hangs each unnumbered paragraph on the numbered one before
it, and decides from where the duty clauses stand which depth holds the sections, the
topics and the items, and which sub-items share one clause (the rules are in ``prose``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fenggong.importing.document import Paragraph
from fenggong.importing.layouts import prose_lines as lines
from fenggong.importing.outline import Clause


@dataclass
class Node:
    """A numbered paragraph, its depth among the numberings used, and what follows it."""

    id: int
    depth: int
    numeral: str
    rest: str
    paragraph: Paragraph
    parent: int | None = None
    followers: list[Paragraph] = field(default_factory=list)

    def reads(self) -> list[tuple[lines.Read, Paragraph]]:
        """Its own line and each follower, read."""
        found = [(lines.read(self.rest), self.paragraph)]
        return found + [(lines.read(p.text), p) for p in self.followers]


@dataclass
class Plan:
    """The numbered paragraphs and the depth of each level (None: the layout makes it)."""

    preamble: tuple[Paragraph, ...]
    nodes: list[Node]
    item_depth: int
    section_depth: int | None
    topic_depth: int | None
    shared: dict[int, Clause]
    introductions: set[int]
    last: Paragraph | None
    notes: list[str] = field(default_factory=list)
    closing: tuple[Paragraph, ...] = ()  # the signature after the last item: issuer, date


def plan(paragraphs: list[Paragraph]) -> Plan:
    """The paragraphs of a prose plan, split and levelled."""
    preamble: list[Paragraph] = []
    nodes: list[Node] = []
    for paragraph in paragraphs:
        numbered = lines.numbering(paragraph.text)
        if numbered is not None:
            nodes.append(
                Node(len(nodes), numbered.rank, numbered.numeral, numbered.rest, paragraph)
            )
        elif nodes:
            nodes[-1].followers.append(paragraph)
        else:
            preamble.append(paragraph)
    closing: list[Paragraph] = []
    if nodes:
        tail = nodes[-1].followers
        while tail and lines.end_matter(tail[-1].text):
            closing.insert(0, tail.pop())
    ranks = sorted({node.depth for node in nodes})
    stack: list[Node] = []
    for node in nodes:
        node.depth = ranks.index(node.depth)
        while stack and stack[-1].depth >= node.depth:
            stack.pop()
        node.parent = stack[-1].id if stack else None
        stack.append(node)
    reads = {node.id: node.reads() for node in nodes}
    groups = _groups(nodes, reads)
    in_groups = {child for children in groups.values() for child in children}
    own = [
        n.depth for n in nodes if n.id not in in_groups and any(r.clauses for r, _ in reads[n.id])
    ]
    shared_depths = [nodes[c].depth for c in in_groups]
    depth = max(own or shared_depths or [n.depth for n in nodes] or [0])
    if own and _paragraph_items(nodes, reads, depth):
        depth += 1
    shared: dict[int, Clause] = {}
    introductions: set[int] = set()
    for parent, children in groups.items():
        if nodes[parent].depth > depth:
            continue
        raw, paragraph = next((c, p) for r, p in reversed(reads[children[-1]]) for c in r.clauses)
        clause = Clause(raw, paragraph.where, shared=True)
        shared.update((child, clause) for child in children)
        if nodes[parent].depth >= depth:
            introductions.add(parent)
    last = (nodes[-1].followers or [nodes[-1].paragraph])[-1] if nodes else None
    return Plan(
        preamble=tuple(preamble),
        nodes=nodes,
        item_depth=depth,
        section_depth=0 if depth >= 1 else None,
        topic_depth=depth - 1 if depth >= 2 else None,
        shared=shared,
        introductions=introductions,
        last=last,
        closing=tuple(closing),
    )


def _groups(
    nodes: list[Node], reads: dict[int, list[tuple[lines.Read, Paragraph]]]
) -> dict[int, list[int]]:
    """Sub-items (1)…(4) followed by one clause: parent → children.

    The parent states no clause, the children have no sub-items, and only the last child
    carries a clause — exactly one, in its last paragraph.
    """
    children: dict[int, list[int]] = {}
    for node in nodes:
        if node.parent is not None:
            children.setdefault(node.parent, []).append(node.id)
    groups: dict[int, list[int]] = {}
    for parent, kids in children.items():
        if len(kids) < 2 or any(r.clauses for r, _ in reads[parent]):
            continue
        if any(kid in children for kid in kids):
            continue
        if any(r.clauses for kid in kids[:-1] for r, _ in reads[kid]):
            continue
        last = reads[kids[-1]]
        if sum(len(r.clauses) for r, _ in last) == 1 and last[-1][0].clauses:
            groups[parent] = kids
    return groups


def _paragraph_items(
    nodes: list[Node], reads: dict[int, list[tuple[lines.Read, Paragraph]]], depth: int
) -> bool:
    """Whether unnumbered paragraphs with clauses of their own follow the entries at
    ``depth`` that already have one: then those paragraphs are the items."""
    for node in nodes:
        if node.depth != depth:
            continue
        seen = False
        for read, _paragraph in reads[node.id]:
            if seen and read.label is None and read.text and read.clauses:
                return True
            seen = seen or bool(read.clauses)
    return False
