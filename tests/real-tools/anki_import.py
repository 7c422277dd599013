#!/usr/bin/env python3
"""Imports a `talkdeck export --to anki` file into a new Anki collection, twice, with Anki's
own importer (the `anki` package from PyPI: `pip install anki`), and prints what Anki made
of it: the deck, the notes with their fields and tags, and what the second import did.

Usage: tests/real-tools/anki_import.py EXPORT.txt
Exits 1 when Anki reads the file's header lines differently from what talkdeck wrote
(separator, html, guid and tags columns, deck) or when the second import adds notes.
"""
import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ImportCsvRequest


def import_once(col: Collection, path: str):
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    log = col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log
    return metadata, log


def main() -> int:
    path = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        metadata, first = import_once(col, path)
        print(f"header: delimiter={metadata.delimiter} html={metadata.is_html} "
              f"guid column={metadata.guid_column} tags column={metadata.tags_column} "
              f"deck={col.decks.name(metadata.deck_id) if metadata.deck_id else metadata.deck_name!r}")
        print(f"first import: {len(first.new)} new, {len(first.updated)} updated, "
              f"{len(first.duplicate)} duplicates, {len(first.conflicting)} conflicting")
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            deck = col.decks.name(note.cards()[0].did)
            print(f"- [{deck}] guid={note.guid} tags={note.tags}")
            for name, value in note.items():
                print(f"    {name}: {value}")
        _, second = import_once(col, path)
        print(f"second import: {len(second.new)} new, {len(second.updated)} updated, "
              f"{len(second.duplicate)} duplicates, {len(second.first_field_match)} first-field matches")
        notes = len(col.find_notes(""))
        print(f"notes in the collection: {notes}")
        col.close()
        ok = metadata.delimiter == metadata.TAB and not metadata.is_html and \
            metadata.guid_column > 0 and len(second.new) == 0 and notes == len(first.new)
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
