"""Every promise README makes about safety is covered by a test: a table, checked both ways.

The sections are "What `validate` guarantees, and what the tool never does" and the two
paragraphs of "Speed and the cache" on the cache. Each sentence there must hold at least
one quote of this table (a sentence added without a mapping fails), each quote must still
be in README (a reworded promise fails until its tests are looked at again), and each
test named must exist.
"""

from __future__ import annotations

import importlib
import re

import pytest

from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")

V = "tests/test_validate.py::"
P = "tests/test_properties.py::"
H = "tests/test_hostile.py::"
PROC = "tests/test_promises_processes.py::"
WRITES = "tests/test_promises_writes.py::"
OUT = "tests/test_promises_output.py::"
PC = "tests/test_promises_cache.py::"
LC = "tests/test_ledger_cache.py::"
LW = "tests/test_ledger_whole.py::"
C = "tests/test_cache.py::"
CT = "tests/test_cache_trust.py::"
LIB = "tests/test_cache_library.py::"
OB = "tests/test_output_boundary.py::"
CORE = "tests/test_output_boundary_core.py::"
PTY = "tests/test_output_boundary_pty.py::"
EXP = "tests/test_export.py::"
PROPERTIES = [
    P + "test_deleting_any_key_or_item",
    P + "test_changing_the_type_of_any_value",
    P + "test_re_nesting_any_value",
    P + "test_inserting_random_unicode_anywhere",
    P + "test_truncating_at_any_byte",
    P + "test_random_bytes_anywhere",
]
HOSTILE_FILES = [
    PROC + "test_a_hostile_file_ends_located_in_bounded_time_and_memory",
    PROC + "test_the_bundled_dataset_validates_within_the_same_memory_limit",
]
NOT_FILES = [
    V + "test_unreadable_path_is_a_usage_error",
    PROC + "test_a_directory_device_or_pipe_is_never_read",
    PROC + "test_a_pipe_on_stdin_is_never_read",
]
TAGS = [
    H + "test_python_tags_never_run",
    V + "test_python_tags_are_refused_without_running_anything",
    OUT + "test_no_python_tag_is_ever_constructed",
    PROC + "test_a_python_tag_runs_nothing_in_any_command",
]
TOO_MANY = [
    "tests/test_encodings_aliases.py::test_a_file_of_too_many_values_is_refused_before_it_is_parsed",
    OUT + "test_the_count_of_values_is_never_below_the_real_one",
    HOSTILE_FILES[0],
]
PRUNING = [
    C + "test_pruning_touches_only_the_tools_own_entries",
    PC + "test_pruning_leaves_other_kinds_and_files_not_named_as_entries",
]
TEMPORARIES = [
    C + "test_a_killed_writers_temporary_files_are_removed_once_stale",
    WRITES + "test_a_killed_cache_writers_temporary_file_is_removed_once_stale",
    PC + "test_pruning_leaves_other_kinds_and_files_not_named_as_entries",
    PC + "test_an_exports_folder_keeps_a_users_file_named_like_a_temporary",
]
UNTRUSTED = [
    CT + "test_a_folder_others_may_write_is_not_believed",
    CT + "test_a_folder_of_another_user_is_not_believed",
    PC + "test_a_linked_folder_is_not_believed",
    PC + "test_a_folder_others_may_write_is_not_written_either",
]

# A short exact quote of each claim (whitespace aside) → the tests that prove it.
PROMISES: dict[str, list[str]] = {
    # What `validate` guarantees, and what the tool never does
    "Every input ends in one of three ways": [*PROPERTIES, *NOT_FILES, *HOSTILE_FILES],
    "exit 0 (valid, with any warnings listed)": [
        V + "test_valid_fixture",
        V + "test_warning_fixture_passes_unless_strict",
        P + "test_deleting_any_key_or_item",
    ],
    "exit 1 with every problem located by file:line:column": [
        V + "test_invalid_fixture",
        "tests/test_yaml_typos.py::test_validate_locates_the_typo",
        *PROPERTIES,
    ],
    "(and its path in the data where there is one)": [
        V + "test_invalid_fixture",
        V + "test_load_raises_with_every_problem",
    ],
    "exit 2 for a path that is no readable file": [
        *NOT_FILES,
        H + "test_an_unreadable_file_is_a_usage_error",
        "tests/test_output_edges.py::test_an_empty_name_is_no_file",
    ],
    "Never a Python traceback": [*PROPERTIES, *HOSTILE_FILES],
    "never a hang": [
        *HOSTILE_FILES,
        *PROPERTIES,
        "tests/test_long_texts.py::test_a_terminal_shows_a_text_of_millions_cut_and_says_so",
    ],
    "property tests mutate the bundled dataset": PROPERTIES,
    "hostile files (nesting thousands deep, alias bombs, a number of a million digits, "
    "millions of values) end in seconds within 1 GiB of memory": HOSTILE_FILES,
    "as does a file of 20,000 problems in one mapping": [
        PROC + "test_twenty_thousand_problems_in_one_mapping_are_located_in_seconds"
    ],
    "YAML tags such as `!!python/object` are refused": TAGS,
    "nothing in a dataset is ever executed": [
        *TAGS,
        PC + "test_a_pickle_at_an_entrys_place_is_never_loaded",
    ],
    "alias bombs are refused before they expand": [
        H + "test_an_alias_bomb_is_refused_fast_without_expanding",
        HOSTILE_FILES[0],
    ],
    "files over 128 MiB are refused before they are read": [
        H + "test_a_file_over_the_size_limit_is_refused_before_reading",
        H + "test_an_oversized_file_is_never_opened",
    ],
    "files of more than about 3 million values (counted generously from their lines and "
    "punctuation) before they are parsed": TOO_MANY,
    "(a file of tiny values costs more memory than its bytes suggest)": TOO_MANY,
    "aliases that would repeat many nodes or characters are refused before they expand": [
        "tests/test_encodings_aliases.py::test_one_long_string_aliased_many_times_is_refused",
        H + "test_an_alias_bomb_is_refused_fast_without_expanding",
        HOSTILE_FILES[0],
    ],
    "a directory, device or pipe is never read": NOT_FILES,
    "The tool makes no network connection": [
        PROC + "test_no_network_connection_and_the_dataset_is_never_written",
        PROC + "test_the_probe_does_catch_a_connection_and_a_write",
    ],
    "its exports need none: the HTML page has no external resource": [
        OUT + "test_the_html_page_has_no_external_resource",
        "tests/test_promises_browser.py::test_the_page_requests_nothing_but_itself",
        PROC + "test_no_network_connection_and_the_dataset_is_never_written",
    ],
    "Writes are atomic": [
        "tests/test_interrupts.py::test_a_signal_inside_a_write_keeps_the_old_file",
        EXP + "test_an_interrupted_write_leaves_the_old_file_and_no_temporary",
    ],
    "an export or cache write interrupted by Ctrl-C or SIGTERM leaves the previous file and "
    "no temporary file": [
        "tests/test_interrupts.py::test_killing_an_export_leaves_the_old_file_intact",
        "tests/test_interrupts.py::test_a_signal_inside_a_write_keeps_the_old_file",
        WRITES + "test_a_cache_write_interrupted_leaves_the_previous_file_and_no_temporary",
    ],
    "two processes writing at once leave one complete file": [
        WRITES + "test_exports_racing_to_one_file_leave_one_complete_file",
        WRITES + "test_cache_writers_racing_leave_one_complete_entry",
        "tests/test_interrupts.py::test_two_processes_writing_the_cache_at_once_never_corrupt_it",
    ],
    "The dataset is never written": [
        PROC + "test_no_network_connection_and_the_dataset_is_never_written",
        "tests/test_export_targets.py::test_every_dataset_the_tool_knows_is_protected",
    ],
    "Text from a dataset cannot drive a terminal": [
        OB + "test_every_query_shows_the_payload_escaped",
        PTY + "test_a_table_on_a_terminal_keeps_its_colour_and_escapes_the_data",
    ],
    "every byte fenggong writes passes one output boundary": [
        CORE + "test_only_the_boundary_writes_in_the_command_line_code",
        CORE + "test_a_progress_bar_shows_a_hostile_file_name_escaped",
        OB + "test_completions_show_the_payload_escaped",
    ],
    "On a terminal, and always on stderr, control characters (C0 but line feeds and tabs, "
    "DEL, ESC, the C1 controls U+0080–U+009F) and the bidi embeddings, overrides and "
    "isolates (U+202A–U+202E, U+2066–U+2069) are shown as escapes": [
        CORE + "test_visible_escapes_exactly_controls_and_bidi_overrides",
        CORE + "test_visible_writes_each_control_as_a_python_escape",
        CORE + "test_stderr_is_made_safe_whatever_mode_is_asked",
        PTY + "test_a_table_on_a_terminal_keeps_its_colour_and_escapes_the_data",
        PTY + "test_a_diff_on_a_terminal_escapes_the_data",
        PTY + "test_json_on_a_terminal_is_escaped_and_still_json",
        PTY + "test_csv_on_a_terminal_is_escaped",
        OB + "test_validate_text",
        OB + "test_an_unknown_hostile_department_is_named_escaped",
    ],
    "Piped, the formats for people (table, markdown, `diff` text and markdown, `validate` "
    "text and github) are escaped too": [
        OB + "test_table",
        OB + "test_markdown",
        OB + "test_diff_for_people",
        OB + "test_validate_text",
        OB + "test_validate_github",
    ],
    "so is an exported markdown or HTML page, in a file or piped": [
        OB + "test_export_for_people_to_stdout_is_escaped",
        "tests/test_output_edges.py::test_an_exported_page_holds_no_raw_control",
        OUT + "test_an_exported_page_in_a_file_shows_every_control_escaped",
    ],
    "a file name or message never spans lines": [
        "tests/test_export_targets.py::test_a_line_break_in_the_name_is_shown_not_obeyed",
        "tests/test_output_edges.py::test_a_file_name_cannot_forge_a_workflow_command",
        "tests/test_markdown_safety.py::test_the_text_diff_keeps_one_line_per_change",
        OUT + "test_a_message_never_spans_lines",
        OUT + "test_a_dataset_message_never_spans_lines",
    ],
    "The machine formats stay faithful": [OB + "test_json", OB + "test_csv_is_faithful_in_a_pipe"],
    "JSON and JSONL carry such characters as JSON escapes": [OB + "test_json", OB + "test_jsonl"],
    "YAML as YAML escapes (the bidi controls, printable to YAML, as themselves)": [
        OB + "test_yaml_escapes_controls_and_keeps_bidi_marks_as_characters"
    ],
    "`-f csv` as the raw data": [OB + "test_csv_is_faithful_in_a_pipe"],
    "Text cannot run in the HTML page (escaped)": [
        EXP + "test_html_escapes_every_text",
        EXP + "test_the_json_block_cannot_close_its_element",
        "tests/test_html_browser.py::test_script_in_a_task_text_stays_inert",
    ],
    "cannot become a spreadsheet formula": [
        EXP + "test_csv_opens_in_excel_and_neutralizes_formulas",
        EXP + "test_xlsx_keeps_formula_like_text_as_text",
    ],
    "is not read as Rich markup": [
        H + "test_markup_in_data_or_arguments_is_not_interpreted",
        OUT + "test_markup_in_the_data_is_shown_as_written",
    ],
    # Speed and the cache: the cache
    "A query reads the dataset through a validated cache": [
        C + "test_a_load_writes_the_cache_and_the_next_load_uses_it",
        C + "test_an_invalid_dataset_is_never_cached",
    ],
    "later runs with the same bytes skip both": [
        C + "test_a_load_writes_the_cache_and_the_next_load_uses_it"
    ],
    "A library is one entry, which holds each table of bodies its plans share once": [
        LIB + "test_plans_of_one_jurisdiction_share_one_table_in_the_entry_and_in_memory",
        LIB + "test_the_shelf_read_back_is_the_shelf_checked",
    ],
    "its files are known unchanged by their stat data (device, inode, size, modification "
    "and change time) once they have been left alone for two seconds, and are hashed again "
    "otherwise": [
        LIB + "test_a_settled_library_is_found_without_reading_its_files",
        LIB + "test_files_changed_within_the_settling_time_are_read_again",
        LIB + "test_a_same_size_rewrite_with_the_old_modification_time_is_seen",
        LIB + "test_a_plan_added_is_a_miss",
    ],
    "Entries live in `$XDG_CACHE_HOME/fenggong` (`~/.cache/fenggong`)": [
        "tests/test_sandbox.py::test_each_test_has_a_cache_of_its_own",
        CT + "test_a_relative_cache_home_is_ignored",
    ],
    "one file per kind of file, content and release": [
        C + "test_a_load_writes_the_cache_and_the_next_load_uses_it",
        C + "test_a_changed_file_is_a_miss",
        PC + "test_the_name_of_an_entry_is_as_readme_shows_it",
    ],
    "so two installed releases do not evict each other": [
        C + "test_two_releases_keep_an_entry_each"
    ],
    "they are JSON, never pickle": [
        C + "test_a_load_writes_the_cache_and_the_next_load_uses_it",
        PC + "test_a_pickle_at_an_entrys_place_is_never_loaded",
    ],
    "Every edit of a dataset makes a new entry": [C + "test_a_changed_file_is_a_miss"],
    "prunes the folder to the 10 most recently used of its kind": [
        C + "test_only_the_most_recently_used_entries_are_kept",
        PC + "test_ten_entries_of_a_kind_are_kept",
        PC + "test_pruning_leaves_other_kinds_and_files_not_named_as_entries",
    ],
    "an older release's entries in another format, once unused for 30 days": [
        PC + "test_entries_of_another_format_go_once_a_month_unused"
    ],
    "removes temporary files a killed process left, once they are an hour old": TEMPORARIES,
    "A corrupt or foreign entry is rebuilt silently": [
        C + "test_a_bad_cache_file_rebuilds_silently",
        PC + "test_a_corrupt_entry_is_rebuilt_silently",
    ],
    "a cache folder that cannot be written means working without a cache": [
        C + "test_a_read_only_cache_directory_means_no_cache",
        C + "test_an_unwritable_cache_location_means_no_cache",
        PC + "test_a_cache_location_that_cannot_be_written_means_no_cache",
    ],
    "Deleting the folder is always safe": [PC + "test_deleting_the_folder_is_safe"],
    "`fenggong validate` always checks in full": [
        PC + "test_validate_always_checks_in_full",
        LC + "test_validate_checks_every_period_file_in_full_each_time",
    ],
    "A 台账 period file that checked without errors is cached for the queries too, with its "
    "warnings, keyed by its bytes, its period and the plans it was checked against": [
        LC + "test_a_clean_file_is_checked_once_then_read_from_the_cache",
        LC + "test_warnings_are_cached_in_the_language_they_were_said_in",
        LC + "test_the_plans_digest_changes_with_any_plan",
    ],
    "A ledger read before is also cached as a whole (who reported on each task), so a "
    "query decodes only the periods it reaches": [
        LW + "test_a_ledger_read_again_decodes_a_period_only_when_reached",
        LW + "test_a_damaged_period_entry_is_checked_in_full_when_reached",
    ],
    "any change to a period file or a plan is a miss": [
        LW + "test_editing_a_period_file_is_a_miss",
        LW + "test_a_new_period_file_is_a_miss",
        LW + "test_editing_a_plan_is_a_miss",
    ],
    "editing it, or any plan or the registry, checks it again": [
        LC + "test_editing_a_period_file_checks_that_file_again",
        LC + "test_a_plan_edit_that_takes_away_a_duty_is_an_error_on_the_next_run",
    ],
    # Speed and the cache: its trust boundary
    "the folder is created private (0700)": [CT + "test_the_folder_is_made_private"],
    "its entries are believed only while it is a real folder of the user's own that no one "
    "else may write": UNTRUSTED,
    "(a folder of another user's, or one group or others may write, is not used, as ssh "
    "treats its keys)": UNTRUSTED,
    "an entry is opened without following a link": [
        PC + "test_an_entry_that_is_a_link_is_not_followed",
        CT + "test_links_fifos_and_devices_at_an_entrys_place_are_never_read",
    ],
    "only if it is a regular file of a sane size": [
        CT + "test_links_fifos_and_devices_at_an_entrys_place_are_never_read",
        CT + "test_an_entry_too_large_is_not_read",
    ],
    "it must decode into the model's types and constraints": [
        C + "test_an_entry_breaking_a_constraint_of_the_model_is_refused",
        C + "test_a_bad_cache_file_rebuilds_silently",
    ],
    "hang together (every topic, section and name it refers to exists)": [
        CT + "test_an_entry_that_does_not_hang_together_is_not_used",
        PC + "test_an_entry_naming_a_missing_section_is_not_used",
    ],
    "Anything else is a miss: the YAML is read and checked again": [
        CT + "test_an_entry_that_does_not_hang_together_is_not_used",
        CT + "test_links_fifos_and_devices_at_an_entrys_place_are_never_read",
        C + "test_an_entry_breaking_a_constraint_of_the_model_is_refused",
    ],
    "Whoever can write your own cache folder can change what fenggong answers": [
        CT + "test_a_folder_others_may_write_is_not_believed"
    ],
    "Pruning deletes only files named as its entries are": PRUNING,
    "and the temporary files it names itself": TEMPORARIES,
    "With neither a home folder nor `$XDG_CACHE_HOME` (`docker run --user 1234`), fenggong "
    "runs without a cache": [
        CT + "test_no_home_folder_means_no_cache_not_a_crash",
        PROC + "test_without_a_home_folder_or_cache_home_it_runs_without_a_cache",
    ],
}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _section(heading: str) -> str:
    start = README.index(heading + "\n") + len(heading) + 1
    end = README.find("\n#", start)
    return README[start : end if end != -1 else None]


def _promised() -> str:
    """The promises: the guarantees, and the cache's paragraphs of "Speed and the cache"."""
    guarantees = _section("### What `validate` guarantees, and what the tool never does")
    cache_paragraphs = _section("## Speed and the cache").strip().split("\n\n")[:2]
    return "\n\n".join([guarantees, *cache_paragraphs])


def sentences(text: str) -> list[str]:
    """Sentences, one claim-bearing unit each: split after a full stop that ends one."""
    text = _squeeze(re.sub(r"^- ", "", text, flags=re.M))
    return [s for s in re.split(r"(?<=\.)\s+(?=[A-Z`(])", text) if s]


def test_the_sections_are_found_and_split() -> None:
    split = sentences(_promised())
    assert split[0].startswith("Every input ends in one of three ways")
    assert split[-1].startswith("With neither a home folder nor")
    assert len(split) >= 20


@pytest.mark.parametrize("sentence", sentences(_promised()))
def test_every_sentence_is_covered(sentence: str) -> None:
    assert [q for q in PROMISES if _squeeze(q) in sentence], (
        f"README promises {sentence!r}, and no quote of tests/test_readme_promises.py's "
        "table names it: add the tests that prove it"
    )


@pytest.mark.parametrize("quote", list(PROMISES))
def test_every_quote_is_still_in_readme(quote: str) -> None:
    assert _squeeze(quote) in _squeeze(_promised())


def test_every_test_named_exists() -> None:
    missing = []
    for node in sorted({n for nodes in PROMISES.values() for n in nodes}):
        path, _, name = node.partition("::")
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        if not callable(getattr(module, name, None)) or not name.startswith("test_"):
            missing.append(node)
    assert missing == []
    assert all(PROMISES.values())
