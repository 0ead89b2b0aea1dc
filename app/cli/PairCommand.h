#pragma once

#include <QObject>
#include <QStringList>

/// `provstation-cli pair https://HOST[:PORT] CODE`: pairs this station with
/// the server (engine::PairingClient), then stores the server's address and
/// key (engine::StationServerConfig) and the station token (Credentials).
/// Emits finished() with the exit code; failures print the CLI's error line.
class PairCommand : public QObject
{
    Q_OBJECT

public:
    explicit PairCommand(QStringList arguments, QObject *parent = nullptr);
    void start();

    [[nodiscard]] static QString usage();

Q_SIGNALS:
    void finished(int code);

private:
    QStringList m_arguments;
};
