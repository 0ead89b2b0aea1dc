#include "DevicePort.h"

#include "SimDevice.h"
#include "SimLog.h"
#include "transport/MeterIdentification.h"
#include "transport/OptPsemWrapper.h"
#include "transport/Psem.h"
#include "transport/WrapperFactory.h"

#include <QPointer>

namespace prov::sim {

using transport::Wrapper;

Result<std::unique_ptr<DevicePort>> DevicePort::open(
    SimDevice *device, const PortSpec &spec, const transport::WrapperOptions &options, quint64 seed, QObject *parent)
{
    const DeviceFaults &f = device->faults();
    Result<std::unique_ptr<PtyPort>> pty = PtyPort::open(spec.baud, f.bitErrorRate, f.dropRate, seed);
    if (!pty.ok())
        return pty.error();
    std::unique_ptr<DevicePort> port(new DevicePort(device, spec, options, std::move(pty).value(), parent));
    if (const Status s = port->buildWrapper(); !s.ok())
        return s.error();
    return port;
}

DevicePort::DevicePort(SimDevice *device, const PortSpec &spec, const transport::WrapperOptions &options,
    std::unique_ptr<PtyPort> pty, QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_spec(spec)
    , m_options(options)
    , m_pty(std::move(pty))
{
    m_options.baudRate = spec.baud;
    m_pty->setSilent(device->faults().silent);
    connect(m_pty.get(), &PtyPort::received, this, [this](const QByteArray &bytes) {
        if (m_wrapper && !m_device->isBooting())
            m_wrapper->feed(bytes);
    });
    connect(m_device, &SimDevice::resetStarted, this, [this] {
        m_pty->discardIncoming();
        dropWrapper();
    });
    connect(m_device, &SimDevice::resetFinished, this, [this] {
        if (const Status s = buildWrapper(); !s.ok())
            qCWarning(lcSim).noquote() << s.error().toString();
    });
}

DevicePort::~DevicePort()
{
    delete m_wrapper;
}

Status DevicePort::buildWrapper()
{
    std::unique_ptr<Wrapper> wrapper = transport::createWrapper(m_spec.wrapper, Wrapper::Role::Device, m_options);
    if (!wrapper)
        return makeError(ResultCode::InternalError,
            QStringLiteral("the %1 wrapper is not available in this build")
                .arg(transport::wrapperName(m_spec.wrapper)));
    m_wrapper = wrapper.release();
    connect(m_wrapper, &Wrapper::bytesToWrite, m_pty.get(), &PtyPort::write);
    connect(m_wrapper, &Wrapper::messageReceived, this, [this](const transport::Message &message) {
        QPointer<Wrapper> session(m_wrapper);
        m_device->submit(message, [session](const transport::Message &reply) {
            // The wrapper of the session the request came in; gone after a reset.
            if (session)
                session->sendMessage(reply);
        });
    });
    connect(m_wrapper, &Wrapper::frameErrorOccurred, this,
        [this](const QString &what) { qCDebug(lcSim).noquote() << path() << what; });
    connect(m_wrapper, &Wrapper::failed, this, [this](const Error &error) {
        // A device-side session can fail (station vanished): start a fresh one.
        qCInfo(lcSim).noquote() << path() << "wrapper session ended:" << error.toString();
        dropWrapper();
        if (const Status s = buildWrapper(); !s.ok())
            qCWarning(lcSim).noquote() << s.error().toString();
    });
    if (auto *psem = qobject_cast<transport::OptPsemWrapper *>(m_wrapper)) {
        // Standard table 1 (manufacturer identification) names this meter, so a
        // C12.18 client reads what the eMCM reports (MeterIdentify).
        const DeviceState &state = m_device->state();
        psem->responder()->setTable(transport::psem::kManufacturerIdTable,
            transport::MeterIdentification::toTable(state.meterManufacturer, state.meterModel, state.meterId));
    }
    m_wrapper->start();
    return {};
}

void DevicePort::dropWrapper()
{
    if (!m_wrapper)
        return;
    m_wrapper->disconnect(this);
    m_wrapper->disconnect(m_pty.get());
    m_wrapper->deleteLater();
    m_wrapper = nullptr;
}

} // namespace prov::sim
