<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- riskmap_en.ts: generated and merged by `make translations` (pyside6-lupdate over desktop/charts, desktop/selftest, desktop/ui); edit the <translation> texts only. The .qm file beside it is compiled from this file by pyside6-lrelease. -->
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About {name}</source>
        <translation>About {name}</translation>
    </message>
    <message>
        <source>run from source</source>
        <translation>run from source</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Build date</source>
        <translation>Build date</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>{qt} (PySide6 {pyside})</source>
        <translation>{qt} (PySide6 {pyside})</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Device key fingerprint</source>
        <translation>Device key fingerprint</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Headquarters checks this fingerprint on every bundle from this laptop.</source>
        <translation>Headquarters checks this fingerprint on every bundle from this laptop.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Key paper survey forms offline, verify them, chart the risks and send encrypted, signed bundles to headquarters.</source>
        <translation>Key paper survey forms offline, verify them, chart the risks and send encrypted, signed bundles to headquarters.</translation>
    </message>
</context>
<context>
    <name>ActivityChart</name>
    <message>
        <source>Forms</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Forms keyed per day</source>
        <translation>Forms keyed per day</translation>
    </message>
    <message>
        <source>Forms per post</source>
        <translation>Forms per post</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>hidden</translation>
    </message>
    <message>
        <source>{day}: hidden to protect respondents</source>
        <translation>{day}: hidden to protect respondents</translation>
    </message>
    <message numerus="yes">
        <source>{day}: %Ln form(s)</source>
        <translation>
            <numerusform>{day}: %Ln form</numerusform>
            <numerusform>{day}: %Ln forms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{post}: %Ln form(s)</source>
        <translation>
            <numerusform>{post}: %Ln form</numerusform>
            <numerusform>{post}: %Ln forms</numerusform>
        </translation>
    </message>
    <message>
        <source>{post}: hidden to protect respondents</source>
        <translation>{post}: hidden to protect respondents</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>hidden (min. {n})</source>
        <translation>hidden (min. {n})</translation>
    </message>
</context>
<context>
    <name>ClimateChart</name>
    <message>
        <source>% of valid answers (disagree ← → agree)</source>
        <translation>% of valid answers (disagree ← → agree)</translation>
    </message>
    <message>
        <source>Integrity climate</source>
        <translation>Integrity climate</translation>
    </message>
    <message>
        <source>{number} {label}: hidden to protect respondents</source>
        <translation>{number} {label}: hidden to protect respondents</translation>
    </message>
    <message>
        <source>{number} {label}
{parts}
n = {n}</source>
        <translation>{number} {label}
{parts}
n = {n}</translation>
    </message>
    <message>
        <source>Hidden: {share:.0f}%</source>
        <translation>Hidden: {share:.0f}%</translation>
    </message>
</context>
<context>
    <name>ConflictTable</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>HQ (current)</source>
        <translation>HQ (current)</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>HQ kept</source>
        <translation>HQ kept</translation>
    </message>
    <message>
        <source>Incoming kept</source>
        <translation>Incoming kept</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Typed</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>HQ version</source>
        <translation>HQ version</translation>
    </message>
    <message>
        <source>Incoming version</source>
        <translation>Incoming version</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>Keep HQ</source>
        <translation>Keep HQ</translation>
    </message>
    <message>
        <source>Keep incoming</source>
        <translation>Keep incoming</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Why you decided this way (kept in the audit log)</source>
        <translation>Why you decided this way (kept in the audit log)</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Two different paper forms: new number for the incoming one</source>
        <translation>Two different paper forms: new number for the incoming one</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Keep both</translation>
    </message>
    <message>
        <source>Compare each row with the paper or ask the teams: {hq} keeps HQ&apos;s value, {incoming} the incoming one, {typed} lets you type the right value ({confirm} applies). Up and Down move between rows. Write the reason, then {apply} saves the form with the chosen values. The incoming version is always kept.</source>
        <translation>Compare each row with the paper or ask the teams: {hq} keeps HQ&apos;s value, {incoming} the incoming one, {typed} lets you type the right value ({confirm} applies). Up and Down move between rows. Write the reason, then {apply} saves the form with the chosen values. The incoming version is always kept.</translation>
    </message>
    <message>
        <source>Conflicts waiting for a decision: {n}</source>
        <translation>Conflicts waiting for a decision: {n}</translation>
    </message>
    <message>
        <source>Both edited the same version</source>
        <translation>Both edited the same version</translation>
    </message>
    <message>
        <source>Edits of an older version</source>
        <translation>Edits of an older version</translation>
    </message>
    <message>
        <source>Same paper number</source>
        <translation>Same paper number</translation>
    </message>
    <message>
        <source>(no form at HQ)</source>
        <translation>(no form at HQ)</translation>
    </message>
    <message>
        <source>{device} · {operator} · {time}</source>
        <translation>{device} · {operator} · {time}</translation>
    </message>
    <message>
        <source>No conflict is waiting. Conflicts appear here when two laptops changed the same form.</source>
        <translation>No conflict is waiting. Conflicts appear here when two laptops changed the same form.</translation>
    </message>
    <message numerus="yes">
        <source>Form {n} ({round}): HQ revision {hq_rev} from {hq_device} beside revision {in_rev} from {in_device}; %n answer(s) differ.</source>
        <translation>
            <numerusform>Form {n} ({round}): HQ revision {hq_rev} from {hq_device} beside revision {in_rev} from {in_device}; %n answer differs.</numerusform>
            <numerusform>Form {n} ({round}): HQ revision {hq_rev} from {hq_device} beside revision {in_rev} from {in_device}; %n answers differ.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two versions also differ in status or number (HQ: {hq_status}, form {hq_n}; incoming: {in_status}, form {in_n}); only the answers are chosen here.</source>
        <translation>The two versions also differ in status or number (HQ: {hq_status}, form {hq_n}; incoming: {in_status}, form {in_n}); only the answers are chosen here.</translation>
    </message>
    <message>
        <source>Every question has a decision. Write the reason and press {apply}.</source>
        <translation>Every question has a decision. Write the reason and press {apply}.</translation>
    </message>
    <message>
        <source>Question {number} has no decision yet.</source>
        <translation>Question {number} has no decision yet.</translation>
    </message>
    <message>
        <source>Type the number written on the incoming paper form.</source>
        <translation>Type the number written on the incoming paper form.</translation>
    </message>
    <message>
        <source>Write the reason for this decision first; it is kept in the audit log.</source>
        <translation>Write the reason for this decision first; it is kept in the audit log.</translation>
    </message>
    <message>
        <source>Conflict on form {n} resolved; the form is now at revision {revision}.</source>
        <translation>Conflict on form {n} resolved; the form is now at revision {revision}.</translation>
    </message>
    <message>
        <source>The result would not be a valid form: {problems}</source>
        <translation>The result would not be a valid form: {problems}</translation>
    </message>
    <message>
        <source>This conflict was resolved already.</source>
        <translation>This conflict was resolved already.</translation>
    </message>
    <message>
        <source>HQ&apos;s form of this conflict is gone; keep the incoming form as a form of its own instead.</source>
        <translation>HQ&apos;s form of this conflict is gone; keep the incoming form as a form of its own instead.</translation>
    </message>
    <message>
        <source>Both versions are edits of the same form; choose the values question by question instead.</source>
        <translation>Both versions are edits of the same form; choose the values question by question instead.</translation>
    </message>
</context>
<context>
    <name>DashboardExports</name>
    <message>
        <source>Save charts in</source>
        <translation>Save charts in</translation>
    </message>
    <message>
        <source>The charts could not be saved: {error}. Choose another folder.</source>
        <translation>The charts could not be saved: {error}. Choose another folder.</translation>
    </message>
    <message>
        <source>Save tables</source>
        <translation>Save tables</translation>
    </message>
    <message>
        <source>scores.xlsx</source>
        <translation>scores.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV files (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>report.pdf</source>
        <translation>report.pdf</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Saved {path}.</translation>
    </message>
    <message>
        <source>The file could not be written: {error}. Check the folder and try again.</source>
        <translation>The file could not be written: {error}. Check the folder and try again.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
</context>
<context>
    <name>DashboardFilters</name>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Round</translation>
    </message>
    <message>
        <source>&amp;Institution</source>
        <translation>&amp;Institution</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Post</translation>
    </message>
    <message>
        <source>&amp;Unit type</source>
        <translation>&amp;Unit type</translation>
    </message>
    <message>
        <source>Ran&amp;k</source>
        <translation>Ran&amp;k</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Show &amp;all</source>
        <translation>Show &amp;all</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>Risks</translation>
    </message>
    <message>
        <source>Integrity climate</source>
        <translation>Integrity climate</translation>
    </message>
    <message>
        <source>Forms keyed</source>
        <translation>Forms keyed</translation>
    </message>
    <message>
        <source>Save charts…</source>
        <translation>Save charts…</translation>
    </message>
    <message>
        <source>Save every chart as PNG and SVG in a folder</source>
        <translation>Save every chart as PNG and SVG in a folder</translation>
    </message>
    <message>
        <source>Save tables…</source>
        <translation>Save tables…</translation>
    </message>
    <message>
        <source>Save the score tables as CSV or Excel</source>
        <translation>Save the score tables as CSV or Excel</translation>
    </message>
    <message>
        <source>PDF report…</source>
        <translation>PDF report…</translation>
    </message>
    <message>
        <source>Write a printable report of this selection</source>
        <translation>Write a printable report of this selection</translation>
    </message>
    <message>
        <source>Reading the forms…</source>
        <translation>Reading the forms…</translation>
    </message>
    <message>
        <source>The forms could not be read: {error}</source>
        <translation>The forms could not be read: {error}</translation>
    </message>
    <message>
        <source>Fewer than {n} forms match this selection: nothing is shown, to protect the respondents.</source>
        <translation>Fewer than {n} forms match this selection: nothing is shown, to protect the respondents.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s), keyed {first} to {last}.</source>
        <translation>
            <numerusform>%Ln form, keyed {first} to {last}.</numerusform>
            <numerusform>%Ln forms, keyed {first} to {last}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Figures from fewer than {n} respondents are hidden.</source>
        <translation>Figures from fewer than {n} respondents are hidden.</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Ranking</translation>
    </message>
</context>
<context>
    <name>DataDialog</name>
    <message>
        <source>Data for analysts</source>
        <translation>Data for analysts</translation>
    </message>
    <message>
        <source>One row per entered or verified form, with labels, for Excel, Stata, SPSS and R. Profile answers are suppressed where fewer than k forms share them, so no respondent can be singled out; a disclosure report is written beside the files.</source>
        <translation>One row per entered or verified form, with labels, for Excel, Stata, SPSS and R. Profile answers are suppressed where fewer than k forms share them, so no respondent can be singled out; a disclosure report is written beside the files.</translation>
    </message>
    <message>
        <source>CSV (with label columns)</source>
        <translation>CSV (with label columns)</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>Stata (.dta)</source>
        <translation>Stata (.dta)</translation>
    </message>
    <message>
        <source>SPSS (.sav)</source>
        <translation>SPSS (.sav)</translation>
    </message>
    <message>
        <source>All rounds</source>
        <translation>All rounds</translation>
    </message>
    <message>
        <source>Each combination of profile answers must be shared by at least this many forms (the minimum group size).</source>
        <translation>Each combination of profile answers must be shared by at least this many forms (the minimum group size).</translation>
    </message>
    <message>
        <source>Only a supervisor may choose less than the project&apos;s minimum, {k}.</source>
        <translation>Only a supervisor may choose less than the project&apos;s minimum, {k}.</translation>
    </message>
    <message>
        <source>Add free-text answers (they can name people; read them before sharing)</source>
        <translation>Add free-text answers (they can name people; read them before sharing)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <source>Labels in</source>
        <translation>Labels in</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>k (fewest forms per profile)</source>
        <translation>k (fewest forms per profile)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Write files</source>
        <translation>Write files</translation>
    </message>
    <message>
        <source>Folder for the data files</source>
        <translation>Folder for the data files</translation>
    </message>
    <message>
        <source>Save the project to a file first.</source>
        <translation>Save the project to a file first.</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <source>Wrote {files} for {forms} in {folder}. {suppressed}; combinations shared by a single form: {before} before, {after} after. The disclosure report is {report}.</source>
        <translation>Wrote {files} for {forms} in {folder}. {suppressed}; combinations shared by a single form: {before} before, {after} after. The disclosure report is {report}.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln form</numerusform>
            <numerusform>%Ln forms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln profile value(s) were suppressed</source>
        <translation>
            <numerusform>%Ln profile value was suppressed</numerusform>
            <numerusform>%Ln profile values were suppressed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n form(s) match, fewer than k = {k}: a row-level file could name the respondents, so nothing was written.</source>
        <translation>
            <numerusform>Only %n form matches, fewer than k = {k}: a row-level file could name the respondents, so nothing was written.</numerusform>
            <numerusform>Only %n forms match, fewer than k = {k}: a row-level file could name the respondents, so nothing was written.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder is a file; choose a folder.</source>
        <translation>The folder is a file; choose a folder.</translation>
    </message>
    <message>
        <source>The files could not be written; the details are in the log file.</source>
        <translation>The files could not be written; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>Database not opened</source>
        <translation>Database not opened</translation>
    </message>
    <message>
        <source>{path} could not be opened; the details are in the log file.</source>
        <translation>{path} could not be opened; the details are in the log file.</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>New database</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>File exists</translation>
    </message>
    <message>
        <source>{path} exists already. Use Open to work on it, or choose a new name.</source>
        <translation>{path} exists already. Use Open to work on it, or choose a new name.</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>Backup copy</source>
        <translation>Backup copy</translation>
    </message>
    <message>
        <source>Backup not made</source>
        <translation>Backup not made</translation>
    </message>
    <message>
        <source>The copy could not be written to {path}; the details are in the log file.</source>
        <translation>The copy could not be written to {path}; the details are in the log file.</translation>
    </message>
    <message>
        <source>The demo project could not be created; the details are in the log file.</source>
        <translation>The demo project could not be created; the details are in the log file.</translation>
    </message>
    <message>
        <source>Backup copy saved to {path}</source>
        <translation>Backup copy saved to {path}</translation>
    </message>
    <message>
        <source>Creating the demo project… Its passphrase is: {passphrase}</source>
        <translation>Creating the demo project… Its passphrase is: {passphrase}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Demo project opened. Its passphrase is: {passphrase}</source>
        <translation>Demo project opened. Its passphrase is: {passphrase}</translation>
    </message>
    <message>
        <source>Demo not created</source>
        <translation>Demo not created</translation>
    </message>
</context>
<context>
    <name>DiscrepancyTable</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>First keying</source>
        <translation>First keying</translation>
    </message>
    <message>
        <source>Second keying</source>
        <translation>Second keying</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>(blank)</source>
        <translation>(blank)</translation>
    </message>
    <message>
        <source>First kept</source>
        <translation>First kept</translation>
    </message>
    <message>
        <source>Second kept</source>
        <translation>Second kept</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Typed</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>Form number</source>
        <translation>Form number</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Save as draft</source>
        <translation>Save as draft</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>Save the form ({keys})</source>
        <translation>Save the form ({keys})</translation>
    </message>
    <message>
        <source>Save an incomplete form ({keys})</source>
        <translation>Save an incomplete form ({keys})</translation>
    </message>
    <message>
        <source>Every change of this form ({keys})</source>
        <translation>Every change of this form ({keys})</translation>
    </message>
    <message>
        <source>New form</source>
        <translation>New form</translation>
    </message>
    <message>
        <source>Unsaved form</source>
        <translation>Unsaved form</translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Save them now?</source>
        <translation>This form has changes that are not saved. Save them now?</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n question(s) need attention (shown in red).</source>
        <translation>
            <numerusform>Not saved: %n question needs attention (shown in red).</numerusform>
            <numerusform>Not saved: %n questions need attention (shown in red).</numerusform>
        </translation>
    </message>
    <message>
        <source>Change a verified form</source>
        <translation>Change a verified form</translation>
    </message>
    <message>
        <source>This form was already verified. Why is it being changed?</source>
        <translation>This form was already verified. Why is it being changed?</translation>
    </message>
    <message>
        <source>Save change</source>
        <translation>Save change</translation>
    </message>
    <message>
        <source>Form {n} saved as a draft.</source>
        <translation>Form {n} saved as a draft.</translation>
    </message>
    <message>
        <source>Form {n} saved.</source>
        <translation>Form {n} saved.</translation>
    </message>
    <message>
        <source>History is shown for saved forms: open one from Records.</source>
        <translation>History is shown for saved forms: open one from Records.</translation>
    </message>
    <message>
        <source>End of the form: press {keys} to save.</source>
        <translation>End of the form: press {keys} to save.</translation>
    </message>
    <message>
        <source>{next} or {tab}: next question · {back}: back · {save}: save · {draft}: save as draft</source>
        <translation>{next} or {tab}: next question · {back}: back · {save}: save · {draft}: save as draft</translation>
    </message>
    <message>
        <source>Editing form {n} ({status})</source>
        <translation>Editing form {n} ({status})</translation>
    </message>
    <message>
        <source>{done} of {total} answered</source>
        <translation>{done} of {total} answered</translation>
    </message>
</context>
<context>
    <name>ExportView</name>
    <message>
        <source>Recipients...</source>
        <translation>Recipients...</translation>
    </message>
    <message>
        <source>Only what changed since the last export</source>
        <translation>Only what changed since the last export</translation>
    </message>
    <message>
        <source>Everything (full export)</source>
        <translation>Everything (full export)</translation>
    </message>
    <message>
        <source>Folder for the bundle, e.g. a USB stick</source>
        <translation>Folder for the bundle, e.g. a USB stick</translation>
    </message>
    <message>
        <source>Choose folder...</source>
        <translation>Choose folder...</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>New bundle</source>
        <translation>New bundle</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Created (UTC)</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message numerus="yes">
        <source>Encrypted to %n recipient(s): {keys}</source>
        <translation>
            <numerusform>Encrypted to %n recipient: {keys}</numerusform>
            <numerusform>Encrypted to %n recipients: {keys}</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} (another copy)</source>
        <translation>{n} (another copy)</translation>
    </message>
    <message>
        <source>Bundle {n} numbered twice: this one came from another copy of the project (such as a backup restored after a loss) whose audit log branches from HQ&apos;s; the forms and audit rows of both copies are kept</source>
        <translation>Bundle {n} numbered twice: this one came from another copy of the project (such as a backup restored after a loss) whose audit log branches from HQ&apos;s; the forms and audit rows of both copies are kept</translation>
    </message>
    <message>
        <source>Saved {count} files, a series of {count} parts (send them all): {forms}, {audit} (bundles {first} to {last}); the first is {file}.</source>
        <translation>Saved {count} files, a series of {count} parts (send them all): {forms}, {audit} (bundles {first} to {last}); the first is {file}.</translation>
    </message>
    <message>
        <source>Saved {file}: {forms}, {audit} (bundle number {n}).</source>
        <translation>Saved {file}: {forms}, {audit} (bundle number {n}).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln form</numerusform>
            <numerusform>%Ln forms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln audit row(s)</source>
        <translation>
            <numerusform>%Ln audit row</numerusform>
            <numerusform>%Ln audit rows</numerusform>
        </translation>
    </message>
    <message>
        <source>Ledger of bundles sent and received</source>
        <translation>Ledger of bundles sent and received</translation>
    </message>
    <message>
        <source>No recipient yet: add the public key headquarters sent you.</source>
        <translation>No recipient yet: add the public key headquarters sent you.</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Folder for the bundle</source>
        <translation>Folder for the bundle</translation>
    </message>
    <message>
        <source>No recipient is set; click Recipients... and add the key headquarters sent you.</source>
        <translation>No recipient is set; click Recipients... and add the key headquarters sent you.</translation>
    </message>
    <message>
        <source>Choose an existing folder for the bundle.</source>
        <translation>Choose an existing folder for the bundle.</translation>
    </message>
    <message>
        <source>This project is not saved in a file, so it cannot be exported.</source>
        <translation>This project is not saved in a file, so it cannot be exported.</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Exporting...</translation>
    </message>
    <message>
        <source>Export cancelled; no bundle was written.</source>
        <translation>Export cancelled; no bundle was written.</translation>
    </message>
    <message>
        <source>The export failed; nothing was recorded. Details are in the log file.</source>
        <translation>The export failed; nothing was recorded. Details are in the log file.</translation>
    </message>
</context>
<context>
    <name>FormHistoryDialog</name>
    <message>
        <source>History of form {n}</source>
        <translation>History of form {n}</translation>
    </message>
    <message>
        <source>History of the form</source>
        <translation>History of the form</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message numerus="yes">
        <source>%n discrepancy(ies)</source>
        <translation>
            <numerusform>%n discrepancy</numerusform>
            <numerusform>%n discrepancies</numerusform>
        </translation>
    </message>
    <message>
        <source>keyed</source>
        <translation>keyed</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>status changed</source>
        <translation>status changed</translation>
    </message>
    <message>
        <source>form number changed</source>
        <translation>form number changed</translation>
    </message>
    <message>
        <source>out-of-range value kept</source>
        <translation>out-of-range value kept</translation>
    </message>
    <message>
        <source>keyed again to verify</source>
        <translation>keyed again to verify</translation>
    </message>
    <message>
        <source>discrepancy resolved</source>
        <translation>discrepancy resolved</translation>
    </message>
    <message>
        <source>corrected by verification</source>
        <translation>corrected by verification</translation>
    </message>
    <message>
        <source>first keying kept</source>
        <translation>first keying kept</translation>
    </message>
    <message>
        <source>second keying kept</source>
        <translation>second keying kept</translation>
    </message>
    <message>
        <source>value typed from the paper</source>
        <translation>value typed from the paper</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) compared</source>
        <translation>
            <numerusform>%n field compared</numerusform>
            <numerusform>%n fields compared</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s): </source>
        <translation>
            <numerusform>%n answer: </numerusform>
            <numerusform>%n answers: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormWidget</name>
    <message>
        <source>Value kept after confirmation.</source>
        <translation>Value kept after confirmation.</translation>
    </message>
    <message>
        <source>Press {keys} again to keep this value, or correct it.</source>
        <translation>Press {keys} again to keep this value, or correct it.</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Keying guide</source>
        <translation>Keying guide</translation>
    </message>
</context>
<context>
    <name>HeatMapChart</name>
    <message>
        <source>Impact →</source>
        <translation>Impact →</translation>
    </message>
    <message>
        <source>Likelihood →</source>
        <translation>Likelihood →</translation>
    </message>
    <message>
        <source>Risk heat map</source>
        <translation>Risk heat map</translation>
    </message>
    <message>
        <source>Likelihood {l} x impact {i} = {s}: {band}</source>
        <translation>Likelihood {l} x impact {i} = {s}: {band}</translation>
    </message>
    <message>
        <source>{number}. {label}
Mean likelihood {lik:.2f} ({lik_lo:.2f}-{lik_hi:.2f})
Mean impact {imp:.2f} ({imp_lo:.2f}-{imp_hi:.2f})
Mean score {score} ({s_lo:.1f}-{s_hi:.1f}), {level}
Likelihood 4-5: {likely:.0%}
n = {n}</source>
        <translation>{number}. {label}
Mean likelihood {lik:.2f} ({lik_lo:.2f}-{lik_hi:.2f})
Mean impact {imp:.2f} ({imp_lo:.2f}-{imp_hi:.2f})
Mean score {score} ({s_lo:.1f}-{s_hi:.1f}), {level}
Likelihood 4-5: {likely:.0%}
n = {n}</translation>
    </message>
</context>
<context>
    <name>HeldCopies</name>
    <message>
        <source>If the team says the post keeps the copy that made this bundle, choose Keep this copy...</source>
        <translation>If the team says the post keeps the copy that made this bundle, choose Keep this copy...</translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) held because two copies of one laptop&apos;s project are in use; ask the team which copy the post keeps, then choose Keep this copy...</source>
        <translation>
            <numerusform>%n bundle held because two copies of one laptop&apos;s project are in use; ask the team which copy the post keeps, then choose Keep this copy...</numerusform>
            <numerusform>%n bundles held because two copies of one laptop&apos;s project are in use; ask the team which copy the post keeps, then choose Keep this copy...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) held because they come from a copy of a laptop&apos;s project that HQ set aside when it decided which copy the post keeps; the team should stop using that copy (Keep this copy... decides again)</source>
        <translation>
            <numerusform>%n bundle held because it comes from a copy of a laptop&apos;s project that HQ set aside when it decided which copy the post keeps; the team should stop using that copy (Keep this copy... decides again)</numerusform>
            <numerusform>%n bundles held because they come from a copy of a laptop&apos;s project that HQ set aside when it decided which copy the post keeps; the team should stop using that copy (Keep this copy... decides again)</numerusform>
        </translation>
    </message>
    <message>
        <source>Add the held bundle {name} to the list again, then choose Keep this copy...</source>
        <translation>Add the held bundle {name} to the list again, then choose Keep this copy...</translation>
    </message>
    <message>
        <source>Working out what keeping this copy would do...</source>
        <translation>Working out what keeping this copy would do...</translation>
    </message>
    <message>
        <source>Headquarters now follows device {device}&apos;s line of bundles up to bundle {current} (imported {imported} UTC).</source>
        <translation>Headquarters now follows device {device}&apos;s line of bundles up to bundle {current} (imported {imported} UTC).</translation>
    </message>
    <message>
        <source>If the post keeps the copy that made bundle {sequence} ({name}, made {created} UTC), headquarters follows that copy from bundle {sequence} on, and holds the other copy&apos;s later bundles with a sentence saying so.

This bundle would add {new}, update {updated}, leave {unchanged} unchanged and keep {conflicting} as conflicts for the analyst. No form or audit row headquarters holds is removed, and the other copy&apos;s forms stay.

Keep this copy only if the team confirmed by phone (someone you trust) that the post keeps it; the decision is kept in the audit log.</source>
        <translation>If the post keeps the copy that made bundle {sequence} ({name}, made {created} UTC), headquarters follows that copy from bundle {sequence} on, and holds the other copy&apos;s later bundles with a sentence saying so.

This bundle would add {new}, update {updated}, leave {unchanged} unchanged and keep {conflicting} as conflicts for the analyst. No form or audit row headquarters holds is removed, and the other copy&apos;s forms stay.

Keep this copy only if the team confirmed by phone (someone you trust) that the post keeps it; the decision is kept in the audit log.</translation>
    </message>
    <message numerus="yes">
        <source>%n form(s)</source>
        <translation>
            <numerusform>%n form</numerusform>
            <numerusform>%n forms</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep this copy</source>
        <translation>Keep this copy</translation>
    </message>
</context>
<context>
    <name>HeldRounds</name>
    <message>
        <source>which was made on device {device}</source>
        <translation>which was made on device {device}</translation>
    </message>
    <message>
        <source>which device {device} brought to headquarters first</source>
        <translation>which device {device} brought to headquarters first</translation>
    </message>
    <message>
        <source>which no bundle of that device brought to headquarters (it was made here, or its origin is not known)</source>
        <translation>which no bundle of that device brought to headquarters (it was made here, or its origin is not known)</translation>
    </message>
    <message>
        <source>Device {device} sent audit rows about forms of round {round}, {which}</source>
        <translation>Device {device} sent audit rows about forms of round {round}, {which}</translation>
    </message>
    <message>
        <source>Device {device} sent forms into round {round}, {which}</source>
        <translation>Device {device} sent forms into round {round}, {which}</translation>
    </message>
    <message>
        <source>{sent}, so this bundle was held and nothing was imported: if both laptops key this round, choose Allow in round...; otherwise ask the team who made this bundle</source>
        <translation>{sent}, so this bundle was held and nothing was imported: if both laptops key this round, choose Allow in round...; otherwise ask the team who made this bundle</translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) held: their device sent forms or audit rows into a round another device brought or made; if both laptops key that round, choose Allow in round...</source>
        <translation>
            <numerusform>%n bundle held: its device sent forms or audit rows into a round another device brought or made; if both laptops key that round, choose Allow in round...</numerusform>
            <numerusform>%n bundles held: their device sent forms or audit rows into a round another device brought or made; if both laptops key that round, choose Allow in round...</numerusform>
        </translation>
    </message>
    <message>
        <source>Allow in round</source>
        <translation>Allow in round</translation>
    </message>
    <message>
        <source>{sent}.

Allow it only if both laptops belong to the team that keys this round (ask the team lead by phone): its forms and audit rows will then be added to the round, and the decision is kept in the audit log. Otherwise choose No and ask the team who made this bundle.</source>
        <translation>{sent}.

Allow it only if both laptops belong to the team that keys this round (ask the team lead by phone): its forms and audit rows will then be added to the round, and the decision is kept in the audit log. Otherwise choose No and ask the team who made this bundle.</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>Headquarters key file (hq-identity.txt)</source>
        <translation>Headquarters key file (hq-identity.txt)</translation>
    </message>
    <message>
        <source>Choose key...</source>
        <translation>Choose key...</translation>
    </message>
    <message>
        <source>Add bundles...</source>
        <translation>Add bundles...</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Enrol device...</source>
        <translation>Enrol device...</translation>
    </message>
    <message>
        <source>Allow in round...</source>
        <translation>Allow in round...</translation>
    </message>
    <message>
        <source>Keep this copy...</source>
        <translation>Keep this copy...</translation>
    </message>
    <message>
        <source>Import bundles from the field</source>
        <translation>Import bundles from the field</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Device {device} signed this bundle with the key whose fingerprint is:

{fp}

Compare it group by group with the fingerprint the laptop shows (Help &gt; About, or `riskmap keys device --db PROJECT`), read to you by someone you trust. Enrol the device only if every group matches: its bundles will then be imported.</source>
        <translation>Device {device} signed this bundle with the key whose fingerprint is:

{fp}

Compare it group by group with the fingerprint the laptop shows (Help &gt; About, or `riskmap keys device --db PROJECT`), read to you by someone you trust. Enrol the device only if every group matches: its bundles will then be imported.</translation>
    </message>
    <message>
        <source>Bundles imported: {ok} of {n}. Forms: {new}, {updated}, {conflicts}.</source>
        <translation>Bundles imported: {ok} of {n}. Forms: {new}, {updated}, {conflicts}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicting</source>
        <translation>
            <numerusform>%n conflicting</numerusform>
            <numerusform>%n conflicting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) are not enrolled: compare the fingerprint in the report with the laptop&apos;s, then choose Enrol device...</source>
        <translation>
            <numerusform>%n device is not enrolled: compare the fingerprint in the report with the laptop&apos;s, then choose Enrol device...</numerusform>
            <numerusform>%n devices are not enrolled: compare the fingerprint in the report with the laptop&apos;s, then choose Enrol device...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) wait for a decision in the Conflicts tab.</source>
        <translation>
            <numerusform>%n conflict waits for a decision in the Conflicts tab.</numerusform>
            <numerusform>%n conflicts wait for a decision in the Conflicts tab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bundle {n} numbered twice: this one comes from another copy of the project (such as a backup restored after a loss) whose audit log branches from HQ&apos;s; the forms and audit rows of both copies are kept, and a form keyed in both shows as a conflict</source>
        <translation>Bundle {n} numbered twice: this one comes from another copy of the project (such as a backup restored after a loss) whose audit log branches from HQ&apos;s; the forms and audit rows of both copies are kept, and a form keyed in both shows as a conflict</translation>
    </message>
    <message>
        <source>Round {name} was made again in this copy (kept as {kept_as}): a paper form keyed in both rounds counts twice until the analyst deletes one of them</source>
        <translation>Round {name} was made again in this copy (kept as {kept_as}): a paper form keyed in both rounds counts twice until the analyst deletes one of them</translation>
    </message>
    <message numerus="yes">
        <source>Missing %n earlier bundle(s) from this device: {gaps}</source>
        <translation>
            <numerusform>Missing %n earlier bundle from this device: {gaps}</numerusform>
            <numerusform>Missing %n earlier bundles from this device: {gaps}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new round(s): {names}</source>
        <translation>
            <numerusform>%n new round: {names}</numerusform>
            <numerusform>%n new rounds: {names}</numerusform>
        </translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Import report</translation>
    </message>
    <message>
        <source>Headquarters key file</source>
        <translation>Headquarters key file</translation>
    </message>
    <message>
        <source>Key files (*.txt *.key);;All files (*)</source>
        <translation>Key files (*.txt *.key);;All files (*)</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>Bundles</translation>
    </message>
    <message>
        <source>Bundles (*.zip.age *.age);;All files (*)</source>
        <translation>Bundles (*.zip.age *.age);;All files (*)</translation>
    </message>
    <message>
        <source>Choose the headquarters key file first.</source>
        <translation>Choose the headquarters key file first.</translation>
    </message>
    <message>
        <source>Add one or more bundle files to import.</source>
        <translation>Add one or more bundle files to import.</translation>
    </message>
    <message>
        <source>Open a project saved in a file before importing.</source>
        <translation>Open a project saved in a file before importing.</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>Importing...</translation>
    </message>
    <message>
        <source>Enrol device</source>
        <translation>Enrol device</translation>
    </message>
    <message>
        <source>The import failed and the database was not changed. Details are in the log file.</source>
        <translation>The import failed and the database was not changed. Details are in the log file.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Device {device} with fingerprint {fp} is not enrolled, so nothing was imported: compare the fingerprint with the laptop&apos;s, then choose Enrol device...</source>
        <translation>Device {device} with fingerprint {fp} is not enrolled, so nothing was imported: compare the fingerprint with the laptop&apos;s, then choose Enrol device...</translation>
    </message>
    <message>
        <source>First bundle of enrolled device {fp}</source>
        <translation>First bundle of enrolled device {fp}</translation>
    </message>
    <message>
        <source>Its questionnaire differs from the project&apos;s (the project&apos;s labels and bands are kept): {what}</source>
        <translation>Its questionnaire differs from the project&apos;s (the project&apos;s labels and bands are kept): {what}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Export / Import</source>
        <translation>Export / Import</translation>
    </message>
    <message>
        <source>This view could not be opened ({error}). The other views still work; the details are in the log file.</source>
        <translation>This view could not be opened ({error}). The other views still work; the details are in the log file.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>This part is not available in this version.</source>
        <translation>This part is not available in this version.</translation>
    </message>
    <message>
        <source>{name} signed in.</source>
        <translation>{name} signed in.</translation>
    </message>
</context>
<context>
    <name>OperatorDialog</name>
    <message>
        <source>Create the first supervisor</source>
        <translation>Create the first supervisor</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>This project has no operators yet. You become its supervisor: you add the other operators and change the project settings. Choose a PIN of at least 4 characters and type it twice.</source>
        <translation>This project has no operators yet. You become its supervisor: you add the other operators and change the project settings. Choose a PIN of at least 4 characters and type it twice.</translation>
    </message>
    <message>
        <source>Who is working? Your name is recorded with every form you key and every change you make.</source>
        <translation>Who is working? Your name is recorded with every form you key and every change you make.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>PIN &amp;again</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>Type your name.</translation>
    </message>
</context>
<context>
    <name>OperatorForm</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>PIN &amp;again</translation>
    </message>
</context>
<context>
    <name>OperatorNameForm</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Operators sign in with their name and PIN. A keyer keys forms, a verifier also re-keys the sample, a supervisor also changes the project settings and the operators. Operators are deactivated, never deleted: their forms keep their name.</source>
        <translation>Operators sign in with their name and PIN. A keyer keys forms, a verifier also re-keys the sample, a supervisor also changes the project settings and the operators. Operators are deactivated, never deleted: their forms keep their name.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>Set &amp;role</source>
        <translation>Set &amp;role</translation>
    </message>
    <message>
        <source>Reset &amp;PIN…</source>
        <translation>Reset &amp;PIN…</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>Re&amp;name…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>Reac&amp;tivate…</source>
        <translation>Reac&amp;tivate…</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>deactivated</translation>
    </message>
    <message>
        <source>Add an operator</source>
        <translation>Add an operator</translation>
    </message>
    <message>
        <source>{old} is now called {name}.</source>
        <translation>{old} is now called {name}.</translation>
    </message>
    <message>
        <source>Rename {name}</source>
        <translation>Rename {name}</translation>
    </message>
    <message>
        <source>{name} signs in with the new name from now on. Forms already keyed keep the name they were keyed under; the audit log records the change.</source>
        <translation>{name} signs in with the new name from now on. Forms already keyed keep the name they were keyed under; the audit log records the change.</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>{name} can sign in again.</source>
        <translation>{name} can sign in again.</translation>
    </message>
    <message>
        <source>Reactivate {name}</source>
        <translation>Reactivate {name}</translation>
    </message>
    <message>
        <source>{name} will be able to sign in again, with the PIN they had (reset it afterwards if it may be known to others). If an active operator has this name now, choose another.</source>
        <translation>{name} will be able to sign in again, with the PIN they had (reset it afterwards if it may be known to others). If an active operator has this name now, choose another.</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>Reac&amp;tivate</translation>
    </message>
    <message>
        <source>{name} was added.</source>
        <translation>{name} was added.</translation>
    </message>
    <message>
        <source>{name} has a new role.</source>
        <translation>{name} has a new role.</translation>
    </message>
    <message>
        <source>New PIN for {name}</source>
        <translation>New PIN for {name}</translation>
    </message>
    <message>
        <source>{name} has a new PIN.</source>
        <translation>{name} has a new PIN.</translation>
    </message>
    <message>
        <source>Deactivate operator</source>
        <translation>Deactivate operator</translation>
    </message>
    <message>
        <source>{name} will no longer be able to sign in; the forms they keyed keep their name. Deactivate?</source>
        <translation>{name} will no longer be able to sign in; the forms they keyed keep their name. Deactivate?</translation>
    </message>
    <message>
        <source>{name} can no longer sign in.</source>
        <translation>{name} can no longer sign in.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Open project</source>
        <translation>Open project</translation>
    </message>
    <message>
        <source>New project passphrase</source>
        <translation>New project passphrase</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>{name} is encrypted. Type the team passphrase to open it.</source>
        <translation>{name} is encrypted. Type the team passphrase to open it.</translation>
    </message>
    <message>
        <source>{name} will be encrypted. Choose the team passphrase: everyone who keys on this laptop needs it, and without it (or the headquarters escrow key) nobody can read the forms.</source>
        <translation>{name} will be encrypted. Choose the team passphrase: everyone who keys on this laptop needs it, and without it (or the headquarters escrow key) nobody can read the forms.</translation>
    </message>
    <message>
        <source>Choose the new team passphrase for {name}. The old one stops working at once; tell the team.</source>
        <translation>Choose the new team passphrase for {name}. The old one stops working at once; tell the team.</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>weak</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>fair</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>strong</translation>
    </message>
    <message>
        <source>Strength: {word}. Several unrelated words, 16 characters or more, are easy to type and hard to guess.</source>
        <translation>Strength: {word}. Several unrelated words, 16 characters or more, are easy to type and hard to guess.</translation>
    </message>
    <message>
        <source>Checking the passphrase…</source>
        <translation>Checking the passphrase…</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess: use at least {n} characters, not all the same.</source>
        <translation>This passphrase is too easy to guess: use at least {n} characters, not all the same.</translation>
    </message>
    <message>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>The two passphrases differ; type the same one twice.</translation>
    </message>
</context>
<context>
    <name>PrintFormDialog</name>
    <message>
        <source>Print blank forms</source>
        <translation>Print blank forms</translation>
    </message>
    <message>
        <source>The project&apos;s questionnaire</source>
        <translation>The project&apos;s questionnaire</translation>
    </message>
    <message>
        <source>Pre-print form numbers (one form per number)</source>
        <translation>Pre-print form numbers (one form per number)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Form numbers</source>
        <translation>Form numbers</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>Print to PDF…</translation>
    </message>
    <message>
        <source>Check the form numbers: the first must not be above the last, both inside the round&apos;s range, and at most 10,000 forms at once.</source>
        <translation>Check the form numbers: the first must not be above the last, both inside the round&apos;s range, and at most 10,000 forms at once.</translation>
    </message>
    <message>
        <source>Save blank forms</source>
        <translation>Save blank forms</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>forms.pdf</source>
        <translation>forms.pdf</translation>
    </message>
    <message>
        <source>The file could not be written; the details are in the log file.</source>
        <translation>The file could not be written; the details are in the log file.</translation>
    </message>
</context>
<context>
    <name>ProgressView</name>
    <message>
        <source>Paper ledger</source>
        <translation>Paper ledger</translation>
    </message>
    <message>
        <source>Operators per day</source>
        <translation>Operators per day</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Form
numbers</source>
        <translation>Form
numbers</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Sample
verified</source>
        <translation>Sample
verified</translation>
    </message>
    <message>
        <source>Keystrokes
per hour</source>
        <translation>Keystrokes
per hour</translation>
    </message>
    <message>
        <source>Forms
verified</source>
        <translation>Forms
verified</translation>
    </message>
    <message>
        <source>Fields
verified</source>
        <translation>Fields
verified</translation>
    </message>
    <message>
        <source>Discrepancies
per 1,000 fields</source>
        <translation>Discrepancies
per 1,000 fields</translation>
    </message>
    <message>
        <source>Sample verified</source>
        <translation>Sample verified</translation>
    </message>
    <message>
        <source>Reading the forms…</source>
        <translation>Reading the forms…</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln form(s) ({share}%)</source>
        <translation>
            <numerusform>{done} of %Ln form ({share}%)</numerusform>
            <numerusform>{done} of %Ln forms ({share}%)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln sampled form(s) verified</source>
        <translation>
            <numerusform>{done} of %Ln sampled form verified</numerusform>
            <numerusform>{done} of %Ln sampled forms verified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) in {fields} fields</source>
        <translation>
            <numerusform>%n error in {fields} fields</numerusform>
            <numerusform>%n errors in {fields} fields</numerusform>
        </translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Discrepancies per 1,000 fields is the first keyer&apos;s error rate found by verification: the differences where the paper agreed with the second keying or with a corrected value, per 1,000 fields compared. Days are those of the first keying (UTC).</source>
        <translation>Discrepancies per 1,000 fields is the first keyer&apos;s error rate found by verification: the differences where the paper agreed with the second keying or with a corrected value, per 1,000 fields compared. Days are those of the first keying (UTC).</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>No collection round yet.</source>
        <translation>No collection round yet.</translation>
    </message>
    <message>
        <source>Missing form numbers in {round} ({count}):</source>
        <translation>Missing form numbers in {round} ({count}):</translation>
    </message>
    <message numerus="yes">
        <source>{round}: %Ln form(s) of the target still to key; form numbers not keyed ({numbers}, some unused):</source>
        <translation>
            <numerusform>{round}: %Ln form of the target still to key; form numbers not keyed ({numbers}, some unused):</numerusform>
            <numerusform>{round}: %Ln forms of the target still to key; form numbers not keyed ({numbers}, some unused):</numerusform>
        </translation>
    </message>
    <message>
        <source>None: every paper form is keyed.</source>
        <translation>None: every paper form is keyed.</translation>
    </message>
    <message>
        <source>Keyed numbers outside the expected range: {numbers}</source>
        <translation>Keyed numbers outside the expected range: {numbers}</translation>
    </message>
    <message>
        <source>The forms could not be read: {error}</source>
        <translation>The forms could not be read: {error}</translation>
    </message>
</context>
<context>
    <name>ProjectOpener</name>
    <message>
        <source>This passphrase does not open the project; check it and try again.</source>
        <translation>This passphrase does not open the project; check it and try again.</translation>
    </message>
    <message>
        <source>Encrypt this project?</source>
        <translation>Encrypt this project?</translation>
    </message>
    <message>
        <source>{name} is not encrypted: anyone who copies the file can read every form. Encrypt it now with a team passphrase? The encrypted copy is checked before the plaintext file is removed.</source>
        <translation>{name} is not encrypted: anyone who copies the file can read every form. Encrypt it now with a team passphrase? The encrypted copy is checked before the plaintext file is removed.</translation>
    </message>
    <message>
        <source>Project encrypted</source>
        <translation>Project encrypted</translation>
    </message>
    <message>
        <source>{name} is now encrypted. Copies of the old file made before today (on USB sticks, in backups or e-mails) are still readable by anyone: delete them.</source>
        <translation>{name} is now encrypted. Copies of the old file made before today (on USB sticks, in backups or e-mails) are still readable by anyone: delete them.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Drive</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>QuestionField</name>
    <message>
        <source>Several answers: separate the codes with a space, e.g. {example}</source>
        <translation>Several answers: separate the codes with a space, e.g. {example}</translation>
    </message>
</context>
<context>
    <name>QuestionnaireImport</name>
    <message>
        <source>Import questionnaire</source>
        <translation>Import questionnaire</translation>
    </message>
    <message>
        <source>Questionnaires (*.xlsx *.json);;All files (*)</source>
        <translation>Questionnaires (*.xlsx *.json);;All files (*)</translation>
    </message>
    <message numerus="yes">
        <source>Questionnaire {id} version {version} (%n question(s)) is stored in this project. Forms are still keyed with {used} version {used_version}.</source>
        <translation>
            <numerusform>Questionnaire {id} version {version} (%n question) is stored in this project. Forms are still keyed with {used} version {used_version}.</numerusform>
            <numerusform>Questionnaire {id} version {version} (%n questions) is stored in this project. Forms are still keyed with {used} version {used_version}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Questionnaire {id} version {version} was stored already; nothing changed.</source>
        <translation>Questionnaire {id} version {version} was stored already; nothing changed.</translation>
    </message>
    <message>
        <source>Questionnaire imported</source>
        <translation>Questionnaire imported</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>Questionnaire not imported</source>
        <translation>Questionnaire not imported</translation>
    </message>
    <message numerus="yes">
        <source>{file} was not imported: %n thing(s) in it cannot be used here. Nothing was stored. Fix them in the file and import it again.</source>
        <translation>
            <numerusform>{file} was not imported: %n thing in it cannot be used here. Nothing was stored. Fix it in the file and import it again.</numerusform>
            <numerusform>{file} was not imported: %n things in it cannot be used here. Nothing was stored. Fix them in the file and import it again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>For example: corrected against the paper form</source>
        <translation>For example: corrected against the paper form</translation>
    </message>
</context>
<context>
    <name>RecipientsDialog</name>
    <message>
        <source>Bundle recipients</source>
        <translation>Bundle recipients</translation>
    </message>
    <message>
        <source>Bundles are encrypted to these public keys (one per line, starting with age1). Paste the key headquarters sent you, or load its file. Add a regional office or escrow key on its own line.</source>
        <translation>Bundles are encrypted to these public keys (one per line, starting with age1). Paste the key headquarters sent you, or load its file. Add a regional office or escrow key on its own line.</translation>
    </message>
    <message>
        <source>Load from file...</source>
        <translation>Load from file...</translation>
    </message>
    <message>
        <source>This device:</source>
        <translation>This device:</translation>
    </message>
    <message>
        <source>Device key fingerprint:</source>
        <translation>Device key fingerprint:</translation>
    </message>
    <message>
        <source>Load recipients</source>
        <translation>Load recipients</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Text files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <source>The file could not be read; choose the recipient file headquarters sent.</source>
        <translation>The file could not be read; choose the recipient file headquarters sent.</translation>
    </message>
    <message>
        <source>A line is not a valid age public key (it should start with age1). Paste the key exactly as headquarters sent it; never paste a secret key here.</source>
        <translation>A line is not a valid age public key (it should start with age1). Paste the key exactly as headquarters sent it; never paste a secret key here.</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Add at least one recipient.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Form no.</source>
        <translation>Form no.</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Keyed (UTC)</source>
        <translation>Keyed (UTC)</translation>
    </message>
    <message>
        <source>Last change (UTC)</source>
        <translation>Last change (UTC)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>entered</source>
        <translation>entered</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verified</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>deleted</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Form number</source>
        <translation>Form number</translation>
    </message>
    <message>
        <source>All but deleted</source>
        <translation>All but deleted</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Open / edit</source>
        <translation>Open / edit</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>History…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln form</numerusform>
            <numerusform>%Ln forms</numerusform>
        </translation>
    </message>
    <message>
        <source>All rounds</source>
        <translation>All rounds</translation>
    </message>
    <message>
        <source>Find a form by its number ({keys})</source>
        <translation>Find a form by its number ({keys})</translation>
    </message>
    <message>
        <source>Open the form in the entry view ({keys})</source>
        <translation>Open the form in the entry view ({keys})</translation>
    </message>
    <message>
        <source>Delete the form, giving a reason ({keys})</source>
        <translation>Delete the form, giving a reason ({keys})</translation>
    </message>
    <message>
        <source>Deleted form</source>
        <translation>Deleted form</translation>
    </message>
    <message>
        <source>This form was deleted; it can no longer be edited. Its history is still available.</source>
        <translation>This form was deleted; it can no longer be edited. Its history is still available.</translation>
    </message>
    <message>
        <source>Delete form {n}</source>
        <translation>Delete form {n}</translation>
    </message>
    <message>
        <source>The form stays in the database, marked as deleted, with your reason. Why is form {n} being deleted?</source>
        <translation>The form stays in the database, marked as deleted, with your reason. Why is form {n} being deleted?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>Not deleted</translation>
    </message>
</context>
<context>
    <name>ResolvePage</name>
    <message>
        <source>Keep first</source>
        <translation>Keep first</translation>
    </message>
    <message>
        <source>Keep second</source>
        <translation>Keep second</translation>
    </message>
    <message>
        <source>Correct value</source>
        <translation>Correct value</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Check each row against the paper: {first} keeps the first keying, {second} the second, {typed} lets you type the value on the paper ({confirm} applies). Up and Down move between rows; {finish} writes the values and marks the form verified.</source>
        <translation>Check each row against the paper: {first} keeps the first keying, {second} the second, {typed} lets you type the value on the paper ({confirm} applies). Up and Down move between rows; {finish} writes the values and marks the form verified.</translation>
    </message>
</context>
<context>
    <name>RiskRegisterTable</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risk</translation>
    </message>
    <message>
        <source>Likeli-
hood</source>
        <translation>Likeli-
hood</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>95% interval
of the score</source>
        <translation>95% interval
of the score</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>hidden (fewer than {n} answers)</source>
        <translation>hidden (fewer than {n} answers)</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>keyer</source>
        <translation>keyer</translation>
    </message>
    <message>
        <source>verifier</source>
        <translation>verifier</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Edit round</source>
        <translation>Edit round</translation>
    </message>
    <message>
        <source>New round</source>
        <translation>New round</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Every form</source>
        <translation>Every form</translation>
    </message>
    <message>
        <source>Every Nth form</source>
        <translation>Every Nth form</translation>
    </message>
    <message>
        <source>A random share</source>
        <translation>A random share</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>Institution</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>Target (forms)</source>
        <translation>Target (forms)</translation>
    </message>
    <message>
        <source>Form numbers</source>
        <translation>Form numbers</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <source>The round has forms: its questionnaire version is fixed.</source>
        <translation>The round has forms: its questionnaire version is fixed.</translation>
    </message>
    <message>
        <source>Only a supervisor changes the verification sample.</source>
        <translation>Only a supervisor changes the verification sample.</translation>
    </message>
    <message>
        <source>This round&apos;s name, institution or place holds control characters (an invisible mark or an escape, perhaps from a bundle); they are shown as \u202e or \x1b. Saving keeps the stored text unless you change it.</source>
        <translation>This round&apos;s name, institution or place holds control characters (an invisible mark or an escape, perhaps from a bundle); they are shown as \u202e or \x1b. Saving keeps the stored text unless you change it.</translation>
    </message>
    <message>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <source>Give the round a name.</source>
        <translation>Give the round a name.</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>The name</translation>
    </message>
    <message>
        <source>The institution</source>
        <translation>The institution</translation>
    </message>
    <message>
        <source>The place</source>
        <translation>The place</translation>
    </message>
    <message>
        <source>{which} holds a control character (an escape or an invisible mark); type it with letters, digits and spaces only.</source>
        <translation>{which} holds a control character (an escape or an invisible mark); type it with letters, digits and spaces only.</translation>
    </message>
    <message>
        <source>The first form number is above the last one.</source>
        <translation>The first form number is above the last one.</translation>
    </message>
    <message>
        <source>A round with this name exists already; choose another name.</source>
        <translation>A round with this name exists already; choose another name.</translation>
    </message>
    <message>
        <source>Form {number} is keyed in this round: the form numbers must include it.</source>
        <translation>Form {number} is keyed in this round: the form numbers must include it.</translation>
    </message>
    <message>
        <source>Forms {low} to {high} are keyed in this round: the form numbers must include them.</source>
        <translation>Forms {low} to {high} are keyed in this round: the form numbers must include them.</translation>
    </message>
    <message>
        <source>The form numbers {low}–{high} are {size} numbers for a target of {target} forms: progress counts against the target, and numbers never used stay listed as not keyed.</source>
        <translation>The form numbers {low}–{high} are {size} numbers for a target of {target} forms: progress counts against the target, and numbers never used stay listed as not keyed.</translation>
    </message>
    <message>
        <source>The start date</source>
        <translation>The start date</translation>
    </message>
    <message>
        <source>The end date</source>
        <translation>The end date</translation>
    </message>
    <message>
        <source>{which} “{text}” is not a date: type it as YYYY-MM-DD, for example 2026-10-05.</source>
        <translation>{which} “{text}” is not a date: type it as YYYY-MM-DD, for example 2026-10-05.</translation>
    </message>
    <message>
        <source>The end date {end} is before the start date {start}.</source>
        <translation>The end date {end} is before the start date {start}.</translation>
    </message>
</context>
<context>
    <name>ScoreBarChart</name>
    <message>
        <source>Mean score (L x I)</source>
        <translation>Mean score (L x I)</translation>
    </message>
    <message>
        <source>Risks by mean score</source>
        <translation>Risks by mean score</translation>
    </message>
    <message>
        <source>{number}. {label}: hidden to protect respondents</source>
        <translation>{number}. {label}: hidden to protect respondents</translation>
    </message>
    <message>
        <source>{number}. {label}
Mean score {score} (95% CI {lo:.1f}-{hi:.1f})
Level: {level}
n = {n}</source>
        <translation>{number}. {label}
Mean score {score} (95% CI {lo:.1f}-{hi:.1f})
Level: {level}
n = {n}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>This project (saved in the database)</source>
        <translation>This project (saved in the database)</translation>
    </message>
    <message>
        <source>Operator-controlled mode</source>
        <translation>Operator-controlled mode</translation>
    </message>
    <message>
        <source>Out-of-range values may be kept after the operator confirms them; each confirmation is recorded.</source>
        <translation>Out-of-range values may be kept after the operator confirms them; each confirmation is recorded.</translation>
    </message>
    <message>
        <source>Results of smaller groups are hidden in the dashboard and exports, to protect respondents.</source>
        <translation>Results of smaller groups are hidden in the dashboard and exports, to protect respondents.</translation>
    </message>
    <message>
        <source>Smallest group shown</source>
        <translation>Smallest group shown</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>Change passphrase…</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>Operators…</source>
        <translation>Operators…</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Only a supervisor can change the project settings; you are signed in as {role}.</source>
        <translation>Only a supervisor can change the project settings; you are signed in as {role}.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nobody</translation>
    </message>
    <message>
        <source>The passphrase was changed. The old one no longer opens this project.</source>
        <translation>The passphrase was changed. The old one no longer opens this project.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The demo project was open when the program last closed. Open the demo again? Choose No to open your own database.</source>
        <translation>The demo project was open when the program last closed. Open the demo again? Choose No to open your own database.</translation>
    </message>
</context>
<context>
    <name>VerificationBar</name>
    <message>
        <source>&amp;Round:</source>
        <translation>&amp;Round:</translation>
    </message>
    <message>
        <source>Form num&amp;ber:</source>
        <translation>Form num&amp;ber:</translation>
    </message>
    <message>
        <source>e.g. 23</source>
        <translation>e.g. 23</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Next form due</source>
        <translation>Next form due</translation>
    </message>
    <message>
        <source>No collection round yet.</source>
        <translation>No collection round yet.</translation>
    </message>
    <message numerus="yes">
        <source>{verified} of %Ln sampled form(s) verified.</source>
        <translation>
            <numerusform>{verified} of %Ln sampled form verified.</numerusform>
            <numerusform>{verified} of %Ln sampled forms verified.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more verified outside the sample.</source>
        <translation>
            <numerusform>%Ln more verified outside the sample.</numerusform>
            <numerusform>%Ln more verified outside the sample.</numerusform>
        </translation>
    </message>
    <message>
        <source>Next due: form {n}.</source>
        <translation>Next due: form {n}.</translation>
    </message>
</context>
<context>
    <name>VerificationDecisions</name>
    <message>
        <source>Correct the answers marked in red, then press {save} again.</source>
        <translation>Correct the answers marked in red, then press {save} again.</translation>
    </message>
    <message numerus="yes">
        <source>Form {n} matches the first keying in all %n question(s) and is now verified.</source>
        <translation>
            <numerusform>Form {n} matches the first keying in its %n question and is now verified.</numerusform>
            <numerusform>Form {n} matches the first keying in all %n questions and is now verified.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discrepancies: {count} in %n question(s). Check each one against the paper.</source>
        <translation>
            <numerusform>Discrepancies: {count} in %n question. Check each one against the paper.</numerusform>
            <numerusform>Discrepancies: {count} in %n questions. Check each one against the paper.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every discrepancy has a decision. Press {finish} to finish.</source>
        <translation>Every discrepancy has a decision. Press {finish} to finish.</translation>
    </message>
    <message>
        <source>Form {n} is verified (answers corrected: {changed}).</source>
        <translation>Form {n} is verified (answers corrected: {changed}).</translation>
    </message>
</context>
<context>
    <name>VerificationStartPage</name>
    <message>
        <source>&amp;Sample to verify:</source>
        <translation>&amp;Sample to verify:</translation>
    </message>
    <message>
        <source>Every form</source>
        <translation>Every form</translation>
    </message>
    <message>
        <source>Every Nth form (by form number)</source>
        <translation>Every Nth form (by form number)</translation>
    </message>
    <message>
        <source>A random share, in percent</source>
        <translation>A random share, in percent</translation>
    </message>
    <message>
        <source>No verification</source>
        <translation>No verification</translation>
    </message>
    <message>
        <source>Verification catches typing errors: a second operator keys a sample of the paper forms again without seeing the first keying, and the two are compared question by question.

Press {next} to open the next form due, or type a form number and press {confirm}. Key the answers from the paper and press {save} to compare.</source>
        <translation>Verification catches typing errors: a second operator keys a sample of the paper forms again without seeing the first keying, and the two are compared question by question.

Press {next} to open the next form due, or type a form number and press {confirm}. Key the answers from the paper and press {save} to compare.</translation>
    </message>
    <message>
        <source>Only a supervisor changes the verification sample.</source>
        <translation>Only a supervisor changes the verification sample.</translation>
    </message>
    <message>
        <source>Forms due ({count}): {numbers}</source>
        <translation>Forms due ({count}): {numbers}</translation>
    </message>
    <message>
        <source>and {more} more</source>
        <translation>and {more} more</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <source>No form is waiting for verification in this round.</source>
        <translation>No form is waiting for verification in this round.</translation>
    </message>
    <message>
        <source>Last question reached. Press {save} to compare with the first keying.</source>
        <translation>Last question reached. Press {save} to compare with the first keying.</translation>
    </message>
    <message>
        <source>Leave this form?</source>
        <translation>Leave this form?</translation>
    </message>
    <message>
        <source>The second keying of form {n} is not compared yet. Leave it and lose what you typed?</source>
        <translation>The second keying of form {n} is not compared yet. Leave it and lose what you typed?</translation>
    </message>
    <message>
        <source>Form {n}: second keying, blind. Key the answers from the paper; {save} compares.</source>
        <translation>Form {n}: second keying, blind. Key the answers from the paper; {save} compares.</translation>
    </message>
    <message>
        <source>Form {n}: resolve each discrepancy against the paper.</source>
        <translation>Form {n}: resolve each discrepancy against the paper.</translation>
    </message>
    <message>
        <source>Verification by double entry</source>
        <translation>Verification by double entry</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>Round</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>New round…</source>
        <translation>New round…</translation>
    </message>
    <message>
        <source>Edit round…</source>
        <translation>Edit round…</translation>
    </message>
    <message>
        <source>Sign out / switch operator</source>
        <translation>Sign out / switch operator</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;New database…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>Recent databases</source>
        <translation>Recent databases</translation>
    </message>
    <message>
        <source>&amp;Backup copy…</source>
        <translation>&amp;Backup copy…</translation>
    </message>
    <message>
        <source>&amp;Print blank forms…</source>
        <translation>&amp;Print blank forms…</translation>
    </message>
    <message>
        <source>&amp;Data for analysts…</source>
        <translation>&amp;Data for analysts…</translation>
    </message>
    <message>
        <source>&amp;Import questionnaire…</source>
        <translation>&amp;Import questionnaire…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>Sign o&amp;ut / switch operator…</source>
        <translation>Sign o&amp;ut / switch operator…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Round</translation>
    </message>
    <message>
        <source>Sign out / switch operator…</source>
        <translation>Sign out / switch operator…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keying guide</source>
        <translation>&amp;Keying guide</translation>
    </message>
    <message>
        <source>Open &amp;demo project</source>
        <translation>Open &amp;demo project</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <source>Database: {name}</source>
        <translation>Database: {name}</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>(in memory)</translation>
    </message>
    <message>
        <source>Round: {name}</source>
        <translation>Round: {name}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>nobody signed in</source>
        <translation>nobody signed in</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name} ({role})</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>Operator: {name}</translation>
    </message>
    <message>
        <source>Create a round to start keying (Round menu).</source>
        <translation>Create a round to start keying (Round menu).</translation>
    </message>
    <message>
        <source>Entered {entered} · Verified {verified} · Target {target}</source>
        <translation>Entered {entered} · Verified {verified} · Target {target}</translation>
    </message>
    <message>
        <source>{app} – DEMO PROJECT (synthetic forms)</source>
        <translation>{app} – DEMO PROJECT (synthetic forms)</translation>
    </message>
    <message>
        <source>Demo project: synthetic forms for trying the program. Do not key real forms here; open your project with File &gt; Open database ({keys}).</source>
        <translation>Demo project: synthetic forms for trying the program. Do not key real forms here; open your project with File &gt; Open database ({keys}).</translation>
    </message>
</context>
</TS>
