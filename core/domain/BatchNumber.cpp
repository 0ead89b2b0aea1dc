#include "domain/BatchNumber.h"

#include "domain/ParseSupport.h"

#include <algorithm>

namespace prov {

using namespace parsesupport;

namespace {

[[nodiscard]] bool isDecimalDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

// The base is chosen exactly as strtoul(s, nullptr, 0) does; unlike strtoul we
// refuse leading blanks and signs, a partial parse and anything above 32 bits.
Result<BatchNumber> BatchNumber::parse(QStringView text)
{
    const auto fail = [&](const QString &why) {
        return makeError(ResultCode::InvalidArguments, QStringLiteral("batch number %1 %2").arg(quoted(text), why));
    };
    if (text.isEmpty())
        return fail(QStringLiteral("is empty; expected a decimal, 0x-prefixed hex or 0-prefixed octal number"));

    const std::string bytes = asciiOrInvalid(text);
    const std::string_view all(bytes);
    if (!isDecimalDigit(all.front())) {
        if (all.front() == '-' || all.front() == '+')
            return fail(QStringLiteral("has a sign; expected an unsigned number"));
        return fail(QStringLiteral("does not start with a digit"));
    }

    int base = 10;
    std::size_t offset = 0;
    if (all.size() >= 2 && all[0] == '0' && (all[1] == 'x' || all[1] == 'X')) {
        base = 16;
        offset = 2;
    } else if (all[0] == '0') {
        base = 8;
        offset = 1;
        if (all.size() == 1)
            return BatchNumber(0);
    }

    quint32 value = 0;
    const DigitsResult r = parseDigits(all.substr(offset), base, value);
    switch (r.outcome) {
    case DigitsOutcome::Ok:
        return BatchNumber(value);
    case DigitsOutcome::Empty:
        return fail(QStringLiteral("has no hex digits after 0x"));
    case DigitsOutcome::OutOfRange:
        if (base == 8)
            return fail(QStringLiteral("was read as octal because of its leading 0 and is out of range: the largest "
                                       "batch number is 037777777777 (4294967295); drop the leading 0 for decimal"));
        return fail(QStringLiteral("is out of range: the largest batch number is 4294967295 (0xFFFFFFFF)"));
    case DigitsOutcome::Invalid:
        break;
    }

    const std::size_t badIndex = offset + r.stop;
    const char bad = all[badIndex];
    if (base == 8 && isDecimalDigit(bad)) {
        // The classic trap: a sales order typed with a leading zero.
        QString why = QStringLiteral("was read as octal because of its leading 0, and %1 is not an octal digit; "
                                     "drop the leading 0 to enter it as decimal")
                          .arg(QLatin1Char(bad));
        const std::string_view rest = all.substr(all.find_first_not_of('0'));
        quint32 decimal = 0;
        if (std::all_of(rest.begin(), rest.end(), isDecimalDigit)
            && parseDigits(rest, 10, decimal).outcome == DigitsOutcome::Ok)
            why += QStringLiteral(" (%1)").arg(decimal);
        return fail(why);
    }
    const QString kind = base == 16 ? QStringLiteral("hex")
        : base == 8                 ? QStringLiteral("octal (leading 0)")
                                    : QStringLiteral("decimal");
    return fail(QStringLiteral("is not a valid %1 number: unexpected %2 at position %3")
                    .arg(kind, quoted(text.mid(static_cast<qsizetype>(badIndex), 1)))
                    .arg(badIndex + 1));
}

QString BatchNumber::toString() const
{
    return QString::number(m_value);
}

} // namespace prov
