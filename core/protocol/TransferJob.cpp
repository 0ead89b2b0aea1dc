#include "protocol/TransferJob.h"

#include "protocol/Crc32.h"
#include "protocol/Exchanger.h"
#include "protocol/ProtocolLog.h"

#include <algorithm>

namespace prov::protocol {

TransferJob::TransferJob(Exchanger *exchanger, TransferInfo info, QByteArray data, QObject *parent)
    : ProtocolJob(exchanger, transferTargetName(info.target) + QStringLiteral(" transfer"), parent)
    , m_info(info)
    , m_data(std::move(data))
{ }

Error TransferJob::invalid(const QString &what) const
{
    const transport::Channel channel = m_exchanger ? m_exchanger->channel() : transport::Channel::Node;
    return makeError(resultCodeFor(ExchangeFailure::InvalidResponse, channel), what);
}

void TransferJob::run()
{
    if (m_data.isEmpty() || quint64(m_data.size()) != m_info.size) {
        fail(makeError(ResultCode::InternalError,
            QStringLiteral("%1 of %2 bytes announced as %3 bytes")
                .arg(operation())
                .arg(m_data.size())
                .arg(m_info.size)));
        return;
    }
    m_ownCrcMatches = crc32Of(m_data) == m_info.crc32;
    begin();
}

void TransferJob::begin()
{
    send(Request::transferBegin(0, m_info), [this](const Result<Response> &r) { handleBegin(r); });
}

void TransferJob::handleBegin(const Result<Response> &r)
{
    if (!r.ok()) {
        // Once the device has accepted the transfer, silence is worth a resume.
        if (m_begun)
            resumeOrFail(r.error());
        else
            fail(r.error());
        return;
    }
    if (!r->ok()) {
        fail(statusFailure(*r));
        return;
    }
    if (r->offset > m_info.size) {
        fail(invalid(
            QStringLiteral("the device would resume at %1, beyond the %2 bytes").arg(r->offset).arg(m_info.size)));
        return;
    }
    m_blockSize
        = qMax(1, std::min({int(r->maxBlock), m_exchanger->options().maxBlockSize, m_exchanger->maxBlockForWrapper()}));
    if (!m_begun)
        m_firstOffset = r->offset;
    m_begun = true;
    m_acked = r->offset;
    m_next = r->offset;
    emit progressed(m_acked, m_info.size);
    if (!isDone())
        fill();
}

void TransferJob::fill()
{
    const int window = qMax(1, m_exchanger->options().transferWindow);
    while (int(m_inFlight.size()) < window && m_next < m_info.size) {
        const quint32 length = qMin<quint32>(quint32(m_blockSize), m_info.size - m_next);
        sendBlock(m_next, length);
        m_next += length;
    }
    // End follows the last block at once: if a block at the tail was lost, its
    // TransferIncomplete answer says so without waiting for a timeout.
    if (m_next >= m_info.size && !m_ending)
        sendEnd();
}

void TransferJob::sendBlock(quint32 offset, quint32 length)
{
    if (offset < m_highestSent)
        ++m_blocksResent;
    m_highestSent = qMax(m_highestSent, offset + length);
    const quint32 end = offset + length;
    const quint64 id = send(
        Request::transferBlock(0, m_info.target, offset, m_data.mid(offset, length), m_info.app),
        [this, end](const Result<Response> &r) { handleBlock(end, r); }, m_exchanger->options().blockTimeoutMs);
    m_inFlight.push_back(InFlight {id, offset, end});
}

void TransferJob::handleBlock(quint32 end, const Result<Response> &r)
{
    if (!r.ok()) {
        if (r.error().code == resultCodeFor(ExchangeFailure::NoAnswer, m_exchanger->channel()))
            resumeOrFail(r.error());
        else
            fail(r.error());
        return;
    }
    switch (r->status) {
    case DeviceStatus::Ok:
        if (r->offset > m_info.size || r->offset < end) {
            // The device confirms less than this block: it lost its place.
            if (r->offset < end && r->offset <= m_info.size) {
                goBackTo(r->offset);
                return;
            }
            fail(invalid(QStringLiteral("the device confirmed offset %1 of %2 bytes").arg(r->offset).arg(m_info.size)));
            return;
        }
        m_acked = qMax(m_acked, r->offset);
        // Answers come in order: everything up to the confirmed offset is done,
        // including blocks whose own answer was lost.
        while (!m_inFlight.empty() && m_inFlight.front().end <= m_acked) {
            m_exchanger->cancel(m_inFlight.front().id);
            m_inFlight.pop_front();
        }
        emit progressed(m_acked, m_info.size);
        if (!isDone()) // a slot may have aborted the job
            fill();
        return;
    case DeviceStatus::OffsetMismatch:
        if (r->offset > m_info.size) {
            fail(invalid(QStringLiteral("the device expects offset %1 of %2 bytes").arg(r->offset).arg(m_info.size)));
            return;
        }
        goBackTo(r->offset);
        return;
    case DeviceStatus::NoTransfer:
        resumeOrFail(statusFailure(*r));
        return;
    default:
        fail(statusFailure(*r));
        return;
    }
}

void TransferJob::goBackTo(quint32 offset)
{
    qCDebug(lcProtocol) << operation() << "going back from" << m_next << "to" << offset;
    dropInFlight();
    m_acked = offset;
    m_next = offset;
    fill();
}

void TransferJob::dropInFlight()
{
    for (const InFlight &f : m_inFlight)
        m_exchanger->cancel(f.id);
    m_inFlight.clear();
    if (m_ending)
        m_exchanger->cancel(m_endId);
    m_ending = false;
}

void TransferJob::sendEnd()
{
    m_ending = true;
    m_endId
        = send(Request::transferEnd(0, m_info.target, m_info.app), [this](const Result<Response> &r) { handleEnd(r); });
}

void TransferJob::handleEnd(const Result<Response> &r)
{
    if (!r.ok()) {
        if (r.error().code == resultCodeFor(ExchangeFailure::NoAnswer, m_exchanger->channel()))
            resumeOrFail(r.error());
        else
            fail(r.error());
        return;
    }
    if (r->status == DeviceStatus::TransferIncomplete && r->offset < m_info.size) {
        m_ending = false; // this End is answered: nothing to cancel
        goBackTo(r->offset);
        return;
    }
    const bool crcMismatch
        = r->status == DeviceStatus::ImageCrcMismatch || r->status == DeviceStatus::ConfigCrcMismatch;
    if (crcMismatch && m_ownCrcMatches && m_crcRestarts < m_exchanger->options().crcMismatchRestarts) {
        // Our bytes are right, so they were damaged on the way or in flash; the
        // device discarded the transfer, and a new TransferBegin starts at 0.
        ++m_crcRestarts;
        qCInfo(lcProtocol).noquote() << operation() << "starting over after the device's CRC-32 check failed";
        dropInFlight();
        begin();
        return;
    }
    if (!r->ok()) {
        fail(statusFailure(*r));
        return;
    }
    emit progressed(m_info.size, m_info.size);
    succeed(*r);
}

void TransferJob::resumeOrFail(const Error &error)
{
    dropInFlight();
    if (m_resumes >= m_exchanger->options().resumeAttempts) {
        fail(error);
        return;
    }
    ++m_resumes;
    qCInfo(lcProtocol).noquote() << operation() << "resuming after:" << error.toString();
    begin();
}

} // namespace prov::protocol
