#include "SimDevice.h"

#include "SimLog.h"
#include "StateFile.h"

#include <QDir>

namespace prov::sim {

namespace {
// Progress of a long transfer is saved at most this often; everything else at once.
constexpr int kProgressSaveMs = 500;
// Requests that pile up while the device is busy (a station that floods it).
constexpr std::size_t kMaxQueue = 64;
} // namespace

SimDevice::SimDevice(
    DeviceState state, DeviceFaults faults, DeviceTiming timing, int maxBlock, QString stateDir, QObject *parent)
    : QObject(parent)
    , m_state(std::move(state))
    , m_logic(&m_state, std::move(faults), maxBlock)
    , m_timing(timing)
    , m_stateDir(std::move(stateDir))
{
    m_flashTimer.setSingleShot(true);
    m_flashTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flashTimer, &QTimer::timeout, this, [this] {
        const Pending item = std::move(m_inFlash);
        const DeviceOutcome outcome = std::move(m_inFlashOutcome);
        m_inFlash = {};
        m_inFlashOutcome = {};
        m_busy = false;
        finish(item, outcome);
        kick();
    });
    m_bootTimer.setSingleShot(true);
    connect(&m_bootTimer, &QTimer::timeout, this, [this] {
        m_booting = false;
        emit resetFinished();
    });
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(kProgressSaveMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &SimDevice::persist);
    // Requests are processed from the event loop, never inside the port's
    // signal that delivered them (a reset may delete that port's wrapper).
    m_kickTimer.setSingleShot(true);
    m_kickTimer.setInterval(0);
    connect(&m_kickTimer, &QTimer::timeout, this, &SimDevice::processNext);
}

QString SimDevice::stateFilePath() const
{
    if (m_stateDir.isEmpty())
        return {};
    return QDir(m_stateDir).filePath(m_state.nodeIdText() + QStringLiteral(".json"));
}

void SimDevice::persist()
{
    m_saveTimer.stop();
    const QString path = stateFilePath();
    if (path.isEmpty())
        return;
    if (const Status s = StateFile::write(path, m_state.toJson()); !s.ok())
        qCWarning(lcSim).noquote() << s.error().toString();
}

void SimDevice::setJoined(bool joined)
{
    if (m_state.joined == joined)
        return;
    m_state.joined = joined;
    persist();
}

void SimDevice::submit(const transport::Message &request, Reply reply)
{
    if (m_booting || m_queue.size() >= kMaxQueue)
        return;
    m_queue.push_back(Pending {request.channel, request.payload, std::move(reply)});
    kick();
}

void SimDevice::kick()
{
    if (!m_busy && !m_queue.empty() && !m_kickTimer.isActive())
        m_kickTimer.start();
}

void SimDevice::processNext()
{
    while (!m_busy && !m_booting && !m_queue.empty()) {
        Pending item = std::move(m_queue.front());
        m_queue.pop_front();
        DeviceOutcome outcome = m_logic.handle(item.channel, item.payload);
        if (outcome.powerFail) {
            qCInfo(lcSim) << "device" << m_state.nodeIdText() << "resets during a firmware update (fault)";
            startReset();
            return;
        }
        if (outcome.persistNow)
            persist();
        else if (outcome.persistSoon && !m_saveTimer.isActive())
            m_saveTimer.start();
        if (outcome.flashBytes > 0 && m_timing.flashMsPerKiB > 0.0) {
            // Carry fractions of a millisecond so many small blocks add up exactly.
            m_flashDebtMs += double(outcome.flashBytes) * m_timing.flashMsPerKiB / 1024.0;
            const int ms = int(m_flashDebtMs);
            m_flashDebtMs -= ms;
            if (ms > 0) {
                m_busy = true;
                m_inFlash = std::move(item);
                m_inFlashOutcome = std::move(outcome);
                m_flashTimer.start(ms);
                return;
            }
        }
        finish(item, outcome);
    }
}

void SimDevice::finish(const Pending &item, const DeviceOutcome &outcome)
{
    if (outcome.response && item.reply)
        item.reply(transport::Message {item.channel, *outcome.response});
    if (outcome.nodeConfigCommitted)
        emit nodeConfigCommitted(*outcome.nodeConfigCommitted);
    if (outcome.resetAfterReply)
        startReset();
}

void SimDevice::startReset()
{
    m_booting = true;
    m_busy = false;
    m_queue.clear();
    m_flashTimer.stop();
    m_kickTimer.stop();
    m_inFlash = {};
    m_inFlashOutcome = {};
    m_logic.powerCycle();
    ++m_state.resets;
    persist();
    emit resetStarted();
    m_bootTimer.start(m_timing.resetMs);
}

} // namespace prov::sim
