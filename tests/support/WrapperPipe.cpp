#include "WrapperPipe.h"

#include <QPointer>

#include <cmath>

namespace prov::test {

WrapperPipe::WrapperPipe(transport::Wrapper *a, transport::Wrapper *b, quint32 seed, QObject *parent)
    : QObject(parent)
    , m_a(a)
    , m_b(b)
    , m_rng(seed)
{
    connect(
        a, &transport::Wrapper::bytesToWrite, this, [this](const QByteArray &bytes) { carry(Direction::AToB, bytes); });
    connect(
        b, &transport::Wrapper::bytesToWrite, this, [this](const QByteArray &bytes) { carry(Direction::BToA, bytes); });
}

void WrapperPipe::setBlocked(Direction direction, bool blocked)
{
    m_blocked[direction == Direction::AToB ? 0 : 1] = blocked;
}

void WrapperPipe::carry(Direction direction, const QByteArray &input)
{
    if (m_blocked[direction == Direction::AToB ? 0 : 1])
        return;
    QByteArray bytes = input;
    if (m_dropRate > 0 && m_rng.generateDouble() < m_dropRate) {
        ++m_writesDropped;
        return;
    }
    if (m_bitErrorRate > 0) {
        // Geometric gaps between flipped bits: exact for any rate, cheap for small ones.
        const double logKeep = std::log1p(-m_bitErrorRate);
        qint64 bit = -1;
        const qint64 bits = qint64(bytes.size()) * 8;
        for (;;) {
            const double u = 1.0 - m_rng.generateDouble(); // (0, 1]
            bit += 1 + qint64(std::floor(std::log(u) / logKeep));
            if (bit >= bits || bit < 0)
                break;
            bytes[bit / 8] = char(bytes[bit / 8] ^ (1 << (bit % 8)));
            ++m_bitsFlipped;
        }
    }
    if (m_filter) {
        bytes = m_filter(direction, bytes);
        if (bytes.isEmpty())
            return;
    }
    m_bytesCarried += quint64(bytes.size());
    QPointer<transport::Wrapper> target = direction == Direction::AToB ? m_b : m_a;
    const qsizetype chunk = m_chunkSize > 0 ? m_chunkSize : bytes.size();
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        const QByteArray piece = bytes.mid(at, chunk);
        QMetaObject::invokeMethod(
            this,
            [target, piece] {
                if (target)
                    target->feed(piece);
            },
            Qt::QueuedConnection);
    }
}

} // namespace prov::test
