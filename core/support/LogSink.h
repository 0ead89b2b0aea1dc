#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <utility>

namespace prov {

/// Process-wide log sink: installs a Qt message handler that writes every
/// message that passes the category filters, time-stamped with its category,
/// to a per-run file (and, optionally, to stderr at or above a minimum level).
/// The file is flushed per line so a crash loses nothing already logged.
/// Create one in main(); it uninstalls itself when destroyed.
class LogSink
{
public:
    struct Options
    {
        QString filePath; ///< empty: no file
        bool toStderr = true;
        QtMsgType stderrMinimum = QtWarningMsg; ///< QtDebugMsg for --verbosity=2
        /// stderr is systemd's journal: lines carry the syslog priority ("<4>",
        /// sd-daemon(3)) instead of a time stamp (the journal has its own).
        bool journal = false;
        /// Further files, each with a tag: a message that begins "<tag>:" goes
        /// to its tag's file only; any other message goes to every file.
        QList<std::pair<QString, QString>> taggedFiles; ///< tag, file path
    };

    explicit LogSink(const Options &options);
    ~LogSink();
    LogSink(const LogSink &) = delete;
    LogSink &operator=(const LogSink &) = delete;

    /// False when a file could not be opened; error() names it and says why.
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString error() const;

    /// True when stderr is connected to systemd's journal: JOURNAL_STREAM names
    /// the device and inode of stderr (a pipe to a child has other numbers).
    [[nodiscard]] static bool stderrIsJournal();
    /// "<3>" critical and fatal, "<4>" warning, "<6>" info, "<7>" debug.
    [[nodiscard]] static const char *journalPrefix(QtMsgType type);

    /// One log line as every sink writes it: UTC time, level, category, text.
    [[nodiscard]] static QByteArray formatLine(
        QtMsgType type, const QMessageLogContext &context, const QString &message);
    /// debug 0, info 1, warning 2, critical 3, fatal 4: for "at or above".
    [[nodiscard]] static int severity(QtMsgType type);

    /// A fresh file name for a run: <dir>/<prefix>-yyyyMMdd-hhmmss-<pid>.log
    [[nodiscard]] static QString runFilePath(const QString &dir, const QString &prefix);

    /// Maps the CLI's --verbosity (0 critical only, 1 warnings, 2 debug) onto
    /// logging rules and the stderr minimum.
    static void applyVerbosity(int verbosity, Options *options);
};

} // namespace prov
