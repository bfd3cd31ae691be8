"""``fenggong import``: a plan file from the document a 分工方案 was issued in, and a review."""

import datetime
import enum
from pathlib import Path
from typing import Annotated

import typer

from fenggong.cli import console
from fenggong.cli.console import Mode
from fenggong.cli.context import data_option
from fenggong.errors import UsageError
from fenggong.messages import N_, _


class RuleChoice(enum.StrEnum):
    EXPLICIT = "explicit"
    FIRST_LISTED = "first-listed"
    ALL_LEAD = "all-lead"


def import_(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help=N_("The document: .txt, .html, .docx, .xlsx (.doc, .wps through LibreOffice)."),
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT.yaml",
            help=N_("The plan file to write (default: INPUT's name, .yaml); - for stdout."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace OUT.yaml if it exists."))
    ] = False,
    key: Annotated[
        str | None,
        typer.Option(
            "--key", metavar="KEY", help=N_("The plan's key in a library: guofa-2018-39.")
        ),
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option(
            "--jurisdiction",
            metavar="NAME",
            help=N_("The government whose bodies the names mean: 上海市, 全国."),
        ),
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            metavar="FILE",
            help=N_(
                "The bodies known already: a library's registry.yaml or a plan file "
                "(default: the library given with --data)."
            ),
        ),
    ] = None,
    lead_rule: Annotated[
        RuleChoice | None,
        typer.Option(
            "--lead-rule",
            metavar="RULE",
            case_sensitive=False,
            help=N_(
                "How 负责 lists are read when the document does not say: explicit, "
                "first-listed (列第一位者为牵头单位) or all-lead (every body named leads)."
            ),
        ),
    ] = None,
    review: Annotated[
        str | None,
        typer.Option(
            "--review",
            metavar="REVIEW.md|.json",
            help=N_("Also write the review to this file, as markdown or JSON by its extension."),
        ),
    ] = None,
) -> None:
    from fenggong.cli import importing as steps
    from fenggong.importing import review as reviewing
    from fenggong.importing.assemble import Settings, assemble
    from fenggong.model import LeadRule

    if review is not None and not review.lower().endswith((".md", ".markdown", ".json")):
        raise UsageError(
            _("--review {path}: name a .md or a .json file").format(path=review),
            hint=_("--review review.md for people, --review review.json for tools"),
        )
    if output is None:
        output = source.with_suffix(".yaml").name
    steps.check_options(source, output, review, key, jurisdiction)
    # A plan file is edited by hand after its import: it is never replaced unasked.
    if output != "-" and not force and Path(output).exists():
        raise UsageError(
            _("{path} exists; an import never replaces a file unasked").format(path=output),
            hint=_("give --force to replace it, or -o another file"),
        )
    known, shared, jurisdiction = steps.known_bodies(registry, data_option(ctx), jurisdiction)
    outline = steps.outline(source)
    settings = Settings(
        today=datetime.date.today(),
        key=key,
        jurisdiction=jurisdiction,
        lead_rule=LeadRule(lead_rule.value) if lead_rule else None,
        known=known,
        shared=shared,
    )
    imported = assemble(outline, settings)
    text = steps.checked_file(imported, source, registry if shared else None, output)
    result = imported.review
    if review is not None:
        data = (
            reviewing.as_json(result)
            if review.lower().endswith(".json")
            else reviewing.as_markdown(result).encode("utf-8")
        )
        steps.write(review, data)
    if output == "-":
        console.out(text, Mode.FAITHFUL, nl=False)
    else:
        steps.write(output, text.encode("utf-8"))
    console.err(reviewing.as_text(result), nl=False)
    if not result.complete:
        raise typer.Exit(1)


COMMANDS = {"import": import_}
HELP = {
    "import": N_(
        "Read a 分工方案 from the document it was issued in into a plan file, and review "
        "every call the importer was not sure of.\n\n"
        "It reads a column table (序号, 重点任务, 牵头部门, 配合部门 …), numbered items "
        "with a duty clause（X牵头，Y配合）, labelled lines (牵头单位：…) or a trailing "
        "责任单位：… sentence, from text, web pages, Word and Excel files. The plan file, "
        "with a registry section for the bodies it names, passes fenggong validate; the "
        "review (on stderr, and with --review as markdown or JSON) names the source line or "
        "cell of each call. Exit status: 0 written with nothing left out; 1 written, but "
        "items were left out or the input is cut off (截断); 2 the input cannot be read.\n\n"
        "Example: fenggong import 分工方案.docx -o plans/new.yaml --review review.md"
    ),
}
