#include "engine/TransferSteps.h"

#include "engine/FileCache.h"
#include "protocol/DeviceClient.h"
#include "protocol/TransferJob.h"

#include <QDir>
#include <QFile>

namespace prov::engine {

using namespace protocol;

void TransferStep::transfer(QList<Item> items)
{
    m_items = std::move(items);
    next();
}

void TransferStep::next()
{
    if (m_items.isEmpty())
        return finish({});
    const Item item = m_items.takeFirst();
    if (!item.file)
        return finish(makeError(item.missingCode,
            QStringLiteral("configuration %1 has no %2").arg(m_ctx.config->configId.toString(), item.what)));
    m_ctx.files->fetch(*item.file, this, [this, item](const Result<QString> &path) {
        if (!path.ok())
            return finish(path.error());
        QFile f(path.value());
        if (!f.open(QIODevice::ReadOnly))
            return finish(makeError(ResultCode::ServerFileUnreadable,
                QStringLiteral("cannot open %1 (%2): %3")
                    .arg(QDir::toNativeSeparators(path.value()), item.what, f.errorString())));
        send(item, f.readAll());
    });
}

void TransferStep::send(const Item &item, const QByteArray &data)
{
    DeviceClient *client = item.channel == transport::Channel::Node ? static_cast<DeviceClient *>(node())
                                                                    : static_cast<DeviceClient *>(host());
    const quint16 hw = item.channel == transport::Channel::Node ? m_ctx.config->nodeHardwareType : HardwareType::Emcm;
    TransferJob *job = item.firmware
        ? client->updateFirmware(data, hw, item.version, item.app)
        : client->writeConfiguration(item.kind, m_ctx.config->configId.value(), data, hw, item.app);
    log(QStringLiteral("%1: %2 bytes").arg(item.what).arg(data.size()));
    await(job, [this, item](ProtocolJob *done) {
        const auto *t = static_cast<TransferJob *>(done);
        log(QStringLiteral("%1 written (blocks of %2%3%4)")
                .arg(item.what)
                .arg(t->blockSize())
                .arg(t->firstOffset() > 0 ? QStringLiteral(", resumed at %1").arg(t->firstOffset()) : QString())
                .arg(t->blocksResent() > 0 ? QStringLiteral(", %1 blocks resent").arg(t->blocksResent()) : QString()));
        if (item.channel == transport::Channel::Node) {
            if (item.firmware && m_ctx.node)
                m_ctx.node->firmwareVersion = item.version;
            if (!item.firmware)
                m_ctx.nodeConfigWritten = item.kind;
        } else if (item.firmware && item.app < m_ctx.hostApps.size()) {
            // The run record tells the version the application runs now.
            m_ctx.hostApps[item.app].firmware.version = item.version;
        } else if (!item.firmware) {
            m_ctx.hostConfigWritten = item.kind;
        }
        next();
    });
}

namespace {

/// Version and image both: a device may run an image of the same version
/// number that is not the configuration's (a rebuild, a patched image). A
/// configuration without the image has nothing to send: the version decides.
bool runsImage(const ImageInfo &installed, const FirmwareVersion &version, const std::optional<ConfigFile> &file)
{
    return installed.version == version && (!file || installed.sha256 == file->sha256);
}

} // namespace

void UpdateNodeFirmwareStep::run()
{
    await(node()->image(), [this](ProtocolJob *job) {
        const Configuration &c = *m_ctx.config;
        const ImageInfo installed = job->image();
        if (runsImage(installed, c.nodeVersion, c.nodeFirmware)) {
            log(QStringLiteral("node already runs %1 (same image)").arg(c.nodeVersionText));
            return finish({});
        }
        if (installed.version == c.nodeVersion)
            log(QStringLiteral("node runs %1 with another image: updating").arg(c.nodeVersionText));
        Item item;
        item.channel = transport::Channel::Node;
        item.file = c.nodeFirmware;
        item.missingCode = ResultCode::NodeFirmwareUnavailable;
        item.what = QStringLiteral("node firmware %1").arg(c.nodeVersionText);
        item.firmware = true;
        item.version = c.nodeVersion;
        transfer({item});
    });
}

void UpdateHostFirmwareStep::run()
{
    if (!m_ctx.hasHost())
        return finish({});
    if (m_ctx.config->apps.isEmpty())
        return finish(makeError(ResultCode::HostFirmwareUnavailable,
            QStringLiteral("configuration %1 has no host application").arg(m_ctx.config->configId.toString())));
    QList<Item> items;
    for (const ConfigApp &app : m_ctx.config->apps) {
        const int number = m_ctx.deviceAppNumber(app.name);
        if (number < 0)
            return finish(makeError(
                ResultCode::HostFirmwareUnavailable, QStringLiteral("the eMCM has no application %1").arg(app.name)));
        const ImageInfo &installed = m_ctx.hostApps.at(number).firmware;
        if (runsImage(installed, app.version, app.firmware)) {
            log(QStringLiteral("%1 already runs %2 (same image)").arg(app.name, app.versionText));
            continue;
        }
        if (installed.version == app.version)
            log(QStringLiteral("%1 runs %2 with another image: updating").arg(app.name, app.versionText));
        Item item;
        item.channel = transport::Channel::Host;
        item.app = quint8(number);
        item.file = app.firmware;
        item.missingCode = ResultCode::HostFirmwareUnavailable;
        item.what = QStringLiteral("%1 firmware %2").arg(app.name, app.versionText);
        item.firmware = true;
        item.version = app.version;
        items.append(item);
    }
    transfer(items);
}

void WriteConfigStep::run()
{
    const bool factory = m_spec.kind == StepKind::WriteFactoryConfig || m_ctx.options->factoryConfig;
    const ConfigKind kind = factory ? ConfigKind::Factory : ConfigKind::Field;
    const QString kindText = factory ? QStringLiteral("factory") : QStringLiteral("field");
    QList<Item> items;
    if (includesNode(m_spec.targets)) {
        Item item;
        item.channel = transport::Channel::Node;
        item.file = factory ? m_ctx.config->nodeFactoryConfig : m_ctx.config->nodeFieldConfig;
        item.missingCode = ResultCode::NodeConfigurationUnavailable;
        item.what = QStringLiteral("node %1 configuration").arg(kindText);
        item.kind = kind;
        items.append(item);
    }
    if (includesHost(m_spec.targets) && m_ctx.hasHost()) {
        if (m_ctx.config->apps.isEmpty())
            return finish(makeError(ResultCode::HostConfigurationUnavailable,
                QStringLiteral("configuration %1 has no host application").arg(m_ctx.config->configId.toString())));
        for (const ConfigApp &app : m_ctx.config->apps) {
            const int number = m_ctx.deviceAppNumber(app.name);
            if (number < 0)
                return finish(makeError(ResultCode::HostFirmwareUnavailable,
                    QStringLiteral("the eMCM has no application %1").arg(app.name)));
            Item item;
            item.channel = transport::Channel::Host;
            item.app = quint8(number);
            item.file = factory ? app.factoryConfig : app.fieldConfig;
            item.missingCode = ResultCode::HostConfigurationUnavailable;
            item.what = QStringLiteral("%1 %2 configuration").arg(app.name, kindText);
            item.kind = kind;
            items.append(item);
        }
    }
    transfer(items);
}

} // namespace prov::engine
