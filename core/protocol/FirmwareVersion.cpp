#include "protocol/FirmwareVersion.h"

#include <QStringList>

namespace prov::protocol {

Result<FirmwareVersion> FirmwareVersion::parse(QStringView text)
{
    const auto bad = [&](const QString &why) {
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("invalid version \"%1\": %2").arg(text.toString(), why));
    };
    const QList<QStringView> parts = text.split(u'.');
    if (parts.isEmpty() || parts.size() > 4)
        return bad(QStringLiteral("expected 1 to 4 dotted decimal parts"));
    std::array<quint16, 4> values {};
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QStringView part = parts.at(i);
        // toUInt accepts signs and spaces; the package contract wants plain digits.
        if (part.isEmpty() || part.size() > 5)
            return bad(QStringLiteral("part %1 is empty or too long").arg(i + 1));
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return bad(QStringLiteral("part %1 is not decimal").arg(i + 1));
        }
        const uint v = part.toUInt();
        if (v > 0xFFFF)
            return bad(QStringLiteral("part %1 exceeds 65535").arg(i + 1));
        values[static_cast<size_t>(i)] = static_cast<quint16>(v);
    }
    return FirmwareVersion(values[0], values[1], values[2], values[3]);
}

QString FirmwareVersion::toString() const
{
    return QStringLiteral("%1.%2.%3.%4").arg(m_parts[0]).arg(m_parts[1]).arg(m_parts[2]).arg(m_parts[3]);
}

} // namespace prov::protocol
