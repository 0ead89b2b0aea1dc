#include "crypto/PairingCode.h"

#include "crypto/PasswordHash.h"
#include "crypto/Random.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>

namespace prov::crypto {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const QByteArray kKeySalt = QByteArrayLiteral("provstation-pairing-v1:");

/// Luhn mod 32 over the first nine (every second value from the right
/// doubled, digits of base 32 summed): every single mistyped character and
/// every swap of two neighbours but '0' with 'Z' changes it, so the station
/// says "mistyped" before it asks the server. Written here because it is ten
/// lines; no library on the platform offers a base-32 check character.
QChar checkCharacter(const QString &nine)
{
    int sum = 0;
    bool doubled = true;
    for (qsizetype i = nine.size() - 1; i >= 0; --i) {
        const int value = int(std::strchr(kAlphabet, char(nine.at(i).unicode())) - kAlphabet);
        const int addend = doubled ? 2 * value : value;
        sum += addend / 32 + addend % 32;
        doubled = !doubled;
    }
    return QLatin1Char(kAlphabet[(32 - sum % 32) % 32]);
}

QByteArray mac(const SecretBytes &key, QByteArrayView label, const QByteArray &nonce, const QByteArray &keyHash)
{
    QByteArray message = label.toByteArray();
    message.append('\0').append(nonce).append(keyHash);
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), key.constData(), int(key.size()),
            reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()),
            reinterpret_cast<unsigned char *>(out.data()), &size))
        return {}; // an empty proof never equals another (proofsEqual)
    out.resize(int(size));
    return out;
}

} // namespace

PairingCode::PairingCode(QString code)
    : m_code(std::move(code))
{ }

Result<PairingCode> PairingCode::generate()
{
    auto bytes = randomBytes(kLength - 1);
    if (!bytes)
        return bytes.error();
    QString nine;
    for (const char b : bytes.value())
        nine.append(QLatin1Char(kAlphabet[quint8(b) & 31])); // 256 is a multiple of 32: no bias
    return PairingCode(nine + checkCharacter(nine));
}

Result<PairingCode> PairingCode::parse(const QString &text)
{
    QString code;
    for (const QChar c : text) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        QChar u = c.toUpper();
        if (u == QLatin1Char('I') || u == QLatin1Char('L'))
            u = QLatin1Char('1');
        else if (u == QLatin1Char('O'))
            u = QLatin1Char('0');
        if (u.unicode() == 0 || u.unicode() > 127 || !std::strchr(kAlphabet, char(u.unicode())))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("pairing code \"%1\": '%2' is not one of its characters (digits and letters "
                               "without U)")
                    .arg(text.left(40), QString(c)));
        code.append(u);
    }
    if (code.size() != kLength)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("pairing code \"%1\" has %2 characters; a code has %3, like 7KQ4-M9XD-2R")
                .arg(text.left(40))
                .arg(code.size())
                .arg(kLength));
    if (checkCharacter(code.left(kLength - 1)) != code.at(kLength - 1))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("pairing code \"%1\" is mistyped (its check character does not match): compare it with "
                           "the code the server printed")
                .arg(text.left(40)));
    return PairingCode(code);
}

QString PairingCode::display() const
{
    return m_code.left(4) + QLatin1Char('-') + m_code.mid(4, 4) + QLatin1Char('-') + m_code.mid(8);
}

Result<SecretBytes> PairingCode::deriveKey() const
{
    const QByteArray salt = kKeySalt + id().toLatin1();
    QByteArray code = m_code.toLatin1();
    return pbkdf2HmacSha256(SecretBytes::takeFrom(code), salt, kKeyIterations, 32);
}

QByteArray pairingServerProof(const SecretBytes &key, const QByteArray &stationNonce, const QByteArray &serverKeyHash)
{
    return mac(key, "provstation-pair server", stationNonce, serverKeyHash);
}

QByteArray pairingStationProof(const SecretBytes &key, const QByteArray &serverNonce, const QByteArray &serverKeyHash)
{
    return mac(key, "provstation-pair station", serverNonce, serverKeyHash);
}

bool proofsEqual(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && !a.isEmpty() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace prov::crypto
