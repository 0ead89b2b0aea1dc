#include "engine/MeterDetector.h"

#include "engine/EngineLog.h"
#include "protocol/DeviceStatus.h"
#include "protocol/Exchanger.h"
#include "transport/Link.h"
#include "transport/OptPsemWrapper.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

namespace prov::engine {

namespace {
// An optical session on a silent port gives up after the PSEM retries
// (about 8 s); the other wrappers are ready at once.
constexpr int kLinkReadyTimeoutMs = 15000;
constexpr int kLinkCloseTimeoutMs = 3000;
} // namespace

MeterDetector::MeterDetector(QString port, QList<LinkSetting> links, transport::WrapperOptions options, QObject *parent)
    : QObject(parent)
    , m_port(std::move(port))
    , m_links(std::move(links))
    , m_options(std::move(options))
{
    m_watchdog.setParent(this);
    m_watchdog.setSingleShot(true);
}

MeterDetector::~MeterDetector() = default;

void MeterDetector::start(Callback done)
{
    m_done = std::move(done);
    QTimer::singleShot(0, this, [this] { tryLink(0); });
}

void MeterDetector::tryLink(int index)
{
    m_index = index;
    if (index >= m_links.size()) {
        QStringList tried;
        for (const LinkSetting &link : std::as_const(m_links))
            tried.append(link.toString());
        return finish(makeError(ResultCode::DeviceUnreachable,
            QStringLiteral("no device answered on port %1 when asked what it is (asked with %2)")
                .arg(m_port, tried.isEmpty() ? QStringLiteral("no link setting") : tried.join(QStringLiteral(", ")))));
    }
    const LinkSetting setting = m_links.at(index);
    Result<std::unique_ptr<QSerialPort>> port = transport::SerialPortOpener::open(m_port, setting.baud);
    if (!port.ok())
        return finish(port.error());
    transport::WrapperOptions options = m_options;
    options.baudRate = setting.baud;
    options.psemReadIdentification = true;
    m_link = new transport::Link(std::move(port).value(),
        transport::createWrapper(setting.wrapper, transport::Wrapper::Role::Station, options), this);
    m_link->setDescription(m_port);
    m_hostAnswer.reset();
    m_nodeAnswered.reset();
    qCDebug(lcEngine).noquote() << m_port + QLatin1Char(':') << "asking the device what it is with"
                                << setting.toString();
    connect(m_link, &transport::Link::ready, this, [this] {
        m_watchdog.stop();
        askDevice();
    });
    connect(m_link, &transport::Link::failed, this, [this](const Error &error) {
        if (m_link && m_link->isReady())
            return; // the exchanges report it
        qCDebug(lcEngine).noquote() << m_port + QLatin1Char(':') << "no session:" << error.message;
        settle(std::nullopt);
    });
    m_watchdog.disconnect(this);
    connect(&m_watchdog, &QTimer::timeout, this, [this] { settle(std::nullopt); });
    m_watchdog.start(kLinkReadyTimeoutMs);
    m_link->open();
}

void MeterDetector::askDevice()
{
    const LinkSetting setting = m_links.at(m_index);
    DeviceReport report;
    report.port = m_port;
    report.link = setting.toString();
    if (setting.wrapper == transport::WrapperKind::OptPsem) {
        // The optical port is the meter's: its table 1 is the answer.
        report.source = DeviceReport::Source::OpticalPort;
        const auto *psem = qobject_cast<transport::OptPsemWrapper *>(m_link->wrapper());
        const QByteArray table = psem ? psem->identificationTable() : QByteArray();
        Result<transport::MeterIdentification> meter = transport::MeterIdentification::fromTable(table);
        if (meter.ok())
            report.meter = meter.value();
        else
            report.note = table.isEmpty() ? QStringLiteral("the meter did not let its table 1 be read")
                                          : meter.error().toString();
        return settle(report);
    }
    protocol::ClientOptions client;
    client.baudRate = setting.baud;
    client.responseTimeoutMs = kExchangeTimeoutMs;
    client.retries = 1;
    auto *host = new protocol::Exchanger(m_link, transport::Channel::Host, client, m_link);
    auto *node = new protocol::Exchanger(m_link, transport::Channel::Node, client, m_link);
    const auto decide = [this, base = report] {
        if (!m_hostAnswer || !m_nodeAnswered)
            return;
        DeviceReport answered = base;
        if (m_hostAnswer->ok()) {
            answered.source = DeviceReport::Source::Emcm;
            answered.meter = m_hostAnswer->value().meter;
            answered.note = m_hostAnswer->value().note;
            return settle(answered);
        }
        if (*m_nodeAnswered) {
            answered.source = DeviceReport::Source::BareNode;
            return settle(answered);
        }
        settle(std::nullopt);
    };
    host->exchange(protocol::Request::simple(protocol::Opcode::MeterIdentify, 0), this,
        [this, decide](const Result<protocol::Response> &answer) {
            if (!answer.ok()) {
                m_hostAnswer = Result<DeviceReport>(answer.error());
                return decide();
            }
            DeviceReport emcm;
            const protocol::Response &r = answer.value();
            if (r.status == protocol::DeviceStatus::MeterLinkDown) {
                emcm.note = QStringLiteral("its meter link is down");
            } else if (!r.ok()) {
                emcm.note = QStringLiteral("it answered MeterIdentify with %1").arg(protocol::statusName(r.status));
            } else if (Result<transport::MeterIdentification> meter
                       = transport::MeterIdentification::fromTable(r.meterTable);
                       meter.ok()) {
                emcm.meter = meter.value();
            } else {
                emcm.note = meter.error().toString();
            }
            m_hostAnswer = Result<DeviceReport>(emcm);
            decide();
        });
    node->exchange(protocol::Request::simple(protocol::Opcode::NodeIdentify, 0), this,
        [this, decide](const Result<protocol::Response> &answer) {
            m_nodeAnswered = answer.ok();
            decide();
        });
}

void MeterDetector::settle(const std::optional<DeviceReport> &report)
{
    m_watchdog.stop();
    m_watchdog.disconnect(this);
    QPointer<transport::Link> link = m_link;
    m_link = nullptr;
    const auto next = [this, report, link] {
        if (link)
            link->deleteLater();
        if (report)
            finish(*report);
        else
            tryLink(m_index + 1);
    };
    if (!link)
        return next();
    link->disconnect(this);
    // The next link setting, or the run, opens the port again: the session
    // (a PSEM logoff) ends first.
    auto once = std::make_shared<bool>(false);
    const auto closed = [next, once] {
        if (std::exchange(*once, true))
            return;
        next();
    };
    connect(link, &transport::Link::closed, this, closed);
    QTimer::singleShot(kLinkCloseTimeoutMs, this, closed);
    link->close();
}

void MeterDetector::finish(const Result<DeviceReport> &result)
{
    if (m_finished)
        return;
    m_finished = true;
    if (result.ok())
        qCDebug(lcEngine).noquote() << m_port + QLatin1Char(':') << result->describe();
    QTimer::singleShot(0, this, [this, result] { m_done(result); });
}

} // namespace prov::engine
