#!/bin/bash
# tui-notes.sh — proofreading notes in the reader, in tmux (issue 12, items
# 3, 4 and 9): `a` adds a note to the cursor's paragraph through the form,
# with Chinese typed as UTF-8 and a Backspace over a wide character (the
# stored text checked exactly); its # in the margin, its quote underlined
# (without colour), the note in the status line, its count in the tree and
# the list, its row in the export; a typed quote found several times is
# picked in the text; Esc with text keeps a draft (saved while typing too)
# that `a` offers back; the notes list: Enter jumps, x resolves, D asks and
# deletes; a notes file that cannot be written keeps the text on screen
# with the message.  Every state and notes file in a temporary directory.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB ANLI_STATE ANLI_NOTES NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
DB="$(pwd)/data/anli.db"
SOCK="anli-notes-$$"
T=$(mktemp -d /tmp/anli-notes.XXXXXX)
S="$T/user.db"
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
start() { # start NAME COMMAND: 120x40
	tm kill-session -t "$1" 2>/dev/null
	tm new-session -d -s "$1" -x 120 -y 40 "$2; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
sql_wait() { # sql_wait QUERY VALUE DESCRIPTION: poll the state file (up to 5 s)
	i=0
	while [ $i -lt 50 ]; do
		[ "$(sqlite3 "$S" "$1" 2>/dev/null)" = "$2" ] && { ok; return; }
		sleep 0.1
		i=$((i + 1))
	done
	bad "$3: '$1' is '$(sqlite3 "$S" "$1" 2>&1)', not '$2'"
}
quit() { keys "$1" q; expect "$1" "EXIT=0" "q quits"; }
type() { tm send-keys -t "$1" -l "$2"; } # type NAME TEXT: the UTF-8 bytes as typed

P1="2013 年 12 月，国务院批准" # case 27, paragraph 1
P2="2021 年，石河子高新区入选" # paragraph 2

# --- a: a 改 note on ¶1, Chinese typed into the form (NO_COLOR: the underline must show without colour)
start a "NO_COLOR=1 $ANLI --state '$S' 27"
expect a "^ .*¶1/11 · 0%" "anli 27: the cursor on ¶1"
keys a a
expect a "c27:1" "a opens the form on c27:1"
type a "国务院批准"                     # the quote (the focus starts there)
keys a BTab f Tab Tab                  # the kind: 改; on to the fix
type a "国务院同意"
keys a Tab
type a "批准二字有误差"
keys a BSpace                          # over a wide character: 差 goes, whole
expect a "批准二字有误" "the remark as typed"
keys a C-s
expect a "note #1 added" "C-s saves: the message"
sql_wait "SELECT kind || '|' || quote || '|' || fix || '|' || text || '|' || anchor_id || '|' || offset FROM note" \
	"1|国务院批准|国务院同意|批准二字有误|c27:p3626|12" "the stored note, exactly (Backspace removed 差 whole)"
sql_wait "SELECT length(CAST(text AS BLOB)) FROM note" "18" "the remark is 6 characters of 3 bytes, no stray byte"
# the margin's # beside ¶1's first line (the pane's last column), the status line's note
keys a C-l                             # the message goes: the status line's fields again
expect a "│> *$P1.*#$" "the # at the right of the annotated paragraph"
expect a "^ #1 改 “国务院批准”→“国务院同意” 批准二字有误" "the status line shows the cursor paragraph's note"
# the quote underlined: tmux's escapes (-e) show the attribute on those characters
if wait_for a $'\e\[4m国务院批准' -e; then ok; else bad "the quote is not underlined"; fi
cap a -e
if grep -q $'\e\[4m2013' "$T/screen"; then bad "the underline starts before the quote"; else ok; fi
# the open count: in the tree (the chapter) and in the list (the item)
expect a "科经融合.* #1" "the tree counts the chapter's open note"
expect a "27 用好.* #1" "the list counts the item's open note"
# --- a typed quote found several times: Tab shows the next, Enter saves the one shown
keys a a
expect a "c27:1" "a again on ¶1"
type a "科协"
keys a C-s
expect a "│ Tab next  Enter save: 1 of [0-9]* (shown" "the quote occurs several times: the first is shown (the keys first)"
# the pick reversed without underline; the other note's quote (#1's) still underlined
if wait_for a $'\e\[4m国务院批准' -e; then ok; else bad "while picking, note #1's quote is not underlined"; fi
if grep -q $'\e\[7m科协' "$T/screen"; then ok; else bad "the occurrence picked is not reversed"; fi
if grep -q $'\e\[4;7m科协\|\e\[7;4m科协' "$T/screen"; then bad "the pick is underlined, as a note's quote"; else ok; fi
keys a Tab
expect a "2 of [0-9]* (shown" "Tab: the second"
keys a Enter
expect a "note #2 added" "Enter saves the one shown"
# ¶1's 科协 are at code points 60, 69, 84 …: the second is stored
sql_wait "SELECT quote || '|' || offset FROM note WHERE num = 2" "科协|69" \
	"the second occurrence stored"
# --- the current search match in the paragraph is the quote, prefilled
keys a /
type a "国务院"
keys a Enter
keys a a
expect a "Quote  国务院" "a after / 国务院: the match is the quote"
keys a C-s
expect a "note #3 added" "saved as it was"
sql_wait "SELECT quote || '|' || offset || '|' || anchor_id FROM note WHERE num = 3" "国务院|12|c27:p3626" \
	"the match's place stored"
quit a
# the export's row (the notes command line)
out=$("$ANLI" --state "$S" notes export --format=csv 2>&1)
if printf '%s\n' "$out" | grep -q "国务院批准,国务院同意,批准二字有误"; then ok; else bad "export: no row for the note: $out"; fi

# --- drafts: typed text is saved while typing; Esc keeps it; a offers it back
start b "$ANLI --state '$S' 27"
expect b "^ .*¶1/11" "anli 27 again"
keys b J
expect b "^ .*¶2/11" "J: ¶2"
keys b a
expect b "c27:2" "a on ¶2"
type b "草稿的文字"
sql_wait "SELECT count(*) FROM draft WHERE fields LIKE '%草稿的文字%'" "1" "the draft is saved while typing"
keys b Escape
expect b "kept as a draft" "Esc with text: kept as a draft"
keys b a
expect b "Resume the kept draft? y/n" "a offers the draft back"
keys b y
expect b "草稿的文字" "y: the draft's text in the form"
keys b Escape
expect b "kept as a draft" "Esc again: kept"
# --- drafts are kept per form: another paragraph's draft is not overwritten, and is offered back on its own
keys b Escape
keys b K
expect b "^ .*¶1/11" "K: ¶1"
keys b a
expect b "c27:1" "a on ¶1"
expect b "a kept draft is on c27:2: 'a' there offers it back" "the other draft's place, as c27:2"
type b "草稿甲"
keys b Escape
expect b "kept as a draft: 'a' on its paragraph" "Esc: ¶1's draft kept"
keys b J
expect b "^ .*¶2/11" "J: ¶2"
keys b a
expect b "Resume the kept draft? y/n" "¶2's draft offered back although ¶1's is newer"
keys b y
expect b "草稿的文字" "¶2's draft, not ¶1's"
tm send-keys -t b Escape K                # Esc then K at once: over SSH one Alt+K
expect b "^ .*¶1/11" "Esc K in one write: the form closes (draft kept) and K moves to ¶1"
keys b a
expect b "Resume the kept draft? y/n" "¶1's draft offered back"
keys b y
expect b "草稿甲" "¶1's draft, kept while ¶2's was saved"
keys b Escape
expect b "kept as a draft" "kept again"
sql_wait "SELECT count(*) FROM draft" "2" "two drafts in the state file"
# --- the notes list: from another case, the book's notes; Enter jumps, x resolves, D asks and deletes
keys b ']'
expect b "案例 28/53" "] opens case 28"
keys b A
expect b "0 notes · c28" "A: the item's notes (none in case 28)"
keys b v v
expect b "3 notes · book" "v v: the book's notes"
expect b "#1 改 .*国务院批准" "the list's row of note 1"
keys b Enter
expect b "案例 27/53" "Enter jumps to the note's case"
expect b "^ #1 改 .*¶1/11" "the cursor on the note's paragraph"
keys b A
expect b "3 notes · c27" "A: case 27's notes"
keys b e                               # the selected note (#1) in the form, filled
expect b "Quote  国务院批准" "e: the form filled with the note"
keys b Tab Tab Tab End
type b "。"
keys b C-s
expect b "note #1 saved" "the edit saved"
sql_wait "SELECT text || '|' || rev FROM note WHERE num = 1" "批准二字有误。|2" "the edit stored, a new revision"
keys b e                               # an edit left with Esc: its hint names e
expect b "Quote  国务院批准" "e again"
keys b Tab Tab Tab End
type b "？"
keys b Escape
expect b "kept as a draft: 'e' on the note offers it back" "Esc in an e form: e offers it back"
keys b e
expect b "Resume the kept draft? y/n" "e offers the edit's draft back"
keys b n Escape                        # dropped: nothing changed, the draft goes
sql_wait "SELECT count(*) FROM draft WHERE key LIKE 'edit %'" "0" "the edit's draft dropped"
expect_not b "3 notes · c27 · any status · any anchor" "Resume the kept" "the form closed (the list's whole title again)"
keys b x
expect b "note #1 resolved" "x resolves the selected note"
sql_wait "SELECT status FROM note WHERE num = 1" "1" "resolved in the state file"
expect b "#1 改 (resolved)" "the row says resolved"
keys b D
expect b "delete note #1? (y/n)" "D asks"
keys b n
expect b "not deleted" "n: not deleted"
sql_wait "SELECT deleted FROM note WHERE num = 1" "0" "still there"
keys b D
expect b "delete note #1? (y/n)" "D asks again"
keys b y
expect b "note #1 deleted" "y deletes"
sql_wait "SELECT deleted FROM note WHERE num = 1" "1" "a tombstone in the state file"
expect b "2 notes · c27" "the list has two notes left"
keys b q
expect_not b "^ #[23] 疑" "2 notes · c27" "q closes the notes list, not the reader"
quit b
# after a restart: the status line says where a draft is kept
start b "$ANLI --state '$S' 27"
expect b "a kept draft is on c27:[12]: 'a' there offers it back" "a restart says a draft is kept, and where (the key quoted)"
keys b J                               # the first key: the message goes, the position shows
expect_not b "^ .*¶2/11" "kept draft" "the first key clears the draft's message"
quit b

# --- a resize with the form open: the form stays over the text, its paragraph above it
start g "$ANLI --state '$T/g.db' 27"
expect g "^ .*¶1/11" "anli 27 (a fresh state file)"
keys g Tab a                           # the list focused, then a
expect g "Note on c27:1" "a from the list: the form"
tm resize-window -t g -x 50 -y 16
expect g "2013 年 12 月" "50×16: the text pane (¶1) above the form, not the list"
expect g "Note on c27:1" "50×16: the form"
type g "不存在的文字"
keys g C-s
expect g "full/half width are ignored)" "50×16: the message wrapped in the form, not cut"
expect g "quote not found in c27:1" "the reason first"
keys g BSpace                          # the message goes
expect_not g "Tab next  C-s save" "not found" "a key clears the message"
tm resize-window -t g -x 40 -y 10
expect g "2013 年 12 月" "40×10: ¶1 still above the form"
keys g Escape
quit g

# --- 80×24: the notes list takes the text's place while focused; the status line shows its selected note;
# without the list, an open note is preferred to a resolved one found first
H="$T/h.db"
"$ANLI" --state "$H" notes add 27:1 --kind 改 --quote 国务院批准 --fix 国务院同意 "批准二字有误，需核对原件" >/dev/null &&
	"$ANLI" --state "$H" notes add 27:1 "第二条说明" >/dev/null && "$ANLI" --state "$H" notes resolve 1 >/dev/null && ok ||
	bad "notes add/resolve into $H"
tm kill-session -t h 2>/dev/null
tm new-session -d -s h -x 80 -y 24 "$ANLI --state '$H' 27; echo EXIT=\$?; sleep 30"
expect h "^ #2 疑 第二条说明 (+1 more: A lists them) · ¶1/11" "the open note #2 in the status line, not the resolved #1"
keys h x
expect h "note #2 resolved" "x acts on the open note"
# ¶1's notes all resolved: + in the margin, not #, and the resolved quote not underlined
expect h "$P1.*+$" "a paragraph whose notes are all resolved: + at its right"
cap h -e
if grep -q $'\e\[4m国务院批准' "$T/screen"; then bad "a resolved note's quote is still underlined"; else ok; fi
keys h A
expect h "^> 2 notes · c27 · any status · any anchor" "A at 80 columns: the title with its filters, whole"
expect h "#1 改 (resolved) c27:1 第1段 · “国务院批准”→“国务院同意” 批准二字有误" "a row with kind, citation, quote→fix and remark"
keys h j
expect h "^ #1 改 (resolved) “国务院批准”→“国务院同意” 批准二字有误，需核对原件" "the status line: the selected row's note, in full"
keys h q
# q gives the focus back to the pane that had it before A (the text): at 40×12 the text shows
expect h "│> 第三篇 科经融合 · 案例 27/53" "q: the text pane focused again (its title marked)"
tm resize-window -t h -x 40 -y 12
expect h "2013 年 12 月" "40×12 after q: the text pane, focused as before A"
keys h A
expect h "2 notes · c27" "A again at 40×12"
keys h Escape
expect h "2013 年 12 月" "40×12 after Esc: the text pane again"
# the form's hint names the kind's keys: S-Tab from the quote, then q f d i (or Space) on the kind
tm resize-window -t h -x 80 -y 24
keys h a
expect h "│ S-Tab kind  Tab next  C-s save  Esc draft" "80×24: the hint says S-Tab reaches the kind, on one row"
keys h BTab
expect h "│ q f d i kind  Tab next  C-s save" "on the kind: its keys"
keys h Tab Tab
expect h "│ S-Tab back  Tab next  C-s save" "on a later field: S-Tab back"
keys h Escape
# the margin's mark never touches the text: one blank column before it, at every width
for wd in 80 60 61 45; do
	tm resize-window -t h -x $wd -y 24
	expect h "$P1.*[^ ]  *+$" "$wd columns: a blank column (or more) between ¶1's first line and its mark"
done
# the form shows its paragraph whole above it when it fits: ¶2 (8 lines at 80 columns) from its first line to its last
tm resize-window -t h -x 80 -y 24
keys h J a
expect h "Note on c27:2" "a on ¶2 at 80×24"
expect h "2021 年，石河子" "¶2's first line above the form"
expect h "试点园区建设取得新成效。" "¶2's last line above the form too"
keys h Escape
quit h

# --- a notes file that cannot be written: the form keeps its text, the message says why
R="$T/ro"
mkdir -p "$R"
if "$ANLI" --state "$T/ro-state.db" --notes "$R/notes.db" notes add 27:3 "只读之前" >/dev/null; then ok; else bad "notes add into $R/notes.db"; fi
chmod 0444 "$R"/notes.db*
chmod 0555 "$R"
S2="$T/ro-user"
mkdir -p "$S2"
chmod 0777 "$S2" "$T"
AS=""
RA="$ANLI"
if [ "$(id -u)" = 0 ]; then # root writes anything: run as nobody, with a copy
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups" # nobody can reach (not the checkout)
	mkdir -p "$T/ro-bin/data"
	cp "$ANLI" "$T/ro-bin/anli"
	cp data/anli.db "$T/ro-bin/data/anli.db"
	chmod -R a+rX "$T/ro-bin"
	RA="$T/ro-bin/anli"
fi
start c "NO_COLOR=1 $AS $RA --state '$S2/user.db' --notes '$R/notes.db' 27"
expect c "notes.db: the notes file is read-only: its notes are shown" "anli 27 with a read-only notes file: it says so"
keys c C-l
expect c "^ .*¶1/11" "anli 27 with a read-only notes file"
expect c "27 用好.* #1" "the read-only file's note counted in the list"
keys c J J
expect c "^ #1 疑 只读之前" "its note on ¶3 in the status line"
keys c A
expect c "1 notes\? · c27" "A lists it"
keys c Tab a
expect c "c27:3" "a opens the form"
expect c "the notes are read-only: C-s cannot save" "the form says at once that it cannot save"
keys c Tab                            # the quote left empty: a remark on the paragraph
type c "只读的说明"
keys c C-s
expect c "只读的说明" "the text stays on screen after the failed write"
expect c "read-only (opened for reading): nothing is saved" "the message says why"
keys c Escape
expect c "kept as a draft" "Esc: the text kept as a draft (in the state file)"
quit c

# --- a state file that cannot be written (the notes in it): said when the form opens; Esc keeps the text on screen
R2="$T/ro2"
mkdir -p "$R2"
if "$ANLI" --state "$R2/user.db" notes add 27:1 "之前" >/dev/null; then ok; else bad "notes add into $R2/user.db"; fi
chmod 0444 "$R2"/user.db*
chmod 0555 "$R2"
start f "NO_COLOR=1 $AS $RA --state '$R2/user.db' 27"
expect f "user.db: the file is read-only; reading state is not saved" "anli 27 with a read-only state file: it says so"
keys f C-l
expect f "^ .*¶1/11" "anli 27 with a read-only state file"
keys f a
expect f "nothing can be saved here" "the form says that nothing can be saved"
keys f Tab
type f "留在屏幕上"
keys f Escape
expect f "no draft can be saved: Esc again discards" "Esc: the form stays, saying so"
expect f "留在屏幕上" "the text is still on screen"
keys f Escape
expect f "the note's text is discarded" "a second Esc discards it"
quit f

echo "tui-notes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
