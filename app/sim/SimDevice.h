#pragma once

#include "DeviceLogic.h"
#include "DeviceState.h"
#include "transport/Message.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

namespace prov::sim {

/// Timing of a simulated device (command-line options of provstation-sim).
struct DeviceTiming
{
    double flashMsPerKiB = 2.0;
    int resetMs = 500; ///< silent while it boots after a reset
};

/// One simulated device in time: requests from its ports (a kv2c has two) are
/// served one after the other, flash writes take time, a reset makes it deaf
/// for a while, and every change lands in DIR/<nodeId>.json.
class SimDevice : public QObject
{
    Q_OBJECT

public:
    using Reply = std::function<void(const transport::Message &)>;

    SimDevice(DeviceState state, DeviceFaults faults, DeviceTiming timing, int maxBlock, QString stateDir,
        QObject *parent = nullptr);

    /// A request from a port; `reply` sends the answer back on that port.
    void submit(const transport::Message &request, Reply reply);

    [[nodiscard]] const DeviceState &state() const { return m_state; }
    [[nodiscard]] const DeviceFaults &faults() const { return m_logic.faults(); }
    [[nodiscard]] bool isBooting() const { return m_booting; }
    [[nodiscard]] QString stateFilePath() const;
    /// The factory gateway saw the node join (or was cleared).
    void setJoined(bool joined);
    /// Writes the state file now (also at start, so it exists from the beginning).
    void persist();

signals:
    void resetStarted();
    void resetFinished();
    void nodeConfigCommitted(prov::protocol::ConfigKind kind);

private:
    struct Pending
    {
        transport::Channel channel = transport::Channel::Node;
        QByteArray payload;
        Reply reply;
    };

    void kick();
    void processNext();
    void finish(const Pending &item, const DeviceOutcome &outcome);
    void startReset();

    DeviceState m_state;
    DeviceLogic m_logic;
    DeviceTiming m_timing;
    QString m_stateDir;
    std::deque<Pending> m_queue;
    bool m_busy = false;
    bool m_booting = false;
    double m_flashDebtMs = 0.0;
    Pending m_inFlash;
    DeviceOutcome m_inFlashOutcome;
    QTimer m_flashTimer;
    QTimer m_bootTimer;
    QTimer m_saveTimer;
    QTimer m_kickTimer;
};

} // namespace prov::sim
