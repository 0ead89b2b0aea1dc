#pragma once

#include "crypto/SecretBytes.h"
#include "protocol/ClientOptions.h"
#include "protocol/ProtocolJob.h"
#include "protocol/TransferJob.h"
#include "transport/Message.h"

#include <QObject>

namespace prov::transport {
class Link;
}

namespace prov::protocol {

class Exchanger;

/// What the node and the host (eMCM) have in common: block transfers, keys,
/// lock and reset. Each method returns a job (ProtocolJob) that starts from
/// the event loop and reports finished() or failed() once. The Link must be
/// open (or opening: messages wait for ready()).
class DeviceClient : public QObject
{
    Q_OBJECT

public:
    ~DeviceClient() override;

    [[nodiscard]] transport::Channel channel() const;
    [[nodiscard]] Exchanger *exchanger() const { return m_exchanger; }

    /// `app`: the host application number (HostApps); 0 on the node.
    [[nodiscard]] TransferJob *updateFirmware(
        const QByteArray &image, quint16 hardwareType, const FirmwareVersion &version, quint8 app = 0);
    [[nodiscard]] TransferJob *writeConfiguration(
        ConfigKind kind, quint64 configId, const QByteArray &data, quint16 hardwareType, quint8 app = 0);
    [[nodiscard]] ProtocolJob *writeKey(KeySlot slot, const crypto::SecretBytes &key);
    [[nodiscard]] ProtocolJob *verifyKey(KeySlot slot, const crypto::SecretBytes &key);
    [[nodiscard]] ProtocolJob *lock();
    [[nodiscard]] ProtocolJob *reset();

protected:
    DeviceClient(transport::Link *link, transport::Channel channel, const ClientOptions &options, QObject *parent);
    [[nodiscard]] ProtocolJob *simple(Opcode opcode);

    Exchanger *m_exchanger;
};

/// The radio node's side of the protocol.
class NodeClient : public DeviceClient
{
    Q_OBJECT

public:
    explicit NodeClient(transport::Link *link, const ClientOptions &options = {}, QObject *parent = nullptr);

    /// Result in job->nodeIdentity().
    [[nodiscard]] ProtocolJob *identify();
    /// The installed firmware image (version, size, SHA-256); result in job->image().
    [[nodiscard]] ProtocolJob *image();
};

/// The host's (eMCM's) side of the protocol.
class HostClient : public DeviceClient
{
    Q_OBJECT

public:
    explicit HostClient(transport::Link *link, const ClientOptions &options = {}, QObject *parent = nullptr);

    /// Result in job->hostIdentity(); a failing hardware status is reported,
    /// not failed: hardwareStatusError() turns it into result 72.
    [[nodiscard]] ProtocolJob *identify();
    /// The applications the eMCM holds, numbered by position; result in job->hostApps().
    [[nodiscard]] ProtocolJob *listApps();
    /// The eMCM asks the meter; result in job->meterId(); a dead link fails with 164.
    [[nodiscard]] ProtocolJob *checkMeterLink();
    [[nodiscard]] ProtocolJob *writeAppKey(const crypto::SecretBytes &key, int app = 0)
    {
        return writeKey(appKeySlot(app), key);
    }
    [[nodiscard]] ProtocolJob *verifyAppKey(const crypto::SecretBytes &key, int app = 0)
    {
        return verifyKey(appKeySlot(app), key);
    }

    /// Ok, or HostHardwareFailure (72) naming the failing parts.
    [[nodiscard]] static Status hardwareStatusError(const HostIdentity &identity);
};

} // namespace prov::protocol
