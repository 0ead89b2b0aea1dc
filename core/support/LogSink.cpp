#include "support/LogSink.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QtCore/qcoreapplication.h>

#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace prov {

namespace {

struct LogFile
{
    QString tag; ///< "<tag>:" starts the messages that go here only; empty: none
    std::unique_ptr<QFile> file;
};

struct SinkState
{
    QMutex mutex;
    std::vector<LogFile> files;
    QString error;
    bool toStderr = true;
    QtMsgType stderrMinimum = QtWarningMsg;
    bool journal = false;
    QtMessageHandler previous = nullptr;
    bool installed = false;
};

SinkState &state()
{
    static SinkState s;
    return s;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    SinkState &s = state();
    const QByteArray category = context.category ? context.category : "default";
    const QByteArray line = LogSink::formatLine(type, context, message);
    QMutexLocker lock(&s.mutex);
    const LogFile *own = nullptr;
    for (const LogFile &f : s.files) {
        if (!f.tag.isEmpty() && message.size() > f.tag.size() && message.startsWith(f.tag)
            && message.at(f.tag.size()) == u':') {
            own = &f;
            break;
        }
    }
    for (const LogFile &f : s.files) {
        if ((own == nullptr || own == &f) && f.file->isOpen()) {
            f.file->write(line);
            f.file->flush();
        }
    }
    if (s.toStderr && LogSink::severity(type) >= LogSink::severity(s.stderrMinimum)) {
        if (s.journal) {
            // The journal takes each line as an entry of its own: each gets the priority.
            QByteArray entries;
            for (const QByteArray &part : message.toUtf8().split('\n'))
                entries += LogSink::journalPrefix(type) + category + ": " + part + '\n';
            std::fwrite(entries.constData(), 1, size_t(entries.size()), stderr);
        } else {
            std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        }
        std::fflush(stderr);
    }
}

} // namespace

QByteArray LogSink::formatLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' + levelName(type) + ' '
        + (context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
}

int LogSink::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 2;
}

LogSink::LogSink(const Options &options)
{
    SinkState &s = state();
    QMutexLocker lock(&s.mutex);
    s.toStderr = options.toStderr;
    s.stderrMinimum = options.stderrMinimum;
    s.journal = options.journal;
    QList<std::pair<QString, QString>> files = options.taggedFiles;
    if (!options.filePath.isEmpty())
        files.prepend({QString(), options.filePath});
    for (const auto &[tag, path] : std::as_const(files)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        LogFile f {tag, std::make_unique<QFile>(path)};
        // Owner-only: a run log names devices and stations (never keys).
        if (f.file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            f.file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        else if (s.error.isEmpty())
            s.error = QStringLiteral("%1: %2").arg(path, f.file->errorString());
        s.files.push_back(std::move(f));
    }
    if (!s.installed) {
        s.previous = qInstallMessageHandler(handler);
        s.installed = true;
    }
}

LogSink::~LogSink()
{
    SinkState &s = state();
    QMutexLocker lock(&s.mutex);
    if (s.installed) {
        qInstallMessageHandler(s.previous);
        s.installed = false;
    }
    s.files.clear();
    s.error.clear();
}

bool LogSink::isOpen() const
{
    return state().error.isEmpty();
}

QString LogSink::error() const
{
    return state().error;
}

bool LogSink::stderrIsJournal()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = stream.left(colon).toULongLong(&deviceOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inodeOk);
    struct stat info = {};
    return deviceOk && inodeOk && ::fstat(STDERR_FILENO, &info) == 0 && qulonglong(info.st_dev) == device
        && qulonglong(info.st_ino) == inode;
}

const char *LogSink::journalPrefix(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "<7>";
    case QtInfoMsg:
        return "<6>";
    case QtWarningMsg:
        return "<4>";
    case QtCriticalMsg:
    case QtFatalMsg:
        return "<3>";
    }
    return "<6>";
}

QString LogSink::runFilePath(const QString &dir, const QString &prefix)
{
    return QDir(dir).filePath(prefix + QLatin1Char('-')
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-')
        + QString::number(QCoreApplication::applicationPid()) + QStringLiteral(".log"));
}

void LogSink::applyVerbosity(int verbosity, Options *options)
{
    switch (verbosity) {
    case 0:
        options->stderrMinimum = QtCriticalMsg;
        break;
    case 2:
        options->stderrMinimum = QtDebugMsg;
        QLoggingCategory::setFilterRules(QStringLiteral("provstation.*.debug=true"));
        break;
    default:
        options->stderrMinimum = QtWarningMsg;
        break;
    }
}

} // namespace prov
