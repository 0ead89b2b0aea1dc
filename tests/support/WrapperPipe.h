#pragma once

#include "transport/Wrapper.h"

#include <QObject>
#include <QRandomGenerator>

#include <functional>

namespace prov::test {

/// An in-memory serial line between two wrappers (a station side and a device
/// side). Bytes travel through the event loop (queued), like on a real port,
/// optionally cut into small chunks, and the line can drop or corrupt whole
/// writes or single bits, reproducibly (seeded).
class WrapperPipe : public QObject
{
    Q_OBJECT

public:
    enum class Direction { AToB, BToA };
    /// Sees (and may change) every chunk on its way; return an empty array to drop it.
    using Filter = std::function<QByteArray(Direction, const QByteArray &)>;

    WrapperPipe(transport::Wrapper *a, transport::Wrapper *b, quint32 seed = 1, QObject *parent = nullptr);

    void setFilter(Filter filter) { m_filter = std::move(filter); }
    /// Probability that one write (usually a whole frame) is lost.
    void setDropRate(double rate) { m_dropRate = rate; }
    /// Probability per bit of being flipped.
    void setBitErrorRate(double rate) { m_bitErrorRate = rate; }
    /// Deliver at most this many bytes per event (0 = the whole write).
    void setChunkSize(int bytes) { m_chunkSize = bytes; }
    /// Stop delivering in one direction (unplugged cable).
    void setBlocked(Direction direction, bool blocked);

    [[nodiscard]] quint64 bytesCarried() const { return m_bytesCarried; }
    [[nodiscard]] int writesDropped() const { return m_writesDropped; }
    [[nodiscard]] int bitsFlipped() const { return m_bitsFlipped; }

private:
    void carry(Direction direction, const QByteArray &bytes);

    transport::Wrapper *m_a;
    transport::Wrapper *m_b;
    QRandomGenerator m_rng;
    Filter m_filter;
    double m_dropRate = 0;
    double m_bitErrorRate = 0;
    int m_chunkSize = 0;
    bool m_blocked[2] = {false, false};
    quint64 m_bytesCarried = 0;
    int m_writesDropped = 0;
    int m_bitsFlipped = 0;
};

} // namespace prov::test
