#include "SimHarness.h"

#include "TestSupport.h"
#include "protocol/TransferJob.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <csignal>

namespace prov::test {

SimProcess::~SimProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SimProcess::start(const QStringList &arguments, QString *error, int timeoutMs)
{
    QStringList args = arguments;
    if (!args.contains(QStringLiteral("--gateway-port")))
        args << QStringLiteral("--gateway-port") << QStringLiteral("0");
    // PROVSTATION_SIM_STDERR=1 shows the simulator's log (e.g. with
    // QT_LOGGING_RULES=provstation.sim.debug=true) while debugging a test.
    if (qEnvironmentVariableIsSet("PROVSTATION_SIM_STDERR"))
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(binPath(QStringLiteral("provstation-sim")), args);
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start provstation-sim: ") + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine();
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString kind = o.value(QStringLiteral("kind")).toString();
            if (kind == QStringLiteral("port")) {
                SimPort p;
                p.model = o.value(QStringLiteral("model")).toString();
                p.role = o.value(QStringLiteral("role")).toString();
                p.path = o.value(QStringLiteral("path")).toString();
                p.wrapper = o.value(QStringLiteral("wrapper")).toString();
                p.nodeId = o.value(QStringLiteral("nodeId")).toString();
                p.emcmId = o.value(QStringLiteral("emcmId")).toString();
                p.stateFile = o.value(QStringLiteral("stateFile")).toString();
                p.baud = o.value(QStringLiteral("baud")).toInt();
                p.device = o.value(QStringLiteral("device")).toInt();
                p.index = o.value(QStringLiteral("index")).toInt();
                p.line = o;
                m_ports.append(p);
            } else if (kind == QStringLiteral("gateway")) {
                m_gatewayPort = quint16(o.value(QStringLiteral("port")).toInt());
            } else if (kind == QStringLiteral("ready")) {
                return true;
            } else {
                *error = QStringLiteral("unexpected output line: ") + QString::fromUtf8(line);
                return false;
            }
        }
        if (m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("provstation-sim exited with %1: %2")
                         .arg(m_process.exitCode())
                         .arg(QString::fromUtf8(m_process.readAllStandardError()));
            return false;
        }
        m_process.waitForReadyRead(100);
    }
    *error = QStringLiteral("provstation-sim did not get ready in time");
    return false;
}

int SimProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    m_stderr += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QByteArray SimProcess::standardError()
{
    m_stderr += m_process.readAllStandardError();
    return m_stderr;
}

SimPort SimProcess::port(const QString &model, int index, const QString &role) const
{
    for (const SimPort &p : m_ports) {
        if (p.model == model && p.index == index && (role.isEmpty() || p.role == role))
            return p;
    }
    return {};
}

QJsonObject SimProcess::readState(const SimPort &port)
{
    QFile f(port.stateFile);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

Station::~Station()
{
    close();
}

bool Station::open(const SimPort &port, QString *error, const protocol::ClientOptions &options)
{
    transport::WrapperKind kind {};
    if (!transport::parseWrapperName(port.wrapper, &kind)) {
        *error = QStringLiteral("the simulator announced an unknown wrapper \"%1\" on %2").arg(port.wrapper, port.path);
        return false;
    }
    return open(port.path, port.baud, kind, error, options);
}

bool Station::open(const QString &path, qint32 baud, transport::WrapperKind wrapper, QString *error,
    const protocol::ClientOptions &options, const transport::WrapperOptions &wrapperOptions)
{
    Result<std::unique_ptr<QSerialPort>> port = transport::SerialPortOpener::open(path, baud);
    if (!port.ok()) {
        *error = port.error().toString();
        return false;
    }
    m_port = std::move(port).value();
    transport::WrapperOptions wo = wrapperOptions;
    wo.baudRate = baud;
    std::unique_ptr<transport::Wrapper> w = transport::createWrapper(wrapper, transport::Wrapper::Role::Station, wo);
    if (!w) {
        *error = QStringLiteral("no %1 wrapper in this build").arg(transport::wrapperName(wrapper));
        return false;
    }
    m_link = std::make_unique<transport::Link>(m_port.get(), std::move(w));
    protocol::ClientOptions o = options;
    o.baudRate = baud;
    m_node = std::make_unique<protocol::NodeClient>(m_link.get(), o);
    m_host = std::make_unique<protocol::HostClient>(m_link.get(), o);
    bool ready = false;
    Error failure;
    QEventLoop loop;
    QObject::connect(m_link.get(), &transport::Link::ready, &loop, [&] {
        ready = true;
        loop.quit();
    });
    QObject::connect(m_link.get(), &transport::Link::failed, &loop, [&](const Error &e) {
        failure = e;
        loop.quit();
    });
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    m_link->open();
    if (!m_link->isReady())
        loop.exec();
    if (!m_link->isReady()) {
        *error = failure.message.isEmpty() ? QStringLiteral("link did not get ready") : failure.toString();
        return false;
    }
    return true;
}

void Station::close()
{
    m_node.reset();
    m_host.reset();
    if (m_link && m_link->isReady()) {
        bool closed = false;
        QEventLoop loop;
        QObject::connect(m_link.get(), &transport::Link::closed, &loop, [&] {
            closed = true;
            loop.quit();
        });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        m_link->close(); // may emit closed() at once
        if (!closed)
            loop.exec();
    }
    m_link.reset();
    if (m_port)
        m_port->close();
    m_port.reset();
}

JobOutcome Station::run(protocol::ProtocolJob *job, int timeoutMs)
{
    JobOutcome out;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    const auto collect = [&out, job] {
        out.response = job->response();
        if (auto *t = qobject_cast<protocol::TransferJob *>(job)) {
            out.firstOffset = t->firstOffset();
            out.resumes = t->resumes();
            out.crcRestarts = t->crcRestarts();
            out.blocksResent = t->blocksResent();
        }
    };
    QObject::connect(job, &protocol::ProtocolJob::finished, &loop, [&] {
        collect();
        out.finished = true;
        loop.quit();
    });
    QObject::connect(job, &protocol::ProtocolJob::failed, &loop, [&](const Error &e) {
        collect();
        out.error = e;
        loop.quit();
    });
    // An aborted job goes away without a signal.
    QPointer<protocol::ProtocolJob> guard(job);
    QObject::connect(job, &QObject::destroyed, &loop, &QEventLoop::quit);
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        out.timedOut = true;
        if (guard)
            guard->abort();
        loop.quit();
    });
    timer.start(timeoutMs);
    loop.exec();
    out.seconds = double(clock.nsecsElapsed()) / 1e9;
    return out;
}

QByteArray testImage(int size, int salt)
{
    QByteArray d(size, '\0');
    quint32 x = 2463534242u + quint32(salt);
    for (char &c : d) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x & 0xFF);
    }
    return d;
}

} // namespace prov::test
