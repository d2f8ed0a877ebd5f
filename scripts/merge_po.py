"""A git merge driver for gettext catalogues: the union of both sides' messages, so two branches that each add
strings never conflict. A message translated on one side only keeps that translation; where both sides
translated it differently, ours is kept. ``make i18n`` afterwards drops what the code no longer uses.

Set up once per clone:
    git config merge.po-union.driver ".venv/bin/python scripts/merge_po.py %O %A %B"
(.gitattributes names the files.)
"""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po, write_po


def main(ancestor: str, ours: str, theirs: str) -> int:
    del ancestor
    with open(ours, "rb") as handle:
        merged = read_po(handle)
    with open(theirs, "rb") as handle:
        other = read_po(handle)
    for message in other:
        if not message.id:
            continue
        mine = merged.get(message.id, message.context)
        if mine is None:
            merged[message.id] = message
        elif not _translated(mine) and _translated(message):
            mine.string = message.string
            mine.flags = message.flags
    with open(ours, "wb") as handle:
        write_po(handle, merged, width=None, sort_output=True, include_previous=False)
    return 0


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings) and "fuzzy" not in message.flags


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
