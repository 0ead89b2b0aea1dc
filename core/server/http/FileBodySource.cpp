#include "server/http/FileBodySource.h"

namespace prov::server::http {

bool FileBodySource::open(const QString &path, qint64 start, qint64 length, QString &error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open %1: %2").arg(path, m_file.errorString());
        return false;
    }
    if (start < 0 || length < 0 || start + length > m_file.size() || !m_file.seek(start)) {
        error = QStringLiteral("%1 is shorter than the requested range").arg(path);
        return false;
    }
    m_length = length;
    m_remaining = length;
    return true;
}

bool FileBodySource::read(qint64 maxBytes, QByteArray &out, QString &error)
{
    const qint64 want = qMin(maxBytes, m_remaining);
    if (want <= 0)
        return true;
    const QByteArray data = m_file.read(want);
    if (data.isEmpty()) {
        error = QStringLiteral("reading %1 failed: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_remaining -= data.size();
    out.append(data);
    return true;
}

} // namespace prov::server::http
