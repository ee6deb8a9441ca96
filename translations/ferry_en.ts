<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DownloadQuestions</name>
    <message numerus="yes">
        <source>Remove %n download(s) from the list?</source>
        <translation>
            <numerusform>Remove %n download from the list?</numerusform>
            <numerusform>Remove %n downloads from the list?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also delete the partial files of %n unfinished download(s)</source>
        <translation>
            <numerusform>Also delete the partial file of %n unfinished download</numerusform>
            <numerusform>Also delete the partial files of %n unfinished downloads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop %n download(s) and delete what was downloaded?</source>
        <translation>
            <numerusform>Stop %n download and delete what was downloaded?</numerusform>
            <numerusform>Stop %n downloads and delete what was downloaded?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) cannot be resumed: the server does not support it.</source>
        <translation>
            <numerusform>%n download cannot be resumed: its server does not support it.</numerusform>
            <numerusform>%n downloads cannot be resumed: their servers do not support it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) still running. Quit anyway?</source>
        <translation>
            <numerusform>%n download is still running. Quit anyway?</numerusform>
            <numerusform>%n downloads are still running. Quit anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GetCommand</name>
    <message numerus="yes">
        <source>%n files</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message numerus="yes">
        <source>Sharing %n folder(s). Open this address in a browser:</source>
        <translation>
            <numerusform>Sharing %n folder. Open this address in a browser:</numerusform>
            <numerusform>Sharing %n folders. Open this address in a browser:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionStore</name>
    <message numerus="yes">
        <source>%n download(s) in the list %1 could not be read and were left out (%2). The file as it was is kept as %3.</source>
        <translation>
            <numerusform>%n download in the list %1 could not be read and was left out (%2). The file as it was is kept as %3.</numerusform>
            <numerusform>%n downloads in the list %1 could not be read and were left out (%2). The file as it was is kept as %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::AddDownloadsDialog</name>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These lines are not http or https URLs and will not be added:</source>
        <translation>
            <numerusform>This line is not an http or https URL and will not be added:</numerusform>
            <numerusform>These lines are not http or https URLs and will not be added:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n Downloads</source>
        <translation>
            <numerusform>Add %n Download</numerusform>
            <numerusform>Add %n Downloads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::ClipboardOffer</name>
    <message numerus="yes">
        <source>Copied %n link(s) to files. Download them?</source>
        <translation>
            <numerusform>Copied %n link to a file. Download it?</numerusform>
            <numerusform>Copied %n links to files. Download them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::DetailsPanel</name>
    <message numerus="yes">
        <source>, %n waiting to retry</source>
        <translation>
            <numerusform>, %n waiting to retry</numerusform>
            <numerusform>, %n waiting to retry</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; restarted from zero %n time(s)</source>
        <translation>
            <numerusform>; restarted from zero %n time</numerusform>
            <numerusform>; restarted from zero %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) receiving</source>
        <translation>
            <numerusform>%n connection receiving</numerusform>
            <numerusform>%n connections receiving</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::Download</name>
    <message numerus="yes">
        <source>%1 served %n connection(s) at once and refused more: starting with %2</source>
        <translation>
            <numerusform>%1 served %n connection at once and refused more: starting with %2</numerusform>
            <numerusform>%1 served %n connections at once and refused more: starting with %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connection %1: %2; %3 serves %n connection(s) at once: retired</source>
        <translation>
            <numerusform>Connection %1: %2; %3 serves %n connection at once: retired</numerusform>
            <numerusform>Connection %1: %2; %3 serves %n connections at once: retired</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::DownloadListModel</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::EditDownloadsDialog</name>
    <message numerus="yes">
        <source>Edit %n Download(s)</source>
        <translation>
            <numerusform>Edit %n Download</numerusform>
            <numerusform>Edit %n Downloads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::MainWindow</name>
    <message numerus="yes">
        <source>Retrying %n download(s)…</source>
        <translation>
            <numerusform>Retrying %n download…</numerusform>
            <numerusform>Retrying %n downloads…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n download(s) from the list.</source>
        <translation>
            <numerusform>Removed %n download from the list.</numerusform>
            <numerusform>Removed %n downloads from the list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::PowerNotice</name>
    <message numerus="yes">
        <source>All downloads are done. The computer suspends in %n second(s).</source>
        <translation>
            <numerusform>All downloads are done. The computer suspends in %n second.</numerusform>
            <numerusform>All downloads are done. The computer suspends in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All downloads are done. The computer shuts down in %n second(s).</source>
        <translation>
            <numerusform>All downloads are done. The computer shuts down in %n second.</numerusform>
            <numerusform>All downloads are done. The computer shuts down in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::SchedulerControl</name>
    <message numerus="yes">
        <source>Scheduled start: resumed %n download(s).</source>
        <translation>
            <numerusform>Scheduled start: resumed %n download.</numerusform>
            <numerusform>Scheduled start: resumed %n downloads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scheduled stop: paused %n download(s).</source>
        <translation>
            <numerusform>Scheduled stop: paused %n download.</numerusform>
            <numerusform>Scheduled stop: paused %n downloads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cannot resume and keep(s) going.</source>
        <translation>
            <numerusform>%n cannot resume and keeps going.</numerusform>
            <numerusform>%n cannot resume and keep going.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::SegmentBar</name>
    <message numerus="yes">
        <source>%1 of %2 on disk, %n connection(s) working</source>
        <translation>
            <numerusform>%1 of %2 on disk, %n connection working</numerusform>
            <numerusform>%1 of %2 on disk, %n connections working</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::SharingPanel</name>
    <message numerus="yes">
        <source>Sharing %n folder(s) on port %1. Anyone with the link can read them.</source>
        <translation>
            <numerusform>Sharing %n folder on port %1. Anyone with the link can read it.</numerusform>
            <numerusform>Sharing %n folders on port %1. Anyone with the link can read them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::SpeedGraph</name>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>Last %n minute</numerusform>
            <numerusform>Last %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::StatusSummary</name>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n downloading</numerusform>
            <numerusform>%n downloading</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed</source>
        <translation>
            <numerusform>%n completed</numerusform>
            <numerusform>%n completed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::TrayIcon</name>
    <message numerus="yes">
        <source>%n downloading</source>
        <translation>
            <numerusform>%n downloading</numerusform>
            <numerusform>%n downloading</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n paused</numerusform>
            <numerusform>%n paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed</source>
        <translation>
            <numerusform>%n completed</numerusform>
            <numerusform>%n completed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloads finished</source>
        <translation>
            <numerusform>%n download finished</numerusform>
            <numerusform>%n downloads finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloads failed</source>
        <translation>
            <numerusform>%n download failed</numerusform>
            <numerusform>%n downloads failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::UrlIntake</name>
    <message numerus="yes">
        <source>Skipped %n download(s) that exist already.</source>
        <translation>
            <numerusform>Skipped %n download that exists already.</numerusform>
            <numerusform>Skipped %n downloads that exist already.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n download(s).</source>
        <translation>
            <numerusform>Added %n download.</numerusform>
            <numerusform>Added %n downloads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) exist already.</source>
        <translation>
            <numerusform>%n download exists already.</numerusform>
            <numerusform>%n downloads exist already.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n line(s) that are not http or https URLs: %1</source>
        <translation>
            <numerusform>Skipped %n line that is not an http or https URL: %1</numerusform>
            <numerusform>Skipped %n lines that are not http or https URLs: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ferry::WindowDialogs</name>
    <message numerus="yes">
        <source>Moving %n download(s)…</source>
        <translation>
            <numerusform>Moving %n download…</numerusform>
            <numerusform>Moving %n downloads…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n download(s).</source>
        <translation>
            <numerusform>Moved %n download.</numerusform>
            <numerusform>Moved %n downloads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) could not be moved; their files stay where they were:</source>
        <translation>
            <numerusform>%n download could not be moved; its files stay where they were:</numerusform>
            <numerusform>%n downloads could not be moved; their files stay where they were:</numerusform>
        </translation>
    </message>
</context>
</TS>
