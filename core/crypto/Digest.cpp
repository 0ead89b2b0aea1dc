#include "crypto/Digest.h"

#include "crypto/CryptoLog.h"
#include "crypto/OpenSslError.h"

#include <openssl/evp.h>

#include <QFile>

namespace prov::crypto {

namespace {

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

const EVP_MD *mdFor(Digest::Algorithm algorithm)
{
    return algorithm == Digest::Algorithm::Md5 ? EVP_md5() : EVP_sha256();
}

} // namespace

struct DigestContext
{
    MdCtxPtr ctx;
    bool ok = false;
};

Digest::Digest(Algorithm algorithm)
    : m_ctx(std::make_unique<DigestContext>())
    , m_algorithm(algorithm)
{
    m_ctx->ctx.reset(EVP_MD_CTX_new());
    m_ctx->ok = m_ctx->ctx && EVP_DigestInit_ex2(m_ctx->ctx.get(), mdFor(algorithm), nullptr) == 1;
    if (!m_ctx->ok)
        qCCritical(lcCrypto) << "cannot set up a digest:" << detail::takeOpenSslErrors();
}

Digest::~Digest() = default;

void Digest::addData(QByteArrayView data)
{
    if (!m_ctx->ok || data.isEmpty())
        return;
    if (EVP_DigestUpdate(m_ctx->ctx.get(), data.data(), size_t(data.size())) != 1) {
        m_ctx->ok = false;
        qCCritical(lcCrypto) << "digest update failed:" << detail::takeOpenSslErrors();
    }
}

QByteArray Digest::result()
{
    // A failed context yields an empty result, which never equals a real digest.
    QByteArray out;
    if (m_ctx->ok) {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (EVP_DigestFinal_ex(m_ctx->ctx.get(), md, &length) == 1)
            out = QByteArray(reinterpret_cast<const char *>(md), int(length));
        else
            qCCritical(lcCrypto) << "digest final failed:" << detail::takeOpenSslErrors();
    }
    m_ctx->ok = m_ctx->ctx && EVP_DigestInit_ex2(m_ctx->ctx.get(), mdFor(m_algorithm), nullptr) == 1;
    return out;
}

QByteArray Digest::hash(QByteArrayView data, Algorithm algorithm)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), size_t(data.size()), md, &length, mdFor(algorithm), nullptr) != 1) {
        qCCritical(lcCrypto) << "one-shot digest failed:" << detail::takeOpenSslErrors();
        return {};
    }
    return QByteArray(reinterpret_cast<const char *>(md), int(length));
}

Result<FileDigests> digestFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ResultCode::ServerFileUnreadable, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    Digest md5(Digest::Algorithm::Md5);
    Digest sha256(Digest::Algorithm::Sha256);
    constexpr qint64 kChunk = 64 * 1024;
    QByteArray buffer(kChunk, Qt::Uninitialized);
    FileDigests digests;
    for (;;) {
        const qint64 n = file.read(buffer.data(), kChunk);
        if (n < 0)
            return makeError(
                ResultCode::ServerFileUnreadable, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        const QByteArrayView chunk(buffer.constData(), n);
        md5.addData(chunk);
        sha256.addData(chunk);
        digests.size += n;
    }
    digests.md5 = md5.result();
    digests.sha256 = sha256.result();
    if (digests.md5.size() != 16 || digests.sha256.size() != 32)
        return makeError(ResultCode::InternalError, QStringLiteral("cannot compute the digests of %1").arg(path));
    qCDebug(lcCrypto) << "digested" << path << digests.size << "bytes (MD5, SHA-256)";
    return digests;
}

} // namespace prov::crypto
