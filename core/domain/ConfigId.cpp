#include "domain/ConfigId.h"

#include "domain/ParseSupport.h"

namespace prov {

using namespace parsesupport;

Result<ConfigId> ConfigId::parse(QStringView text)
{
    const auto fail = [&](const QString &why) {
        return makeError(ResultCode::InvalidArguments, QStringLiteral("configuration ID %1 %2").arg(quoted(text), why));
    };
    if (text.isEmpty())
        return fail(QStringLiteral("is empty; expected decimal digits or 0x and hex digits"));

    const std::string bytes = asciiOrInvalid(text);
    const bool hex = bytes.size() >= 2 && bytes[0] == '0' && (bytes[1] == 'x' || bytes[1] == 'X');
    const std::string_view digits = std::string_view(bytes).substr(hex ? 2 : 0);
    const std::size_t offset = hex ? 2 : 0;

    quint64 value = 0;
    const DigitsResult r = parseDigits(digits, hex ? 16 : 10, value);
    switch (r.outcome) {
    case DigitsOutcome::Ok:
        return ConfigId(value);
    case DigitsOutcome::Empty:
        return fail(QStringLiteral("has no hex digits after 0x"));
    case DigitsOutcome::OutOfRange:
        return fail(QStringLiteral("is out of range: the largest configuration ID is 0xFFFFFFFFFFFFFFFF "
                                   "(18446744073709551615)"));
    case DigitsOutcome::Invalid:
        break;
    }
    const QChar bad = text.at(static_cast<qsizetype>(offset + r.stop));
    if (r.stop == 0 && !hex && (bad == u'-' || bad == u'+'))
        return fail(QStringLiteral("has a sign; expected an unsigned number"));
    return fail(QStringLiteral("is not a valid %1 number: unexpected %2 at position %3")
                    .arg(hex ? QStringLiteral("hex") : QStringLiteral("decimal"),
                        quoted(text.mid(static_cast<qsizetype>(offset + r.stop), 1)))
                    .arg(offset + r.stop + 1));
}

QString ConfigId::toString() const
{
    return QStringLiteral("0x") + QStringLiteral("%1").arg(m_value, 16, 16, QLatin1Char('0')).toUpper();
}

} // namespace prov
