#include "package/GzipIntegrity.h"

#include <zlib.h>

namespace prov::package {

struct GzipIntegrityState
{
    z_stream stream {};
    bool initialised = false;
    bool inMember = false; ///< between a member's header and its trailer
    bool finished = false; ///< trailing bytes that are not gzip: stop looking
    int members = 0;
    QString error;
    QByteArray sink {64 * 1024, Qt::Uninitialized};
};

GzipIntegrity::GzipIntegrity()
    : m_state(std::make_unique<GzipIntegrityState>())
{
    // 16 + MAX_WBITS: gzip wrapper only; inflate then checks CRC-32 and ISIZE itself.
    m_state->initialised = inflateInit2(&m_state->stream, 16 + MAX_WBITS) == Z_OK;
    if (!m_state->initialised)
        m_state->error = QStringLiteral("zlib could not be initialised");
}

GzipIntegrity::~GzipIntegrity()
{
    if (m_state->initialised)
        inflateEnd(&m_state->stream);
}

void GzipIntegrity::addData(const char *data, qint64 size)
{
    GzipIntegrityState &s = *m_state;
    const auto *next = reinterpret_cast<const Bytef *>(data);
    qint64 left = size;
    while (left > 0 && s.error.isEmpty() && !s.finished) {
        if (!s.inMember) {
            // A new member must start with the gzip magic; anything else is trailing data.
            if (static_cast<unsigned char>(*next) != 0x1f) {
                s.finished = true;
                return;
            }
            s.inMember = true;
        }
        const uInt piece = static_cast<uInt>(qMin<qint64>(left, 1 << 30));
        s.stream.next_in = const_cast<Bytef *>(next);
        s.stream.avail_in = piece;
        do {
            s.stream.next_out = reinterpret_cast<Bytef *>(s.sink.data());
            s.stream.avail_out = static_cast<uInt>(s.sink.size());
            const int r = inflate(&s.stream, Z_NO_FLUSH);
            if (r == Z_STREAM_END) {
                ++s.members;
                s.inMember = false;
                inflateReset(&s.stream);
                break;
            }
            if (r != Z_OK && r != Z_BUF_ERROR) {
                s.error = QString::fromLatin1(s.stream.msg ? s.stream.msg : "corrupt gzip data");
                return;
            }
        } while (s.stream.avail_in > 0 && s.stream.avail_out == 0);
        const qint64 used = piece - s.stream.avail_in;
        next += used;
        left -= used;
        if (used == 0 && s.inMember && s.stream.avail_in > 0 && s.stream.avail_out != 0) {
            s.error = QStringLiteral("corrupt gzip data");
            return;
        }
    }
}

QString GzipIntegrity::finish()
{
    GzipIntegrityState &s = *m_state;
    if (!s.error.isEmpty())
        return s.error;
    if (s.inMember)
        return QStringLiteral("the gzip stream ends early");
    if (s.members == 0)
        return QStringLiteral("no gzip data");
    return {};
}

} // namespace prov::package
