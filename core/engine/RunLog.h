#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QStringList>

namespace prov::engine {

/// The log of one device run: what was done, with timings and retries, never
/// a secret. Kept in memory (it goes to the server with the result and the
/// escrow record) and written line by line to a local file when one is given.
class RunLog
{
public:
    RunLog() { m_clock.start(); }

    /// Opens <dir>/<stem>.log for appending; false (with the reason) when it cannot.
    bool openFile(const QString &dir, const QString &stem, QString *error);
    [[nodiscard]] QString filePath() const { return m_file.fileName(); }

    /// Names the run in the diagnostics log (the port).
    void setTag(const QString &tag) { m_tag = tag; }
    /// One line, prefixed with the milliseconds since the run started; also a
    /// debug message of provstation.engine (--verbosity 2, --logfile).
    void add(const QString &line);
    [[nodiscard]] QString text() const { return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n'); }
    [[nodiscard]] qint64 elapsedMs() const { return m_clock.elapsed(); }
    /// Adds a line to a finished run's log file (what the operator decided
    /// after the run, e.g. rejecting the unit), stamped with the UTC time.
    [[nodiscard]] static bool appendAfterRun(const QString &path, const QString &line, QString *error);

private:
    QElapsedTimer m_clock;
    QStringList m_lines;
    QFile m_file;
    QString m_tag;
};

} // namespace prov::engine
