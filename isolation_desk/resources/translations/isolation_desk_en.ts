<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertDialog</name>
    <message numerus="yes">
        <source>Same floor: %n other person(s) to watch</source>
        <translation><numerusform>Same floor: %n other person to watch</numerusform><numerusform>Same floor: %n other people to watch</numerusform></translation>
    </message>
</context>
<context>
    <name>ApplyPolicyDialog</name>
    <message numerus="yes">
        <source>%n occupant(s) of this category would change:</source>
        <translation><numerusform>%n occupant of this category would change:</numerusform><numerusform>%n occupants of this category would change:</numerusform></translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message numerus="yes">
        <source>Showing the newest %n entries: narrow the filter to see older ones.</source>
        <translation><numerusform>Showing the newest %n entries: narrow the filter to see older ones.</numerusform><numerusform>Showing the newest %n entries: narrow the filter to see older ones.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation><numerusform>%n entries</numerusform><numerusform>%n entries</numerusform></translation>
    </message>
</context>
<context>
    <name>BulkCheckInDialog</name>
    <message numerus="yes">
        <source>%n person(s) checked in.</source>
        <translation><numerusform>%n person checked in.</numerusform><numerusform>%n people checked in.</numerusform></translation>
    </message>
</context>
<context>
    <name>BulkResultsDialog</name>
    <message numerus="yes">
        <source>%1 (%n sample(s))</source>
        <translation><numerusform>%1 (%n sample)</numerusform><numerusform>%1 (%n samples)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>This records %n sample(s) of the batch as negative.</source>
        <translation><numerusform>This records %n sample of the batch as negative.</numerusform><numerusform>This records %n samples of the batch as negative.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n taken in the last hour: never recorded in bulk.</source>
        <translation><numerusform>%n taken in the last hour: never recorded in bulk.</numerusform><numerusform>%n taken in the last hour: never recorded in bulk.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n last-day sample(s) (release, second lab, surfaces): they need the lab's result, imported or entered one by one.</source>
        <translation><numerusform>%n last-day sample (release, second lab, surfaces): they need the lab's result, imported or entered one by one.</numerusform><numerusform>%n last-day samples (release, second lab, surfaces): they need the lab's result, imported or entered one by one.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Record %n as negative</source>
        <translation><numerusform>Record %n as negative</numerusform><numerusform>Record %n as negative</numerusform></translation>
    </message>
</context>
<context>
    <name>EmergencyBanner</name>
    <message numerus="yes">
        <source>(and %n earlier open alert(s))</source>
        <translation><numerusform>(and %n earlier open alert)</numerusform><numerusform>(and %n earlier open alerts)</numerusform></translation>
    </message>
</context>
<context>
    <name>FlagsTab</name>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation><numerusform>%n hour</numerusform><numerusform>%n hours</numerusform></translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message numerus="yes">
        <source>%n page(s). The preview shows the sheet exactly as it prints.</source>
        <translation><numerusform>%n page. The preview shows the sheet exactly as it prints.</numerusform><numerusform>%n pages. The preview shows the sheet exactly as it prints.</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportArrivalsDialog</name>
    <message numerus="yes">
        <source>%n row(s) imported as expected arrivals.</source>
        <translation><numerusform>%n row imported as expected arrivals.</numerusform><numerusform>%n rows imported as expected arrivals.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read: %1 valid, %2 refused, %3 duplicate</source>
        <translation><numerusform>%n row read: %1 valid, %2 refused, %3 duplicate</numerusform><numerusform>%n rows read: %1 valid, %2 refused, %3 duplicate</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Import %n valid row(s)</source>
        <translation><numerusform>Import %n valid row</numerusform><numerusform>Import %n valid rows</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n POSITIVE row(s) with nobody at the site to match: find the person now (rows %1).</source>
        <translation><numerusform>%n POSITIVE row with nobody at the site to match: find the person now (rows %1).</numerusform><numerusform>%n POSITIVE rows with nobody at the site to match: find the person now (rows %1).</numerusform></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message numerus="yes">
        <source>No account exists yet. Create the site manager's account: the manager can then add an account for every member of staff. The password needs at least %n characters.</source>
        <translation><numerusform>No account exists yet. Create the site manager's account: the manager can then add an account for every member of staff. The password needs at least %n characters.</numerusform><numerusform>No account exists yet. Create the site manager's account: the manager can then add an account for every member of staff. The password needs at least %n characters.</numerusform></translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message numerus="yes">
        <source>%1 (%n bed(s))</source>
        <translation><numerusform>%1 (%n bed)</numerusform><numerusform>%1 (%n beds)</numerusform></translation>
    </message>
</context>
<context>
    <name>OccupantsScreen</name>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation><numerusform>%n person</numerusform><numerusform>%n people</numerusform></translation>
    </message>
</context>
<context>
    <name>PaperPreview</name>
    <message numerus="yes">
        <source>%n page(s) sent to the printer.</source>
        <translation><numerusform>%n page sent to the printer.</numerusform><numerusform>%n pages sent to the printer.</numerusform></translation>
    </message>
</context>
<context>
    <name>RegimeDialog</name>
    <message numerus="yes">
        <source>Applies from today to %1 (%n person(s)).</source>
        <translation><numerusform>Applies from today to %1 (%n person).</numerusform><numerusform>Applies from today to %1 (%n people).</numerusform></translation>
    </message>
</context>
<context>
    <name>ReleaseDateDialog</name>
    <message numerus="yes">
        <source>Extends the isolation by %n day(s)</source>
        <translation><numerusform>Extends the isolation by %n day</numerusform><numerusform>Extends the isolation by %n days</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Brings the release forward by %n day(s)</source>
        <translation><numerusform>Brings the release forward by %n day</numerusform><numerusform>Brings the release forward by %n days</numerusform></translation>
    </message>
</context>
<context>
    <name>ReleaseDialog</name>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation><numerusform>%n day left</numerusform><numerusform>%n days left</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) pending</source>
        <translation><numerusform>%n result pending</numerusform><numerusform>%n results pending</numerusform></translation>
    </message>
</context>
<context>
    <name>ResultsTab</name>
    <message numerus="yes">
        <source>pool %1 (%n sample(s))</source>
        <translation><numerusform>pool %1 (%n sample)</numerusform><numerusform>pool %1 (%n samples)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation><numerusform>%n hour</numerusform><numerusform>%n hours</numerusform></translation>
    </message>
</context>
<context>
    <name>RoomsScreen</name>
    <message numerus="yes">
        <source>%n room(s)</source>
        <translation><numerusform>%n room</numerusform><numerusform>%n rooms</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n bed(s)</source>
        <translation><numerusform>%1 · %n bed</numerusform><numerusform>%1 · %n beds</numerusform></translation>
    </message>
</context>
<context>
    <name>StayPanel</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation><numerusform>%n year</numerusform><numerusform>%n years</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation><numerusform>%n day</numerusform><numerusform>%n days</numerusform></translation>
    </message>
</context>
<context>
    <name>SuppliesScreen</name>
    <message numerus="yes">
        <source>%n lot(s) expired</source>
        <translation><numerusform>%n lot expired</numerusform><numerusform>%n lots expired</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s) expiring</source>
        <translation><numerusform>%n lot expiring</numerusform><numerusform>%n lots expiring</numerusform></translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message numerus="yes">
        <source>results awaited (%n over 24 h)</source>
        <translation><numerusform>results awaited (%n over 24 h)</numerusform><numerusform>results awaited (%n over 24 h)</numerusform></translation>
    </message>
</context>
</TS>