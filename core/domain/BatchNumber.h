#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringView>

namespace prov {

/// A batch number (often a sales order): unsigned 32-bit, parsed with exactly the
/// base rules of C `strtoul(s, nullptr, 0)` — `0x`/`0X` hex, a leading `0` octal,
/// otherwise decimal — but strictly: the whole string must parse and fit.
/// "05082011" fails with a message saying it was read as octal.
class BatchNumber
{
public:
    constexpr BatchNumber() = default;
    constexpr explicit BatchNumber(quint32 value)
        : m_value(value)
    { }

    [[nodiscard]] static Result<BatchNumber> parse(QStringView text);
    [[nodiscard]] constexpr quint32 value() const { return m_value; }
    /// Decimal, as device_keys.xml writes it.
    [[nodiscard]] QString toString() const;

    friend constexpr bool operator==(BatchNumber a, BatchNumber b) { return a.m_value == b.m_value; }
    friend constexpr bool operator!=(BatchNumber a, BatchNumber b) { return a.m_value != b.m_value; }

private:
    quint32 m_value = 0;
};

} // namespace prov
