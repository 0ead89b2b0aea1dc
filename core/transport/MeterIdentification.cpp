#include "transport/MeterIdentification.h"

namespace prov::transport {

namespace {

// C12.19 text fields are space padded; some meters pad with NULs.
QString field(QByteArrayView bytes)
{
    QString text = QString::fromLatin1(bytes);
    while (!text.isEmpty() && (text.back() == QLatin1Char(' ') || text.back() == QChar(0)))
        text.chop(1);
    return text.trimmed();
}

bool printable(QByteArrayView bytes)
{
    for (const char c : bytes) {
        const auto u = quint8(c);
        if (u != 0 && (u < 0x20 || u > 0x7E))
            return false;
    }
    return true;
}

QByteArray padded(const QString &text, qsizetype size)
{
    return text.toLatin1().leftJustified(size, ' ', true);
}

} // namespace

Result<MeterIdentification> MeterIdentification::fromTable(QByteArrayView table)
{
    const auto bad = [](const QString &why) {
        return makeError(
            ResultCode::ApplicationLinkFailure, why, QStringLiteral("meter identification (C12.19 table 1)"));
    };
    if (table.size() < kMinTableSize || table.size() > kMaxTableSize)
        return bad(
            QStringLiteral("has %1 bytes, expected %2 to %3").arg(table.size()).arg(kMinTableSize).arg(kMaxTableSize));
    const QByteArrayView serial = table.size() >= kMinTableSize + 16 ? table.sliced(16, 16) : QByteArrayView();
    if (!printable(table.first(12)) || !printable(serial))
        return bad(QStringLiteral("manufacturer, model or serial is not printable text"));
    MeterIdentification id;
    id.manufacturer = field(table.first(4));
    id.model = field(table.sliced(4, 8));
    id.hardwareVersion = quint8(table[12]);
    id.hardwareRevision = quint8(table[13]);
    id.firmwareVersion = quint8(table[14]);
    id.firmwareRevision = quint8(table[15]);
    id.serial = field(serial);
    if (id.manufacturer.isEmpty() && id.model.isEmpty())
        return bad(QStringLiteral("names neither a manufacturer nor a model"));
    return id;
}

QByteArray MeterIdentification::toTable(const QString &manufacturer, const QString &model, const QString &serial)
{
    QByteArray table = padded(manufacturer, 4) + padded(model, 8);
    table.append(QByteArray::fromHex("01000100"));
    table.append(serial.toLatin1().rightJustified(16, ' ', true));
    return table;
}

QString MeterIdentification::toString() const
{
    QString text = QStringLiteral("manufacturer \"%1\", model \"%2\"").arg(manufacturer, model);
    if (!serial.isEmpty())
        text += QStringLiteral(", serial %1").arg(serial);
    return text;
}

} // namespace prov::transport
