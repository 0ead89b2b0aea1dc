#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringView>

namespace prov {

/// A radio node's 32-bit ID. Parses hex with or without `0x`; formats `0x%08X`.
class NodeId
{
public:
    constexpr NodeId() = default;
    constexpr explicit NodeId(quint32 value)
        : m_value(value)
    { }

    [[nodiscard]] static Result<NodeId> parse(QStringView text);
    [[nodiscard]] constexpr quint32 value() const { return m_value; }
    [[nodiscard]] QString toString() const;

    friend constexpr bool operator==(NodeId a, NodeId b) { return a.m_value == b.m_value; }
    friend constexpr bool operator!=(NodeId a, NodeId b) { return a.m_value != b.m_value; }
    friend constexpr bool operator<(NodeId a, NodeId b) { return a.m_value < b.m_value; }

private:
    quint32 m_value = 0;
};

/// The eMCM (host) ID: a hex string of 8 to 32 digits, stored upper-case.
class EmcmId
{
public:
    EmcmId() = default;

    [[nodiscard]] static Result<EmcmId> parse(QStringView text);
    [[nodiscard]] const QString &toString() const { return m_hex; }
    [[nodiscard]] bool isEmpty() const { return m_hex.isEmpty(); }

    /// The partial-MCM-ID rule of `--partial_mcm_id`: `partial` is exactly 8 hex
    /// digits and equals the last 8 digits of this ID, case-insensitive.
    [[nodiscard]] bool matchesPartial(QStringView partial) const;
    /// Validates a partial MCM ID as typed or scanned (exactly 8 hex digits).
    [[nodiscard]] static Status validatePartial(QStringView partial);

    friend bool operator==(const EmcmId &a, const EmcmId &b) { return a.m_hex == b.m_hex; }

private:
    QString m_hex;
};

} // namespace prov
