#include "package/GatewayKeyCsv.h"

#include <QList>

#include <cstring>

namespace prov::package {

namespace {

Error shapeError(const QString &what)
{
    return makeError(ResultCode::InvalidArguments, what);
}

bool equalsLiteral(QByteArrayView line, const char *literal)
{
    const auto length = static_cast<qsizetype>(std::strlen(literal));
    return line.size() == length && std::memcmp(line.data(), literal, static_cast<size_t>(length)) == 0;
}

void appendHex(crypto::SecretBytes &out, qsizetype &pos, const crypto::SecretBytes &key)
{
    static const char digits[] = "0123456789abcdef";
    for (qsizetype i = 0; i < key.size(); ++i) {
        out.data()[pos++] = static_cast<unsigned char>(digits[key.constData()[i] >> 4]);
        out.data()[pos++] = static_cast<unsigned char>(digits[key.constData()[i] & 0x0f]);
    }
}

void appendText(crypto::SecretBytes &out, qsizetype &pos, const char *text)
{
    const size_t length = std::strlen(text);
    std::memcpy(out.data() + pos, text, length);
    pos += static_cast<qsizetype>(length);
}

} // namespace

Result<GatewayKeys> GatewayKeyCsv::parse(const crypto::SecretBytes &plain)
{
    QByteArrayView text = plain.view();
    if (text.startsWith(QByteArrayView("\xEF\xBB\xBF")))
        text = text.sliced(3);
    if (text.isEmpty())
        return shapeError(QStringLiteral("the file is empty"));

    // Split into lines without copying: a final line end is optional, so a
    // trailing empty piece is dropped, any other empty line is an error.
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = start;
        while (end < text.size() && text[end] != '\n')
            ++end;
        QByteArrayView line = text.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
        start = end + 1;
    }
    if (lines.size() > 3)
        return shapeError(QStringLiteral("it has %1 lines, expected 3 (header, gateway, cdld)").arg(lines.size()));
    if (!equalsLiteral(lines.value(0), "key,hex"))
        return shapeError(QStringLiteral("line 1 is not the header \"key,hex\""));

    GatewayKeys keys;
    bool haveGateway = false;
    bool haveCdld = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        const qsizetype comma = line.indexOf(',');
        if (comma < 0)
            return shapeError(QStringLiteral("line %1 is not \"name,hex\"").arg(i + 1));
        const QByteArrayView name = line.first(comma);
        const QByteArrayView hex = line.sliced(comma + 1);
        crypto::SecretBytes *target = nullptr;
        bool *seen = nullptr;
        QString rowName;
        if (equalsLiteral(name, "gateway")) {
            target = &keys.gateway;
            seen = &haveGateway;
            rowName = QStringLiteral("gateway");
        } else if (equalsLiteral(name, "cdld")) {
            target = &keys.codeDownload;
            seen = &haveCdld;
            rowName = QStringLiteral("cdld");
        } else {
            return shapeError(QStringLiteral("line %1 is not a \"gateway\" or \"cdld\" row").arg(i + 1));
        }
        if (*seen)
            return shapeError(QStringLiteral("the %1 row appears twice").arg(rowName));
        *seen = true;
        if (hex.size() != 2 * kKeyBytes) {
            return shapeError(QStringLiteral("the %1 value on line %2 has %3 characters, expected %4 hex digits "
                                             "(16 bytes)")
                                  .arg(rowName)
                                  .arg(i + 1)
                                  .arg(hex.size())
                                  .arg(2 * kKeyBytes));
        }
        QString hexError;
        if (!crypto::SecretBytes::fromHex(hex, target, &hexError))
            return shapeError(QStringLiteral("the %1 value on line %2 is not hexadecimal (%3)")
                                  .arg(rowName)
                                  .arg(i + 1)
                                  .arg(hexError));
    }
    if (!haveGateway)
        return shapeError(QStringLiteral("the gateway row is missing"));
    if (!haveCdld)
        return shapeError(QStringLiteral("the cdld row is missing"));
    return keys;
}

crypto::SecretBytes GatewayKeyCsv::format(const GatewayKeys &keys)
{
    const char *header = "key,hex\ngateway,";
    const char *middle = "\ncdld,";
    const qsizetype size = static_cast<qsizetype>(std::strlen(header) + std::strlen(middle)) + 2 * keys.gateway.size()
        + 2 * keys.codeDownload.size() + 1;
    crypto::SecretBytes out(size);
    qsizetype pos = 0;
    appendText(out, pos, header);
    appendHex(out, pos, keys.gateway);
    appendText(out, pos, middle);
    appendHex(out, pos, keys.codeDownload);
    appendText(out, pos, "\n");
    return out;
}

} // namespace prov::package
