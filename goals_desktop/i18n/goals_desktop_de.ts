<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CoreSentences</name>
    <message>
        <source>The API key is stored in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available, so the API key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a provider or enter a base URL first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>{app} hit an unexpected problem. Your saved data is safe; details were written to {log}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportImage</name>
    <message>
        <source>Progress {percent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalCardDelegate</name>
    <message>
        <source>No target date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target {date} · {left}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>Edit goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What do you want to achieve?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it matters, what done looks like (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalListModel</name>
    <message>
        <source>{title}, {progress} percent, {status}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalOverview</name>
    <message>
        <source>Due next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a milestone to see and edit its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No target date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · projected finish {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Progress {percent} · {done} of %n milestones done</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No milestones yet: add some or generate a roadmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Critical path: %n milestones</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({flags})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeDetailsPanel</name>
    <message>
        <source>Select a milestone to see and edit its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One step per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Books, links, courses — one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything worth remembering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources (one per line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n milestones selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No milestone selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: it takes no more time in the schedule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not understood, so counted as 1 week (a guess). Try “3 days” or “2 weeks”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted as {duration}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned: {plan}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>Estimated time: {estimate} (counted as {reading})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date} (late)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ongoing, ≈ 1 week?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ 1 week?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderDialog</name>
    <message>
        <source>AI provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sk-… (not needed for local servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n models found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Enter a base URL and a model name first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Todos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag the right end to set its due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue since {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date} (set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} d late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date} (done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a goal to see its timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No milestones yet: add some on the Roadmap tab or generate a roadmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show on canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the due date (use the planned date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>d MMM</source>
        <comment>short date in this year; German: d. MMM</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>short date; German: d. MMM yyyy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <comment>date format (QDate::toString); German: dd.MM.yyyy</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n years</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n months</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n weeks</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>ongoing (counted as {span})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{span} (a guess)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days behind</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days to spare</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>On track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No roadmap yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{signal} · finish {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n milestones done</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected to {url} (%n models available).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Connected, but the server has no model named {model}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} → due {due} (fixed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} → due {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days late</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>estimate guessed as 1 week</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
