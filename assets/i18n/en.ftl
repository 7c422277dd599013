# talkdeck's window, in English. Every id here must also be in zh-CN.ftl.

## Menus
menu-file = File
menu-edit = Edit
menu-view = View
menu-help = Help
menu-open-recent = Open recent
menu-open-talk = Open talk…
menu-open-notes = Open notes…
menu-save = Save notes
menu-save-as = Save notes as…
menu-export-recap = Export recap…
menu-export-deck = Export recap as Marp slides…
menu-export-reveal = Export recap as reveal.js slides…
menu-export-w3c = Export annotations (W3C)…
menu-import-w3c = Import notes (W3C, Hypothesis, pdfpc)…
menu-export-pdfpc = Export notes for pdfpc…
menu-export-anki = Export notes for Anki…
menu-export-readwise = Export notes for Readwise…
menu-export-notes-md = Export notes as Markdown…
menu-merge-notes = Merge notes…
menu-copy-recap = Copy recap
menu-reopen-encoding = Reopen with encoding
menu-quit = Quit
menu-undo = Undo
menu-redo = Redo
menu-add-note = Add note to this card
menu-find = Find…
menu-overview = Overview of all cards
menu-present = Present
menu-theme-dark = Dark theme
menu-theme-light = Light theme
menu-language = Language
menu-shortcuts = Keyboard shortcuts
menu-palette = Command palette…
menu-zoom-in = Zoom in
menu-zoom-out = Zoom out
menu-zoom-reset = Actual size
menu-notes-larger = Larger speaker notes
menu-notes-smaller = Smaller speaker notes
menu-single-letter-keys = Single-letter card keys (S, H, O, P, R)
menu-single-letter-keys-hint = Off: only Alt+S, Alt+H, Alt+O, Alt+P, Alt+R act, so a stray letter never stars, highlights or turns anything

## Outline and cards
outline = Outline
kind-title = Title
kind-opening = Opening
kind-observation = Observation { $number }
kind-section = Section
# After a card's kind, for a slide its deck hides from the show.
hidden-slide = hidden slide
kind-closing = Closing
fact-speaker = Speaker
fact-role = Role
fact-event = Event
fact-date = Date
fact-source = Source
fact-author = Author
no-cards = This talk has no cards.
picture-too-large = picture too large ({ $width } × { $height } px; talkdeck shows pictures up to { $side } px a side and 16 megapixels)
remote-image = remote image, not loaded
previous = ← Previous
next = Next →
previous-hint = ← / PageUp / Shift+Space
next-hint = → / PageDown / Space
speaker-notes = Speaker notes
estimate = about { $time } to say
card-time = { $range } · { $time }
auto-title = automatic title
auto-title-hint = The talk has no heading here: this title is taken word for word from the card
other-language = Other language
keywords = Keywords

## Notes
my-notes = My notes ({ $count })
add-note = + Add note
no-notes-on-card = No notes on this card yet. Press Ctrl+N to write one.
note-label = Note { $number }
note-hint = Write your note…
note-too-long = This note is too long to edit here ({ $size }): its first { $chars } characters are shown, and the notes file keeps all of it. Edit it in a text editor.
text-not-shown = … { $size } more not shown here: too long to show in the window. Open the file in a text editor to read all of it.
delete = Delete
delete-hint = Delete this note
tags = Tags
tags-hint = comma, separated
note-count = { $count ->
    [one] 1 note
   *[other] { $count } notes
}

## Status
status-no-notes = No notes yet
status-saved = Saved
status-saving = Saving…
status-unsaved = Unsaved changes
status-in-recovery = Unsaved — kept in the recovery file
status-failed = Not saved — see the message
status-no-file = Notes not saved to a file yet (Ctrl+S)
status-read-only = Read-only
status-talk-hint = The talk file and the text encoding it was read in
dismiss = Dismiss
banner-problem = Problem
banner-note = Note

## Dialogs
file-path = File path
browse = Browse…
cancel = Cancel
save = Save
open = Open
title-save-as = Save notes as
title-open-notes = Open notes
title-open-talk = Open talk
title-export-recap = Export recap
title-export-deck = Export recap as Marp slides
title-export-reveal = Export recap as reveal.js slides
title-export-w3c = Export annotations
title-import-w3c = Import notes (W3C, Hypothesis, pdfpc)
title-export-pdfpc = Export notes for pdfpc
title-export-anki = Export notes for Anki
title-export-readwise = Export notes for Readwise
title-export-notes-md = Export notes as Markdown
title-merge-notes = Merge notes from another file
leave-quit-title = Quit talkdeck?
leave-talk-title = Open the other talk?
leave-notes-title = Open the other notes?
leave-no-file = Your notes have changes and no file yet.
leave-read-only = Your notes have changes, and this window does not write their file: { $reason }
leave-failed = Your notes could not be saved: { $reason }
leave-conflict = Another program changed the notes file, so your changes were not saved over it.
leave-save-as = Save as…
leave-discard-quit = Quit and discard them
leave-discard-open = Discard them and open
leave-keep-quit = Quit anyway (keep them in the recovery file)
leave-keep-open = Open anyway (keep them in the recovery file)
leave-saving = Saving your notes…
leave-saving-body = Writing { $path } ({ $seconds } s). talkdeck goes on once they are safe.
reset-title = Reset the timer?
reset-body = The rehearsal time and the time on this card go back to zero.
reset = Reset
recovery-title = Restore unsaved notes?
recovery-body = Last time talkdeck stopped with notes on this talk that were never saved to a file. They were kept in a recovery file.
restore = Restore
discard-them = Discard them
beside-title = Open the notes beside this talk?
beside-body = { $path } is next to the talk file.
open-notes = Open notes
not-now = Not now

## Overview
overview = Overview
filter-all = All cards
filter-with-notes = With notes
overview-hint = ←↑→↓ choose · Enter open · Esc back
overview-empty = No card matches this filter.

## Presenter
next-card = Next
last-card = This is the last card.
larger-notes = Larger notes
smaller-notes = Smaller notes
paused = Paused
this-card = This card
clock = Clock
elapsed-hint = Time since you started, pauses left out
card-time-hint = Time on this card against its estimate
end-presenting = End (Esc)
reset-timer = Reset timer (R)
pause = Pause (P)
resume = Resume (P)

## Notices
notice-saved = Saved { $count ->
    [0] your changes
    [one] 1 note
   *[other] { $count } notes
} to { $path }
notice-not-saved = Not saved: { $reason }. Your notes are still here; try Save As.
notice-protected = Not saved: this window does not write { $path } ({ $reason }). Choose another file with Save As.
notice-read-only-folder = The folder of the notes file cannot be written ({ $reason }): saving there will fail; your changes are kept in the recovery file until you choose another file with Save As.
notice-renamed-ids = { $count ->
    [one] 1 note shared its id with another note of the file and got a new one, so the two stay apart.
   *[other] { $count } notes shared their id with other notes of the file and got new ones, so they stay apart.
}
notice-opened-notes = Opened { $count ->
    [one] 1 note
   *[other] { $count } notes
} from { $path }
notice-other-talk = Opened { $count } notes from { $path }. They were written on another version of the talk (“{ $title }”); they are attached by card.
notice-other-talk-missing = Opened { $count } notes from { $path }. They were written on another version of the talk (“{ $title }”); they are attached by card, and { $missing } belong to cards this talk does not have (kept in the file).
notice-new-notes-file = { $path } does not exist yet; it will be created when you save.
notice-unreadable-notes = { $reason }. The file is left as it is; use Save As to keep your notes elsewhere.
notice-read-only-notes = { $reason }. Its notes are shown read-only; changes go elsewhere with Save As.
notice-opened-talk = Opened { $name }: { $count } cards ({ $encoding })
notice-guessed-encoding = { $name } is not Unicode text: read as { $encoding }, { $sure ->
        [yes] the likeliest encoding
       *[no] a guess that may well be wrong
    }. If the text looks garbled, pick its encoding in File › Reopen with encoding.
notice-talk-failed = Could not open the talk: { $reason }
notice-restored = Restored { $count } unsaved notes. Press Ctrl+S to keep them in a file.
notice-restore-failed = Could not restore the unsaved notes: { $reason }

## Action names (menus, shortcut overlay, command palette)
group-file = File
group-edit = Edit
group-navigate = Move between cards
group-view = View
group-overview = Overview
group-presenter = Presenting
nav-previous = Previous card
nav-next = Next card
nav-first = First card
nav-last = Last card
menu-theme-toggle = Light or dark theme
menu-language-toggle = 中文 / English
presenter-pause = Pause or resume the timer
presenter-reset = Reset the timer
presenter-fullscreen = Audience window full screen
presenter-end = Stop presenting
overview-move-left = Tile to the left
overview-move-right = Tile to the right
overview-move-up = Tile above
overview-move-down = Tile below
overview-open = Open the chosen card
overview-close = Back to the card
shortcuts-title = Keyboard shortcuts
shortcuts-close = Close (Esc)
palette-hint = Type a command or a card title (pinyin initials work: gmxy)
palette-empty = Nothing matches.
palette-card = Card

## Find
find = Find
find-hint = words in titles, key points, speaker notes, your notes, tags
find-none = No matches
find-count = { $count ->
    [one] 1 match
   *[other] { $count } matches
}
find-position = { $position } of { $count }
find-previous = Previous match (Shift+Enter, Shift+F3)
find-next = Next match (Enter, F3)
find-close = Close (Esc)
find-results = Matches
find-in-title = title
find-in-key-point = key point
find-in-speaker-notes = speaker notes
find-in-note = your note
find-in-tag = tag
notice-reanchored = Highlights: { $moved } moved, { $changed } found in changed text, { $orphaned } orphaned (listed under Orphaned notes).

## Highlights
highlight-button = Highlight (H)
highlight-hint = Highlight the selected text and write why it matters
highlight-how = Select text in the speaker notes (drag, or click in and Shift+arrows), then press H
own-key-point = Your key point (from a highlight)
quote = Quote
colour-yellow = Yellow
colour-green = Green
colour-blue = Blue
colour-pink = Pink
use-as-key-point = Use as key point
orphaned-notes = Orphaned notes ({ $count })
orphaned-hint = Their passage is not in this version of the talk. Select the passage in the speaker notes and re-attach, or delete them.
reattach = Re-attach to the selection
comment-hint = Why does this passage matter?
notice-imported = Imported { $count } notes from { $path }{ $problems ->
    [0] .
   *[other] ; { $problems } could not be read:
}
notice-import-failed = Could not import annotations: { $reason }
notice-merged = Merged { $path }: { $added } added, { $updated } updated, { $skipped } duplicates skipped
notice-merge-failed = Could not merge notes: { $reason }
sync-conflict-title = A sync conflict copy of the notes
sync-conflict-body = { $path } sits beside the notes file: a sync tool kept it when two places changed the notes at once. Merge its notes into these? (Duplicates are skipped; Ctrl+Z takes the merge back.)
sync-conflict-merge = Merge them
notice-exported = Exported to { $path }
notice-export-failed = Could not export: { $reason }

## Conflicts
conflict-title = The notes file was changed elsewhere
conflict-body = Another program changed the notes file since talkdeck opened it, so talkdeck did not save over it. Your notes are still here.
conflict-reload = Reload theirs (drop my changes)
conflict-keep-mine = Keep mine (theirs stays as .bak)
conflict-elsewhere = Save mine elsewhere…

## Stars
star = ☆ Star
starred = ★ Starred
star-hint = Star this card (S), to find it again in the overview
star-card = Star or unstar this card
filter-starred = Starred

## Card titles of the user's
rename = Rename…
rename-hint = Give this card a title of your own (F2); kept in your notes file
rename-card = Rename this card
card-title-field = Card title
card-title-hint = Enter keeps it · Esc cancels · empty gives back its own
own-title = Own title
own-title-hint = Back to the card's own title: { $title }

## Why a file could not be read or written (the file layer; shown in notices)
error-notes-cannot-read = { $path }: cannot read: { $reason }
error-notes-empty = { $path }: the file is empty
error-notes-syntax = { $path }: line { $line }, column { $column }: { $message }
error-notes-not-notes = { $path }: not a talkdeck notes file ({ $reason })
error-notes-invalid = { $path }: { $message }
error-notes-invalid-at = { $path }: { $message } (line { $line }, column { $column })
error-notes-future = { $path }: written by a newer talkdeck (notes format version { $version }; this app knows up to version { $known }), so it can only be opened read-only
error-notes-save = { $path }: cannot save: { $reason }
error-notes-verify = { $path }: not saved, internal check failed (the new file would not load back: { $reason }); the existing file is untouched
error-notes-changed = { $path }: not saved: the file was changed by another program since it was opened (it is left as it is)
error-notes-locked = { $path }: open in another talkdeck window, so it is opened read-only here
error-notes-lock-failed = { $path }: cannot guard the file against other talkdeck windows: { $reason }
error-notes-copy-kept = { $message } (a copy is kept as { $copy })
error-notes-backup-there = { $message }; the version before the last save is in { $backup }: open it with Ctrl+O
reason-not-found = file not found
reason-permission-denied = permission denied
reason-is-folder = it is a folder, not a file
reason-is-pipe = it is a named pipe (FIFO), not a file
reason-is-device = it is a device, not a file
reason-is-socket = it is a socket, not a file
reason-not-regular = it is not a regular file
reason-too-large = the file is too large ({ $size } bytes; at most { $limit } MB is read)
reason-not-folder = a part of the path is not a folder
reason-folder-missing = folder { $dir } does not exist
reason-folder-denied = permission denied (cannot write in folder { $dir })
reason-read-only-fs = folder { $dir } is on a read-only file system
reason-disk-full = the disk is full
reason-quota = disk quota exceeded
reason-lock-read-only-fs = the folder is on a read-only file system
reason-lock-no-folder = the folder does not exist
reason-lock-unsupported = the file system does not support locks
reason-file-read-only = the file is read-only
reason-writing-failed = writing failed: { $reason }
reason-cannot-replace = cannot replace the file: { $reason }
reason-follow-link = cannot follow the symbolic link: { $reason }
reason-dir-not-folder = { $dir } is not a folder
reason-read-to-check = cannot read the file to check that no other program changed it: { $reason }
reason-create-in = cannot create a file in folder { $dir }: { $reason }
error-talk-not-found = { $path }: no such file
error-talk-folder = { $path }: is a directory, not a talk file
error-talk-empty = { $path }: the file is empty (nothing but whitespace)
error-talk-binary = { $path }: looks like a binary file, not text
error-talk-too-large = { $path }: the file is too large ({ $size } bytes; talks up to { $limit } MB can be opened)
error-talk-permission = { $path }: cannot read the file: permission denied
error-talk-undecodable = { $path }: cannot decode the text: invalid { $encoding } byte sequence
error-talk-io = { $path }: cannot read the file: { $reason }
error-talk-no-cues = { $path }: a subtitle file without a single cue (no timing line such as 00:00:01,000 --> 00:00:04,000)
error-talk-malformed = { $path }: cannot read this { $format } file: { $reason }
error-talk-nothing-spoken = { $path }: read as { $format }, but nothing is said in it (every line is empty, a comment, a drawing or invisible)
error-talk-foreign = { $path }: this looks like { $kind }, which talkdeck does not read; it opens subtitles and transcripts ({ $formats }), plain text, Markdown decks and { $decks } decks
kind-pptx = a PowerPoint presentation (.pptx)
deck-not-zip = { $path }: cannot read this deck: it is not the ZIP archive a .pptx is ({ $reason })
deck-missing-part = { $path }: the deck is incomplete: { $part } is missing
deck-broken-part = { $path }: { $part } in the deck cannot be unpacked ({ $reason })
deck-broken-xml = { $path }: { $part } in the deck is broken XML ({ $reason })
deck-bomb = { $path }: { $part } in the deck unpacks to more than { $limit } MB, far more than a slide deck holds (a ZIP bomb?); not opened
deck-no-slides = { $path }: the deck has no slides
deck-too-many-parts = { $path }: the archive lists { $count } parts, far more than a slide deck holds; not opened
deck-media-bad-address = not the address of a picture in a deck
# A slide without a title or any text.
deck-slide-title = Slide { $number }
# A picture on a slide that the card cannot show (EMF, WMF, TIFF), by its name.
deck-picture = Picture: { $name }
kind-docx = a Word document (.docx)
kind-xlsx = an Excel workbook (.xlsx)
kind-keynote = a Keynote presentation (.key; in Keynote, File › Export To › PDF or PowerPoint, then open what it writes)
kind-opendocument = an OpenDocument file (.odt, .ods)
kind-epub = an EPUB book
kind-zip = a ZIP archive
kind-ole = an old Microsoft Office file (.ppt, .doc, .xls)
kind-image = a { $format } image
kind-audio = { $format } audio
kind-video = a { $format } video
kind-html = a web page (HTML)
kind-xml = XML of another kind (its root element is <{ $root }>)
kind-json = JSON of another shape (not Whisper's segments nor Bilibili's body)
error-talk-not-transcript = { $path }: not a Whisper transcript (expected "segments" with start, end and text): { $reason }

## Decks that are not text (PDF)
deck-encrypted = { $path }: this { $format } is protected by a password (encrypted); save a copy without a password and open that
deck-malformed = { $path }: cannot read this { $format } file: { $reason }
deck-no-pages = { $path }: this { $format } has no pages
deck-too-many-pages = { $path }: { $pages } pages is more than a deck (talkdeck opens decks of up to { $limit } pages)
deck-reason-no-structure = its structure (the page tree and the table of its objects) cannot be read; the file may be cut short or not a PDF
deck-reason-crashed = the PDF reader failed on it
deck-page-title = Page { $page }
page-error-missing = page { $page } is not in the PDF (it has { $pages })
page-error-empty = page { $page } has no size (an empty page box)
page-error-crashed = page { $page } could not be drawn: the PDF renderer failed on it
page-error-unreadable = the PDF cannot be read: { $reason }
page-rendering = Drawing the page…
notice-bad-timestamp = line { $line }: broken timestamp "{ $text }", cue skipped
notice-bad-segment = segment { $index }: no start, end or text, skipped
notice-bad-import = line { $line }: cannot import "{ $src }": { $reason }; the slide stays as written
import-loop = it imports itself (through other files)
import-not-text = not a text file
import-too-deep = more than { $depth } imports inside imports
reason-cut-short = { $message } (the file looks cut short)
reason-top-not-object = the top level is { $found }, not an object
reason-format-other = "format" is { $found }, expected "{ $expected }"
reason-no-format = it has no "format" field
reason-version-not-number = expected a whole number from 0 up, found { $found }
reason-no-version = missing field `version`
reason-utf16-odd = UTF-16 text with an odd number of bytes (the file looks cut short)
reason-binary = binary data, not text
reason-malformed = invalid { $encoding } byte sequence
reason-not-utf8 = not UTF-8 text (invalid byte at line { $line }, column { $column })
# A JSON value's kind ("array", "object"), and a value shown with its kind.
value-kind = { $kind ->
    [array] an array
   *[object] an object
}
value-shown = { $kind ->
    [boolean] a boolean
    [number] a number
   *[string] a string
}, { $value }

## The command line (`talkdeck --help`, the man page, shell completions)
cli-about = Turn a talk into slide-like cards and keep your notes on them
cli-usage = Usage:
cli-commands = Commands
cli-arguments = Arguments
cli-options = Options
cli-files = Talks to open: a transcript, subtitles, an article or a Markdown deck. The first one opens (the built-in talk when none is given); a notes file (.json) given alone opens with the talk it was written on
cli-notes = A notes file to open with the talk, created on the first save if it does not exist; W3C annotations, Hypothesis JSON or a .pdfpc file are imported into the window's notes (saved to a talkdeck notes file, never over theirs)
cli-outline = Print the deck a talk makes, without opening a window
cli-talk = The talk file
cli-outline-json = Print JSON instead of text
cli-recap = Write a Markdown recap of a talk and its notes (to stdout without -o)
cli-recap-notes = The notes: a talkdeck notes file, W3C Web Annotation JSON-LD, Hypothesis JSON (API or export) or a .pdfpc file
cli-recap-output = Write to this file instead of stdout (atomically)
cli-recap-deck = A slide deck instead of a document: --deck or --deck=marp for Marp, --deck=reveal for reveal.js
cli-recap-skip-empty = Leave out cards without notes
cli-recap-lang = The language of the recap's own headings
cli-export = Write the notes for another tool: pdfpc, Anki, Readwise, a Markdown notebook, W3C annotations, or the recap (to stdout without -o)
cli-export-to = The format: pdfpc (.pdfpc, format 2), anki (Anki's text import), readwise (Readwise's CSV), notes-md (your notes and highlights as Markdown), w3c (W3C Web Annotation JSON-LD), recap, marp or reveal (the recap, as by talkdeck recap)
cli-export-output = Write to this file instead of stdout (atomically)
cli-export-lang = The language of the export's own words (headings)
cli-completions = Print a shell completion script
cli-completions-shell = The shell to complete for
cli-man = Write the manual pages (roff) into a folder
cli-man-dir = The folder
cli-help = Print help
cli-version = Print version
cli-exit-status = Exit status: 0 when done; 1 when a file cannot be read or written, or no window can open (one line on stderr says which file and why); 2 when the command line is wrong.

## Files the window was started with
launch-not-opened = Opened { $opened }. talkdeck opens one talk at a time, so { $count ->
    [one] this file was
   *[other] these { $count } files were
} not opened: { $ignored }
launch-talk-not-found = The talk of { $notes } is not among your recent talks, so its notes are shown on the built-in talk. Open their talk with Ctrl+Shift+O, then these notes with Ctrl+O.
launch-talk-not-found-titled = The talk of { $notes } (“{ $title }”) is not among your recent talks, so its notes are shown on the built-in talk. Open their talk with Ctrl+Shift+O, then these notes with Ctrl+O.
notice-skipped = Read { $name }, but skipped { $count ->
    [one] 1 part
   *[other] { $count } parts
}: { $lines }

## Rehearsing (presenter's plan and pace, the Rehearsals view)
planned = Planned
planned-hint = The talk's planned duration in minutes. Each card's budget is its share of it, in proportion to the card's estimate (a timed card's real length).
planned-minutes = { $minutes } min
budget-hint = Time on this card against its budget
pace-on-time = On time
pace-ahead = Ahead { $time }
pace-behind = Behind { $time }
pace-hint = Against where you should be on this card: the planned duration × (card − ½) ÷ cards. Ahead or behind by more than a minute shows.
use-last-run = Use the last run as budgets
use-this-run = Use this run as budgets
use-estimates = Budgets from the estimates
budgets-from-run = Budgets from a run
menu-rehearsals = Rehearsals
rehearsals-title = Rehearsals
rehearsals-none = No rehearsal yet. Press F5 to present: every run, until Esc, is kept here with the time on each card.
rehearsals-runs = { $count ->
    [one] 1 run
   *[other] { $count } runs
}
run-of = Run of { $date }
run-line = Talk time { $time } of { $planned } planned · { $pauses ->
    [0] no pauses
    [one] 1 pause ({ $paused })
   *[other] { $pauses } pauses ({ $paused })
}
run-summary = Run summary
runs-compared = All runs
col-card = Card
col-budget = Budget
col-this-run = This run
col-last-run = Last run
col-best = Best
col-total = Total
best-hint = Of this run and the ones before it, the time closest to the budget
over-budget = { $time } over
under-budget = { $time } under
not-shown = —
delete-run = Delete this run
close = Close
recap-with-rehearsal = Recap with the last run's times
cli-recap-rehearsal = Give each card the time the last rehearsal run spent on it (and its budget)
## The recap's own words (headings and labels around the talk's and the user's text).
recap-untitled = Untitled talk
recap-speaker = Speaker
recap-role = Role
recap-event = Event
recap-date = Date
recap-source = Source
recap-author = Author
recap-key-points = Key points
recap-my-notes = My notes
recap-tags = Tags
recap-tag-index = Tag index
recap-orphaned-notes = Orphaned notes
recap-orphaned-intro = These notes are on cards, or highlight passages, that this version of the talk does not have.
recap-card = Card
# "␣" stands for a space Fluent would trim.
recap-colon = :␣
recap-list-sep = ,␣
recap-last-rehearsal = Last rehearsal
recap-budget = budget
