#pragma once

#include "engine/Step.h"
#include "protocol/ProtocolTypes.h"

namespace prov::engine {

/// A firmware image or a configuration from the file cache to the node or
/// the host, with the protocol's windowed, resumable transfer. Subclasses say
/// what goes where; missing files are the configuration's "unavailable" codes
/// (43 node firmware, 44 node configuration, 75 host firmware, 76 host configuration).
class TransferStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    struct Item
    {
        transport::Channel channel = transport::Channel::Node;
        std::optional<ConfigFile> file;
        ResultCode missingCode = ResultCode::NodeFirmwareUnavailable;
        QString what; ///< "node firmware 2.0.0.1", for logs and errors
        bool firmware = false;
        protocol::ConfigKind kind = protocol::ConfigKind::None;
        protocol::FirmwareVersion version;
        quint8 app = 0; ///< host: the application's number on the device
    };

    /// Runs the items one after the other, then finishes.
    void transfer(QList<Item> items);

private:
    void next();
    void send(const Item &item, const QByteArray &data);

    QList<Item> m_items;
};

/// Only where the node's firmware (version or image SHA-256, NodeImage) differs from the configuration's.
class UpdateNodeFirmwareStep : public TransferStep
{
    Q_OBJECT
public:
    using TransferStep::TransferStep;

protected:
    void run() override;
};

/// Each app of the configuration, in manifest order, whose firmware on the
/// eMCM (version or image SHA-256, HostApps) differs from the configuration's.
class UpdateHostFirmwareStep : public TransferStep
{
    Q_OBJECT
public:
    using TransferStep::TransferStep;

protected:
    void run() override;
};

/// Factory configuration (WriteFactoryConfig) or the final one
/// (WriteFieldConfig; factory again with --factory-config) to node and/or host.
class WriteConfigStep : public TransferStep
{
    Q_OBJECT
public:
    using TransferStep::TransferStep;

protected:
    void run() override;
};

} // namespace prov::engine
