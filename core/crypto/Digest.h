#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace prov::crypto {

struct DigestContext;

/// Streaming MD5 / SHA-256 over OpenSSL EVP.
class Digest
{
public:
    enum class Algorithm { Md5, Sha256 };

    explicit Digest(Algorithm algorithm);
    ~Digest();
    Digest(const Digest &) = delete;
    Digest &operator=(const Digest &) = delete;

    void addData(QByteArrayView data);
    /// Raw digest bytes; the object is reset afterwards.
    [[nodiscard]] QByteArray result();

    [[nodiscard]] static QByteArray hash(QByteArrayView data, Algorithm algorithm);

private:
    std::unique_ptr<DigestContext> m_ctx;
    Algorithm m_algorithm;
};

struct FileDigests
{
    qint64 size = 0;
    QByteArray md5; ///< raw 16 bytes
    QByteArray sha256; ///< raw 32 bytes
};

/// MD5 and SHA-256 of a file in one streaming pass (64 KiB reads).
[[nodiscard]] Result<FileDigests> digestFile(const QString &path);

} // namespace prov::crypto
