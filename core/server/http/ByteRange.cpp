#include "server/http/ByteRange.h"

namespace prov::server::http {

namespace {
bool parseNumber(QByteArrayView text, qint64 &value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}
} // namespace

ByteRange ByteRange::parse(QByteArrayView header, qint64 size)
{
    ByteRange whole;
    whole.length = size;
    QByteArrayView spec = header.trimmed();
    if (!spec.startsWith("bytes="))
        return whole;
    spec = spec.sliced(6).trimmed();
    if (spec.contains(','))
        return whole;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return whole;
    const QByteArrayView first = spec.first(dash).trimmed();
    const QByteArrayView last = spec.sliced(dash + 1).trimmed();
    ByteRange range;
    range.kind = Kind::Partial;
    if (first.isEmpty()) {
        qint64 suffix = 0;
        if (!parseNumber(last, suffix))
            return whole;
        if (suffix == 0 || size == 0) {
            range.kind = Kind::Unsatisfiable;
            return range;
        }
        range.length = qMin(suffix, size);
        range.start = size - range.length;
        return range;
    }
    qint64 start = 0;
    if (!parseNumber(first, start))
        return whole;
    qint64 end = size - 1;
    if (!last.isEmpty()) {
        if (!parseNumber(last, end) || end < start)
            return whole;
        end = qMin(end, size - 1);
    }
    if (start >= size) {
        range.kind = Kind::Unsatisfiable;
        return range;
    }
    range.start = start;
    range.length = end - start + 1;
    return range;
}

} // namespace prov::server::http
