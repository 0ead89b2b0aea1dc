#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace prov::server::http {

/// One byte range of a resource (RFC 9110 section 14), for resumable downloads.
struct ByteRange
{
    enum class Kind {
        Whole, ///< no usable Range header: send everything (200)
        Partial, ///< send [start, start + length) (206)
        Unsatisfiable ///< 416 with "Content-Range: bytes */size"
    };
    Kind kind = Kind::Whole;
    qint64 start = 0;
    qint64 length = 0;

    /// Interprets a Range header against a resource of `size` bytes. Only one
    /// range is served; several ranges or a malformed header mean the whole
    /// resource, as the RFC allows.
    [[nodiscard]] static ByteRange parse(QByteArrayView header, qint64 size);
};

} // namespace prov::server::http
