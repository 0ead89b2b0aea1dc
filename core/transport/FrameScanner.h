#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace prov::transport {

/// Cuts a byte stream into frames for one framing (`none`, `orw`, `reliable`):
/// buffers partial frames, skips garbage, and after a bad frame skips one byte
/// and rescans, so one corrupted frame never costs the frames after it.
/// Memory is bounded: after each feed() at most one partial frame (< maxFrameSize)
/// stays buffered. Plain C++ (no QObject) so the fuzzers drive it directly.
class FrameScanner
{
public:
    enum class Problem {
        Garbage, ///< bytes that cannot start a frame were skipped (one event per run)
        BadHeader, ///< implausible length, channel or header check: frame start skipped
        BadChecksum, ///< a whole frame whose checksum did not match
        Abandoned, ///< a partial frame was given up (line went quiet, see abandonPartialFrame)
    };
    using FrameHandler = std::function<void(QByteArrayView frame)>;
    /// `frame` is the rejected frame for BadChecksum (its header is sound, so a
    /// wrapper can tell which frame to ask for again), empty otherwise.
    using ProblemHandler = std::function<void(Problem problem, QByteArrayView frame)>;

    explicit FrameScanner(qsizetype maxFrameSize);
    virtual ~FrameScanner() = default;
    FrameScanner(const FrameScanner &) = delete;
    FrameScanner &operator=(const FrameScanner &) = delete;

    void setFrameHandler(FrameHandler handler) { m_onFrame = std::move(handler); }
    void setProblemHandler(ProblemHandler handler) { m_onProblem = std::move(handler); }

    /// Any chunk of bytes; calls the handlers for every whole frame and problem.
    void feed(QByteArrayView bytes);
    /// Bytes buffered that may still become a frame.
    [[nodiscard]] qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    /// The line went quiet in the middle of a frame: the candidate start was
    /// garbage or a corrupted length. Skip it and rescan what is buffered.
    void abandonPartialFrame();
    void clear();
    [[nodiscard]] qsizetype maxFrameSize() const { return m_maxFrameSize; }

protected:
    enum class Verdict { NeedMore, Frame, NotAStart, BadHeader, BadChecksum };
    struct Check
    {
        Verdict verdict = Verdict::NeedMore;
        qsizetype length = 0; ///< frame length for Verdict::Frame and Verdict::BadChecksum
    };
    /// Where in `data` the next frame could start (data.size() if nowhere):
    /// the scanner skips the bytes before it as garbage.
    [[nodiscard]] virtual qsizetype findStart(QByteArrayView data) const = 0;
    /// Judges the candidate frame at the start of `data` (which may be partial).
    [[nodiscard]] virtual Check check(QByteArrayView data) const = 0;

private:
    void scan();
    void skip(qsizetype count, Problem problem, QByteArrayView frame = {});
    void report(Problem problem, QByteArrayView frame);

    qsizetype m_maxFrameSize;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_inGarbageRun = false;
    bool m_scanning = false;
    FrameHandler m_onFrame;
    ProblemHandler m_onProblem;
};

} // namespace prov::transport
