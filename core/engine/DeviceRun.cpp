#include "engine/DeviceRun.h"

#include "engine/DeviceSteps.h"
#include "engine/EngineLog.h"
#include "engine/FileCache.h"
#include "engine/KeyOutbox.h"
#include "engine/KeySteps.h"
#include "engine/ServerClient.h"
#include "engine/SettingKeys.h"
#include "engine/StepFactory.h"
#include "engine/StepPolicy.h"
#include "transport/Link.h"
#include "transport/SerialPortOpener.h"
#include "transport/WrapperFactory.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace prov::engine {

namespace {
constexpr int kLinkReadyTimeoutMs = 15000;
constexpr int kLinkCloseTimeoutMs = 3000;
} // namespace

QString RunSnapshot::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return QStringLiteral("idle");
    case State::Preparing:
        return QStringLiteral("preparing");
    case State::Running:
        return QStringLiteral("running");
    case State::Finishing:
        return QStringLiteral("finishing");
    case State::Succeeded:
        return QStringLiteral("succeeded");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

DeviceRun::DeviceRun(int slot, PluginDescription plugin, RunOptions options, RunServices services, QObject *parent)
    : QObject(parent)
    , m_plugin(std::move(plugin))
    , m_options(std::move(options))
    , m_services(services)
{
    // Parented, so moveToThread() takes the timers along with the station.
    m_progressTimer.setParent(this);
    m_watchdog.setParent(this);
    m_operation = m_plugin.operation(m_options.operation);
    m_snapshot.slot = slot;
    m_snapshot.port = m_options.port;
    m_snapshot.meter = m_plugin.id;
    m_snapshot.operation = operationName(m_options.operation);
    m_snapshot.stepCount = m_operation ? int(m_operation->steps.size()) : 0;
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &DeviceRun::publish);
    m_watchdog.setSingleShot(true);
}

DeviceRun::~DeviceRun()
{
    m_ctx.wipeKeys();
}

Status DeviceRun::checkOptions() const
{
    if (!m_operation)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("meter %1 has no %2 operation (it has %3)")
                .arg(m_plugin.id, operationName(m_options.operation),
                    m_plugin.operationNames().join(QStringLiteral(", "))));
    for (auto it = m_options.settings.cbegin(); it != m_options.settings.cend(); ++it) {
        const SettingSpec *spec = m_plugin.setting(it.key());
        if (!spec)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("meter %1 has no setting \"%2\"").arg(m_plugin.id, it.key()));
        if (const Status s = spec->check(it.value()); !s.ok())
            return s;
    }
    if (!m_options.partialMcmId.isEmpty()) {
        if (const Status s = EmcmId::validatePartial(m_options.partialMcmId); !s.ok())
            return s;
    }
    return {};
}

void DeviceRun::start()
{
    m_clock.start();
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_ctx.owner = this;
    m_ctx.plugin = &m_plugin;
    m_ctx.operation = m_operation;
    m_ctx.options = &m_options;
    m_ctx.server = m_services.server;
    m_ctx.files = m_services.files;
    m_ctx.outbox = m_services.outbox;
    m_ctx.keys = KeyLedger(m_services.outbox);
    m_ctx.log = &m_log;
    m_ctx.runId = QUuid::createUuid();
    m_snapshot.runId = m_ctx.runId;
    m_log.setTag(m_options.port + QLatin1Char(':'));
    setState(RunSnapshot::State::Preparing);

    if (!m_options.runLogDir.isEmpty()) {
        static const QRegularExpression kUnsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
        const QString stem = QStringLiteral("%1-%2-%3")
                                 .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-hhmmss")),
                                     QString(m_options.port).replace(kUnsafe, QStringLiteral("_")),
                                     m_ctx.runId.toString(QUuid::WithoutBraces).left(8));
        QString error;
        if (!m_log.openFile(m_options.runLogDir, stem, &error))
            qCWarning(lcEngine).noquote() << "run log:" << error;
        else
            m_snapshot.logPath = m_log.filePath();
    }
    m_log.add(QStringLiteral("run %1: %2 %3 on %4, configuration %5, batch %6, station %7%8%9%10")
                  .arg(m_ctx.runId.toString(QUuid::WithoutBraces), m_plugin.id, m_snapshot.operation, m_options.port,
                      m_options.config.toString(), m_options.batch.toString(), m_options.stationName)
                  .arg(m_options.factoryConfig ? QStringLiteral(", --factory-config") : QString())
                  .arg(m_options.skipKeys ? QStringLiteral(", --skip-keys") : QString())
                  .arg(m_options.skipLock ? QStringLiteral(", --skip_lock") : QString()));
    if (!m_options.meterChoice.isEmpty())
        m_log.add(QStringLiteral("meter %1: %2").arg(m_plugin.id, m_options.meterChoice));
    m_phase = QStringLiteral("CheckOptions");
    if (const Status ok = checkOptions(); !ok.ok())
        return finishRun(ok);
    fetchConfiguration(StepPolicy::kNetworkAttempts);
}

void DeviceRun::fetchConfiguration(int attemptsLeft)
{
    m_snapshot.step = QStringLiteral("FetchConfiguration");
    m_snapshot.stepKind = m_snapshot.step;
    m_phase = m_snapshot.step;
    markDirty();
    m_services.server->fetchConfiguration(
        m_options.config, this, [this, attemptsLeft](const Result<ConfigurationPtr> &r) {
            if (m_finishing)
                return;
            if (!r.ok()) {
                if (r.error().code == ResultCode::ServerUnreachable && attemptsLeft > 1) {
                    m_log.add(QStringLiteral("retrying: %1").arg(r.error().message));
                    QTimer::singleShot(StepPolicy::kNetworkRetryDelayMs, this, [this, attemptsLeft] {
                        if (!m_finishing)
                            fetchConfiguration(attemptsLeft - 1);
                    });
                    return;
                }
                return finishRun(r.error());
            }
            m_ctx.config = r.value();
            m_log.add(QStringLiteral("configuration %1").arg(m_ctx.config->summary()));
            // A run that will make keys stops now, not after minutes of firmware,
            // when this station's clock is too far off the server's.
            if (const Status clock = m_ctx.config->clock.check(); m_ctx.makesKeys() && !clock.ok())
                return finishRun(clock);
            // Warm the cache: the transfer steps then find their files (or the
            // download already running) while the device is being identified.
            for (const ConfigFile &f : m_ctx.config->allFiles())
                m_services.files->fetch(f, this, [](const Result<QString> &) {});
            openLink();
        });
}

void DeviceRun::openLink()
{
    m_ctx.baud = m_options.baud.value_or(m_operation->defaultBaud);
    const transport::WrapperKind kind = m_options.wrapper.value_or(m_operation->wrapper);
    m_phase = QStringLiteral("OpenPort");
    Result<std::unique_ptr<QSerialPort>> port = m_services.ports
        ? m_services.ports->open(m_options.port, m_ctx.baud)
        : transport::SerialPortOpener::open(m_options.port, m_ctx.baud);
    if (!port.ok())
        return finishRun(port.error());
    transport::WrapperOptions wo;
    wo.baudRate = m_ctx.baud;
    const QVariant password = m_options.settings.value(QLatin1String(SettingKeys::kPsemPassword));
    if (password.isValid())
        wo.psemPassword = password.toString().toUtf8();
    const QVariant user = m_options.settings.value(QLatin1String(SettingKeys::kPsemUserId));
    if (user.isValid())
        wo.psemUserId = quint16(user.toUInt());
    auto *link = new transport::Link(
        std::move(port).value(), transport::createWrapper(kind, transport::Wrapper::Role::Station, wo), this);
    link->setDescription(m_options.port);
    m_ctx.link = link;
    m_log.add(QStringLiteral("port %1 open at %2 baud, wrapper %3 (%4 port)")
                  .arg(m_options.port)
                  .arg(m_ctx.baud)
                  .arg(transport::wrapperName(kind), portRoleName(m_operation->role)));
    connect(link, &transport::Link::ready, this, [this] {
        if (m_linkReady || m_finishing)
            return;
        m_linkReady = true;
        m_watchdog.stop();
        setState(RunSnapshot::State::Running);
        runStep(0);
    });
    connect(link, &transport::Link::failed, this, [this](const Error &error) {
        if (m_linkReady || m_finishing)
            return; // during the steps, the failing exchanges report it
        Error e = error;
        e.code = ResultCode::DeviceUnreachable;
        e.cause = FailureCause::NoAnswer;
        e.facts = QStringList {m_options.port};
        finishRun(e);
    });
    m_watchdog.disconnect(this);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        finishRun(makeCausedError(ResultCode::DeviceUnreachable, FailureCause::LinkDidNotComeUp, {m_options.port},
            QStringLiteral("the link on port %1 did not come up within %2 s")
                .arg(m_options.port)
                .arg(kLinkReadyTimeoutMs / 1000)));
    });
    m_watchdog.start(kLinkReadyTimeoutMs);
    link->open();
}

void DeviceRun::runStep(int index)
{
    if (m_finishing)
        return;
    const QList<StepSpec> &steps = m_operation->steps;
    if (index >= steps.size())
        return finishRun({});
    const StepSpec &spec = steps.at(index);
    m_stepIndex = index;
    m_snapshot.stepIndex = index + 1;
    m_snapshot.step = spec.name();
    m_snapshot.stepKind = stepKindName(spec.kind);
    m_snapshot.stepStartedMs = m_clock.elapsed();
    // The join is the one wait on something outside the station an operator can help (antenna, access point).
    m_snapshot.waitLimitMs = spec.kind == StepKind::WaitForJoin ? qint64(m_options.joinTimeoutS) * 1000 : 0;
    m_snapshot.bytesDone = 0;
    m_snapshot.bytesTotal = 0;
    m_snapshot.percent = int(100 * index / qMax(1, int(steps.size())));
    markDirty();
    QString why;
    if (StepFactory::skipped(spec, m_ctx, &why)) {
        m_log.add(QStringLiteral("step %1/%2 %3 skipped (%4)").arg(index + 1).arg(steps.size()).arg(spec.name(), why));
        return runStep(index + 1);
    }
    if (m_services.stepBoundary)
        m_services.stepBoundary(QStringLiteral("before:") + spec.name());
    m_phase = spec.name();
    // Published now, not on the progress tick: a waiting step may send no news for minutes.
    publish();
    m_log.add(QStringLiteral("step %1/%2 %3").arg(index + 1).arg(steps.size()).arg(spec.name()));
    m_stepStartedMs = m_clock.elapsed();
    Step *step = StepFactory::create(spec, m_ctx, this);
    m_step = step;
    connect(step, &Step::progressed, this, [this](qint64 done, qint64 total) {
        m_snapshot.bytesDone = done;
        m_snapshot.bytesTotal = total;
        const int n = qMax(1, m_snapshot.stepCount);
        const double fraction = total > 0 ? double(done) / double(total) : 0.0;
        m_snapshot.percent = int(100.0 * (m_stepIndex + fraction) / n);
        markDirty();
    });
    m_watchdog.disconnect(this);
    connect(&m_watchdog, &QTimer::timeout, this, [this, spec] {
        if (m_step)
            m_step->abort();
        finishRun(makeCausedError(StepPolicy::timeoutCode(spec), FailureCause::StepTimedOut,
            {QString::number(StepPolicy::stepTimeoutMs(spec, m_ctx) / 1000)},
            QStringLiteral("step %1 on port %2 took longer than %3 s")
                .arg(spec.name(), m_options.port)
                .arg(StepPolicy::stepTimeoutMs(spec, m_ctx) / 1000)));
    });
    m_watchdog.start(StepPolicy::stepTimeoutMs(spec, m_ctx));
    step->start([this, index](const Status &status) { stepDone(index, status); });
}

void DeviceRun::stepDone(int index, const Status &status)
{
    if (m_finishing || index != m_stepIndex)
        return;
    m_watchdog.stop();
    const StepSpec spec = m_operation->steps.at(index);
    if (m_step)
        m_step->deleteLater();
    const qint64 took = m_clock.elapsed() - m_stepStartedMs;
    m_steps.append(QJsonObject {{QStringLiteral("step"), spec.name()}, {QStringLiteral("ms"), took},
        {QStringLiteral("result"), status.ok() ? 0 : int(status.error().code)}});
    if (!status.ok()) {
        m_log.add(QStringLiteral("step %1 failed after %2 ms: error %3: %4")
                      .arg(spec.name())
                      .arg(took)
                      .arg(int(status.error().code))
                      .arg(status.error().message));
        return finishRun(status);
    }
    m_log.add(QStringLiteral("step %1 done in %2 ms").arg(spec.name()).arg(took));
    if (m_ctx.node && m_snapshot.nodeId.isEmpty())
        m_snapshot.nodeId = NodeId(m_ctx.node->nodeId).toString();
    if (m_ctx.host && m_snapshot.emcmId.isEmpty())
        m_snapshot.emcmId = m_ctx.host->emcmIdHex();
    if (!m_ctx.meterId.isEmpty())
        m_snapshot.meterId = m_ctx.meterId;
    if (m_services.stepBoundary)
        m_services.stepBoundary(QStringLiteral("after:") + spec.name());
    runStep(index + 1);
}

void DeviceRun::abort(const Error &error)
{
    if (m_step)
        m_step->abort();
    finishRun(error);
}

void DeviceRun::finishRun(const Status &status)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_watchdog.stop();
    if (m_step) {
        m_step->abort();
        m_step->deleteLater();
    }
    if (m_ctx.link) {
        const transport::LinkCounters c = m_ctx.link->counters();
        m_snapshot.baud = m_ctx.baud;
        m_snapshot.lineBytesOut = c.bytesWritten;
        m_snapshot.lineBytesIn = c.bytesRead;
        m_snapshot.retransmissions = c.retransmissions;
        m_log.add(QStringLiteral("line: %1 bytes out, %2 in at %3 baud, %4 resent, %5 checksum errors")
                      .arg(c.bytesWritten)
                      .arg(c.bytesRead)
                      .arg(m_ctx.baud)
                      .arg(c.retransmissions)
                      .arg(c.checksumErrors));
    }
    setState(RunSnapshot::State::Finishing);
    if (m_ctx.node)
        m_snapshot.nodeId = NodeId(m_ctx.node->nodeId).toString();
    if (m_ctx.host)
        m_snapshot.emcmId = m_ctx.host->emcmIdHex();
    settleEscrow(status, [this](const Status &result, const QString &note) { closeLinkAndReport(result, note); });
}

void DeviceRun::settleEscrow(const Status &status, std::function<void(Status, QString)> then)
{
    // The keys' plaintext is not needed any more, whatever comes next.
    m_ctx.wipeKeys();
    KeyLedger &keys = m_ctx.keys;
    const KeyLedger::Settlement settled = keys.settle(status, m_log.text());
    Status result = status;
    QString note;
    if (settled.lostWrite) {
        m_log.add(QStringLiteral("outbox write failed: %1").arg(settled.lostWrite->message));
        if (status.ok())
            result = *settled.lostWrite;
        else
            note = settled.lostWrite->message;
    }
    if (!settled.submit) {
        if (settled.dropped)
            m_log.add(QStringLiteral("escrow record %1 dropped: its keys never reached the device")
                          .arg(keys.entry()->record.uuid.toString(QUuid::WithoutBraces)));
        return then(result, note);
    }
    const ServerState target = *settled.submit;
    m_services.server->submitEscrow(*keys.entry(), target, this, [this, target, then, result, note](const Status &s) {
        KeyLedger &ledger = m_ctx.keys;
        if (!s.ok()) {
            m_log.add(QStringLiteral("escrow record stays in the outbox: %1").arg(s.error().message));
            return then(result, note.isEmpty() ? ledger.safeNote() : note);
        }
        m_log.add(QStringLiteral("server committed escrow record %1 (%2)")
                      .arg(ledger.entry()->record.uuid.toString(QUuid::WithoutBraces), serverStateName(target)));
        if (const Status forgotten = ledger.committed(target); !forgotten.ok()) {
            m_log.add(QStringLiteral("outbox write failed: %1").arg(forgotten.error().message));
            if (result.ok())
                return then(forgotten, note);
            return then(result, note.isEmpty() ? forgotten.error().message : note);
        }
        then(result, note);
    });
}

void DeviceRun::closeLinkAndReport(const Status &status, const QString &note)
{
    transport::Link *link = m_ctx.link;
    if (!link || !link->isReady()) {
        if (link)
            link->close();
        return report(status, note);
    }
    auto reported = std::make_shared<bool>(false);
    const auto once = [this, status, note, reported] {
        if (*reported)
            return;
        *reported = true;
        report(status, note);
    };
    connect(link, &transport::Link::closed, this, once);
    QTimer::singleShot(kLinkCloseTimeoutMs, this, once);
    link->close();
}

void DeviceRun::report(const Status &status, const QString &note)
{
    Error error = status.ok() ? Error {ResultCode::Success, {}, {}} : status.error();
    if (!note.isEmpty() && !error.message.contains(note))
        error.message += (error.message.isEmpty() ? QString() : QStringLiteral("; ")) + note;
    m_snapshot.resultCode = int(error.code);
    m_snapshot.message = status.ok()
        ? QStringLiteral("%1 %2 done for node %3").arg(m_plugin.id, m_snapshot.operation, m_snapshot.nodeId)
        : error.message;
    m_snapshot.cause = CauseCatalogue::id(error.cause);
    m_snapshot.causeFacts = m_snapshot.cause.isEmpty() ? QStringList() : error.facts;
    m_snapshot.action = CauseCatalogue::replacesContractAction(error.cause)
        ? CauseCatalogue::actionTextSource(CauseCatalogue::action(error.cause))
        : QString();
    m_snapshot.waitLimitMs = 0;
    m_snapshot.elapsedMs = m_clock.elapsed();
    m_log.add(QStringLiteral("result %1: %2").arg(m_snapshot.resultCode).arg(m_snapshot.message));
    if (!m_snapshot.cause.isEmpty())
        m_log.add(QStringLiteral("cause %1: %2 \u2014 %3")
                      .arg(m_snapshot.cause, CauseCatalogue::textSource(error.cause, error.facts),
                          CauseCatalogue::actionTextSource(CauseCatalogue::action(error.cause))));

    const auto done = [this, status] {
        setState(status.ok() ? RunSnapshot::State::Succeeded : RunSnapshot::State::Failed);
        emit finished(m_snapshot);
    };
    storeRunRecord(status.ok() ? QString() : m_phase, done);
}

domain::RunRecord DeviceRun::runRecord(const QString &failedStep) const
{
    domain::RunRecord run;
    run.uuid = m_ctx.runId;
    // The server stores runs under its token's station name only: the one the
    // configuration names; before that is known the server fills it in.
    run.station = m_ctx.config && !m_ctx.config->stationName.isEmpty() ? m_ctx.config->stationName : QString();
    run.slot = m_options.slotName.isEmpty() ? m_options.port : m_options.slotName;
    run.port = m_options.port;
    run.operatorName = m_options.operatorName;
    run.meter = m_plugin.id;
    run.operation = m_snapshot.operation;
    run.configId = m_ctx.config ? m_ctx.config->configId.toString() : m_options.config.toString();
    run.revision = m_ctx.config ? m_ctx.config->revision : 0;
    run.batch = qint64(m_options.batch.value());
    run.nodeId = m_snapshot.nodeId;
    run.emcmId = m_snapshot.emcmId;
    run.meterSerial = m_snapshot.meterId;
    run.labels = QJsonObject::fromVariantMap(m_options.labels);
    run.result = m_snapshot.resultCode;
    run.message = m_snapshot.message;
    // The port never opened (the server, the configuration or this PC
    // failed), or the station's side failed later: not the device's fault.
    run.stationFault = run.result != 0 && (!m_ctx.link || ResultCatalogue::isStationSide(run.result));
    run.failedStep = failedStep;
    run.cause = m_snapshot.cause;
    run.attempt = qMax(1, m_options.attempt);
    run.startedAtMs = m_startedAtMs;
    run.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    run.durationMs = m_snapshot.elapsedMs;
    run.steps = m_steps;
    if (m_ctx.keys.entry())
        run.escrowUuid = m_ctx.keys.entry()->record.uuid.toString(QUuid::WithoutBraces);
    recordReportedDevice(m_ctx, run);
    run.runLog = m_log.text();
    return run;
}

void DeviceRun::storeRunRecord(const QString &failedStep, const std::function<void()> &done)
{
    const PendingRun pending {m_ctx.runId, QString::fromLatin1(KeyOutbox::kRunKind), runRecord(failedStep).toJson()};
    // Durable first: the record travels like the keys when the server is away.
    const bool kept = m_services.outbox && m_services.outbox->putRun(pending).ok();
    if (m_services.outbox && !kept)
        qCWarning(lcEngine).noquote() << "run record" << m_ctx.runId.toString(QUuid::WithoutBraces)
                                      << "not kept in the outbox; sent once";
    if (kept && m_snapshot.resultCode == int(ResultCode::ServerUnreachable))
        return done(); // the outbox replay sends it when the server is back
    m_services.server->submitResult(pending.body, this, [this, done, kept](const Status &s) {
        const QString id = m_ctx.runId.toString(QUuid::WithoutBraces);
        if (!s.ok())
            qCDebug(lcEngine).noquote() << "run record" << id << "stays in the outbox:" << s.error().message;
        else if (kept)
            (void)m_services.outbox->removeRun(m_ctx.runId, QString::fromLatin1(KeyOutbox::kRunKind));
        done();
    });
}

void DeviceRun::setState(RunSnapshot::State state)
{
    m_snapshot.state = state;
    if (state == RunSnapshot::State::Succeeded)
        m_snapshot.percent = 100;
    publish();
}

void DeviceRun::markDirty()
{
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void DeviceRun::publish()
{
    m_progressTimer.stop();
    m_snapshot.elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    emit snapshotChanged(m_snapshot);
}

} // namespace prov::engine
