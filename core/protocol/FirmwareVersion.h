#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringView>

#include <array>

namespace prov::protocol {

/// A dotted-decimal version of 1 to 4 parts (the package's `version`), each part
/// 0..65535; missing parts are zero, so "1.2" equals "1.2.0.0".
class FirmwareVersion
{
public:
    constexpr FirmwareVersion() = default;
    constexpr FirmwareVersion(quint16 a, quint16 b, quint16 c, quint16 d)
        : m_parts {a, b, c, d}
    { }

    [[nodiscard]] static Result<FirmwareVersion> parse(QStringView text);
    /// Always four parts: "1.2.0.0".
    [[nodiscard]] QString toString() const;
    [[nodiscard]] constexpr quint16 part(int i) const { return m_parts[static_cast<size_t>(i)]; }
    [[nodiscard]] constexpr bool isNull() const
    {
        return m_parts[0] == 0 && m_parts[1] == 0 && m_parts[2] == 0 && m_parts[3] == 0;
    }

    friend bool operator==(const FirmwareVersion &a, const FirmwareVersion &b) { return a.m_parts == b.m_parts; }
    friend bool operator!=(const FirmwareVersion &a, const FirmwareVersion &b) { return !(a == b); }
    friend bool operator<(const FirmwareVersion &a, const FirmwareVersion &b) { return a.m_parts < b.m_parts; }

private:
    std::array<quint16, 4> m_parts {};
};

} // namespace prov::protocol
