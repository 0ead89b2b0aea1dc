#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace prov::transport {

/// The two logical channels that share one serial line: the radio node and the
/// host processor (eMCM). The values are the `orw` wrapper's channel bytes.
enum class Channel : quint8 {
    Node = 0x47,
    Host = 0x00,
};

/// One whole node/host protocol message (the wrapper's payload), without framing.
struct Message
{
    Channel channel = Channel::Node;
    QByteArray payload;

    friend bool operator==(const Message &a, const Message &b)
    {
        return a.channel == b.channel && a.payload == b.payload;
    }
    friend bool operator!=(const Message &a, const Message &b) { return !(a == b); }
};

/// "node" or "host", for error messages.
[[nodiscard]] QString channelName(Channel channel);
/// A channel byte on the wire (0x47, 0x00) → channel; false for any other byte.
[[nodiscard]] bool channelFromByte(quint8 byte, Channel *channel);

/// The transport wrappers of the CLI contract's `--wrapper`.
enum class WrapperKind { None, Orw, Reliable, OptPsem };

[[nodiscard]] QString wrapperName(WrapperKind kind);
/// "none", "orw", "reliable", "opt_psem" → kind; false for anything else.
[[nodiscard]] bool parseWrapperName(QStringView name, WrapperKind *kind);

/// Counters a link keeps; the GUI and benchmarks read them.
struct LinkCounters
{
    quint64 bytesWritten = 0;
    quint64 bytesRead = 0;
    quint64 framesSent = 0;
    quint64 framesReceived = 0;
    quint64 retransmissions = 0;
    quint64 checksumErrors = 0;
    quint64 framingErrors = 0; ///< garbage skipped, oversize frames, bad lengths
    quint64 timeouts = 0;
    quint64 duplicates = 0; ///< frames received twice and dropped (reliable, opt_psem)
};

} // namespace prov::transport

Q_DECLARE_METATYPE(prov::transport::Message)
