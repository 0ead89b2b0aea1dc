#include "slots/ShiftCounters.h"

namespace prov::gui {

ShiftCounters::ShiftCounters(int slotCount, QDateTime shiftStart)
    : m_shiftStart(std::move(shiftStart))
{
    resize(slotCount);
}

void ShiftCounters::resize(int slotCount)
{
    m_slots.resize(qMax(0, slotCount));
}

void ShiftCounters::startShift(const QDateTime &at)
{
    m_shiftStart = at;
    const int slotCount = int(m_slots.size());
    m_slots.clear();
    m_slots.resize(slotCount);
    m_shift = RunCounts();
    m_failedDevices.clear();
}

void ShiftCounters::recordResult(int slot, bool passed, const QString &device, bool retry)
{
    if (slot < 0 || slot >= int(m_slots.size()))
        return;
    const bool firstAttempt = !retry && (device.isEmpty() || !m_failedDevices.contains(device));
    for (RunCounts *counts : {&m_slots[slot].counts, &m_shift}) {
        if (passed)
            ++counts->passed;
        else
            ++counts->failed;
        if (firstAttempt) {
            ++counts->firstAttempts;
            if (passed)
                ++counts->firstAttemptPasses;
        }
    }
    if (!passed && !device.isEmpty())
        m_failedDevices.insert(device);
    m_slots[slot].streak = passed ? 0 : m_slots[slot].streak + 1;
}

void ShiftCounters::recordReject(int slot)
{
    if (slot < 0 || slot >= int(m_slots.size()))
        return;
    ++m_slots[slot].counts.rejected;
    ++m_shift.rejected;
}

RunCounts ShiftCounters::slot(int slot) const
{
    return slot >= 0 && slot < int(m_slots.size()) ? m_slots.at(slot).counts : RunCounts();
}

int ShiftCounters::failureStreak(int slot) const
{
    return slot >= 0 && slot < int(m_slots.size()) ? m_slots.at(slot).streak : 0;
}

void ShiftCounters::acknowledgeFixture(int slot)
{
    if (slot >= 0 && slot < int(m_slots.size()))
        m_slots[slot].streak = 0;
}

double ShiftCounters::perHour(int passed, const QDateTime &now) const
{
    const qint64 seconds = qMax<qint64>(60, m_shiftStart.secsTo(now));
    return passed * 3600.0 / double(seconds);
}

double ShiftCounters::unitsPerHour(const QDateTime &now) const
{
    return perHour(m_shift.passed, now);
}

double ShiftCounters::slotUnitsPerHour(int slot, const QDateTime &now) const
{
    return perHour(this->slot(slot).passed, now);
}

} // namespace prov::gui
