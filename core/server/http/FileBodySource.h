#pragma once

#include "server/http/HttpBodySource.h"

#include <QFile>

namespace prov::server::http {

/// Streams a byte range of a file, a slice at a time.
class FileBodySource : public HttpBodySource
{
public:
    /// Opens `path`; false with `error` when it cannot be read or is shorter than the range.
    [[nodiscard]] bool open(const QString &path, qint64 start, qint64 length, QString &error);

    [[nodiscard]] qint64 size() const override { return m_length; }
    [[nodiscard]] bool read(qint64 maxBytes, QByteArray &out, QString &error) override;
    [[nodiscard]] bool atEnd() const override { return m_remaining == 0; }

private:
    QFile m_file;
    qint64 m_length = 0;
    qint64 m_remaining = 0;
};

} // namespace prov::server::http
