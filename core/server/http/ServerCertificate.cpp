#include "server/http/ServerCertificate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QNetworkInterface>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <functional>
#include <memory>
#include <netdb.h>
#include <sys/stat.h>
#include <unistd.h>

namespace prov::server::http {

namespace {

constexpr long kValidDays = 3650;

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

Error opensslError(const QString &what)
{
    char text[256] = {};
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    ERR_clear_error();
    return makeError(ResultCode::InternalError, QStringLiteral("%1: %2").arg(what, QString::fromLatin1(text)));
}

/// The canonical (fully qualified) name of this host, from the resolver.
QString canonicalHostName(const QString &host)
{
    addrinfo hints = {};
    hints.ai_flags = AI_CANONNAME;
    addrinfo *found = nullptr;
    if (::getaddrinfo(host.toLocal8Bit().constData(), nullptr, &hints, &found) != 0 || !found)
        return {};
    const QString name = found->ai_canonname ? QString::fromLocal8Bit(found->ai_canonname) : QString();
    ::freeaddrinfo(found);
    return name;
}

/// "DNS:a,DNS:b,IP:127.0.0.1,...", without duplicates.
QString subjectAltNames(const QString &host, const QHostAddress &listenAddress)
{
    QStringList names {host};
    const QString domain = QHostInfo::localDomainName();
    if (!domain.isEmpty())
        names << host + QLatin1Char('.') + domain;
    names << canonicalHostName(host) << QStringLiteral("localhost");
    QList<QHostAddress> addresses {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    if (listenAddress == QHostAddress(QHostAddress::Any) || listenAddress == QHostAddress(QHostAddress::AnyIPv6)
        || listenAddress == QHostAddress(QHostAddress::AnyIPv4)) {
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            // Link-local addresses need a scope a certificate cannot carry.
            if (!address.isLoopback() && !address.isLinkLocal())
                addresses << address;
        }
    } else {
        addresses << listenAddress;
    }
    QStringList entries;
    for (const QString &name : names) {
        const QString entry = QStringLiteral("DNS:") + name.toLower();
        if (!name.isEmpty() && !entries.contains(entry))
            entries << entry;
    }
    for (QHostAddress address : addresses) {
        address.setScopeId({});
        const QString entry = QStringLiteral("IP:") + address.toString();
        if (!entries.contains(entry))
            entries << entry;
    }
    return entries.join(QLatin1Char(','));
}

Status addExtension(X509 *certificate, int nid, const QString &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    ExtPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.toLatin1().constData()));
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1)
        return opensslError(QStringLiteral("certificate extension %1").arg(value));
    return {};
}

Result<X509Ptr> makeCertificate(EVP_PKEY *key, const QString &host, const QHostAddress &listenAddress)
{
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1)
        return opensslError(QStringLiteral("new certificate"));
    std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return opensslError(QStringLiteral("certificate serial number"));
    // An hour back: a station whose clock is a little behind still accepts it.
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600)
        || !X509_time_adj_ex(X509_getm_notAfter(certificate.get()), kValidDays, 0, nullptr))
        return opensslError(QStringLiteral("certificate validity"));
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray commonName = host.toUtf8().left(64);
    if (X509_NAME_add_entry_by_txt(
            name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0)
            != 1
        || X509_set_issuer_name(certificate.get(), name) != 1 || X509_set_pubkey(certificate.get(), key) != 1)
        return opensslError(QStringLiteral("certificate subject"));
    for (const auto &[nid, value] : {std::pair {NID_basic_constraints, QStringLiteral("critical,CA:FALSE")},
             std::pair {NID_key_usage, QStringLiteral("critical,digitalSignature")},
             std::pair {NID_ext_key_usage, QStringLiteral("serverAuth")},
             std::pair {NID_subject_key_identifier, QStringLiteral("hash")},
             std::pair {NID_subject_alt_name, subjectAltNames(host, listenAddress)}}) {
        if (auto ok = addExtension(certificate.get(), nid, value); !ok)
            return ok.error();
    }
    if (X509_sign(certificate.get(), key, EVP_sha256()) <= 0)
        return opensslError(QStringLiteral("signing the certificate"));
    return certificate;
}

/// Writes `bytes` to a new file created with `mode` (no moment with wider rights).
Status writeNewFile(const QString &path, const QByteArray &bytes, mode_t mode)
{
    const QByteArray native = QFile::encodeName(path);
    ::unlink(native.constData()); // a leftover of an interrupted first start
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot create %1: %2").arg(path, qt_error_string()));
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n <= 0)
            break;
        written += n;
    }
    const bool ok = written == bytes.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok)
        return makeError(ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(path, qt_error_string()));
    return {};
}

Result<QByteArray> pem(const std::function<int(BIO *)> &write)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return opensslError(QStringLiteral("PEM encoding"));
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(size));
}

Status createPair(const QString &dir, const QString &certPath, const QString &keyPath, const QHostAddress &listen)
{
    PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return opensslError(QStringLiteral("making the TLS key"));
    auto certificate = makeCertificate(key.get(), QHostInfo::localHostName(), listen);
    if (!certificate)
        return certificate.error();
    const auto keyPem = pem(
        [&key](BIO *bio) { return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
    const auto certPem = pem([&certificate](BIO *bio) { return PEM_write_bio_X509(bio, certificate->get()); });
    if (!keyPem)
        return keyPem.error();
    if (!certPem)
        return certPem.error();
    // Temporary names, renamed key first: a crash leaves no half pair behind
    // the final names (a key alone is made again).
    const QString keyTemp = QDir(dir).filePath(QStringLiteral(".server.key.new"));
    const QString certTemp = QDir(dir).filePath(QStringLiteral(".server.crt.new"));
    if (auto ok = writeNewFile(keyTemp, keyPem.value(), 0600); !ok)
        return ok;
    if (auto ok = writeNewFile(certTemp, certPem.value(), 0644); !ok)
        return ok;
    if (::rename(QFile::encodeName(keyTemp).constData(), QFile::encodeName(keyPath).constData()) != 0
        || ::rename(QFile::encodeName(certTemp).constData(), QFile::encodeName(certPath).constData()) != 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot store the TLS pair in %1: %2").arg(dir, qt_error_string()));
    return {};
}

} // namespace

QString serverCertificatePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tls/server.crt"));
}

QString serverKeyPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tls/server.key"));
}

Status checkKeyFileIsPrivate(const QString &keyPath)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(keyPath).constData(), &info) != 0)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read the TLS key %1: %2").arg(keyPath, qt_error_string()));
    if ((info.st_mode & 077) != 0)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the TLS key %1 may be read by others (mode %2): it must be 0600 (chmod 600 %1)")
                .arg(keyPath)
                .arg(info.st_mode & 0777, 4, 8, QLatin1Char('0')));
    return {};
}

Result<ServerCertificate> ensureServerCertificate(const QString &dataDir, const QHostAddress &listenAddress)
{
    ServerCertificate files {serverCertificatePath(dataDir), serverKeyPath(dataDir), false};
    const QString dir = QFileInfo(files.certPath).absolutePath();
    const bool haveCert = QFileInfo::exists(files.certPath);
    const bool haveKey = QFileInfo::exists(files.keyPath);
    if (haveCert && !haveKey)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 is there but its key %2 is not: remove the certificate to make a new pair (stations "
                           "then need the new pin)")
                .arg(files.certPath, files.keyPath));
    if (!haveCert) {
        if (!QDir().mkpath(dir)
            || !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
            return makeError(ResultCode::InternalError, QStringLiteral("cannot create the folder %1").arg(dir));
        if (auto ok = createPair(dir, files.certPath, files.keyPath, listenAddress); !ok)
            return ok.error();
        files.created = true;
    }
    if (auto ok = checkKeyFileIsPrivate(files.keyPath); !ok)
        return ok.error();
    return files;
}

} // namespace prov::server::http
