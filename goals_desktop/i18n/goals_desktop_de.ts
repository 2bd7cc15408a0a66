<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CalendarSyncContext</name>
    <message>
        <source>Calendar s&amp;ync…</source>
        <extracomment>&quot;Shortly after a change&quot;: long enough to gather a burst of edits into one pass.</extracomment>
        <translation>Kalenderab&amp;gleich…</translation>
    </message>
    <message>
        <source>Sync calendar now</source>
        <translation>Kalender jetzt abgleichen</translation>
    </message>
    <message>
        <source>Calendar sync is not set up (File ▸ Calendar sync…).</source>
        <translation>Der Kalenderabgleich ist nicht eingerichtet (Datei ▸ Kalenderabgleich…).</translation>
    </message>
    <message>
        <source>Syncing with the calendar…</source>
        <translation>Gleiche mit dem Kalender ab…</translation>
    </message>
    <message>
        <source>Calendar sync failed: %1</source>
        <translation>Kalenderabgleich fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Calendar: not synced yet</source>
        <translation>Kalender: noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>Calendar sync failed at %1: %2</source>
        <translation>Kalenderabgleich um %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Calendar synced at %1 (%2 up, %3 down)</source>
        <translation>Kalender um %1 abgeglichen (%2 hoch, %3 herunter)</translation>
    </message>
</context>
<context>
    <name>CalendarSyncDialog</name>
    <message>
        <source>Calendar sync</source>
        <translation>Kalenderabgleich</translation>
    </message>
    <message>
        <source>https://dav.example.org/</source>
        <translation>https://dav.example.org/</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Sync shortly after a change</source>
        <translation>Kurz nach einer Änderung abgleichen</translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation>Speichern und verbinden</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Abgleichen alle</translation>
    </message>
    <message>
        <source>Syncing with the calendar…</source>
        <translation>Gleiche mit dem Kalender ab…</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>gespeichert – zum Ersetzen neu eingeben</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Keine Verbindung möglich: %1</translation>
    </message>
    <message>
        <source>The password is in the system keyring.</source>
        <translation>Das Passwort liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>No system keyring: the password is kept until the app closes.</source>
        <translation>Kein Schlüsselbund des Systems: Das Passwort gilt, bis die App geschlossen wird.</translation>
    </message>
    <message>
        <source>Connected to the calendar “%1”.</source>
        <translation>Mit dem Kalender „%1“ verbunden.</translation>
    </message>
</context>
<context>
    <name>CanvasAccessibility</name>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} und {last}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation>überfällig seit {date}</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>fällig {date}</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>fortlaufend</translation>
    </message>
    <message>
        <source>no estimate understood, counted as a week</source>
        <translation>keine Schätzung verstanden, als eine Woche gerechnet</translation>
    </message>
    <message>
        <source>after {milestones}</source>
        <translation>nach {milestones}</translation>
    </message>
    <message>
        <source>on the critical path</source>
        <translation>auf dem kritischen Pfad</translation>
    </message>
    <message>
        <source>Roadmap</source>
        <translation>Roadmap</translation>
    </message>
    <message>
        <source>Milestones in roadmap order: Tab walks them, Space checks one off, F2 renames, Enter opens its details</source>
        <translation>Meilensteine in der Reihenfolge der Roadmap: Tab geht sie durch, Leertaste hakt einen ab, F2 benennt um, Eingabe öffnet seine Details</translation>
    </message>
    <message>
        <source>Roadmap of {goal}</source>
        <translation>Roadmap von {goal}</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Check off</source>
        <translation>Abhaken</translation>
    </message>
    <message>
        <source>Check the milestone off, or reopen it</source>
        <translation>Den Meilenstein abhaken oder wieder öffnen</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Fokus</translation>
    </message>
    <message>
        <source>Put the keyboard focus on the milestone</source>
        <translation>Den Tastaturfokus auf den Meilenstein setzen</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Open the milestone&apos;s menu</source>
        <translation>Das Menü des Meilensteins öffnen</translation>
    </message>
</context>
<context>
    <name>CoreSentences</name>
    <message>
        <source>The API key is stored in the system keyring.</source>
        <translation>Der API-Schlüssel ist im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>No system keyring is available, so the API key is kept for this session only.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar; der API-Schlüssel gilt daher nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>Choose a provider or enter a base URL first.</source>
        <translation>Wählen Sie zuerst einen Anbieter oder geben Sie eine Basis-URL ein.</translation>
    </message>
    <message>
        <source>Connecting to model...</source>
        <translation>Verbinde mit dem Modell…</translation>
    </message>
    <message>
        <source>Generating roadmap...</source>
        <translation>Roadmap wird erstellt…</translation>
    </message>
    <message>
        <source>The connection to the model server dropped before the roadmap was finished.</source>
        <translation>Die Verbindung zum Modellserver brach ab, bevor die Roadmap fertig war.</translation>
    </message>
    <message>
        <source>The model stopped because it reached its output limit before the roadmap was finished.</source>
        <translation>Das Modell hat aufgehört, weil es seine Ausgabegrenze erreicht hat, bevor die Roadmap fertig war.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>{app} hit an unexpected problem. Your saved data is safe; details were written to {log}.</source>
        <translation>{app} ist auf ein unerwartetes Problem gestoßen. Ihre gespeicherten Daten sind sicher; die Einzelheiten stehen in {log}.</translation>
    </message>
</context>
<context>
    <name>DatabaseActions</name>
    <message>
        <source>&amp;Open database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Aus &amp;Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Connected to the database server again; showing its latest data.</source>
        <translation>Wieder mit dem Datenbankserver verbunden; seine neuesten Daten werden gezeigt.</translation>
    </message>
    <message>
        <source>Server connection lost — reconnecting…</source>
        <translation>Verbindung zum Server verloren – verbinde neu…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>Aus Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <source>Goals, roadmap.sh and JSON Canvas files (*.json *.canvas)</source>
        <translation>Ziele-, roadmap.sh- und JSON-Canvas-Dateien (*.json *.canvas)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Save the selected goal as an image, document, calendar, outline or JSON</source>
        <translation>Das ausgewählte Ziel als Bild, Dokument, Kalender, Gliederung oder JSON speichern</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Add goals from our JSON, a roadmap.sh roadmap or a JSON Canvas file</source>
        <translation>Ziele aus unserem JSON, einer roadmap.sh-Roadmap oder einer JSON-Canvas-Datei hinzufügen</translation>
    </message>
    <message>
        <source>Export “{title}”</source>
        <translation>„{title}“ exportieren</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}.</source>
        <translation>{file} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Exported “{title}” as {format}{size} to {file}.</source>
        <translation>„{title}“ als {format}{size} nach {file} exportiert.</translation>
    </message>
    <message>
        <source>Import goals</source>
        <translation>Ziele importieren</translation>
    </message>
    <message>
        <source>Cannot read {file}: {reason}.</source>
        <translation>{file} kann nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>Import “{title}”</source>
        <translation>„{title}“ importieren</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>{file} importieren</translation>
    </message>
    <message>
        <source> from a {format}</source>
        <translation> aus {format}</translation>
    </message>
    <message numerus="yes">
        <source>Imported “{title}”{source}: %n milestones.</source>
        <translation>
            <numerusform>„{title}“{source} importiert: %n Meilenstein.</numerusform>
            <numerusform>„{title}“{source} importiert: %n Meilensteine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n goals{source}.</source>
        <translation>
            <numerusform>%n Ziel{source} importiert.</numerusform>
            <numerusform>%n Ziele{source} importiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportFormats</name>
    <message>
        <source>PNG image at twice the size</source>
        <translation>PNG-Bild in doppelter Größe</translation>
    </message>
    <message>
        <source>PNG image, transparent background</source>
        <translation>PNG-Bild mit transparentem Hintergrund</translation>
    </message>
    <message>
        <source>Goals JSON, with todos</source>
        <translation>Ziele-JSON, mit Aufgaben</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <source>SVG image</source>
        <translation>SVG-Bild</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF-Dokument</translation>
    </message>
    <message>
        <source>Mermaid flowchart</source>
        <translation>Mermaid-Flussdiagramm</translation>
    </message>
    <message>
        <source>JSON Canvas (Obsidian)</source>
        <translation>JSON Canvas (Obsidian)</translation>
    </message>
    <message>
        <source>OPML outline</source>
        <translation>OPML-Gliederung</translation>
    </message>
    <message>
        <source>roadmap.sh roadmap</source>
        <translation>einer roadmap.sh-Roadmap</translation>
    </message>
    <message>
        <source>roadmap JSON</source>
        <translation>Roadmap-JSON</translation>
    </message>
</context>
<context>
    <name>ExportImage</name>
    <message>
        <source>Progress {percent}</source>
        <translation>Fortschritt {percent}</translation>
    </message>
    <message>
        <source>target {date}</source>
        <translation>Ziel {date}</translation>
    </message>
</context>
<context>
    <name>GenerationCommands</name>
    <message>
        <source>Generate roadmap</source>
        <translation>Roadmap erstellen</translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message>
        <source>Generate roadmap</source>
        <translation>Roadmap erstellen</translation>
    </message>
    <message>
        <source>Let the AI model draw this goal&apos;s roadmap</source>
        <translation>Das KI-Modell die Roadmap dieses Ziels entwerfen lassen</translation>
    </message>
    <message>
        <source>Regenerate roadmap</source>
        <translation>Roadmap neu erstellen</translation>
    </message>
    <message>
        <source>Draw the roadmap again, keeping the milestones already checked off</source>
        <translation>Die Roadmap neu entwerfen; abgehakte Meilensteine bleiben</translation>
    </message>
    <message>
        <source>Cancel generation</source>
        <translation>Erstellen abbrechen</translation>
    </message>
    <message>
        <source>Break down with AI…</source>
        <translation>Mit KI aufteilen…</translation>
    </message>
    <message>
        <source>Let the AI model split this milestone into 3 to 8 sub-milestones that lead to it</source>
        <translation>Das KI-Modell diesen Meilenstein in 3 bis 8 Teilschritte aufteilen lassen, die zu ihm führen</translation>
    </message>
    <message>
        <source>AI &amp;provider…</source>
        <translation>&amp;KI-Anbieter…</translation>
    </message>
    <message>
        <source>Generation cancelled; the roadmap is unchanged.</source>
        <translation>Erstellen abgebrochen; die Roadmap ist unverändert.</translation>
    </message>
    <message>
        <source>Generating the roadmap failed ({kind}).</source>
        <translation>Das Erstellen der Roadmap ist fehlgeschlagen ({kind}).</translation>
    </message>
    <message numerus="yes">
        <source>Roadmap generated: %n milestones.</source>
        <translation>
            <numerusform>Roadmap erstellt: %n Meilenstein.</numerusform>
            <numerusform>Roadmap erstellt: %n Meilensteine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Breaking down “{label}”: %n sub-milestones so far...</source>
        <translation>
            <numerusform>„{label}“ wird aufgeteilt: bisher %n Teilschritt…</numerusform>
            <numerusform>„{label}“ wird aufgeteilt: bisher %n Teilschritte…</numerusform>
        </translation>
    </message>
    <message>
        <source>Breaking down “{label}”...</source>
        <translation>„{label}“ wird aufgeteilt…</translation>
    </message>
    <message>
        <source>Breakdown cancelled; the roadmap is unchanged.</source>
        <translation>Aufteilen abgebrochen; die Roadmap ist unverändert.</translation>
    </message>
    <message>
        <source>Breaking the milestone down failed ({kind}).</source>
        <translation>Das Aufteilen des Meilensteins ist fehlgeschlagen ({kind}).</translation>
    </message>
    <message numerus="yes">
        <source>“{label}” broken down into %n sub-milestones.</source>
        <translation>
            <numerusform>„{label}“ in %n Teilschritt aufgeteilt.</numerusform>
            <numerusform>„{label}“ in %n Teilschritte aufgeteilt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Break down “{label}”</source>
        <translation>„{label}“ aufteilen</translation>
    </message>
    <message>
        <source>Roadmap cut short</source>
        <translation>Roadmap unvollständig</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>GenerationStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>{count} tokens</source>
        <translation>{count} Tokens</translation>
    </message>
</context>
<context>
    <name>GoalActions</name>
    <message>
        <source>&amp;New goal…</source>
        <translation>&amp;Neues Ziel…</translation>
    </message>
    <message>
        <source>&amp;Edit goal…</source>
        <translation>Ziel &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete goal…</source>
        <translation>Ziel &amp;löschen…</translation>
    </message>
    <message>
        <source>Created “{title}”.</source>
        <translation>„{title}“ angelegt.</translation>
    </message>
    <message>
        <source>Delete goal</source>
        <translation>Ziel löschen</translation>
    </message>
    <message>
        <source>Delete “{title}” and its roadmap?</source>
        <translation>„{title}“ und seine Roadmap löschen?</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>Mit Strg+Z können Sie das rückgängig machen.</translation>
    </message>
    <message numerus="yes">
        <source>It has %n linked todos. You can undo this with Ctrl+Z.</source>
        <translation>
            <numerusform>Es ist mit %n Aufgabe verknüpft. Mit Strg+Z können Sie das rückgängig machen.</numerusform>
            <numerusform>Es ist mit %n Aufgaben verknüpft. Mit Strg+Z können Sie das rückgängig machen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete goal, keep todos</source>
        <translation>Ziel löschen, Aufgaben behalten</translation>
    </message>
    <message>
        <source>Delete goal and todos</source>
        <translation>Ziel und Aufgaben löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>GoalCardDelegate</name>
    <message>
        <source>No target date</source>
        <translation>Kein Zieldatum</translation>
    </message>
    <message>
        <source>Target {date} · {left}</source>
        <translation>Zieldatum {date} · {left}</translation>
    </message>
</context>
<context>
    <name>GoalCommands</name>
    <message>
        <source>New goal “{title}”</source>
        <translation>Neues Ziel „{title}“</translation>
    </message>
    <message>
        <source>Edit goal “{title}”</source>
        <translation>Ziel „{title}“ bearbeiten</translation>
    </message>
    <message>
        <source>Delete goal “{title}”</source>
        <translation>Ziel „{title}“ löschen</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>Edit goal</source>
        <translation>Ziel bearbeiten</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Neues Ziel</translation>
    </message>
    <message>
        <source>What do you want to achieve?</source>
        <translation>Was möchten Sie erreichen?</translation>
    </message>
    <message>
        <source>Why it matters, what done looks like (optional)</source>
        <translation>Warum es zählt, woran Sie merken, dass es geschafft ist (optional)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation>JJJJ-MM-TT (optional)</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>Kalender…</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Target date</source>
        <translation>Zieldatum</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>GoalHeader</name>
    <message>
        <source>%p%</source>
        <translation>%p %</translation>
    </message>
    <message>
        <source>Target {date} ({left})</source>
        <translation>Zieldatum {date} ({left})</translation>
    </message>
    <message>
        <source>No target date</source>
        <translation>Kein Zieldatum</translation>
    </message>
</context>
<context>
    <name>GoalListModel</name>
    <message>
        <source>{title}, {progress} percent, {status}</source>
        <translation>{title}, {progress} Prozent, {status}</translation>
    </message>
</context>
<context>
    <name>GoalOverview</name>
    <message>
        <source>Due next</source>
        <translation>Als Nächstes fällig</translation>
    </message>
    <message>
        <source>Milestones due next</source>
        <translation>Als Nächstes fällige Meilensteine</translation>
    </message>
    <message>
        <source>Select a milestone to see and edit its details.</source>
        <translation>Wählen Sie einen Meilenstein, um seine Details zu sehen und zu bearbeiten.</translation>
    </message>
    <message>
        <source>Target {date}</source>
        <translation>Zieldatum {date}</translation>
    </message>
    <message>
        <source>No target date</source>
        <translation>Kein Zieldatum</translation>
    </message>
    <message>
        <source> · projected finish {date}</source>
        <translation> · voraussichtlich fertig am {date}</translation>
    </message>
    <message numerus="yes">
        <source>Progress {percent} · {done} of %n milestones done</source>
        <translation>
            <numerusform>Fortschritt {percent} · {done} von %n Meilenstein erledigt</numerusform>
            <numerusform>Fortschritt {percent} · {done} von %n Meilensteinen erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source>No milestones yet: add some or generate a roadmap</source>
        <translation>Noch keine Meilensteine: Fügen Sie welche hinzu oder lassen Sie eine Roadmap erstellen</translation>
    </message>
    <message numerus="yes">
        <source>Critical path: %n milestones</source>
        <translation>
            <numerusform>Kritischer Pfad: %n Meilenstein</numerusform>
            <numerusform>Kritischer Pfad: %n Meilensteine</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>late</source>
        <translation>verspätet</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source> ({flags})</source>
        <translation> ({flags})</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>GoalsPanel</name>
    <message>
        <source>Show goals</source>
        <translation>Ziele zeigen</translation>
    </message>
    <message>
        <source>All goals</source>
        <translation>Alle Ziele</translation>
    </message>
    <message>
        <source>Search goals</source>
        <translation>Ziele durchsuchen</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
</context>
<context>
    <name>LabelRename</name>
    <message>
        <source>The label was left unchanged.</source>
        <translation>Die Bezeichnung bleibt unverändert.</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Where the .qm files ship (the wheel&apos;s package data, the frozen bundle&apos;s datas). The settings key of the user&apos;s choice; empty or missing: follow the system.</extracomment>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language ({language})</source>
        <translation>Systemsprache ({language})</translation>
    </message>
    <message>
        <source>The window will speak {language} from its next start.</source>
        <translation>Ab dem nächsten Start ist das Fenster auf {language}.</translation>
    </message>
</context>
<context>
    <name>LocalApi</name>
    <message>
        <source>Local &amp;API</source>
        <translation>Lokale &amp;API</translation>
    </message>
    <message>
        <source>Serve the Goals API on this machine (127.0.0.1) while the window is open</source>
        <translation>Die Goals-API auf diesem Rechner (127.0.0.1) anbieten, solange das Fenster offen ist</translation>
    </message>
    <message>
        <source>Copy Local API &amp;token</source>
        <translation>&amp;Token der lokalen API kopieren</translation>
    </message>
    <message>
        <source>The Local API did not start: {error}</source>
        <translation>Die lokale API ist nicht gestartet: {error}</translation>
    </message>
    <message>
        <source>The Local API did not start ({kind}).</source>
        <translation>Die lokale API ist nicht gestartet ({kind}).</translation>
    </message>
    <message>
        <source>Local API on {url} (File ▸ Copy Local API token for clients).</source>
        <translation>Lokale API unter {url} (Datei ▸ Token der lokalen API kopieren, für Clients).</translation>
    </message>
    <message>
        <source>Local API stopped.</source>
        <translation>Lokale API beendet.</translation>
    </message>
    <message>
        <source>The Local API token is on the clipboard.</source>
        <translation>Der Token der lokalen API ist in der Zwischenablage.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No goals yet — press Ctrl+N to create one.</source>
        <translation>Noch keine Ziele – mit Strg+N legen Sie eins an.</translation>
    </message>
    <message>
        <source>No goals match this filter.</source>
        <translation>Keine Ziele passen zu diesem Filter.</translation>
    </message>
    <message>
        <source>Opening your goals…</source>
        <translation>Ihre Ziele werden geöffnet…</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Roadmap</source>
        <translation>Roadmap</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>&amp;Über {app}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Roadmap</source>
        <translation>&amp;Roadmap</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Edit goal</source>
        <comment>toolbar</comment>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Delete goal</source>
        <comment>toolbar</comment>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Add milestone</source>
        <comment>toolbar</comment>
        <translation>Neuer Meilenstein</translation>
    </message>
    <message>
        <source>Connect milestones</source>
        <comment>toolbar</comment>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>&amp;Goals</source>
        <translation>&amp;Ziele</translation>
    </message>
    <message>
        <source>&amp;Todos</source>
        <translation>&amp;Aufgaben</translation>
    </message>
    <message>
        <source>Regenerate roadmap</source>
        <comment>toolbar</comment>
        <translation>Neu erstellen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>{action} {step}</source>
        <translation>{action}: {step}</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>Über {app}</translation>
    </message>
    <message>
        <source>Goals with AI-drawn roadmaps, kept on your own machine.</source>
        <translation>Ziele mit von KI entworfenen Roadmaps, gespeichert auf Ihrem eigenen Rechner.</translation>
    </message>
</context>
<context>
    <name>NodeDetailsPanel</name>
    <message>
        <source>Select a milestone to see and edit its details.</source>
        <translation>Wählen Sie einen Meilenstein, um seine Details zu sehen und zu bearbeiten.</translation>
    </message>
    <message>
        <source>One step per line</source>
        <translation>Ein Schritt pro Zeile</translation>
    </message>
    <message>
        <source>e.g. 2 weeks</source>
        <translation>z. B. 2 Wochen</translation>
    </message>
    <message>
        <source>Books, links, courses — one per line</source>
        <translation>Bücher, Links, Kurse – eins pro Zeile</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Anything worth remembering</source>
        <translation>Alles, was Sie sich merken möchten</translation>
    </message>
    <message>
        <source>Steps (one per line)</source>
        <translation>Schritte (einer pro Zeile)</translation>
    </message>
    <message>
        <source>Estimated time</source>
        <translation>Geschätzte Dauer</translation>
    </message>
    <message>
        <source>Resources (one per line)</source>
        <translation>Hilfsmittel (eins pro Zeile)</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message numerus="yes">
        <source>%n milestones selected</source>
        <translation>
            <numerusform>%n Meilenstein ausgewählt</numerusform>
            <numerusform>%n Meilensteine ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>No milestone selected</source>
        <translation>Kein Meilenstein ausgewählt</translation>
    </message>
    <message>
        <source>Done: it takes no more time in the schedule.</source>
        <translation>Erledigt: Er braucht im Zeitplan keine Zeit mehr.</translation>
    </message>
    <message>
        <source>Not understood, so counted as 1 week (a guess). Try “3 days” or “2 weeks”.</source>
        <translation>Nicht verstanden, daher als 1 Woche gerechnet (geschätzt). Versuchen Sie „3 Tage“ oder „2 Wochen“.</translation>
    </message>
    <message>
        <source>Counted as {duration}.</source>
        <translation>Gerechnet als {duration}.</translation>
    </message>
    <message>
        <source>Planned: {plan}</source>
        <translation>Geplant: {plan}</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Estimated time: {estimate} (counted as {reading})</source>
        <translation>Geschätzte Dauer: {estimate} (gerechnet als {reading})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>wird erstellt…</translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation>überfällig seit {date}</translation>
    </message>
    <message>
        <source>overdue {date}</source>
        <translation>überfällig {date}</translation>
    </message>
    <message>
        <source>due {date} (late)</source>
        <translation>fällig {date} (zu spät)</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>fällig {date}</translation>
    </message>
    <message>
        <source>ongoing, ≈ 1 week?</source>
        <translation>fortlaufend, ≈ 1 Woche?</translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation>fortlaufend</translation>
    </message>
    <message>
        <source>≈ 1 week?</source>
        <translation>≈ 1 Woche?</translation>
    </message>
</context>
<context>
    <name>OfferGenerationDialog</name>
    <message>
        <source>Generate a roadmap?</source>
        <translation>Eine Roadmap erstellen?</translation>
    </message>
    <message>
        <source>Let the AI model draw a roadmap for “{title}” now?</source>
        <translation>Soll das KI-Modell jetzt eine Roadmap für „{title}“ entwerfen?</translation>
    </message>
    <message>
        <source>Optional: what you already know, how many hours a week you have…</source>
        <translation>Optional: was Sie schon können, wie viele Stunden pro Woche Sie haben…</translation>
    </message>
    <message>
        <source>e.g. I know Python; about 5 hours a week</source>
        <translation>z. B. Ich kann Python; etwa 5 Stunden pro Woche</translation>
    </message>
    <message>
        <source>Generate roadmap</source>
        <translation>Roadmap erstellen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>OpenDatabaseDialog</name>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>goals.sqlite3, or postgresql://user@host/dbname</source>
        <translation>goals.sqlite3 oder postgresql://benutzer@host/datenbank</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>A database file, or a PostgreSQL server shared by several machines:</source>
        <translation>Eine Datenbankdatei oder ein PostgreSQL-Server, den mehrere Rechner teilen:</translation>
    </message>
    <message>
        <source>Open or create a goals database</source>
        <translation>Ziele-Datenbank öffnen oder anlegen</translation>
    </message>
    <message>
        <source>Goals database (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Ziele-Datenbank (*.sqlite3 *.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Give a file or a postgresql:// URL.</source>
        <translation>Geben Sie eine Datei oder eine postgresql://-URL an.</translation>
    </message>
</context>
<context>
    <name>PaneCycle</name>
    <message>
        <source>Next pane</source>
        <translation>Nächster Bereich</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the next part of the window</source>
        <translation>Den Tastaturfokus in den nächsten Teil des Fensters setzen</translation>
    </message>
    <message>
        <source>Previous pane</source>
        <translation>Vorheriger Bereich</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the previous part of the window</source>
        <translation>Den Tastaturfokus in den vorherigen Teil des Fensters setzen</translation>
    </message>
</context>
<context>
    <name>ProviderDialog</name>
    <message>
        <source>AI provider</source>
        <translation>KI-Anbieter</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigener</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Modelle abrufen</translation>
    </message>
    <message>
        <source>sk-… (not needed for local servers)</source>
        <translation>sk-… (für lokale Server nicht nötig)</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>gespeichert – zum Ersetzen neu eingeben</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message numerus="yes">
        <source>%n models found.</source>
        <translation>
            <numerusform>%n Modell gefunden.</numerusform>
            <numerusform>%n Modelle gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a base URL and a model name first.</source>
        <translation>Geben Sie zuerst eine Basis-URL und einen Modellnamen ein.</translation>
    </message>
</context>
<context>
    <name>ReminderContext</name>
    <message>
        <source>&amp;Reminders…</source>
        <translation>E&amp;rinnerungen…</translation>
    </message>
    <message>
        <source>Show today&apos;s reminder</source>
        <translation>Die heutige Erinnerung zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n due today or overdue</source>
        <translation>
            <numerusform>%n heute fällig oder überfällig</numerusform>
            <numerusform>%n heute fällig oder überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n overdue)</source>
        <translation>
            <numerusform>(%n überfällig)</numerusform>
            <numerusform>(%n überfällig)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n goals behind schedule</source>
        <translation>
            <numerusform>%n Ziel im Verzug</numerusform>
            <numerusform>%n Ziele im Verzug</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation>Heute ist nichts fällig</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiteres</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
    <message>
        <source>Show Goals Desktop</source>
        <translation>Goals Desktop zeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>RemindersDialog</name>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Remind me of what is due and of goals falling behind</source>
        <translation>An Fälliges und an Ziele im Verzug erinnern</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window closes</source>
        <translation>Beim Schließen im Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich.</translation>
    </message>
    <message>
        <source>Every day at</source>
        <translation>Jeden Tag um</translation>
    </message>
</context>
<context>
    <name>RestoreBackupFlow</name>
    <message>
        <source>A PostgreSQL database is backed up and restored by its server (pg_dump, pg_restore), not from this window.</source>
        <translation>Eine PostgreSQL-Datenbank sichert und stellt ihr Server wieder her (pg_dump, pg_restore), nicht dieses Fenster.</translation>
    </message>
    <message>
        <source>There are no backups of this database yet.</source>
        <translation>Von dieser Datenbank gibt es noch keine Sicherungen.</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replace the current data with this backup (the current data is kept as a backup first):</source>
        <translation>Die aktuellen Daten durch diese Sicherung ersetzen (die aktuellen Daten werden vorher selbst gesichert):</translation>
    </message>
    <message>
        <source>Restored the backup from {time} UTC.</source>
        <translation>Die Sicherung vom {time} UTC ist wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>RoadmapCommands</name>
    <message>
        <source>Add milestone “{label}”</source>
        <translation>Meilenstein „{label}“ hinzufügen</translation>
    </message>
    <message>
        <source>Connect milestones</source>
        <translation>Meilensteine verbinden</translation>
    </message>
    <message>
        <source>Set due date of “{label}” to {date}</source>
        <translation>Fälligkeitsdatum von „{label}“ auf {date} setzen</translation>
    </message>
    <message>
        <source>Clear due date of “{label}”</source>
        <translation>Fälligkeitsdatum von „{label}“ entfernen</translation>
    </message>
</context>
<context>
    <name>RoadmapEditor</name>
    <message>
        <source>Add a milestone or generate a roadmap</source>
        <translation>Fügen Sie einen Meilenstein hinzu oder lassen Sie eine Roadmap erstellen</translation>
    </message>
    <message>
        <source>Select or create a goal to see its roadmap</source>
        <translation>Wählen Sie ein Ziel oder legen Sie eins an, um seine Roadmap zu sehen</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>estimated time</source>
        <translation>geschätzte Dauer</translation>
    </message>
    <message>
        <source>resources</source>
        <translation>Hilfsmittel</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Add milestone</source>
        <translation>Meilenstein hinzufügen</translation>
    </message>
    <message>
        <source>Add a milestone at the centre of the canvas</source>
        <translation>Einen Meilenstein in der Mitte der Roadmap hinzufügen</translation>
    </message>
    <message>
        <source>Rename milestone</source>
        <translation>Meilenstein umbenennen</translation>
    </message>
    <message>
        <source>Delete selection</source>
        <translation>Auswahl löschen</translation>
    </message>
    <message>
        <source>Connect milestones</source>
        <translation>Meilensteine verbinden</translation>
    </message>
    <message>
        <source>Make the second selected milestone depend on the first</source>
        <translation>Den zweiten ausgewählten Meilenstein vom ersten abhängig machen</translation>
    </message>
    <message>
        <source>Check off / reopen</source>
        <translation>Abhaken / wieder öffnen</translation>
    </message>
    <message>
        <source>Tidy layout</source>
        <translation>Aufräumen</translation>
    </message>
    <message>
        <source>Fit to view</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Auf Auswahl zoomen</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Critical path</source>
        <translation>Kritischer Pfad</translation>
    </message>
    <message>
        <source>Highlight the milestones that decide when the goal is done</source>
        <translation>Die Meilensteine hervorheben, die bestimmen, wann das Ziel erreicht ist</translation>
    </message>
    <message>
        <source>New milestone</source>
        <translation>Neuer Meilenstein</translation>
    </message>
    <message>
        <source>Select a goal first.</source>
        <translation>Wählen Sie zuerst ein Ziel.</translation>
    </message>
    <message>
        <source>Select exactly two milestones to connect them.</source>
        <translation>Wählen Sie genau zwei Meilensteine, um sie zu verbinden.</translation>
    </message>
    <message>
        <source>The layout is already tidy.</source>
        <translation>Die Anordnung ist schon aufgeräumt.</translation>
    </message>
    <message>
        <source>Edit {field} of “{label}”</source>
        <translation>{field} von „{label}“ bearbeiten</translation>
    </message>
    <message>
        <source>Rename “{old}” to “{new}”</source>
        <translation>„{old}“ in „{new}“ umbenennen</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <source>Add milestone here</source>
        <translation>Meilenstein hier hinzufügen</translation>
    </message>
    <message>
        <source>Generating roadmap…</source>
        <translation>Roadmap wird erstellt…</translation>
    </message>
</context>
<context>
    <name>SpokenCounts</name>
    <message>
        <source>about a year</source>
        <translation>etwa ein Jahr</translation>
    </message>
    <message numerus="yes">
        <source>about %n years</source>
        <translation>
            <numerusform>etwa %n Jahr</numerusform>
            <numerusform>etwa %n Jahre</numerusform>
        </translation>
    </message>
    <message>
        <source>about a month</source>
        <translation>etwa ein Monat</translation>
    </message>
    <message numerus="yes">
        <source>about %n months</source>
        <translation>
            <numerusform>etwa %n Monat</numerusform>
            <numerusform>etwa %n Monate</numerusform>
        </translation>
    </message>
    <message>
        <source>about a week</source>
        <translation>etwa eine Woche</translation>
    </message>
    <message numerus="yes">
        <source>about %n weeks</source>
        <translation>
            <numerusform>etwa %n Woche</numerusform>
            <numerusform>etwa %n Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>about a day</source>
        <translation>etwa ein Tag</translation>
    </message>
    <message numerus="yes">
        <source>about %n days</source>
        <translation>
            <numerusform>etwa %n Tag</numerusform>
            <numerusform>etwa %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>a day late</source>
        <translation>einen Tag zu spät</translation>
    </message>
    <message numerus="yes">
        <source>%n days late</source>
        <translation>
            <numerusform>%n Tag zu spät</numerusform>
            <numerusform>%n Tage zu spät</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Aufgegeben</translation>
    </message>
</context>
<context>
    <name>StorageUi</name>
    <message>
        <source>Restore from backup…</source>
        <translation>Aus Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <source>Open another database…</source>
        <translation>Andere Datenbank öffnen…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Update Goals Desktop</source>
        <translation>Goals Desktop aktualisieren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Todos</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Drag the right end to set its due date.</source>
        <translation>Ziehen Sie das rechte Ende, um das Fälligkeitsdatum festzulegen.</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>fällig {date}</translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation>überfällig seit {date}</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>due {date} (set)</source>
        <translation>fällig {date} (festgelegt)</translation>
    </message>
    <message>
        <source>{days} d late</source>
        <translation>{days} T. zu spät</translation>
    </message>
    <message>
        <source>due {date} (done)</source>
        <translation>fällig {date} (erledigt)</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>Select a goal to see its timeline</source>
        <translation>Wählen Sie ein Ziel, um seine Zeitleiste zu sehen</translation>
    </message>
    <message>
        <source>No milestones yet: add some on the Roadmap tab or generate a roadmap</source>
        <translation>Noch keine Meilensteine: Fügen Sie im Reiter „Roadmap“ welche hinzu oder lassen Sie eine Roadmap erstellen</translation>
    </message>
    <message>
        <source>Show on canvas</source>
        <translation>Auf der Roadmap zeigen</translation>
    </message>
    <message>
        <source>Clear the due date (use the planned date)</source>
        <translation>Fälligkeitsdatum entfernen (geplantes Datum verwenden)</translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation>Meilenstein</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Target {date}</source>
        <translation>Zieldatum {date}</translation>
    </message>
    <message>
        <source>Finish {date}</source>
        <translation>Fertig {date}</translation>
    </message>
</context>
<context>
    <name>TimelineAccessibility</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Milestones against days: Up and Down walk them, Space checks one off, + and - move its due date a day</source>
        <translation>Meilensteine über die Tage: Hoch und Runter gehen sie durch, Leertaste hakt einen ab, + und - verschieben sein Fälligkeitsdatum um einen Tag</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Check off</source>
        <translation>Abhaken</translation>
    </message>
    <message>
        <source>Check the milestone off, or reopen it</source>
        <translation>Den Meilenstein abhaken oder wieder öffnen</translation>
    </message>
    <message>
        <source>One day later</source>
        <translation>Einen Tag später</translation>
    </message>
    <message>
        <source>Move its due date one day later</source>
        <translation>Sein Fälligkeitsdatum einen Tag später setzen</translation>
    </message>
    <message>
        <source>One day earlier</source>
        <translation>Einen Tag früher</translation>
    </message>
    <message>
        <source>Move its due date one day earlier</source>
        <translation>Sein Fälligkeitsdatum einen Tag früher setzen</translation>
    </message>
    <message>
        <source>Focus</source>
        <translation>Fokus</translation>
    </message>
    <message>
        <source>Put the keyboard focus on the milestone</source>
        <translation>Den Tastaturfokus auf den Meilenstein setzen</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Solid: the work · light: room to spare · hatched: past its due date · purple: critical path · ▼ a date you set · drag a bar&apos;s right end to set its due date</source>
        <translation>Voll: die Arbeit · hell: Puffer · schraffiert: über das Fälligkeitsdatum hinaus · lila: kritischer Pfad · ▼ ein festgelegtes Datum · rechtes Balkenende ziehen, um das Fälligkeitsdatum festzulegen</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>Verkleinern (Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>Vergrößern (Strg+Mausrad)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Show the whole plan</source>
        <translation>Den ganzen Plan zeigen</translation>
    </message>
    <message>
        <source>Fit the whole plan</source>
        <translation>Den ganzen Plan einpassen</translation>
    </message>
</context>
<context>
    <name>TodoCommands</name>
    <message>
        <source>New todo “{title}”</source>
        <translation>Neue Aufgabe „{title}“</translation>
    </message>
    <message>
        <source>Delete todo “{title}”</source>
        <translation>Aufgabe „{title}“ löschen</translation>
    </message>
    <message>
        <source>Check off todo “{title}”</source>
        <translation>Aufgabe „{title}“ abhaken</translation>
    </message>
    <message>
        <source>Reopen todo “{title}”</source>
        <translation>Aufgabe „{title}“ wieder öffnen</translation>
    </message>
    <message>
        <source>Check off “{title}”</source>
        <translation>„{title}“ abhaken</translation>
    </message>
    <message>
        <source>Reopen “{title}”</source>
        <translation>„{title}“ wieder öffnen</translation>
    </message>
    <message>
        <source>Rename “{old}” to “{new}”</source>
        <translation>„{old}“ in „{new}“ umbenennen</translation>
    </message>
    <message>
        <source>Add subtask “{title}”</source>
        <translation>Teilaufgabe „{title}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit due date and notes of todo “{title}”</source>
        <translation>Fälligkeitsdatum und Notizen der Aufgabe „{title}“ bearbeiten</translation>
    </message>
    <message>
        <source>Edit notes of todo “{title}”</source>
        <translation>Notizen der Aufgabe „{title}“ bearbeiten</translation>
    </message>
    <message>
        <source>Edit due date of todo “{title}”</source>
        <translation>Fälligkeitsdatum der Aufgabe „{title}“ bearbeiten</translation>
    </message>
</context>
<context>
    <name>TodoConversions</name>
    <message>
        <source>Make a todo from this milestone</source>
        <translation>Aufgabe aus diesem Meilenstein machen</translation>
    </message>
    <message>
        <source>Send roadmap to todos</source>
        <translation>Roadmap in Aufgaben übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>Made todo “{title}” from {what} (%n subtasks).</source>
        <translation>
            <numerusform>Aufgabe „{title}“ aus {what} gemacht (%n Teilaufgabe).</numerusform>
            <numerusform>Aufgabe „{title}“ aus {what} gemacht (%n Teilaufgaben).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated todo “{title}” from {what} (%n subtasks).</source>
        <translation>
            <numerusform>Aufgabe „{title}“ aus {what} aktualisiert (%n Teilaufgabe).</numerusform>
            <numerusform>Aufgabe „{title}“ aus {what} aktualisiert (%n Teilaufgaben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Make a todo from “{label}”</source>
        <translation>Aufgabe aus „{label}“ machen</translation>
    </message>
    <message>
        <source>the milestone</source>
        <translation>dem Meilenstein</translation>
    </message>
    <message>
        <source>Select one milestone to make a todo from it.</source>
        <translation>Wählen Sie einen Meilenstein, um daraus eine Aufgabe zu machen.</translation>
    </message>
    <message>
        <source>Select a goal first.</source>
        <translation>Wählen Sie zuerst ein Ziel.</translation>
    </message>
    <message>
        <source>the roadmap</source>
        <translation>der Roadmap</translation>
    </message>
</context>
<context>
    <name>TodoDetails</name>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Details of “{title}”</source>
        <translation>Details zu „{title}“</translation>
    </message>
    <message>
        <source>Select a todo to edit its due date and notes</source>
        <translation>Wählen Sie eine Aufgabe, um Fälligkeitsdatum und Notizen zu bearbeiten</translation>
    </message>
</context>
<context>
    <name>TodosPanel</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>New todo…</source>
        <translation>Neue Aufgabe…</translation>
    </message>
    <message>
        <source>New todo</source>
        <translation>Neue Aufgabe</translation>
    </message>
    <message>
        <source>Show todos</source>
        <translation>Aufgaben zeigen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Goal · milestone</source>
        <translation>Ziel · Meilenstein</translation>
    </message>
    <message>
        <source>Add subtask</source>
        <translation>Teilaufgabe hinzufügen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete todo</source>
        <translation>Aufgabe löschen</translation>
    </message>
    <message>
        <source>Check off / reopen</source>
        <translation>Abhaken / wieder öffnen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <source>No todos for this goal yet. Type one above and press Enter, or right-click a milestone on the canvas: “Make a todo from this milestone” or “Send roadmap to todos”.</source>
        <translation>Noch keine Aufgaben für dieses Ziel. Tippen Sie oben eine ein und drücken Sie die Eingabetaste, oder klicken Sie mit der rechten Maustaste auf einen Meilenstein der Roadmap: „Aufgabe aus diesem Meilenstein machen“ oder „Roadmap in Aufgaben übernehmen“.</translation>
    </message>
    <message>
        <source>No todos yet. Type one above and press Enter, or right-click a milestone on the canvas: “Make a todo from this milestone” or “Send roadmap to todos”.</source>
        <translation>Noch keine Aufgaben. Tippen Sie oben eine ein und drücken Sie die Eingabetaste, oder klicken Sie mit der rechten Maustaste auf einen Meilenstein der Roadmap: „Aufgabe aus diesem Meilenstein machen“ oder „Roadmap in Aufgaben übernehmen“.</translation>
    </message>
    <message>
        <source>No done todos. Choose Show ▸ All to see every todo.</source>
        <translation>Keine erledigten Aufgaben. Wählen Sie Zeigen ▸ Alle, um jede Aufgabe zu sehen.</translation>
    </message>
    <message>
        <source>No open todos. Choose Show ▸ All to see every todo.</source>
        <translation>Keine offenen Aufgaben. Wählen Sie Zeigen ▸ Alle, um jede Aufgabe zu sehen.</translation>
    </message>
    <message>
        <source>Kept, but no longer linked: {links}.</source>
        <translation>Behalten, aber nicht mehr verknüpft: {links}.</translation>
    </message>
    <message>
        <source>Overdue {date}</source>
        <translation>Überfällig {date}</translation>
    </message>
    <message>
        <source>Was due {date}</source>
        <translation>War fällig am {date}</translation>
    </message>
    <message>
        <source>Click to show this milestone on the canvas</source>
        <translation>Klicken, um diesen Meilenstein auf der Roadmap zu zeigen</translation>
    </message>
    <message>
        <source>Click to show this goal</source>
        <translation>Klicken, um dieses Ziel zu zeigen</translation>
    </message>
    <message>
        <source>New subtask</source>
        <translation>Neue Teilaufgabe</translation>
    </message>
    <message>
        <source>Select a todo to add a subtask to it.</source>
        <translation>Wählen Sie eine Aufgabe, um ihr eine Teilaufgabe hinzuzufügen.</translation>
    </message>
    <message>
        <source>Delete works on whole todos; select the todo itself.</source>
        <translation>Löschen gilt für ganze Aufgaben; wählen Sie die Aufgabe selbst.</translation>
    </message>
</context>
<context>
    <name>WindowHost</name>
    <message>
        <source>(The current database stays open.)</source>
        <translation>(Die aktuelle Datenbank bleibt geöffnet.)</translation>
    </message>
    <message>
        <source>Opened {location}.</source>
        <translation>{location} geöffnet.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>d MMM</source>
        <comment>short date in this year; German: d. MMM</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>short date; German: d. MMM yyyy</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <comment>date format (QDate::toString); German: dd.MM.yyyy</comment>
        <translation>dd.MM.yyyy</translation>
    </message>
    <message>
        <source>{number}%</source>
        <translation>{number} %</translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n years</source>
        <translation>
            <numerusform>%n Jahr</numerusform>
            <numerusform>%n Jahre</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n months</source>
        <translation>
            <numerusform>%n Monat</numerusform>
            <numerusform>%n Monate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n weeks</source>
        <translation>
            <numerusform>%n Woche</numerusform>
            <numerusform>%n Wochen</numerusform>
        </translation>
    </message>
    <message>
        <source>ongoing (counted as {span})</source>
        <translation>fortlaufend (gerechnet als {span})</translation>
    </message>
    <message>
        <source>{span} (a guess)</source>
        <translation>{span} (geschätzt)</translation>
    </message>
    <message numerus="yes">
        <source>%n days behind</source>
        <translation>
            <numerusform>%n Tag im Verzug</numerusform>
            <numerusform>%n Tage im Verzug</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days to spare</source>
        <translation>
            <numerusform>%n Tag Puffer</numerusform>
            <numerusform>%n Tage Puffer</numerusform>
        </translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>No roadmap yet</source>
        <translation>Noch keine Roadmap</translation>
    </message>
    <message>
        <source>{signal} · finish {date}</source>
        <translation>{signal} · fertig am {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n days left</source>
        <translation>
            <numerusform>noch %n Tag</numerusform>
            <numerusform>noch %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>heute fällig</translation>
    </message>
    <message numerus="yes">
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n Tag überfällig</numerusform>
            <numerusform>%n Tage überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>Move milestone</source>
        <translation>Meilenstein verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Move %n milestones</source>
        <translation>
            <numerusform>%n Meilenstein verschieben</numerusform>
            <numerusform>%n Meilensteine verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Check off “{label}”</source>
        <translation>„{label}“ abhaken</translation>
    </message>
    <message>
        <source>Reopen “{label}”</source>
        <translation>„{label}“ wieder öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Check off %n milestones</source>
        <translation>
            <numerusform>%n Meilenstein abhaken</numerusform>
            <numerusform>%n Meilensteine abhaken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n milestones</source>
        <translation>
            <numerusform>%n Meilenstein wieder öffnen</numerusform>
            <numerusform>%n Meilensteine wieder öffnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete milestone</source>
        <translation>Meilenstein löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n milestones</source>
        <translation>
            <numerusform>%n Meilenstein löschen</numerusform>
            <numerusform>%n Meilensteine löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete {milestones} milestone(s) and {links} link(s)</source>
        <translation>{milestones} Meilenstein(e) und {links} Verbindung(en) löschen</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n links</source>
        <translation>
            <numerusform>%n Verbindung entfernen</numerusform>
            <numerusform>%n Verbindungen entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n milestones done</source>
        <translation>
            <numerusform>{done} von %n Meilenstein erledigt</numerusform>
            <numerusform>{done} von %n Meilensteinen erledigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep the %n milestones received so far?</source>
        <translation>
            <numerusform>Den bisher empfangenen %n Meilenstein behalten?</numerusform>
            <numerusform>Die bisher empfangenen %n Meilensteine behalten?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received %n milestones…</source>
        <translation>
            <numerusform>%n Meilenstein empfangen…</numerusform>
            <numerusform>%n Meilensteine empfangen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate limited; retrying in {delay} s...</source>
        <translation>Anfragelimit erreicht; neuer Versuch in {delay} s…</translation>
    </message>
    <message numerus="yes">
        <source>Connected to {url} (%n models available).</source>
        <translation>
            <numerusform>Verbunden mit {url} (%n Modell verfügbar).</numerusform>
            <numerusform>Verbunden mit {url} (%n Modelle verfügbar).</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected, but the server has no model named {model}.</source>
        <translation>Verbunden, aber der Server hat kein Modell namens {model}.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>{start} → due {due} (fixed)</source>
        <translation>{start} → fällig {due} (festgelegt)</translation>
    </message>
    <message>
        <source>{start} → due {due}</source>
        <translation>{start} → fällig {due}</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message numerus="yes">
        <source>%n days late</source>
        <translation>
            <numerusform>%n Tag zu spät</numerusform>
            <numerusform>%n Tage zu spät</numerusform>
        </translation>
    </message>
    <message>
        <source>estimate guessed as 1 week</source>
        <translation>Dauer geschätzt als 1 Woche</translation>
    </message>
</context>
</TS>
