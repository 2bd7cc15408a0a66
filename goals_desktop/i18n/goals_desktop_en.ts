<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
    <name>MainWindow</name>
    <message numerus="yes">
        <source>It has %n linked todos. You can undo this with Ctrl+Z.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <name>RoadmapEditor</name>
    <message numerus="yes">
        <source>Check off %n milestones</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n milestones</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoConversions</name>
    <message numerus="yes">
        <source>Made todo “{title}” from {what} (%n subtasks).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated todo “{title}” from {what} (%n subtasks).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n milestones</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n links</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
