#pragma once

#include <QString>

namespace prov::gui {

/// Timing that tells a keyboard-wedge scanner from a person typing.
struct WedgeTiming
{
    int maxInterKeyMs = 30; ///< scanners send keys a few ms apart; people rarely type faster than ~60 ms
    int minLength = 6; ///< shorter bursts are given back as typing
    int maxLength = 256; ///< a burst longer than this is not a barcode
};

/// Decides, key by key, whether a burst of key presses is a barcode scan.
/// Pure logic with explicit timestamps, so it is testable without a GUI: the
/// event filter holds back each key it is told to hold and gives the held keys
/// back (in order) when the detector says the burst was typing after all. The
/// delay a typist sees is at most maxInterKeyMs.
class KeyboardWedgeDetector
{
public:
    enum class Action {
        Pass, ///< nothing held: deliver this key normally
        Hold, ///< keep this key back (part of a possible scan)
        Flush, ///< deliver the held keys, then this key, normally
        FlushAndHold, ///< deliver the held keys; hold this key as the start of a new burst
        Scan, ///< the held keys and this terminator were a scan: drop them, take scannedText()
    };

    explicit KeyboardWedgeDetector(WedgeTiming timing = {});

    void setTiming(const WedgeTiming &timing);
    [[nodiscard]] const WedgeTiming &timing() const { return m_timing; }

    /// A key that produces text (letters, digits, punctuation).
    [[nodiscard]] Action textKey(const QString &text, qint64 timeMs);
    /// Enter, Return or Tab: ends a scan.
    [[nodiscard]] Action terminatorKey(qint64 timeMs);
    /// Shift and other pure modifiers: scanners press Shift for capitals, so it
    /// does not break a burst.
    [[nodiscard]] Action modifierKey(qint64 timeMs);
    /// Anything else (arrows, function keys, shortcuts): never part of a scan.
    [[nodiscard]] Action otherKey(qint64 timeMs);

    /// True when keys are held and none came for longer than maxInterKeyMs:
    /// the caller gives them back (and calls reset()).
    [[nodiscard]] bool isStale(qint64 nowMs) const;
    /// When the held keys become stale if no key comes.
    [[nodiscard]] qint64 staleAt() const { return m_lastKeyMs + m_timing.maxInterKeyMs + 1; }
    [[nodiscard]] bool isHolding() const { return m_holding; }
    [[nodiscard]] const QString &pendingText() const { return m_buffer; }
    /// The text of the last Scan (without terminator).
    [[nodiscard]] const QString &scannedText() const { return m_scanned; }
    void reset();

private:
    [[nodiscard]] bool withinBurst(qint64 timeMs) const;
    void start(const QString &text, qint64 timeMs);

    WedgeTiming m_timing;
    bool m_holding = false;
    QString m_buffer;
    QString m_scanned;
    qint64 m_lastKeyMs = 0;
};

} // namespace prov::gui
