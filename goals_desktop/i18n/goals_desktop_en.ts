<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ExchangeActions</name>
    <message numerus="yes">
        <source>Imported “{title}”{source}: %n milestones.</source>
        <translation>
            <numerusform>Imported “{title}”{source}: %n milestone.</numerusform>
            <numerusform>Imported “{title}”{source}: %n milestones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n goals{source}.</source>
        <translation>
            <numerusform>Imported %n goal{source}.</numerusform>
            <numerusform>Imported %n goals{source}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message numerus="yes">
        <source>Roadmap generated: %n milestones.</source>
        <translation>
            <numerusform>Roadmap generated: %n milestone.</numerusform>
            <numerusform>Roadmap generated: %n milestones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Breaking down “{label}”: %n sub-milestones so far...</source>
        <translation>
            <numerusform>Breaking down “{label}”: %n sub-milestone so far...</numerusform>
            <numerusform>Breaking down “{label}”: %n sub-milestones so far...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{label}” broken down into %n sub-milestones.</source>
        <translation>
            <numerusform>“{label}” broken down into %n sub-milestone.</numerusform>
            <numerusform>“{label}” broken down into %n sub-milestones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoalActions</name>
    <message numerus="yes">
        <source>It has %n linked todos. You can undo this with Ctrl+Z.</source>
        <translation>
            <numerusform>It has %n linked todo. You can undo this with Ctrl+Z.</numerusform>
            <numerusform>It has %n linked todos. You can undo this with Ctrl+Z.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoalOverview</name>
    <message numerus="yes">
        <source>Progress {percent} · {done} of %n milestones done</source>
        <translation>
            <numerusform>Progress {percent} · {done} of %n milestone done</numerusform>
            <numerusform>Progress {percent} · {done} of %n milestones done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Critical path: %n milestones</source>
        <translation>
            <numerusform>Critical path: %n milestone</numerusform>
            <numerusform>Critical path: %n milestones</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeDetailsPanel</name>
    <message numerus="yes">
        <source>%n milestones selected</source>
        <translation>
            <numerusform>%n milestone selected</numerusform>
            <numerusform>%n milestones selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProviderDialog</name>
    <message numerus="yes">
        <source>%n models found.</source>
        <translation>
            <numerusform>%n model found.</numerusform>
            <numerusform>%n models found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderContext</name>
    <message numerus="yes">
        <source>%n due today or overdue</source>
        <translation>
            <numerusform>%n due today or overdue</numerusform>
            <numerusform>%n due today or overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n overdue)</source>
        <translation>
            <numerusform>(%n overdue)</numerusform>
            <numerusform>(%n overdue)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n goals behind schedule</source>
        <translation>
            <numerusform>%n goal behind schedule</numerusform>
            <numerusform>%n goals behind schedule</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpokenCounts</name>
    <message numerus="yes">
        <source>about %n years</source>
        <translation>
            <numerusform>about %n year</numerusform>
            <numerusform>about %n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n months</source>
        <translation>
            <numerusform>about %n month</numerusform>
            <numerusform>about %n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n weeks</source>
        <translation>
            <numerusform>about %n week</numerusform>
            <numerusform>about %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n days</source>
        <translation>
            <numerusform>about %n day</numerusform>
            <numerusform>about %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days late</source>
        <translation>
            <numerusform>%n day late</numerusform>
            <numerusform>%n days late</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoConversions</name>
    <message numerus="yes">
        <source>Made todo “{title}” from {what} (%n subtasks).</source>
        <translation>
            <numerusform>Made todo “{title}” from {what} (%n subtask).</numerusform>
            <numerusform>Made todo “{title}” from {what} (%n subtasks).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated todo “{title}” from {what} (%n subtasks).</source>
        <translation>
            <numerusform>Updated todo “{title}” from {what} (%n subtask).</numerusform>
            <numerusform>Updated todo “{title}” from {what} (%n subtasks).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n years</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n months</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n weeks</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days behind</source>
        <translation>
            <numerusform>%n day behind</numerusform>
            <numerusform>%n days behind</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days to spare</source>
        <translation>
            <numerusform>%n day to spare</numerusform>
            <numerusform>%n days to spare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n milestones</source>
        <translation>
            <numerusform>Move %n milestone</numerusform>
            <numerusform>Move %n milestones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Check off %n milestones</source>
        <translation>
            <numerusform>Check off %n milestone</numerusform>
            <numerusform>Check off %n milestones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n milestones</source>
        <translation>
            <numerusform>Reopen %n milestone</numerusform>
            <numerusform>Reopen %n milestones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n milestones</source>
        <translation>
            <numerusform>Delete %n milestone</numerusform>
            <numerusform>Delete %n milestones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n links</source>
        <translation>
            <numerusform>Remove %n link</numerusform>
            <numerusform>Remove %n links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n milestones done</source>
        <translation>
            <numerusform>{done} of %n milestone done</numerusform>
            <numerusform>{done} of %n milestones done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep the %n milestones received so far?</source>
        <translation>
            <numerusform>Keep the %n milestone received so far?</numerusform>
            <numerusform>Keep the %n milestones received so far?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received %n milestones…</source>
        <translation>
            <numerusform>Received %n milestone…</numerusform>
            <numerusform>Received %n milestones…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected to {url} (%n models available).</source>
        <translation>
            <numerusform>Connected to {url} (%n model available).</numerusform>
            <numerusform>Connected to {url} (%n models available).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days late</source>
        <translation>
            <numerusform>%n day late</numerusform>
            <numerusform>%n days late</numerusform>
        </translation>
    </message>
</context>
</TS>
