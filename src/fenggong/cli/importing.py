"""The steps of ``fenggong import`` that touch files: the known bodies, the draft's check.

The importer itself is pure; here the registry is loaded through the store, the draft is
written to a temporary folder and checked exactly as ``fenggong validate`` would (beside a
copy of the library's registry when it names that registry's bodies), and only then is
anything written where the maintainer asked.
"""

import shutil
import tempfile
from pathlib import Path

from fenggong.errors import DataError, FenggongError, InputError, Problem, UsageError
from fenggong.importing.assemble import Imported
from fenggong.importing.outline import Outline
from fenggong.messages import _, listed, ngettext
from fenggong.model import Department
from fenggong.names import did_you_mean, one_line


def _same(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


def check_options(
    source: Path, output: str, review: str | None, key: str | None, jurisdiction: str | None
) -> None:
    """Refuse, before anything is read, what the command line cannot mean."""
    import msgspec

    from fenggong.model import JurisdictionName, PlanKey

    written = [(Path(output), "-o")] if output != "-" else []
    if review is not None:
        written.append((Path(review), "--review"))
    for path, option in written:
        if _same(path, source) or path.resolve() == source.resolve():
            raise UsageError(
                _("{option} {path} is the document being imported").format(
                    option=option, path=path
                ),
                hint=_("name another file: the document is never replaced"),
            )
    if len(written) == 2 and written[0][0].resolve() == written[1][0].resolve():
        raise UsageError(
            _("-o and --review name one file, {path}").format(path=output),
            hint=_("give the review a file of its own: --review review.md"),
        )
    for value, kind, option in (
        (key, PlanKey, "--key"),
        (jurisdiction, JurisdictionName, "--jurisdiction"),
    ):
        if value is None:
            continue
        try:
            msgspec.convert(value, kind)
        except msgspec.ValidationError:
            valid = False
        else:
            valid = value.isprintable()
        if not valid:
            raise UsageError(
                _("{option} {value!r} cannot be a {what}").format(
                    option=option, value=one_line(value[:80]), what=option.removeprefix("--")
                ),
                hint=_(
                    "a key is a short name without spaces or colons, not all digits: "
                    "guofa-2018-39; a jurisdiction has no colon: 上海市"
                ),
            )


def known_bodies(
    registry: Path | None, data: str | None, jurisdiction: str | None
) -> tuple[dict[str, Department], bool, str | None]:
    """The bodies the names are read against, whether they are a library's registry's
    (not copied into the plan), and the jurisdiction they were read in."""
    from fenggong.checks.registry import REGISTRY, visible
    from fenggong.store import datapath, library, loader

    if registry is None and data is not None:
        chosen = datapath.active(data)
        if library.is_library(chosen):
            registry = library.registry_file(chosen)
            if registry is None:
                return {}, False, jurisdiction
        else:
            registry = chosen
    if registry is None:
        return {}, False, jurisdiction
    if registry.is_dir():
        found = library.registry_file(registry)
        if found is None:
            raise UsageError(
                _("{path} has no registry.yaml").format(path=registry),
                hint=_("name the registry file: --registry {path}/registry.yaml").format(
                    path=registry
                ),
            )
        registry = found
    try:
        if registry.name not in {"registry.yaml", "registry.yml"}:
            dataset = loader.load(registry)
            return dict(dataset.departments), False, jurisdiction or dataset.plan.jurisdiction
        shared = loader.load(registry, kind=REGISTRY)
    except InputError:
        raise
    except DataError as error:  # the registry given must be valid for names to mean anything
        raise InputError(error.problems) from None
    places = list(shared.jurisdictions)
    if jurisdiction is None:
        if len(places) != 1:
            raise UsageError(
                _("the registry has several jurisdictions: {names}").format(names=listed(places)),
                hint=_("say which the plan belongs to: --jurisdiction {name}").format(
                    name=places[0] if places else "上海市"
                ),
            )
        jurisdiction = places[0]
    if jurisdiction not in shared.jurisdictions:
        raise UsageError(
            _("{name} is not a jurisdiction of {path}").format(name=jurisdiction, path=registry),
            hint=did_you_mean(jurisdiction, places)
            or _("its jurisdictions are {names}").format(names=listed(places)),
        )
    seen = visible(shared, jurisdiction)
    return {name: dept for name, (_home, dept) in seen.items()}, True, jurisdiction


def outline(source: Path) -> Outline:
    """The outline of a source document, read by its reader and layout."""
    from fenggong.importing import outline_of

    return outline_of(source)


def _comments(imported: Imported, source: Path, output: str | None) -> tuple[str, ...]:
    plan = imported.dataset.plan
    review = imported.review
    known = imported.dataset.plan.document_number != "（未注明）"
    return (
        f"{plan.title} ({plan.document_number})" if known else plan.title,
        _("Imported from {source} ({reader}, {layout}) by fenggong import.").format(
            source=source.name, reader=review.reader, layout=review.layout
        ),
        ngettext(
            "The review lists {count} call to check before this file is relied on.",
            "The review lists {count} calls to check before this file is relied on.",
            len(review.notes),
        ).format(count=len(review.notes)),
        _("Check an edit with: fenggong validate {file}").format(
            file=output if output and output != "-" else "FILE"
        ),
    )


def checked_file(
    imported: Imported, source: Path, registry: Path | None, output: str | None
) -> str:
    """The plan file's text, once it has passed the checks ``fenggong validate`` makes."""
    from fenggong.importing.planfile import plan_file
    from fenggong.store import library, loader

    text = plan_file(imported.dataset, _comments(imported, source, output))
    name = Path(output).name if output and output != "-" else "imported.yaml"
    if not name.endswith((".yaml", ".yml")):
        name += ".yaml"
    with tempfile.TemporaryDirectory(prefix="fenggong-import-") as folder:
        draft = Path(folder) / name
        draft.write_text(text, encoding="utf-8")
        if registry is not None:
            shutil.copyfile(registry, Path(folder) / "registry.yaml")
            errors = list(library.check(Path(folder)).errors)
        else:
            errors = list(loader.check(draft).errors)
    if errors:
        # The importer writes only what validates: this is its fault, not the document's.
        raise DraftError(errors)
    return text


class DraftError(DataError):
    """The plan the importer made does not validate: nothing is written (a bug to report)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.message = _(
            "nothing was written: the plan the importer made does not validate (a fault "
            "of the importer; please report it with the document)"
        )


def write(raw: str, data: bytes) -> None:
    """Write a file atomically, where an export may write."""
    from fenggong.store.atomic import check_target, same_line_endings, write_atomic

    path = check_target(raw)
    try:
        # A plan file replaced with --force keeps its line endings (CRLF on Windows).
        write_atomic(path, same_line_endings(path, data))
    except OSError as err:
        raise FenggongError(
            _("cannot write {path}: {reason}").format(path=path, reason=err.strerror or err)
        ) from None
