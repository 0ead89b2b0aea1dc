#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace prov::transport {

/// Settings of every wrapper kind; each wrapper reads the fields it needs.
/// Defaults are the values of the standards (C12.18) or the ones the
/// benchmarks were tuned with (reliable).
struct WrapperOptions
{
    /// Line speed: stateful wrappers add the time a window takes on the line to
    /// their timeouts, so a slow line does not cause spurious retransmissions.
    qint32 baudRate = 115200;
    /// A partial frame with no byte for this long is given up (the start was
    /// garbage or the length corrupted) and the buffer rescanned.
    int interCharTimeoutMs = 500;

    // --- reliable (docs/protocol/reliable.md) ---
    int windowSize = 8; ///< frames in flight, 1..32
    int segmentSize = 1024; ///< payload bytes per frame; longer messages are split
    int retransmitTimeoutMs = 300; ///< plus the window's line time
    int maxRetransmissions = 10; ///< per frame, then failed()
    int resetRetries = 5; ///< session-reset attempts of the station in start()

    // --- opt_psem (ANSI C12.18, docs/protocol/wrappers.md) ---
    /// The meter password (Security), exactly 20 bytes: shorter ones are padded
    /// with spaces. Never logged.
    QByteArray psemPassword;
    quint16 psemUserId = 2;
    /// Logon user name, 10 bytes, space padded.
    QByteArray psemUserName = QByteArrayLiteral("PROVSTATN");
    int psemResponseTimeoutMs = 2000; ///< ACK / response timeout
    int psemInterCharTimeoutMs = 500;
    /// Before Identify the station drops what arrives until the line has been
    /// quiet this long (stale answers of an interrupted session), at most
    /// psemResponseTimeoutMs in all.
    int psemDrainQuietMs = 100;
    int psemChannelTrafficTimeoutMs = 6000; ///< meter ends the session after this much silence
    int psemMaxRetries = 3; ///< retransmissions of one packet on NAK or no ACK
    /// Negotiate proposal: packet size (with the 8 bytes of overhead), packets a message, baud code (0 = keep).
    quint16 psemPacketSize = 1024;
    quint8 psemMaxPackets = 8;
    quint8 psemBaudCode = 0;
    /// How often the station polls the tunnel's response table while a reply is awaited.
    int psemPollIntervalMs = 20;
    /// Station sends Wait this often when idle so the meter keeps the session.
    int psemKeepAliveMs = 4000;
    /// Station: read the meter's identification (standard table 1) after
    /// Logon; OptPsemWrapper::identificationTable() then holds it.
    bool psemReadIdentification = false;
};

} // namespace prov::transport
