#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QSocketNotifier;
QT_END_NAMESPACE

namespace prov {

/// Turns SIGTERM and SIGINT into a Qt signal on the event loop (self-pipe:
/// the handler only writes a byte), so a process (server, simulator, station
/// window) stops cleanly: children stopped, files closed. One per process.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

signals:
    /// A stop was asked for; `signalNumber` is SIGTERM or SIGINT.
    void shutdownRequested(int signalNumber);

private:
    void onActivated();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace prov
