#include "servermode/ServerProcess.h"

#include "support/AppLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>
#include <QRegularExpression>

namespace prov::gui {

ServerProcess::ServerProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, &ServerProcess::readOutput);
    connect(&m_process, &QProcess::started, this, &ServerProcess::started);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(makeError(ResultCode::ServerUnreachable,
                tr("cannot start %1: %2").arg(m_process.program(), m_process.errorString())));
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        readOutput();
        if (!m_stopping) {
            const QString last = m_output.isEmpty() ? QString() : m_output.constLast();
            Q_EMIT failed(makeError(ResultCode::ServerUnreachable,
                status == QProcess::CrashExit ? tr("the server process crashed")
                                              : tr("the server process exited with code %1: %2").arg(code).arg(last)));
        }
        Q_EMIT exited(code);
    });
}

ServerProcess::~ServerProcess()
{
    stop(5000);
}

QString ServerProcess::defaultProgram()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("provstation-server"));
}

void ServerProcess::start(const Options &options)
{
    m_options = options;
    m_stopping = false;
    m_setupToken.clear();
    m_pin.clear();
    m_listening = false;
    QStringList args;
    if (!options.dataDir.isEmpty())
        args << QStringLiteral("--data-dir") << options.dataDir;
    if (!options.databaseUrl.isEmpty())
        args << QStringLiteral("--db") << options.databaseUrl;
    args << QStringLiteral("--listen") << options.listen << options.extraArguments;
    const QString program = options.program.isEmpty() ? defaultProgram() : options.program;
    qCInfo(lcApp).noquote() << "starting server mode:" << program << args.join(QLatin1Char(' '));
    m_process.start(program, args);
}

bool ServerProcess::stop(int waitMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    m_stopping = true;
    m_process.terminate();
    if (m_process.waitForFinished(waitMs))
        return true;
    qCWarning(lcApp) << "server mode did not stop within" << waitMs << "ms: killing it";
    m_process.kill();
    m_process.waitForFinished(2000);
    return false;
}

QUrl ServerProcess::url() const
{
    QString hostPort = m_options.listen;
    if (hostPort.startsWith(QLatin1String("0.0.0.0:")))
        hostPort.replace(0, 7, QStringLiteral("127.0.0.1"));
    const bool tls = !m_options.extraArguments.contains(QStringLiteral("--insecure-http"));
    return QUrl((tls ? QStringLiteral("https://") : QStringLiteral("http://")) + hostPort);
}

QUrl ServerProcess::stationUrl() const
{
    QUrl station = url();
    if (m_options.listen.startsWith(QLatin1String("0.0.0.0:")) || m_options.listen.startsWith(QLatin1String("[::]:"))
        || m_options.listen.startsWith(u':'))
        station.setHost(QHostInfo::localHostName());
    return station;
}

void ServerProcess::readOutput()
{
    m_partial += m_process.readAll();
    static const QRegularExpression setup(QStringLiteral("setup code ([0-9A-Z]{4}(?:-[0-9A-Z]{4})+)"));
    static const QRegularExpression pin(QStringLiteral("^pin: (sha256//[A-Za-z0-9+/=]+)$"));
    qsizetype nl;
    while ((nl = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(nl)).trimmed();
        m_partial.remove(0, nl + 1);
        if (line.isEmpty())
            continue;
        // The setup code is a credential: keep it for the first-admin form, not in the log view.
        const QRegularExpressionMatch match = setup.match(line);
        if (match.hasMatch()) {
            m_setupToken = match.captured(1);
            m_output << QString(line).replace(m_setupToken, QStringLiteral("\u2022\u2022\u2022"));
            Q_EMIT outputLine(m_output.constLast());
            Q_EMIT setupTokenSeen(m_setupToken);
            continue;
        }
        m_output << line;
        if (m_output.size() > 2000)
            m_output.removeFirst();
        Q_EMIT outputLine(line);
        // Over TLS the pin line comes just before the listening line.
        const QRegularExpressionMatch pinMatch = pin.match(line);
        if (pinMatch.hasMatch())
            m_pin = pinMatch.captured(1);
        if (line.startsWith(QLatin1String("listening on "))) {
            m_listening = true;
            Q_EMIT listening();
        }
    }
}

} // namespace prov::gui
