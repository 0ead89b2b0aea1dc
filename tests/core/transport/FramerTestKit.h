#pragma once

// Helpers shared by the framer tests: collect what a FrameScanner delivers and
// build reproducible payloads.

#include "transport/FrameScanner.h"
#include "transport/Message.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

namespace prov::test {

/// Everything a scanner reported, decoded with its framer's decode
/// (NodeFramer::decode, ...).
struct ScanLog
{
    QList<transport::Message> messages;
    int checksumErrors = 0;
    int framingErrors = 0;

    void attach(transport::FrameScanner &scanner, transport::Message (*decode)(QByteArrayView))
    {
        scanner.setFrameHandler([this, decode](QByteArrayView frame) { messages.append(decode(frame)); });
        scanner.setProblemHandler([this](transport::FrameScanner::Problem problem, QByteArrayView) {
            if (problem == transport::FrameScanner::Problem::BadChecksum)
                ++checksumErrors;
            else
                ++framingErrors;
        });
    }
    [[nodiscard]] int problems() const { return checksumErrors + framingErrors; }
};

/// What the wrapper's inter-character timer does when the line goes quiet.
inline void drainPartial(transport::FrameScanner &scanner)
{
    while (scanner.bufferedBytes() > 0)
        scanner.abandonPartialFrame();
}

inline QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(rng.bounded(256));
    return bytes;
}

} // namespace prov::test
