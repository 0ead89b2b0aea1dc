#include "CommandSupport.h"
#include "support/LogSafe.h"

#include "support/LogSink.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <pwd.h>
#include <termios.h>
#include <unistd.h>

namespace prov::server {

namespace {

constexpr qsizetype kMaxSecretBytes = 4096;

void stripLineEnd(QByteArray &bytes)
{
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
}

void wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

/// One line from stdin without the terminal echoing it (when stdin is a terminal).
QByteArray readLineFromStdin(bool hideEcho)
{
    termios saved = {};
    const bool terminal = hideEcho && ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    int c = 0;
    while ((c = std::getchar()) != EOF && c != '\n' && line.size() <= kMaxSecretBytes)
        line.append(char(c));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    stripLineEnd(line);
    return line;
}

} // namespace

int fail(const Error &error)
{
    // An error may quote a name from outside (a package entry, a user name): one line, escaped.
    QTextStream(stderr) << (LogSink::stderrIsJournal() ? LogSink::journalPrefix(QtCriticalMsg) : "")
                        << QCoreApplication::applicationName() << ": " << logSafe(error.toString(), 2048) << Qt::endl;
    const int code = int(error.code);
    return code == 0 ? 1 : code;
}

void printLine(const QString &line)
{
    QTextStream(stdout) << line << Qt::endl;
}

Result<QStringList> parseSubcommand(QCommandLineParser &parser, const QString &command, const QStringList &rest)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList {QCoreApplication::applicationName()} + rest))
        return makeError(ResultCode::InvalidArguments, parser.errorText(), command);
    return parser.positionalArguments();
}

Result<std::unique_ptr<ServerStore>> openStore(const GlobalOptions &global)
{
    StoreOptions options;
    options.dataDir = global.dataDir;
    options.databaseUrl = global.databaseUrl;
    options.masterKeyFile = global.masterKeyFile;
    return ServerStore::open(options);
}

QString cliActor()
{
    const passwd *entry = ::getpwuid(::geteuid());
    const QString name = entry ? QString::fromLocal8Bit(entry->pw_name) : QString::number(::geteuid());
    return QStringLiteral("cli:") + name;
}

Result<crypto::SecretBytes> readSecret(const QString &what)
{
    const bool terminal = ::isatty(STDIN_FILENO);
    const QString label = what.left(1).toUpper() + what.mid(1);
    if (terminal)
        QTextStream(stderr) << label << ": " << Qt::flush;
    QByteArray first = readLineFromStdin(true);
    if (terminal) {
        QTextStream(stderr) << label << " again: " << Qt::flush;
        QByteArray second = readLineFromStdin(true);
        const bool same = first == second;
        wipe(second);
        if (!same) {
            wipe(first);
            return makeError(ResultCode::InvalidArguments, QStringLiteral("the two %1s differ").arg(what));
        }
    }
    if (first.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no %1 on stdin").arg(what));
    if (first.size() > kMaxSecretBytes) {
        wipe(first);
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the %1 is longer than %2 bytes").arg(what).arg(kMaxSecretBytes));
    }
    return crypto::SecretBytes::takeFrom(first);
}

Result<crypto::SecretBytes> readSecretFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read the %1 file %2: %3").arg(what, path, file.errorString()));
    if (file.size() > kMaxSecretBytes)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the %1 file %2 is larger than %3 bytes").arg(what, path).arg(kMaxSecretBytes));
    QByteArray bytes = file.readAll();
    stripLineEnd(bytes);
    if (bytes.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("the %1 file %2 is empty").arg(what, path));
    return crypto::SecretBytes::takeFrom(bytes);
}

} // namespace prov::server
