#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace prov::sim {

/// Turns SIGTERM and SIGINT into a Qt signal (self-pipe: the handler only
/// writes a byte), so the simulator stops from its event loop and cleans up.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signal);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace prov::sim
