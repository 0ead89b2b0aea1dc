#include "crypto/SecretBytes.h"

#include <openssl/crypto.h>

#include <QString>

#include <cstring>

namespace prov::crypto {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

SecretBytes::SecretBytes(qsizetype size)
    : m_data(size > 0 ? std::make_unique<unsigned char[]>(size_t(size)) : nullptr)
    , m_size(size > 0 ? size : 0)
{ }

SecretBytes::~SecretBytes()
{
    clear();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::move(other.m_data))
    , m_size(other.m_size)
{
    other.m_size = 0;
}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::move(other.m_data);
        m_size = other.m_size;
        other.m_size = 0;
    }
    return *this;
}

SecretBytes SecretBytes::copyOf(QByteArrayView bytes)
{
    SecretBytes secret(bytes.size());
    if (!bytes.isEmpty())
        std::memcpy(secret.data(), bytes.data(), size_t(bytes.size()));
    return secret;
}

SecretBytes SecretBytes::takeFrom(QByteArray &bytes)
{
    SecretBytes secret = copyOf(bytes);
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
    return secret;
}

bool SecretBytes::fromHex(QByteArrayView hex, SecretBytes *out, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (hex.size() % 2 != 0)
        return fail(QStringLiteral("a hex key needs an even number of digits, found %1").arg(hex.size()));
    SecretBytes secret(hex.size() / 2);
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        const int high = hexValue(hex[i]);
        const int low = hexValue(hex[i + 1]);
        // Name the position only: the digits themselves are key material.
        if (high < 0)
            return fail(QStringLiteral("invalid hex digit at position %1").arg(i + 1));
        if (low < 0)
            return fail(QStringLiteral("invalid hex digit at position %1").arg(i + 2));
        secret.data()[i / 2] = static_cast<unsigned char>((high << 4) | low);
    }
    if (out)
        *out = std::move(secret);
    return true;
}

SecretBytes SecretBytes::clone() const
{
    return copyOf(view());
}

bool SecretBytes::equals(const SecretBytes &other) const
{
    if (m_size != other.m_size)
        return false;
    if (m_size == 0)
        return true;
    return CRYPTO_memcmp(m_data.get(), other.m_data.get(), size_t(m_size)) == 0;
}

void SecretBytes::clear()
{
    if (m_data && m_size > 0)
        OPENSSL_cleanse(m_data.get(), size_t(m_size));
    m_data.reset();
    m_size = 0;
}

} // namespace prov::crypto
