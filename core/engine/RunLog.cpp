#include "engine/RunLog.h"

#include "engine/EngineLog.h"

#include <QDateTime>
#include <QDir>

namespace prov::engine {

bool RunLog::openFile(const QString &dir, const QString &stem, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(dir));
        return false;
    }
    m_file.setFileName(QDir(dir).filePath(stem + QStringLiteral(".log")));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *error = QStringLiteral("cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString());
        return false;
    }
    for (const QString &line : std::as_const(m_lines))
        m_file.write(line.toUtf8() + '\n');
    m_file.flush();
    return true;
}

bool RunLog::appendAfterRun(const QString &path, const QString &line, QString *error)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        *error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    const QString stamped = QStringLiteral("%1 %2\n").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), line);
    return file.write(stamped.toUtf8()) > 0 && file.flush();
}

void RunLog::add(const QString &line)
{
    const QString stamped = QStringLiteral("%1 %2").arg(m_clock.elapsed(), 7).arg(line);
    m_lines.append(stamped);
    qCDebug(lcEngine).noquote() << m_tag << line;
    if (m_file.isOpen()) {
        m_file.write(stamped.toUtf8() + '\n');
        m_file.flush();
    }
}

} // namespace prov::engine
