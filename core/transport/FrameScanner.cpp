#include "transport/FrameScanner.h"

namespace prov::transport {

FrameScanner::FrameScanner(qsizetype maxFrameSize)
    : m_maxFrameSize(maxFrameSize)
{ }

void FrameScanner::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_buffer.append(bytes.data(), bytes.size());
    // A frame handler may cause bytes to come back into this scanner (a peer
    // answering synchronously): the running scan() picks them up.
    if (!m_scanning)
        scan();
}

void FrameScanner::abandonPartialFrame()
{
    if (bufferedBytes() == 0 || m_scanning)
        return;
    m_inGarbageRun = false;
    skip(1, Problem::Abandoned);
    scan();
}

void FrameScanner::clear()
{
    m_buffer.clear();
    m_pos = 0;
    m_inGarbageRun = false;
}

void FrameScanner::report(Problem problem, QByteArrayView frame)
{
    if (m_onProblem)
        m_onProblem(problem, frame);
}

void FrameScanner::skip(qsizetype count, Problem problem, QByteArrayView frame)
{
    m_pos += count;
    // A run of skipped bytes is one event, not one per byte, so counters stay
    // readable ("3 framing errors", not "3000").
    if (problem == Problem::Garbage || problem == Problem::BadHeader) {
        if (m_inGarbageRun)
            return;
        m_inGarbageRun = true;
    } else {
        // After a bad checksum the rest of that frame is expected garbage.
        m_inGarbageRun = true;
    }
    report(problem, frame);
}

void FrameScanner::scan()
{
    m_scanning = true;
    while (m_pos < m_buffer.size()) {
        const QByteArrayView rest(m_buffer.constData() + m_pos, m_buffer.size() - m_pos);
        const qsizetype start = findStart(rest);
        if (start > 0) {
            skip(start, Problem::Garbage);
            continue;
        }
        const qsizetype limit = qMin(rest.size(), m_maxFrameSize);
        Check result = check(rest.first(limit));
        if (result.verdict == Verdict::NeedMore && limit == m_maxFrameSize)
            result.verdict = Verdict::BadHeader; // claims more than any frame may hold
        if (result.verdict == Verdict::NeedMore)
            break;
        if (result.verdict == Verdict::Frame) {
            m_inGarbageRun = false;
            // The handler may re-enter (a reply written synchronously), so copy
            // the frame out of the buffer before calling it.
            const QByteArray frame(rest.data(), result.length);
            m_pos += result.length;
            if (m_onFrame)
                m_onFrame(frame);
            continue;
        }
        if (result.verdict == Verdict::BadChecksum) {
            const QByteArray frame(rest.data(), qMin(result.length, rest.size()));
            skip(1, Problem::BadChecksum, frame);
            continue;
        }
        skip(1, result.verdict == Verdict::BadHeader ? Problem::BadHeader : Problem::Garbage);
    }
    // Compact: keep only the partial frame so memory stays bounded.
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_scanning = false;
}

} // namespace prov::transport
