#pragma once

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>

namespace prov::gui {

/// Counts of one slot or of the whole shift.
struct RunCounts
{
    int passed = 0;
    int failed = 0;
    int firstAttempts = 0; ///< units tried for the first time this shift
    int firstAttemptPasses = 0; ///< ... that passed at once
    int rejected = 0; ///< failed units the operator rejected (they left the line)

    /// First-pass yield in percent, or -1 when nothing was tried yet.
    [[nodiscard]] double firstPassYield() const
    {
        return firstAttempts == 0 ? -1.0 : 100.0 * firstAttemptPasses / firstAttempts;
    }
};

/// Per-slot and per-shift counters: passed, failed, first-pass yield, units per
/// hour, and the "likely fixture fault" flag of a slot that failed three times
/// in a row (three different devices failing in one place points at the place).
class ShiftCounters
{
public:
    static constexpr int kFixtureFaultStreak = 3;

    explicit ShiftCounters(int slotCount = 0, QDateTime shiftStart = QDateTime::currentDateTimeUtc());

    void resize(int slotCount);
    /// Starts a new shift: every counter and flag back to zero.
    void startShift(const QDateTime &at);
    [[nodiscard]] QDateTime shiftStart() const { return m_shiftStart; }

    /// Records a finished run. `device` identifies the unit (node or eMCM ID or
    /// serial; may be empty). A run is a first attempt unless it is a retry or
    /// the same device already failed this shift.
    void recordResult(int slot, bool passed, const QString &device, bool retry);
    /// The operator rejected the unit of the slot's failed run.
    void recordReject(int slot);

    [[nodiscard]] RunCounts slot(int slot) const;
    [[nodiscard]] RunCounts shift() const { return m_shift; }
    [[nodiscard]] int failureStreak(int slot) const;
    [[nodiscard]] bool isFixtureSuspect(int slot) const { return failureStreak(slot) >= kFixtureFaultStreak; }
    /// The operator checked the fixture: the streak starts again.
    void acknowledgeFixture(int slot);

    /// Passed units per hour since the shift started (at least one minute is
    /// assumed, so the first unit does not read as thousands per hour).
    [[nodiscard]] double unitsPerHour(const QDateTime &now) const;
    [[nodiscard]] double slotUnitsPerHour(int slot, const QDateTime &now) const;

private:
    struct SlotCounts
    {
        RunCounts counts;
        int streak = 0;
    };

    [[nodiscard]] double perHour(int passed, const QDateTime &now) const;

    QDateTime m_shiftStart;
    QList<SlotCounts> m_slots;
    RunCounts m_shift;
    QSet<QString> m_failedDevices;
};

} // namespace prov::gui
