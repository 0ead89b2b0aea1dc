#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

class QDebug;

namespace prov::crypto {

/// Key material in memory. Move-only (use clone() to copy on purpose), wiped with
/// OPENSSL_cleanse when destroyed or reassigned, compared in constant time, and
/// impossible to stream into QDebug or a log: there is no toHex(), no QString
/// conversion and no operator<<. The only way to see the bytes is data().
class SecretBytes
{
public:
    SecretBytes() = default;
    /// size zero bytes.
    explicit SecretBytes(qsizetype size);
    ~SecretBytes();

    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    /// Copies bytes that are already in memory (the caller wipes its copy).
    [[nodiscard]] static SecretBytes copyOf(QByteArrayView bytes);
    /// Copies `bytes` and wipes the source QByteArray (detaching first is the
    /// caller's business: shared copies elsewhere are not reached).
    [[nodiscard]] static SecretBytes takeFrom(QByteArray &bytes);
    /// Parses exactly 2*n hex digits (either case) into a secret; the error names
    /// the position of the bad digit, never the digits themselves.
    [[nodiscard]] static bool fromHex(QByteArrayView hex, SecretBytes *out, QString *error);

    [[nodiscard]] SecretBytes clone() const;

    [[nodiscard]] unsigned char *data() { return m_data.get(); }
    [[nodiscard]] const unsigned char *constData() const { return m_data.get(); }
    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] QByteArrayView view() const
    {
        return QByteArrayView(reinterpret_cast<const char *>(m_data.get()), m_size);
    }

    /// Constant-time comparison (CRYPTO_memcmp); different sizes are unequal.
    [[nodiscard]] bool equals(const SecretBytes &other) const;

    void clear();

private:
    std::unique_ptr<unsigned char[]> m_data;
    qsizetype m_size = 0;
};

/// Poison: logging a secret does not compile.
QDebug operator<<(QDebug, const SecretBytes &) = delete;

} // namespace prov::crypto
