#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringView>

namespace prov {

/// A provisioning configuration ID: unsigned 64-bit. Parses decimal or `0x` hex
/// (strictly: no sign, no spaces, no trailing garbage, no overflow); formats as
/// `0x` + 16 upper-case hex digits, as device_keys.xml wants it. Leading zeros in
/// decimal are plain decimal ("0045" is 45; unlike BatchNumber there is no octal).
class ConfigId
{
public:
    constexpr ConfigId() = default;
    constexpr explicit ConfigId(quint64 value)
        : m_value(value)
    { }

    [[nodiscard]] static Result<ConfigId> parse(QStringView text);
    [[nodiscard]] constexpr quint64 value() const { return m_value; }
    [[nodiscard]] QString toString() const;

    friend constexpr bool operator==(ConfigId a, ConfigId b) { return a.m_value == b.m_value; }
    friend constexpr bool operator!=(ConfigId a, ConfigId b) { return a.m_value != b.m_value; }
    friend constexpr bool operator<(ConfigId a, ConfigId b) { return a.m_value < b.m_value; }

private:
    quint64 m_value = 0;
};

} // namespace prov
