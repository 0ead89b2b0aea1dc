#pragma once

#include "protocol/ProtocolJob.h"

#include <deque>

namespace prov::protocol {

/// A firmware image or configuration through TransferBegin / Block / End:
/// resumes where the device stopped, keeps a window of blocks in flight, goes
/// back to the device's offset after a lost block, and starts over with a new
/// TransferBegin when the device went quiet (reset, line lost).
class TransferJob : public ProtocolJob
{
    Q_OBJECT

public:
    TransferJob(Exchanger *exchanger, TransferInfo info, QByteArray data, QObject *parent);

    [[nodiscard]] const TransferInfo &info() const { return m_info; }
    /// Where the device said to start the first time (> 0: resumed).
    [[nodiscard]] quint32 firstOffset() const { return m_firstOffset; }
    [[nodiscard]] int blockSize() const { return m_blockSize; }
    /// Blocks sent again (after a gap or a resume).
    [[nodiscard]] int blocksResent() const { return m_blocksResent; }
    /// TransferBegins after the first one.
    [[nodiscard]] int resumes() const { return m_resumes; }
    /// Transfers started over after a CRC-32 mismatch at TransferEnd
    /// (ClientOptions::crcMismatchRestarts).
    [[nodiscard]] int crcRestarts() const { return m_crcRestarts; }

protected:
    void run() override;

private:
    struct InFlight
    {
        quint64 id = 0;
        quint32 offset = 0;
        quint32 end = 0;
    };

    void begin();
    void handleBegin(const Result<Response> &r);
    void fill();
    void sendBlock(quint32 offset, quint32 length);
    void handleBlock(quint32 end, const Result<Response> &r);
    void sendEnd();
    void handleEnd(const Result<Response> &r);
    void goBackTo(quint32 offset);
    void resumeOrFail(const Error &error);
    void dropInFlight();
    [[nodiscard]] Error invalid(const QString &what) const;

    TransferInfo m_info;
    QByteArray m_data;
    int m_blockSize = 0;
    quint32 m_acked = 0;
    quint32 m_next = 0;
    quint32 m_firstOffset = 0;
    bool m_begun = false;
    bool m_ending = false; ///< an End is in flight (m_endId)
    quint64 m_endId = 0;
    int m_resumes = 0;
    int m_crcRestarts = 0;
    bool m_ownCrcMatches = false; ///< m_data has the CRC-32 announced in m_info
    int m_blocksResent = 0;
    std::deque<InFlight> m_inFlight;
    quint32 m_highestSent = 0;
};

} // namespace prov::protocol
