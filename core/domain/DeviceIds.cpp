#include "domain/DeviceIds.h"

#include "domain/ParseSupport.h"

#include <algorithm>

namespace prov {

using namespace parsesupport;

namespace {

constexpr qsizetype kNodeIdMaxDigits = 8;
constexpr qsizetype kEmcmMinDigits = 8;
constexpr qsizetype kEmcmMaxDigits = 32;
constexpr qsizetype kPartialDigits = 8;

[[nodiscard]] bool allHex(QStringView text)
{
    return std::all_of(text.begin(), text.end(), isAsciiHexDigit);
}

} // namespace

Result<NodeId> NodeId::parse(QStringView text)
{
    const auto fail = [&](const QString &why) {
        return makeError(ResultCode::InvalidArguments, QStringLiteral("node ID %1 %2").arg(quoted(text), why));
    };
    const bool prefixed = text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive);
    const QStringView digits = text.mid(prefixed ? 2 : 0);
    if (digits.isEmpty())
        return fail(QStringLiteral("has no hex digits; expected 1 to 8 hex digits, optionally after 0x"));
    if (!allHex(digits))
        return fail(QStringLiteral("is not hexadecimal; expected 1 to 8 hex digits, optionally after 0x"));
    if (digits.size() > kNodeIdMaxDigits)
        return fail(QStringLiteral("has %1 hex digits; a node ID has at most 8").arg(digits.size()));
    quint32 value = 0;
    // Cannot fail after the checks above; kept as the single conversion.
    if (parseDigits(asciiOrInvalid(digits), 16, value).outcome != DigitsOutcome::Ok)
        return fail(QStringLiteral("is not a 32-bit hex number"));
    return NodeId(value);
}

QString NodeId::toString() const
{
    return QStringLiteral("0x") + QStringLiteral("%1").arg(m_value, 8, 16, QLatin1Char('0')).toUpper();
}

Result<EmcmId> EmcmId::parse(QStringView text)
{
    const auto fail = [&](const QString &why) {
        return makeError(ResultCode::InvalidArguments, QStringLiteral("eMCM ID %1 %2").arg(quoted(text), why));
    };
    if (!allHex(text))
        return fail(QStringLiteral("is not hexadecimal; expected 8 to 32 hex digits without 0x"));
    if (text.size() < kEmcmMinDigits || text.size() > kEmcmMaxDigits)
        return fail(QStringLiteral("has %1 hex digits; expected 8 to 32").arg(text.size()));
    EmcmId id;
    id.m_hex = text.toString().toUpper();
    return id;
}

bool EmcmId::matchesPartial(QStringView partial) const
{
    if (!validatePartial(partial) || m_hex.size() < kPartialDigits)
        return false;
    return QStringView(m_hex).right(kPartialDigits).compare(partial, Qt::CaseInsensitive) == 0;
}

Status EmcmId::validatePartial(QStringView partial)
{
    const auto fail = [&](const QString &why) {
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("partial MCM ID %1 %2").arg(quoted(partial), why));
    };
    if (!allHex(partial))
        return fail(QStringLiteral("is not hexadecimal; expected exactly 8 hex digits (the last 8 of the eMCM ID)"));
    if (partial.size() != kPartialDigits)
        return fail(
            QStringLiteral("has %1 hex digits; expected exactly 8 (the last 8 of the eMCM ID)").arg(partial.size()));
    return {};
}

} // namespace prov
