"""Click's usage errors (``No such option: -x``) in the reader's language.

The Click that Typer carries writes these sentences in English, with no catalogue of its
own: each is recognised by its shape and said again through ours. The msgids are Click's
own sentences, so that English reads exactly as Click writes it; a sentence of another
shape (a later Click's) is left as it is.
"""

from __future__ import annotations

import re

from fenggong.messages import N_, _

_NAME = r"(?P<name>'[^']*'(?: / '[^']*')*)"  # '--format' / '-f'
_SHAPES = (
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<names>.+)\)"),
        N_("No such option: {name} (Possible options: {names})"),
    ),
    (re.compile(r"No such option: (?P<name>.+)"), N_("No such option: {name}")),
    (re.compile(rf"Missing argument {_NAME}\."), N_("Missing argument {name}.")),
    (re.compile(rf"Missing option {_NAME}\."), N_("Missing option {name}.")),
    (
        re.compile(rf"Option {_NAME} requires an argument\."),
        N_("Option {name} requires an argument."),
    ),
    (
        re.compile(rf"Option {_NAME} does not take a value\."),
        N_("Option {name} does not take a value."),
    ),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)"),
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        re.compile(rf"Invalid value for {_NAME}: (?P<value>'.*') is not one of (?P<choices>.+)\."),
        N_("Invalid value for {name}: {value} is not one of {choices}."),
    ),
    (
        re.compile(rf"Invalid value for {_NAME}: (?P<problem>.+)", re.S),
        N_("Invalid value for {name}: {problem}"),
    ),
)
_SUGGESTED = re.compile(r"(?P<message>.*)\. Did you mean (?P<names>.+)\?", re.S)


def said(message: str) -> str:
    """Click's ``message`` in the reader's language, when its shape is known."""
    suggested = _SUGGESTED.fullmatch(message)
    if suggested is not None:  # Typer adds it after a sentence of its own, or Click's
        head = said(suggested["message"]).rstrip(".。")
        return _("{message}. Did you mean {names}?").format(message=head, names=suggested["names"])
    for shape, msgid in _SHAPES:
        found = shape.fullmatch(message)
        if found is not None:
            return _(msgid).format(**found.groupdict())
    return message
