#pragma once

#include "domain/Result.h"

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace prov::gui {

/// Server mode inside `provstation --server`: runs the same provstation-server
/// the headless install runs (a sibling executable) as a child process, so the
/// window is a plain client of its HTTP API and a crash of either side never
/// takes the other's state with it. Stopped with SIGTERM (the server answers
/// requests in flight, then exits) and killed only after a bounded wait.
class ServerProcess : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString program; ///< default: provstation-server beside this executable
        QString dataDir;
        QString databaseUrl; ///< empty: SQLite in dataDir
        QString listen = QStringLiteral("127.0.0.1:8085");
        QStringList extraArguments; ///< --tls-cert, --tls-key, --insecure-http, limits
    };

    explicit ServerProcess(QObject *parent = nullptr);
    ~ServerProcess() override;

    [[nodiscard]] static QString defaultProgram();
    void start(const Options &options);
    /// SIGTERM, wait up to `waitMs`, then kill. Returns true if it stopped by itself.
    bool stop(int waitMs = 5000);
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    /// https://127.0.0.1:8085 from the listen address (http:// with --insecure-http).
    [[nodiscard]] QUrl url() const;
    /// The setup code the server printed (no admin exists yet), or empty.
    [[nodiscard]] QString setupToken() const { return m_setupToken; }
    /// The address stations use: url() with this computer's host name when the
    /// server listens on every address.
    [[nodiscard]] QUrl stationUrl() const;
    /// The server's key pin as it printed it ("sha256//<base64>"), or empty
    /// (not yet, or plain HTTP).
    [[nodiscard]] QString pin() const { return m_pin; }
    /// The same pin in the form ApiClient::setCertificatePins() takes.
    [[nodiscard]] QStringList apiClientPins() const;
    /// The server said it is listening (and, over TLS, its pin).
    [[nodiscard]] bool isListening() const { return m_listening; }
    /// Everything the server printed (for the window's log view).
    [[nodiscard]] QStringList output() const { return m_output; }

Q_SIGNALS:
    void started();
    void setupTokenSeen(const QString &token);
    /// The server listens; over TLS pin() is known by then.
    void listening();
    void outputLine(const QString &line);
    void failed(const prov::Error &error);
    void exited(int exitCode);

private:
    void readOutput();

    QProcess m_process;
    Options m_options;
    QString m_setupToken;
    QString m_pin;
    bool m_listening = false;
    QStringList m_output;
    QByteArray m_partial;
    bool m_stopping = false;
};

} // namespace prov::gui
