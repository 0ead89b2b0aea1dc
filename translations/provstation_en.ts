<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CorrectiveAction</name>
    <message>
        <source>check the arguments</source>
        <translation>check the arguments</translation>
    </message>
    <message>
        <source>check the cable, the port and that the device is powered</source>
        <translation>check the cable, the port and that the device is powered</translation>
    </message>
    <message>
        <source>check the configuration ID or alias and that the latest package is imported</source>
        <translation>check the configuration ID or alias and that the latest package is imported</translation>
    </message>
    <message>
        <source>check that server mode is running and reachable from this station</source>
        <translation>check that server mode is running and reachable from this station</translation>
    </message>
    <message>
        <source>in shared-folder mode, check that the station can read the shared folder</source>
        <translation>in shared-folder mode, check that the station can read the shared folder</translation>
    </message>
    <message>
        <source>check that the gateway runs and is reachable</source>
        <translation>check that the gateway runs and is reachable</translation>
    </message>
    <message>
        <source>check that the access point is online and the device is near it</source>
        <translation>check that the access point is online and the device is near it</translation>
    </message>
    <message>
        <source>check the external antenna</source>
        <translation>check the external antenna</translation>
    </message>
    <message>
        <source>check that the eMCM is seated, the meter powered and configured to match</source>
        <translation>check that the eMCM is seated, the meter powered and configured to match</translation>
    </message>
    <message>
        <source>check that the station may write its working folder</source>
        <translation>check that the station may write its working folder</translation>
    </message>
    <message>
        <source>collect the log and send it to support</source>
        <translation>collect the log and send it to support</translation>
    </message>
</context>
<context>
    <name>FailureCause</name>
    <message>
        <source>no answer from a device on %1</source>
        <comment>%1: serial port</comment>
        <translation>no answer from a device on %1</translation>
    </message>
    <message>
        <source>the link on %1 did not come up</source>
        <comment>%1: serial port</comment>
        <translation>the link on %1 did not come up</translation>
    </message>
    <message>
        <source>the device stopped answering</source>
        <translation>the device stopped answering</translation>
    </message>
    <message>
        <source>the device's answer could not be read</source>
        <translation>the device's answer could not be read</translation>
    </message>
    <message>
        <source>the device did not finish within %1 s</source>
        <comment>%1: seconds</comment>
        <translation>the device did not finish within %1 s</translation>
    </message>
    <message>
        <source>the node is %1, the configuration is for %2</source>
        <comment>%1: hardware type found, %2: hardware type expected</comment>
        <translation>the node is %1, the configuration is for %2</translation>
    </message>
    <message>
        <source>the node's calibration is invalid</source>
        <translation>the node's calibration is invalid</translation>
    </message>
    <message>
        <source>the node was never calibrated</source>
        <translation>the node was never calibrated</translation>
    </message>
    <message>
        <source>the eMCM failed its self-test: %1</source>
        <comment>%1: failing parts (RAM, flash, radio, meter interface)</comment>
        <translation>the eMCM failed its self-test: %1</translation>
    </message>
    <message>
        <source>the board is %1, not an eMCM</source>
        <comment>%1: hardware type found</comment>
        <translation>the board is %1, not an eMCM</translation>
    </message>
    <message>
        <source>the eMCM has no application %1 (it holds %2)</source>
        <comment>%1: applications the configuration needs, %2: applications the eMCM holds</comment>
        <translation>the eMCM has no application %1 (it holds %2)</translation>
    </message>
    <message>
        <source>the label does not match: label %1, eMCM %2 (ID %3)</source>
        <comment>%1: ID on the label, %2: last 8 digits of the eMCM's ID, %3: the eMCM's full ID</comment>
        <translation>the label does not match: label %1, eMCM %2 (ID %3)</translation>
    </message>
    <message>
        <source>the eMCM cannot reach the meter</source>
        <translation>the eMCM cannot reach the meter</translation>
    </message>
    <message>
        <source>the eMCM reaches meter %1, the label says %2</source>
        <comment>%1: meter serial the eMCM reports, %2: meter serial on the label</comment>
        <translation>the eMCM reaches meter %1, the label says %2</translation>
    </message>
    <message>
        <source>the device did not join the gateway within %1 s</source>
        <comment>%1: seconds</comment>
        <translation>the device did not join the gateway within %1 s</translation>
    </message>
    <message>
        <source>the device rejected the firmware image (checksum mismatch)</source>
        <translation>the device rejected the firmware image (checksum mismatch)</translation>
    </message>
    <message>
        <source>the device rejected the configuration (checksum mismatch)</source>
        <translation>the device rejected the configuration (checksum mismatch)</translation>
    </message>
    <message>
        <source>the device could not write its flash memory</source>
        <translation>the device could not write its flash memory</translation>
    </message>
    <message>
        <source>the device reported a hardware failure (%1)</source>
        <comment>%1: the request it answered to</comment>
        <translation>the device reported a hardware failure (%1)</translation>
    </message>
    <message>
        <source>the device answered "%1" to %2</source>
        <comment>%1: the device's answer, %2: the request</comment>
        <translation>the device answered "%1" to %2</translation>
    </message>
    <message>
        <source>the device is still unlocked after Lock</source>
        <translation>the device is still unlocked after Lock</translation>
    </message>
    <message>
        <source>the unit has not passed PRETEST for this configuration</source>
        <translation>the unit has not passed PRETEST for this configuration</translation>
    </message>
    <message>
        <source>the server does not answer</source>
        <translation>the server does not answer</translation>
    </message>
    <message>
        <source>the gateway does not answer</source>
        <translation>the gateway does not answer</translation>
    </message>
    <message>
        <source>node %1 is already provisioned and locked</source>
        <comment>%1: node ID</comment>
        <translation>node %1 is already provisioned and locked</translation>
    </message>
</context>
<context>
    <name>OperatorAction</name>
    <message>
        <source>press Retry</source>
        <translation>press Retry</translation>
    </message>
    <message>
        <source>re-seat the device (connector, cable, power), then press Retry</source>
        <translation>re-seat the device (connector, cable, power), then press Retry</translation>
    </message>
    <message>
        <source>re-scan the label; if it still does not match, set the unit aside</source>
        <translation>re-scan the label; if it still does not match, set the unit aside</translation>
    </message>
    <message>
        <source>reject the unit: press Reject</source>
        <translation>reject the unit: press Reject</translation>
    </message>
    <message>
        <source>press Retry once; if it fails again, reject the unit</source>
        <translation>press Retry once; if it fails again, reject the unit</translation>
    </message>
    <message>
        <source>call the supervisor</source>
        <translation>call the supervisor</translation>
    </message>
    <message>
        <source>set the unit aside and call the supervisor: this slot is set up for another product</source>
        <translation>set the unit aside and call the supervisor: this slot is set up for another product</translation>
    </message>
    <message>
        <source>re-seat the eMCM in the meter and check that the meter is powered, then press Retry</source>
        <translation>re-seat the eMCM in the meter and check that the meter is powered, then press Retry</translation>
    </message>
    <message>
        <source>check that the access point is on and the antenna connected, then press Retry</source>
        <translation>check that the access point is on and the antenna connected, then press Retry</translation>
    </message>
    <message>
        <source>take the unit out: it is done; only a supervisor may provision it again (Provision again)</source>
        <translation>take the unit out: it is done; only a supervisor may provision it again (Provision again)</translation>
    </message>
</context>
<context>
    <name>ResultCode</name>
    <message>
        <source>success</source>
        <translation>success</translation>
    </message>
    <message>
        <source>internal software error</source>
        <translation>internal software error</translation>
    </message>
    <message>
        <source>invalid command-line arguments</source>
        <translation>invalid command-line arguments</translation>
    </message>
    <message>
        <source>cannot communicate with the device under test</source>
        <translation>cannot communicate with the device under test</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <source>message to node failed</source>
        <translation>message to node failed</translation>
    </message>
    <message>
        <source>node returned unexpected error</source>
        <translation>node returned unexpected error</translation>
    </message>
    <message>
        <source>verification of node provisioning failed</source>
        <translation>verification of node provisioning failed</translation>
    </message>
    <message>
        <source>node version incompatible with this provisioning version</source>
        <translation>node version incompatible with this provisioning version</translation>
    </message>
    <message>
        <source>node hardware type incompatible</source>
        <translation>node hardware type incompatible</translation>
    </message>
    <message>
        <source>node calibration information incompatible</source>
        <translation>node calibration information incompatible</translation>
    </message>
    <message>
        <source>node configuration information incompatible</source>
        <translation>node configuration information incompatible</translation>
    </message>
    <message>
        <source>node firmware from server unavailable or does not match node type</source>
        <translation>node firmware from server unavailable or does not match node type</translation>
    </message>
    <message>
        <source>node configuration from server unavailable or invalid</source>
        <translation>node configuration from server unavailable or invalid</translation>
    </message>
    <message>
        <source>cannot communicate with the host (eMCM)</source>
        <translation>cannot communicate with the host (eMCM)</translation>
    </message>
    <message>
        <source>host returned unexpected error</source>
        <translation>host returned unexpected error</translation>
    </message>
    <message>
        <source>verification of host provisioning failed</source>
        <translation>verification of host provisioning failed</translation>
    </message>
    <message>
        <source>host reported failing or invalid hardware</source>
        <translation>host reported failing or invalid hardware</translation>
    </message>
    <message>
        <source>host firmware from server unavailable or does not match host type</source>
        <translation>host firmware from server unavailable or does not match host type</translation>
    </message>
    <message>
        <source>host configuration from server unavailable or invalid</source>
        <translation>host configuration from server unavailable or invalid</translation>
    </message>
    <message>
        <source>server unreachable</source>
        <translation>server unreachable</translation>
    </message>
    <message>
        <source>server returned an error response</source>
        <translation>server returned an error response</translation>
    </message>
    <message>
        <source>server response invalid, or file hash/signature mismatch</source>
        <translation>server response invalid, or file hash/signature mismatch</translation>
    </message>
    <message>
        <source>cannot open a file from the server</source>
        <translation>cannot open a file from the server</translation>
    </message>
    <message>
        <source>gateway unreachable</source>
        <translation>gateway unreachable</translation>
    </message>
    <message>
        <source>gateway returned unexpected error</source>
        <translation>gateway returned unexpected error</translation>
    </message>
    <message>
        <source>device did not join the gateway</source>
        <translation>device did not join the gateway</translation>
    </message>
    <message>
        <source>application link failure (eMCM cannot talk to the meter)</source>
        <translation>application link failure (eMCM cannot talk to the meter)</translation>
    </message>
</context>
<context>
    <name>ScanClassifier</name>
    <message>
        <source>scan pattern "%1" has no kind</source>
        <translation>scan pattern "%1" has no kind</translation>
    </message>
    <message>
        <source>scan pattern "%1" for %2 is invalid: %3 at %4</source>
        <translation>scan pattern "%1" for %2 is invalid: %3 at %4</translation>
    </message>
</context>
<context>
    <name>ScanKind</name>
    <message>
        <source>slot label</source>
        <translation>slot label</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>eMCM ID</translation>
    </message>
    <message>
        <source>meter serial</source>
        <translation>meter serial</translation>
    </message>
    <message>
        <source>configuration alias</source>
        <translation>configuration alias</translation>
    </message>
    <message>
        <source>batch number</source>
        <translation>batch number</translation>
    </message>
    <message>
        <source>unknown barcode</source>
        <translation>unknown barcode</translation>
    </message>
</context>
<context>
    <name>SlotBinding</name>
    <message>
        <source>USB serial %1</source>
        <translation>USB serial %1</translation>
    </message>
    <message>
        <source>USB socket %1</source>
        <translation>USB socket %1</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>port %1</translation>
    </message>
    <message>
        <source>not bound</source>
        <translation>not bound</translation>
    </message>
</context>
<context>
    <name>SlotRunOptions</name>
    <message>
        <source>skip lock</source>
        <translation>skip lock</translation>
    </message>
    <message>
        <source>skip keys</source>
        <translation>skip keys</translation>
    </message>
    <message>
        <source>factory configuration</source>
        <translation>factory configuration</translation>
    </message>
    <message>
        <source>join timeout %1 s</source>
        <translation>join timeout %1 s</translation>
    </message>
</context>
<context>
    <name>SlotStatus</name>
    <message>
        <source>IDLE</source>
        <translation>IDLE</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>RUNNING</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>PASS</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>FAIL</translation>
    </message>
    <message>
        <source>NEEDS ATTENTION</source>
        <translation>NEEDS ATTENTION</translation>
    </message>
</context>
<context>
    <name>StepName</name>
    <message>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <source>loading the configuration</source>
        <translation>loading the configuration</translation>
    </message>
    <message>
        <source>reading the node</source>
        <translation>reading the node</translation>
    </message>
    <message>
        <source>checking the node type</source>
        <translation>checking the node type</translation>
    </message>
    <message>
        <source>reading the eMCM</source>
        <translation>reading the eMCM</translation>
    </message>
    <message>
        <source>checking the label</source>
        <translation>checking the label</translation>
    </message>
    <message>
        <source>updating the node firmware</source>
        <translation>updating the node firmware</translation>
    </message>
    <message>
        <source>updating the eMCM firmware</source>
        <translation>updating the eMCM firmware</translation>
    </message>
    <message>
        <source>writing the factory configuration</source>
        <translation>writing the factory configuration</translation>
    </message>
    <message>
        <source>writing the field configuration</source>
        <translation>writing the field configuration</translation>
    </message>
    <message>
        <source>preparing the gateway</source>
        <translation>preparing the gateway</translation>
    </message>
    <message>
        <source>checking the earlier test</source>
        <translation>checking the earlier test</translation>
    </message>
    <message>
        <source>waiting for the node to join the gateway</source>
        <translation>waiting for the node to join the gateway</translation>
    </message>
    <message>
        <source>making the keys</source>
        <translation>making the keys</translation>
    </message>
    <message>
        <source>writing the keys</source>
        <translation>writing the keys</translation>
    </message>
    <message>
        <source>checking the keys</source>
        <translation>checking the keys</translation>
    </message>
    <message>
        <source>storing the keys on the server</source>
        <translation>storing the keys on the server</translation>
    </message>
    <message>
        <source>checking what was written</source>
        <translation>checking what was written</translation>
    </message>
    <message>
        <source>locking the device</source>
        <translation>locking the device</translation>
    </message>
    <message>
        <source>checking the meter link</source>
        <translation>checking the meter link</translation>
    </message>
</context>
<context>
    <name>UserSession</name>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>station</source>
        <translation>station</translation>
    </message>
</context>
<context>
    <name>prov::engine::RunModel</name>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Meter</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>Node ID</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>eMCM ID</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Elapsed</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>prov::gui::ApiClient</name>
    <message>
        <source>server %1 unreachable: %2</source>
        <translation>server %1 unreachable: %2</translation>
    </message>
    <message>
        <source>server %1 sent invalid JSON: %2</source>
        <translation>server %1 sent invalid JSON: %2</translation>
    </message>
    <message>
        <source>server %1 answered HTTP %2</source>
        <translation>server %1 answered HTTP %2</translation>
    </message>
    <message>
        <source>the server settings are invalid: %1</source>
        <translation>the server settings are invalid: %1</translation>
    </message>
    <message>
        <source>server %1 presented the TLS key %2, which matches none of the pinned keys: it is not the server this station trusts</source>
        <translation>server %1 presented the TLS key %2, which matches none of the pinned keys: it is not the server this station trusts</translation>
    </message>
</context>
<context>
    <name>prov::gui::AuditPage</name>
    <message>
        <source>Newest entries:</source>
        <translation>Newest entries:</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>Verify the chain</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation>Cannot read the audit log: %1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>Cannot verify the audit log: %1</source>
        <translation>Cannot verify the audit log: %1</translation>
    </message>
    <message numerus="yes">
        <source>✔ The audit chain is intact (%n entries).</source>
        <translation><numerusform>✔ The audit chain is intact (%n entries).</numerusform><numerusform>✔ The audit chain is intact (%n entries).</numerusform></translation>
    </message>
    <message>
        <source>✖ The audit chain is BROKEN: %1</source>
        <translation>✖ The audit chain is BROKEN: %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::ConnectDialog</name>
    <message>
        <source>Connect to server</source>
        <translation>Connect to server</translation>
    </message>
    <message>
        <source>Type the server's address and the pairing code the server's admin gives you (server mode: Stations, Pair a station…). The code is valid for 15 minutes and pairs one station.</source>
        <translation>Type the server's address and the pairing code the server's admin gives you (server mode: Stations, Pair a station…). The code is valid for 15 minutes and pairs one station.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Pairing code</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Type the server's address, for example backroom:8085.</source>
        <translation>Type the server's address, for example backroom:8085.</translation>
    </message>
    <message>
        <source>Pairing needs an encrypted connection: type the address without http:// (https is used).</source>
        <translation>Pairing needs an encrypted connection: type the address without http:// (https is used).</translation>
    </message>
    <message>
        <source>"%1" is not a server address: type the server's name or IP address, with :PORT when it is not %2 (for example backroom or 192.168.1.20:8085).</source>
        <translation>"%1" is not a server address: type the server's name or IP address, with :PORT when it is not %2 (for example backroom or 192.168.1.20:8085).</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>The code is mistyped: compare it with the code the server shows, character by character.</source>
        <translation>The code is mistyped: compare it with the code the server shows, character by character.</translation>
    </message>
    <message>
        <source>A pairing code has 10 characters, like 7KQ4-M9XD-2R: check that you typed all of it.</source>
        <translation>A pairing code has 10 characters, like 7KQ4-M9XD-2R: check that you typed all of it.</translation>
    </message>
    <message>
        <source>This is not a pairing code: it has only digits and the letters A to Z, like 7KQ4-M9XD-2R.</source>
        <translation>This is not a pairing code: it has only digits and the letters A to Z, like 7KQ4-M9XD-2R.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Storing the pairing…</source>
        <translation>Storing the pairing…</translation>
    </message>
    <message>
        <source>Pairing cancelled. If the server had already answered, this code may now be void: ask the admin for a new one.</source>
        <translation>Pairing cancelled. If the server had already answered, this code may now be void: ask the admin for a new one.</translation>
    </message>
    <message>
        <source>Ask the server's admin for a new code.</source>
        <translation>Ask the server's admin for a new code.</translation>
    </message>
    <message>
        <source>The station cannot reach a server at %1 over an encrypted connection. Check the address and the port, that the server is running with its TLS certificate, and the network.</source>
        <translation>The station cannot reach a server at %1 over an encrypted connection. Check the address and the port, that the server is running with its TLS certificate, and the network.</translation>
    </message>
    <message>
        <source>The server at %1 could not prove that it knows this code: it is not the server that made the code, or a machine between the station and the server answers in its place. Nothing secret was sent. Check the address; %2</source>
        <translation>The server at %1 could not prove that it knows this code: it is not the server that made the code, or a machine between the station and the server answers in its place. Nothing secret was sent. Check the address; %2</translation>
    </message>
    <message>
        <source>The server at %1 has no such code. Check the code and the address.</source>
        <translation>The server at %1 has no such code. Check the code and the address.</translation>
    </message>
    <message>
        <source>A machine between the station and the server answers in the server's place (the server does not know the key the station sees). Nothing was paired and the code is still valid: connect the station to the server's network directly, or ask the network's administrator.</source>
        <translation>A machine between the station and the server answers in the server's place (the server does not know the key the station sees). Nothing was paired and the code is still valid: connect the station to the server's network directly, or ask the network's administrator.</translation>
    </message>
    <message>
        <source>This code was already used to pair a station.</source>
        <translation>This code was already used to pair a station.</translation>
    </message>
    <message>
        <source>This code has expired (codes are valid for 15 minutes).</source>
        <translation>This code has expired (codes are valid for 15 minutes).</translation>
    </message>
    <message>
        <source>This code is void: an earlier pairing attempt with it did not finish.</source>
        <translation>This code is void: an earlier pairing attempt with it did not finish.</translation>
    </message>
    <message>
        <source>The server did not accept the station's answer. Try once more; after three tries the code is void.</source>
        <translation>The server did not accept the station's answer. Try once more; after three tries the code is void.</translation>
    </message>
    <message>
        <source>Too many pairing attempts from this station: wait a few minutes, then try again.</source>
        <translation>Too many pairing attempts from this station: wait a few minutes, then try again.</translation>
    </message>
    <message>
        <source>The server refused the pairing.</source>
        <translation>The server refused the pairing.</translation>
    </message>
    <message>
        <source>The station is paired, but its token cannot be stored. Pair again with a new code once this is fixed.</source>
        <translation>The station is paired, but its token cannot be stored. Pair again with a new code once this is fixed.</translation>
    </message>
    <message>
        <source>The station is paired, but the server's address cannot be stored. Pair again with a new code once this is fixed.</source>
        <translation>The station is paired, but the server's address cannot be stored. Pair again with a new code once this is fixed.</translation>
    </message>
    <message>
        <source>Connected: this station is paired as %1 with %2 (server key %3).</source>
        <translation>Connected: this station is paired as %1 with %2 (server key %3).</translation>
    </message>
    <message>
        <source>No OS keychain (%1): the station token is stored in the file %2, which only this user can read. Anyone logged in as this user can use it.</source>
        <translation>No OS keychain (%1): the station token is stored in the file %2, which only this user can read. Anyone logged in as this user can use it.</translation>
    </message>
    <message>
        <source>The station token is stored in the OS keychain.</source>
        <translation>The station token is stored in the OS keychain.</translation>
    </message>
</context>
<context>
    <name>prov::gui::DeviceSelection</name>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>until (not including)</source>
        <translation>until (not including)</translation>
    </message>
    <message>
        <source>all, or e.g. 1000,1002-1005</source>
        <translation>all, or e.g. 1000,1002-1005</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>Pick a configuration.</source>
        <translation>Pick a configuration.</translation>
    </message>
    <message>
        <source>Batches: %1</source>
        <translation>Batches: %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::EngineSlotModel</name>
    <message>
        <source>Stopped by the operator: check the device, then start it again.</source>
        <translation>Stopped by the operator: check the device, then start it again.</translation>
    </message>
</context>
<context>
    <name>prov::gui::ExportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Export device keys</source>
        <translation>Export device keys</translation>
    </message>
    <message>
        <source>all, or hex e.g. 0x00010000-0x0001FFFF</source>
        <translation>all, or hex e.g. 0x00010000-0x0001FFFF</translation>
    </message>
    <message>
        <source>Node IDs</source>
        <translation>Node IDs</translation>
    </message>
    <message>
        <source>Provisioned</source>
        <translation>Provisioned</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Save device keys</source>
        <translation>Save device keys</translation>
    </message>
    <message>
        <source>XML (*.xml)</source>
        <translation>XML (*.xml)</translation>
    </message>
    <message>
        <source>Node IDs: %1</source>
        <translation>Node IDs: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) exported to %1.</source>
        <translation><numerusform>%n device(s) exported to %1.</numerusform><numerusform>%n device(s) exported to %1.</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2 devices</source>
        <translation>%1 of %2 devices</translation>
    </message>
    <message>
        <source>%1 devices, %2 kB</source>
        <translation>%1 devices, %2 kB</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) left out: their latest provisioning did not finish (pending or failed), so no key of theirs is exported. Provision them again:</source>
        <translation><numerusform>%n node(s) left out: their latest provisioning did not finish (pending or failed), so no key of theirs is exported. Provision them again:</numerusform><numerusform>%n node(s) left out: their latest provisioning did not finish (pending or failed), so no key of theirs is exported. Provision them again:</numerusform></translation>
    </message>
</context>
<context>
    <name>prov::gui::FileDownload</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::HeaderBar</name>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>scan or type</source>
        <translation>scan or type</translation>
    </message>
    <message>
        <source>pick or scan</source>
        <translation>pick or scan</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>○ Server: connecting…</source>
        <translation>○ Server: connecting…</translation>
    </message>
    <message>
        <source>● Server connected</source>
        <translation>● Server connected</translation>
    </message>
    <message>
        <source>✖ Server unreachable</source>
        <translation>✖ Server unreachable</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n pending</source>
        <translation><numerusform>Outbox: %n pending</numerusform><numerusform>Outbox: %n pending</numerusform></translation>
    </message>
    <message>
        <source>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h</source>
        <translation>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h</translation>
    </message>
    <message>
        <source>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h · counted here</source>
        <translation>Shift: %1 passed · %2 failed
FPY %3 · %4 units/h · counted here</translation>
    </message>
    <message>
        <source>The server's figures for this shift are not available: these are this window's own count since it started or since the last new shift.</source>
        <translation>The server's figures for this shift are not available: these are this window's own count since it started or since the last new shift.</translation>
    </message>
    <message>
        <source>The server's figures for this station's current shift (the same as yield in server mode).</source>
        <translation>The server's figures for this station's current shift (the same as yield in server mode).</translation>
    </message>
    <message>
        <source>Operator (%1)</source>
        <translation>Operator (%1)</translation>
    </message>
    <message>
        <source>nobody</source>
        <extracomment>the operator field of the header when no one is logged in (beside the Log in button)</extracomment>
        <translation>nobody</translation>
    </message>
</context>
<context>
    <name>prov::gui::HistoryPage</name>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Node ID, eMCM ID or its last 8 digits, meter serial or a scanned label</source>
        <translation>Node ID, eMCM ID or its last 8 digits, meter serial or a scanned label</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>Runs, oldest first</source>
        <translation>Runs, oldest first</translation>
    </message>
    <message>
        <source>Log of the selected run</source>
        <translation>Log of the selected run</translation>
    </message>
    <message>
        <source>Key records</source>
        <translation>Key records</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Audit entries</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Attempt</translation>
    </message>
    <message>
        <source>Failed step</source>
        <translation>Failed step</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Enter a node ID, an eMCM ID, a meter serial or a scanned label.</source>
        <translation>Enter a node ID, an eMCM ID, a meter serial or a scanned label.</translation>
    </message>
    <message>
        <source>An identity with '/' cannot be looked up: enter the node ID, eMCM ID or meter serial.</source>
        <translation>An identity with '/' cannot be looked up: enter the node ID, eMCM ID or meter serial.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>Looking up %1…</translation>
    </message>
    <message>
        <source>No run and no key record names %1.</source>
        <translation>No run and no key record names %1.</translation>
    </message>
    <message>
        <source>Cannot read the history of %1: %2</source>
        <translation>Cannot read the history of %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation><numerusform>%n run(s)</numerusform><numerusform>%n run(s)</numerusform></translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>Node ID</translation>
    </message>
    <message>
        <source>eMCM ID</source>
        <translation>eMCM ID</translation>
    </message>
    <message>
        <source>Meter serial</source>
        <translation>Meter serial</translation>
    </message>
    <message>
        <source>Label %1</source>
        <translation>Label %1</translation>
    </message>
    <message>
        <source>Loading the log…</source>
        <translation>Loading the log…</translation>
    </message>
    <message>
        <source>Cannot read the log of run %1: %2</source>
        <translation>Cannot read the log of run %1: %2</translation>
    </message>
    <message>
        <source>This run was sent without a log.</source>
        <translation>This run was sent without a log.</translation>
    </message>
    <message>
        <source>node %1 · host %2</source>
        <translation>node %1 · host %2</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Station fault: %1</source>
        <translation>Station fault: %1</translation>
    </message>
    <message>
        <source>%1 · rejected by %2</source>
        <translation>%1 · rejected by %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ImportDialog</name>
    <message>
        <source>Configuration ID</source>
        <translation>Configuration ID</translation>
    </message>
    <message>
        <source>App label</source>
        <translation>App label</translation>
    </message>
    <message>
        <source>Node type</source>
        <translation>Node type</translation>
    </message>
    <message>
        <source>Node version</source>
        <translation>Node version</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>KMS key</source>
        <translation>KMS key</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Import a provisioning package</source>
        <translation>Import a provisioning package</translation>
    </message>
    <message>
        <source>Package (.tar.gz)</source>
        <translation>Package (.tar.gz)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Provisioning package</source>
        <translation>Provisioning package</translation>
    </message>
    <message>
        <source>Packages (*.tar.gz *.tgz);;All files (*)</source>
        <translation>Packages (*.tar.gz *.tgz);;All files (*)</translation>
    </message>
    <message>
        <source>The package file %1 does not exist.</source>
        <translation>The package file %1 does not exist.</translation>
    </message>
    <message>
        <source>Enter the package's passphrase.</source>
        <translation>Enter the package's passphrase.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Verified: check the information above, then Import.</source>
        <translation>Verified: check the information above, then Import.</translation>
    </message>
    <message>
        <source>Imported (HTTP %1).</source>
        <translation>Imported (HTTP %1).</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnings</translation>
    </message>
</context>
<context>
    <name>prov::gui::LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The server's answer has no session token.</source>
        <translation>The server's answer has no session token.</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>Connect to server…</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>Scan your badge, or enter user and password</source>
        <translation>Scan your badge, or enter user and password</translation>
    </message>
    <message>
        <source>Scan your badge, or enter your user name and password.</source>
        <translation>Scan your badge, or enter your user name and password.</translation>
    </message>
</context>
<context>
    <name>prov::gui::PackagesPage</name>
    <message>
        <source>Import package…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <source>Export keys…</source>
        <translation>Export keys…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Configuration ID</source>
        <translation>Configuration ID</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliases</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Node type</source>
        <translation>Node type</translation>
    </message>
    <message>
        <source>Node version</source>
        <translation>Node version</translation>
    </message>
    <message>
        <source>App label</source>
        <translation>App label</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Cannot list the packages: %1</source>
        <translation>Cannot list the packages: %1</translation>
    </message>
    <message>
        <source>%1 (newest)</source>
        <translation>%1 (newest)</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation><numerusform>%n revision(s)</numerusform><numerusform>%n revision(s)</numerusform></translation>
    </message>
    <message>
        <source>Device report…</source>
        <translation>Device report…</translation>
    </message>
</context>
<context>
    <name>prov::gui::PairStationDialog</name>
    <message>
        <source>Pair a station</source>
        <translation>Pair a station</translation>
    </message>
    <message>
        <source>A one-time code lets a station connect to this server: the station's user types the server's address and the code in Connect to server… on the station. The code is valid for 15 minutes and pairs one station.</source>
        <translation>A one-time code lets a station connect to this server: the station's user types the server's address and the code in Connect to server… on the station. The code is valid for 15 minutes and pairs one station.</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>Create code</source>
        <translation>Create code</translation>
    </message>
    <message>
        <source>Create another code</source>
        <translation>Create another code</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copy code</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Server address to type on the station:</source>
        <translation>Server address to type on the station:</translation>
    </message>
    <message>
        <source>Pairing code for station %1:</source>
        <translation>Pairing code for station %1:</translation>
    </message>
    <message>
        <source>On a station without the window: provstation-cli pair https://%1 %2</source>
        <translation>On a station without the window: provstation-cli pair https://%1 %2</translation>
    </message>
    <message>
        <source>This server speaks plain HTTP, so stations cannot pair with it: start it with --tls-cert and --tls-key.</source>
        <translation>This server speaks plain HTTP, so stations cannot pair with it: start it with --tls-cert and --tls-key.</translation>
    </message>
    <message>
        <source>Server key: %1 (the station shows the key it paired with; they must be the same).</source>
        <translation>Server key: %1 (the station shows the key it paired with; they must be the same).</translation>
    </message>
    <message>
        <source>Type the station's name, for example line1-st3.</source>
        <translation>Type the station's name, for example line1-st3.</translation>
    </message>
    <message>
        <source>"%1" is not a station name: use letters, digits and . _ @ : - (starting with a letter or digit), up to 64 characters.</source>
        <translation>"%1" is not a station name: use letters, digits and . _ @ : - (starting with a letter or digit), up to 64 characters.</translation>
    </message>
    <message>
        <source>Cannot create a pairing code: %1</source>
        <translation>Cannot create a pairing code: %1</translation>
    </message>
    <message>
        <source>This code expired at %1: create another one.</source>
        <translation>This code expired at %1: create another one.</translation>
    </message>
    <message>
        <source>Valid until %1 (%2 left), for one station.</source>
        <translation>Valid until %1 (%2 left), for one station.</translation>
    </message>
</context>
<context>
    <name>prov::gui::ReportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Device report</source>
        <translation>Device report</translation>
    </message>
    <message>
        <source>Runs started</source>
        <translation>Runs started</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Save the device report</source>
        <translation>Save the device report</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot list the report templates: %1</source>
        <translation>Cannot list the report templates: %1</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>All fields</translation>
    </message>
    <message>
        <source>This template cannot be used: %1</source>
        <translation>This template cannot be used: %1</translation>
    </message>
    <message>
        <source>Columns: %1 (devices whose last run passed)</source>
        <translation>Columns: %1 (devices whose last run passed)</translation>
    </message>
    <message>
        <source>Columns: %1</source>
        <translation>Columns: %1</translation>
    </message>
    <message>
        <source>The template needs a value for %1.</source>
        <translation>The template needs a value for %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) written to %1.</source>
        <translation><numerusform>%n device(s) written to %1.</numerusform><numerusform>%n device(s) written to %1.</numerusform></translation>
    </message>
    <message>
        <source>%1 kB</source>
        <translation>%1 kB</translation>
    </message>
</context>
<context>
    <name>prov::gui::RunLogDialog</name>
    <message>
        <source>Cannot open the run log %1: %2</source>
        <translation>Cannot open the run log %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ScanRouter</name>
    <message>
        <source>already provisioned in this batch</source>
        <translation>already provisioned in this batch</translation>
    </message>
    <message>
        <source>Barcode "%1" is not a slot, device, configuration or batch label</source>
        <translation>Barcode "%1" is not a slot, device, configuration or batch label</translation>
    </message>
    <message>
        <source>Barcode "%1" is not valid</source>
        <translation>Barcode "%1" is not valid</translation>
    </message>
    <message>
        <source>Barcode "%1" is a duplicate</source>
        <translation>Barcode "%1" is a duplicate</translation>
    </message>
    <message>
        <source>Slot is running: barcode "%1" refused</source>
        <translation>Slot is running: barcode "%1" refused</translation>
    </message>
    <message>
        <source>No free slot for barcode "%1": scan a slot label first</source>
        <translation>No free slot for barcode "%1": scan a slot label first</translation>
    </message>
    <message>
        <source>No slot is labelled "%1"</source>
        <translation>No slot is labelled "%1"</translation>
    </message>
    <message>
        <source>already waiting in slot %1</source>
        <translation>already waiting in slot %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::SecretStore</name>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>the keychain did not answer within %1 s</translation>
    </message>
    <message>
        <source>PROVSTATION_SECRETS=file selects the file store</source>
        <translation>PROVSTATION_SECRETS=file selects the file store</translation>
    </message>
    <message>
        <source>no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)</source>
        <translation>no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)</translation>
    </message>
    <message>
        <source>cannot read secret file %1: %2</source>
        <translation>cannot read secret file %1: %2</translation>
    </message>
    <message>
        <source>cannot write secret file %1: %2</source>
        <translation>cannot write secret file %1: %2</translation>
    </message>
    <message>
        <source>cannot remove secret file %1: %2</source>
        <translation>cannot remove secret file %1: %2</translation>
    </message>
    <message>
        <source>the keychain refused access to %1: %2</source>
        <translation>the keychain refused access to %1: %2</translation>
    </message>
    <message>
        <source>the keychain refused to store %1: %2</source>
        <translation>the keychain refused to store %1: %2</translation>
    </message>
    <message>
        <source>the keychain refused to remove %1: %2</source>
        <translation>the keychain refused to remove %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::SerialScannerReader</name>
    <message>
        <source>scanner port %1 is in use</source>
        <translation>scanner port %1 is in use</translation>
    </message>
    <message>
        <source>cannot open scanner port %1: %2</source>
        <translation>cannot open scanner port %1: %2</translation>
    </message>
    <message>
        <source>scanner port %1 failed: %2</source>
        <translation>scanner port %1 failed: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::ServerModeWindow</name>
    <message>
        <source>ProvStation — server mode</source>
        <translation>ProvStation — server mode</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Server output</source>
        <translation>Server output</translation>
    </message>
    <message>
        <source>● Server mode at %1 — %2</source>
        <translation>● Server mode at %1 — %2</translation>
    </message>
    <message>
        <source>✖ Server mode at %1 not answering: %2</source>
        <translation>✖ Server mode at %1 not answering: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation>not logged in</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>%1, version %2, database %3</source>
        <translation>%1, version %2, database %3</translation>
    </message>
    <message>
        <source>Create the first admin</source>
        <translation>Create the first admin</translation>
    </message>
    <message>
        <source>This server has no admin yet. Create the first one; more users can be added afterwards on the Users page.</source>
        <translation>This server has no admin yet. Create the first one; more users can be added afterwards on the Users page.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Enter a user name and a password.</source>
        <translation>Enter a user name and a password.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>The passwords differ.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>Yield</translation>
    </message>
    <message>
        <source>Server mode needs an admin or supervisor login.</source>
        <translation>Server mode needs an admin or supervisor login.</translation>
    </message>
    <message>
        <source>%1 is neither an admin nor a supervisor.</source>
        <translation>%1 is neither an admin nor a supervisor.</translation>
    </message>
</context>
<context>
    <name>prov::gui::ServerProcess</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>cannot start %1: %2</translation>
    </message>
    <message>
        <source>the server process crashed</source>
        <translation>the server process crashed</translation>
    </message>
    <message>
        <source>the server process exited with code %1: %2</source>
        <translation>the server process exited with code %1: %2</translation>
    </message>
</context>
<context>
    <name>prov::gui::SettingsDialog</name>
    <message>
        <source>Station settings</source>
        <translation>Station settings</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>Slots</translation>
    </message>
    <message>
        <source>Meter plugins</source>
        <translation>Meter plugins</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Scanning</translation>
    </message>
    <message>
        <source>Language and sounds</source>
        <translation>Language and sounds</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>leave empty to keep the stored token</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Certificate pins</source>
        <translation>Certificate pins</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>Factory gateway</source>
        <translation>Factory gateway</translation>
    </message>
    <message>
        <source>Gateway control port</source>
        <translation>Gateway control port</translation>
    </message>
    <message>
        <source>Station token</source>
        <translation>Station token</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Bound by</source>
        <translation>Bound by</translation>
    </message>
    <message>
        <source>Serial number / socket / port</source>
        <translation>Serial number / socket / port</translation>
    </message>
    <message>
        <source>Meter</source>
        <translation>Meter</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>Found at</source>
        <translation>Found at</translation>
    </message>
    <message>
        <source>Add slot</source>
        <translation>Add slot</translation>
    </message>
    <message>
        <source>Remove slot</source>
        <translation>Remove slot</translation>
    </message>
    <message>
        <source>Serial ports present</source>
        <translation>Serial ports present</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>USB serial number</translation>
    </message>
    <message>
        <source>USB socket</source>
        <translation>USB socket</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Bind selected slot by serial number</source>
        <translation>Bind selected slot by serial number</translation>
    </message>
    <message>
        <source>Bind selected slot by USB socket</source>
        <translation>Bind selected slot by USB socket</translation>
    </message>
    <message>
        <source>Bind selected slot by port name</source>
        <translation>Bind selected slot by port name</translation>
    </message>
    <message>
        <source>Bind by USB serial number (or by the USB socket) so a re-plugged adapter comes back to its slot; ttyUSB/COM numbers change with the plug-in order.</source>
        <translation>Bind by USB serial number (or by the USB socket) so a re-plugged adapter comes back to its slot; ttyUSB/COM numbers change with the plug-in order.</translation>
    </message>
    <message>
        <source>No meter plugins are loaded.</source>
        <translation>No meter plugins are loaded.</translation>
    </message>
    <message>
        <source>This plugin has no settings.</source>
        <translation>This plugin has no settings.</translation>
    </message>
    <message>
        <source>kept in the keychain; leave empty to keep it</source>
        <translation>kept in the keychain; leave empty to keep it</translation>
    </message>
    <message>
        <source>What a barcode is (first matching pattern wins)</source>
        <translation>What a barcode is (first matching pattern wins)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Pattern (regular expression, whole text)</source>
        <translation>Pattern (regular expression, whole text)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Defaults</translation>
    </message>
    <message>
        <source>scan or type a barcode to test the patterns</source>
        <translation>scan or type a barcode to test the patterns</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Start a slot as soon as its device is scanned</source>
        <translation>Start a slot as soon as its device is scanned</translation>
    </message>
    <message>
        <source>Operators may change the configuration, batch and operation</source>
        <translation>Operators may change the configuration, batch and operation</translation>
    </message>
    <message>
        <source>Keyboard scanner: longest gap between keys</source>
        <translation>Keyboard scanner: longest gap between keys</translation>
    </message>
    <message>
        <source>Keyboard scanner: shortest barcode</source>
        <translation>Keyboard scanner: shortest barcode</translation>
    </message>
    <message>
        <source>Serial scanner port (empty: none)</source>
        <translation>Serial scanner port (empty: none)</translation>
    </message>
    <message>
        <source>Serial scanner baud rate</source>
        <translation>Serial scanner baud rate</translation>
    </message>
    <message>
        <source>Play pass, fail and reject sounds</source>
        <translation>Play pass, fail and reject sounds</translation>
    </message>
    <message>
        <source>Test sound</source>
        <translation>Test sound</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Port name</source>
        <translation>Port name</translation>
    </message>
    <message>
        <source>Not bound</source>
        <translation>Not bound</translation>
    </message>
    <message>
        <source>(station's)</source>
        <translation>(station's)</translation>
    </message>
    <message>
        <source>Select a slot and a port first.</source>
        <translation>Select a slot and a port first.</translation>
    </message>
    <message>
        <source>This adapter reports no USB serial number: bind it by USB socket instead.</source>
        <translation>This adapter reports no USB serial number: bind it by USB socket instead.</translation>
    </message>
    <message>
        <source>This port is not on USB: bind it by port name.</source>
        <translation>This port is not on USB: bind it by port name.</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Checking the keychain…</translation>
    </message>
    <message>
        <source>No station token is stored yet. Issue one with: provstation-server token issue --station NAME</source>
        <translation>No station token is stored yet. Issue one with: provstation-server token issue --station NAME</translation>
    </message>
    <message>
        <source>A token is stored in the fallback file (no OS keychain: %1).</source>
        <translation>A token is stored in the fallback file (no OS keychain: %1).</translation>
    </message>
    <message>
        <source>A token is stored in the OS keychain.</source>
        <translation>A token is stored in the OS keychain.</translation>
    </message>
    <message>
        <source>The server address "%1" is not an http or https URL.</source>
        <translation>The server address "%1" is not an http or https URL.</translation>
    </message>
    <message>
        <source>Slot %1 needs a label of its own.</source>
        <translation>Slot %1 needs a label of its own.</translation>
    </message>
    <message>
        <source>Slot %1 is bound by %2 but has no value.</source>
        <translation>Slot %1 is bound by %2 but has no value.</translation>
    </message>
    <message>
        <source>One per line: sha256//&lt;base64 of the public key digest&gt;, or the certificate's SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE</source>
        <translation>One per line: sha256//&lt;base64 of the public key digest&gt;, or the certificate's SHA-256 in hex. Print them with: provstation-server tls-pin --tls-cert FILE</translation>
    </message>
    <message>
        <source>empty: the paired server, %1</source>
        <translation>empty: the paired server, %1</translation>
    </message>
    <message>
        <source>Certificate pin "%1" is not a pin: paste sha256//BASE64 or the certificate's SHA-256 fingerprint as provstation-server tls-pin prints them.</source>
        <translation>Certificate pin "%1" is not a pin: paste sha256//BASE64 or the certificate's SHA-256 fingerprint as provstation-server tls-pin prints them.</translation>
    </message>
    <message>
        <source>Retries of a failed unit before the window asks to reject it</source>
        <translation>Retries of a failed unit before the window asks to reject it</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Log out after no input for</source>
        <translation>Log out after no input for</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Run options by slot group</source>
        <translation>Run options by slot group</translation>
    </message>
    <message>
        <source>A slot belongs to the group named in its Group column; slots of no group run with the station's defaults. The slots show the options that apply to them.</source>
        <translation>A slot belongs to the group named in its Group column; slots of no group run with the station's defaults. The slots show the options that apply to them.</translation>
    </message>
    <message>
        <source>Join timeout</source>
        <translation>Join timeout</translation>
    </message>
    <message>
        <source>Factory configuration</source>
        <translation>Factory configuration</translation>
    </message>
    <message>
        <source>Skip keys</source>
        <translation>Skip keys</translation>
    </message>
    <message>
        <source>Skip lock</source>
        <translation>Skip lock</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>station's</source>
        <translation>station's</translation>
    </message>
</context>
<context>
    <name>prov::gui::SlotController</name>
    <message>
        <source>Next device scan goes to slot %1</source>
        <translation>Next device scan goes to slot %1</translation>
    </message>
    <message>
        <source>Slot not bound to a port (Settings)</source>
        <translation>Slot not bound to a port (Settings)</translation>
    </message>
    <message>
        <source>Port not found: %1</source>
        <translation>Port not found: %1</translation>
    </message>
    <message>
        <source>Waiting for Start: %1</source>
        <translation>Waiting for Start: %1</translation>
    </message>
    <message>
        <source>Take the device out, insert the next one, then press Start.</source>
        <translation>Take the device out, insert the next one, then press Start.</translation>
    </message>
    <message>
        <source>Insert the device, then press Start.</source>
        <translation>Insert the device, then press Start.</translation>
    </message>
    <message>
        <source>Label scanned: press Start.</source>
        <translation>Label scanned: press Start.</translation>
    </message>
    <message>
        <source>Take the device out. Next: scan this slot's label, then the new device's %1, then press Start.</source>
        <translation>Take the device out. Next: scan this slot's label, then the new device's %1, then press Start.</translation>
    </message>
    <message>
        <source>Insert the device, scan its %1, then press Start.</source>
        <translation>Insert the device, scan its %1, then press Start.</translation>
    </message>
    <message>
        <source>%1 %2 scanned for slot %3</source>
        <translation>%1 %2 scanned for slot %3</translation>
    </message>
    <message>
        <source>%1 %2 scanned</source>
        <translation>%1 %2 scanned</translation>
    </message>
    <message>
        <source>Put %1 back on slot %2</source>
        <translation>Put %1 back on slot %2</translation>
    </message>
    <message>
        <source>The slot is running: its labels cannot be put back.</source>
        <translation>The slot is running: its labels cannot be put back.</translation>
    </message>
    <message>
        <source>The labels cannot be put back: one waits on another slot or was provisioned since.</source>
        <translation>The labels cannot be put back: one waits on another slot or was provisioned since.</translation>
    </message>
    <message>
        <source>Only a supervisor or admin may provision a unit again.</source>
        <translation>Only a supervisor or admin may provision a unit again.</translation>
    </message>
    <message>
        <source>Log in to run devices.</source>
        <translation>Log in to run devices.</translation>
    </message>
    <message>
        <source>The provisioning engine is not available in this build.</source>
        <translation>The provisioning engine is not available in this build.</translation>
    </message>
    <message>
        <source>The server cannot be reached: start again when the header says it is back.</source>
        <translation>The server cannot be reached: start again when the header says it is back.</translation>
    </message>
    <message>
        <source>This unit failed %1 times: reject it instead of retrying.</source>
        <translation>This unit failed %1 times: reject it instead of retrying.</translation>
    </message>
    <message>
        <source>Pick or scan a configuration first.</source>
        <translation>Pick or scan a configuration first.</translation>
    </message>
    <message>
        <source>Enter or scan the batch number first.</source>
        <translation>Enter or scan the batch number first.</translation>
    </message>
    <message>
        <source>The batch number is not valid: %1</source>
        <translation>The batch number is not valid: %1</translation>
    </message>
    <message>
        <source>%1 cannot run %2.</source>
        <translation>%1 cannot run %2.</translation>
    </message>
    <message>
        <source>Scan the %1 first.</source>
        <translation>Scan the %1 first.</translation>
    </message>
    <message>
        <source>The scanned %1 "%2" does not fit this meter.</source>
        <translation>The scanned %1 "%2" does not fit this meter.</translation>
    </message>
    <message>
        <source>The rejection is counted but not in the run log: %1</source>
        <translation>The rejection is counted but not in the run log: %1</translation>
    </message>
</context>
<context>
    <name>prov::gui::SlotWidget</name>
    <message>
        <source>Slot %1</source>
        <translation>Slot %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Node %1</source>
        <translation>Node %1</translation>
    </message>
    <message>
        <source>eMCM %1</source>
        <translation>eMCM %1</translation>
    </message>
    <message>
        <source>SN %1</source>
        <translation>SN %1</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation>Error %1: %2</translation>
    </message>
    <message>
        <source>Likely fixture fault: failed %1 times in a row</source>
        <translation>Likely fixture fault: failed %1 times in a row</translation>
    </message>
    <message>
        <source>✓%1  ✗%2  FPY %3</source>
        <translation>✓%1  ✗%2  FPY %3</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Open the run log</source>
        <translation>Open the run log</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>port %1</translation>
    </message>
    <message>
        <source>rejected: put the unit in the reject bin</source>
        <translation>rejected: put the unit in the reject bin</translation>
    </message>
    <message>
        <source>  rejected %1</source>
        <translation>  rejected %1</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Step %1 of %2: %3</translation>
    </message>
    <message>
        <source>%1 · %2 left to wait</source>
        <translation>%1 · %2 left to wait</translation>
    </message>
    <message>
        <source>%1 · about %2 left</source>
        <translation>%1 · about %2 left</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>Record the unit as rejected: it leaves the line</source>
        <translation>Record the unit as rejected: it leaves the line</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>attempt %1</translation>
    </message>
    <message>
        <source>failed %1 times: reject the unit</source>
        <translation>failed %1 times: reject the unit</translation>
    </message>
    <message>
        <source>Provision again</source>
        <translation>Provision again</translation>
    </message>
    <message>
        <source>Replace the unit's key: needs a supervisor or admin login</source>
        <translation>Replace the unit's key: needs a supervisor or admin login</translation>
    </message>
    <message>
        <source>Clear label</source>
        <translation>Clear label</translation>
    </message>
    <message>
        <source>Take the scanned labels off this slot (Undo puts them back)</source>
        <translation>Take the scanned labels off this slot (Undo puts them back)</translation>
    </message>
</context>
<context>
    <name>prov::gui::StationWindow</name>
    <message>
        <source>Your session expired: log in again.</source>
        <translation>Your session expired: log in again.</translation>
    </message>
    <message>
        <source>No OS keychain (%1): the station keeps its secrets in files only this user can read, in %2.</source>
        <translation>No OS keychain (%1): the station keeps its secrets in files only this user can read, in %2.</translation>
    </message>
    <message>
        <source>ProvStation — station %1</source>
        <translation>ProvStation — station %1</translation>
    </message>
    <message>
        <source>Start all idle</source>
        <translation>Start all idle</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Stop all</translation>
    </message>
    <message>
        <source>Reload configurations</source>
        <translation>Reload configurations</translation>
    </message>
    <message>
        <source>New shift</source>
        <translation>New shift</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Server mode</source>
        <translation>Server mode</translation>
    </message>
    <message>
        <source>Devices are running</source>
        <translation>Devices are running</translation>
    </message>
    <message>
        <source>Some slots are still provisioning. Stop them and quit?</source>
        <translation>Some slots are still provisioning. Stop them and quit?</translation>
    </message>
    <message>
        <source>The scan patterns in the settings are invalid; the defaults are used.</source>
        <translation>The scan patterns in the settings are invalid; the defaults are used.</translation>
    </message>
    <message>
        <source>No slots are set up yet: a supervisor binds the slots to ports in Settings.</source>
        <translation>No slots are set up yet: a supervisor binds the slots to ports in Settings.</translation>
    </message>
    <message>
        <source>Cannot load the configurations: %1</source>
        <translation>Cannot load the configurations: %1</translation>
    </message>
    <message>
        <source>Settings need a supervisor or admin login.</source>
        <translation>Settings need a supervisor or admin login.</translation>
    </message>
    <message>
        <source>Run log — slot %1</source>
        <translation>Run log — slot %1</translation>
    </message>
    <message>
        <source>Last scan: %1</source>
        <translation>Last scan: %1</translation>
    </message>
    <message>
        <source>Configuration %1 scanned, but only a supervisor may change it.</source>
        <translation>Configuration %1 scanned, but only a supervisor may change it.</translation>
    </message>
    <message>
        <source>Configuration %1 selected by scan.</source>
        <translation>Configuration %1 selected by scan.</translation>
    </message>
    <message>
        <source>Batch %1 scanned, but only a supervisor may change it.</source>
        <translation>Batch %1 scanned, but only a supervisor may change it.</translation>
    </message>
    <message>
        <source>Batch %1 selected by scan.</source>
        <translation>Batch %1 selected by scan.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Connect to server…</source>
        <translation>Connect to server…</translation>
    </message>
    <message>
        <source>This station is not connected to a server yet: ask an admin for a pairing code, then choose Connect to server…</source>
        <translation>This station is not connected to a server yet: ask an admin for a pairing code, then choose Connect to server…</translation>
    </message>
    <message>
        <source>Connecting to another server needs a supervisor or admin login.</source>
        <translation>Connecting to another server needs a supervisor or admin login.</translation>
    </message>
    <message>
        <source>Connected to %1 as station %2: log in to start.</source>
        <translation>Connected to %1 as station %2: log in to start.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1): nothing starts until it is back.</source>
        <translation>The server cannot be reached (%1): nothing starts until it is back.</translation>
    </message>
    <message numerus="yes">
        <source>Logged out after %n minute(s) without input: log in again.</source>
        <translation><numerusform>Logged out after %n minute(s) without input: log in again.</numerusform><numerusform>Logged out after %n minute(s) without input: log in again.</numerusform></translation>
    </message>
    <message>
        <source>Provisioning a unit again replaces its key: it needs a supervisor or admin login.</source>
        <translation>Provisioning a unit again replaces its key: it needs a supervisor or admin login.</translation>
    </message>
    <message>
        <source>Start a new shift at station %1? The shift counts start again from zero; the server records that %2 started it.</source>
        <translation>Start a new shift at station %1? The shift counts start again from zero; the server records that %2 started it.</translation>
    </message>
    <message>
        <source>The new shift is counted at this station only: the server did not record it (%1).</source>
        <translation>The new shift is counted at this station only: the server did not record it (%1).</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message numerus="yes">
        <source>Nothing to undo: a cleared or replaced label can be put back for %n second(s).</source>
        <translation><numerusform>Nothing to undo: a cleared or replaced label can be put back for %n second(s).</numerusform><numerusform>Nothing to undo: a cleared or replaced label can be put back for %n second(s).</numerusform></translation>
    </message>
    <message>
        <source>A new shift needs a supervisor or admin login.</source>
        <translation>A new shift needs a supervisor or admin login.</translation>
    </message>
    <message>
        <source>%1 is logged in as %2. %3</source>
        <translation>%1 is logged in as %2. %3</translation>
    </message>
</context>
<context>
    <name>prov::gui::StationsPage</name>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>This server does not report stations.</source>
        <translation>This server does not report stations.</translation>
    </message>
    <message>
        <source>Cannot list the stations: %1</source>
        <translation>Cannot list the stations: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n station(s)</source>
        <translation><numerusform>%n station(s)</numerusform><numerusform>%n station(s)</numerusform></translation>
    </message>
    <message>
        <source>Stations connect to %1 (plain HTTP: no key to pin).</source>
        <translation>Stations connect to %1 (plain HTTP: no key to pin).</translation>
    </message>
    <message>
        <source>Stations connect to %1 — server key pin: %2</source>
        <translation>Stations connect to %1 — server key pin: %2</translation>
    </message>
    <message>
        <source>Revoke station</source>
        <translation>Revoke station</translation>
    </message>
    <message>
        <source>Revoke station %1? Its tokens stop working at once: it cannot send keys or results until it is paired again.</source>
        <translation>Revoke station %1? Its tokens stop working at once: it cannot send keys or results until it is paired again.</translation>
    </message>
    <message>
        <source>Pair a station…</source>
        <translation>Pair a station…</translation>
    </message>
    <message>
        <source>Revoke station…</source>
        <translation>Revoke station…</translation>
    </message>
    <message>
        <source>Cannot revoke station %1: %2</source>
        <translation>Cannot revoke station %1: %2</translation>
    </message>
    <message>
        <source>Station %1 is revoked: it must be paired again to reach this server.</source>
        <translation>Station %1 is revoked: it must be paired again to reach this server.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Station faults</source>
        <translation>Station faults</translation>
    </message>
    <message>
        <source>First-pass yield</source>
        <translation>First-pass yield</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>All time</translation>
    </message>
    <message>
        <source>No heartbeat</source>
        <translation>No heartbeat</translation>
    </message>
    <message>
        <source>Up since %1</source>
        <translation>Up since %1</translation>
    </message>
    <message>
        <source>Down (last seen %1)</source>
        <translation>Down (last seen %1)</translation>
    </message>
    <message>
        <source>%1 of %2 slots</source>
        <translation>%1 of %2 slots</translation>
    </message>
    <message numerus="yes">
        <source>%n up now</source>
        <translation><numerusform>%n up now</numerusform><numerusform>%n up now</numerusform></translation>
    </message>
</context>
<context>
    <name>prov::gui::UsersPage</name>
    <message>
        <source>&lt;b&gt;Users&lt;/b&gt;</source>
        <translation>&lt;b&gt;Users&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tokens&lt;/b&gt; (station tokens let a station fetch configurations and upload results)</source>
        <translation>&lt;b&gt;Tokens&lt;/b&gt; (station tokens let a station fetch configurations and upload results)</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Remove user</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>Set password…</translation>
    </message>
    <message>
        <source>Issue station token…</source>
        <translation>Issue station token…</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Revoke token</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Cannot list the users: %1</source>
        <translation>Cannot list the users: %1</translation>
    </message>
    <message>
        <source>Cannot list the tokens: %1</source>
        <translation>Cannot list the tokens: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>User %1 added.</translation>
    </message>
    <message>
        <source>Token issued for station %1.</source>
        <translation>Token issued for station %1.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>Enter a user name.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>The passwords differ.</translation>
    </message>
    <message>
        <source>Remove the user %1?</source>
        <translation>Remove the user %1?</translation>
    </message>
    <message>
        <source>User %1 removed.</source>
        <translation>User %1 removed.</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Set password</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>New password for %1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>Password of %1 changed.</translation>
    </message>
    <message>
        <source>Issue station token</source>
        <translation>Issue station token</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>Station name</translation>
    </message>
    <message>
        <source>Station token</source>
        <translation>Station token</translation>
    </message>
    <message>
        <source>The token for %1 (shown only now: put it in the station's settings)</source>
        <translation>The token for %1 (shown only now: put it in the station's settings)</translation>
    </message>
    <message>
        <source>Token %1 revoked.</source>
        <translation>Token %1 revoked.</translation>
    </message>
    <message>
        <source>Set badge…</source>
        <translation>Set badge…</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>optional: scan the badge</source>
        <translation>optional: scan the badge</translation>
    </message>
    <message>
        <source>Badge of %1 removed.</source>
        <translation>Badge of %1 removed.</translation>
    </message>
    <message>
        <source>Badge of %1 set.</source>
        <translation>Badge of %1 set.</translation>
    </message>
    <message>
        <source>Set badge</source>
        <translation>Set badge</translation>
    </message>
    <message>
        <source>Scan the new badge of %1 (leave empty to remove the badge)</source>
        <translation>Scan the new badge of %1 (leave empty to remove the badge)</translation>
    </message>
</context>
<context>
    <name>prov::gui::YieldPage</name>
    <message>
        <source>Last 8 hours</source>
        <translation>Last 8 hours</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>all stations</source>
        <translation>all stations</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Failures by result code</source>
        <translation>Failures by result code</translation>
    </message>
    <message>
        <source>Failures by step</source>
        <translation>Failures by step</translation>
    </message>
    <message>
        <source>Cycle time of passed runs per flow (s)</source>
        <translation>Cycle time of passed runs per flow (s)</translation>
    </message>
    <message>
        <source>This server does not report yield.</source>
        <translation>This server does not report yield.</translation>
    </message>
    <message>
        <source>Cannot read the yield: %1</source>
        <translation>Cannot read the yield: %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>No figures yet.</source>
        <translation>No figures yet.</translation>
    </message>
    <message>
        <source>Runs %1 · Devices %2 · Passed %3 · Failed %4 · Station faults %5
First-pass yield %6 · Final yield %7 · %8 units/h</source>
        <translation>Runs %1 · Devices %2 · Passed %3 · Failed %4 · Station faults %5
First-pass yield %6 · Final yield %7 · %8 units/h</translation>
    </message>
    <message>
        <source>(no step)</source>
        <translation>(no step)</translation>
    </message>
    <message>
        <source>median</source>
        <translation>median</translation>
    </message>
    <message>
        <source>90 %</source>
        <translation>90 %</translation>
    </message>
    <message>
        <source>longest</source>
        <translation>longest</translation>
    </message>
    <message>
        <source>%1: none in this period</source>
        <translation>%1: none in this period</translation>
    </message>
</context>
</TS>
