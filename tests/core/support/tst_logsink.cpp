#include "crypto/CryptoLog.h"
#include "crypto/OpenSslEnc.h"
#include "crypto/PasswordHash.h"
#include "crypto/Random.h"
#include "crypto/RsaKeys.h"
#include "crypto/SymmetricCrypto.h"
#include "engine/EngineLog.h"
#include "server/ServerLog.h"
#include "support/LogSink.h"

#include "TestSupport.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

using namespace prov;
using namespace prov::crypto;
using namespace prov::test;

namespace {

/// Points file descriptor 2 at a file for its lifetime, so everything written to
/// stderr (by the sink, Qt or OpenSSL) can be searched afterwards.
class StderrCapture
{
public:
    explicit StderrCapture(const QString &path)
    {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            ::dup2(fd, STDERR_FILENO);
            ::close(fd);
        }
    }
    ~StderrCapture()
    {
        std::fflush(stderr);
        if (m_saved >= 0) {
            ::dup2(m_saved, STDERR_FILENO);
            ::close(m_saved);
        }
    }
    StderrCapture(const StderrCapture &) = delete;
    StderrCapture &operator=(const StderrCapture &) = delete;

private:
    int m_saved = -1;
};

/// Every textual form a secret could take in a log line.
QList<QByteArray> forms(QByteArrayView secret)
{
    const QByteArray bytes = secret.toByteArray();
    return {bytes.toHex(), bytes.toHex().toUpper(), bytes.toBase64(),
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals), bytes.toHex(' ')};
}

} // namespace

/// The per-run log sink, and the rule that nothing secret is ever logged: a full
/// crypto round trip with every debug category on must leave no key, passphrase
/// or password in the log file or on stderr.
class TestLogSink : public QObject
{
    Q_OBJECT

private slots:
    void runFilePathIsPerRun();
    void journalLinesCarryTheirPriority();
    void taggedFilesTakeTheirOwnLines();
    void secretsNeverReachTheLog();
};

void TestLogSink::journalLinesCarryTheirPriority()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("journal"));
    const QByteArray saved = qgetenv("JOURNAL_STREAM");
    {
        StderrCapture capture(path);
        // Not the journal: JOURNAL_STREAM names another file (a parent's stream).
        qputenv("JOURNAL_STREAM", "1:1");
        QVERIFY(!LogSink::stderrIsJournal());
        struct stat info = {};
        QVERIFY(::fstat(STDERR_FILENO, &info) == 0);
        qputenv("JOURNAL_STREAM",
            QByteArray::number(qulonglong(info.st_dev)) + ':' + QByteArray::number(qulonglong(info.st_ino)));
        QVERIFY(LogSink::stderrIsJournal());
        LogSink::Options options;
        options.stderrMinimum = QtDebugMsg;
        options.journal = LogSink::stderrIsJournal();
        LogSink sink(options);
        qCWarning(lcServer) << "a warning";
        qCInfo(lcServerHttp).noquote() << "GET /api/v1/health 200 1 ms";
        qCCritical(lcServer).noquote() << "two\nlines";
    }
    qputenv("JOURNAL_STREAM", saved);
    const QByteArray journal = readFile(path);
    QVERIFY2(journal.contains("<4>provstation.server: a warning\n"), journal.constData());
    // The server's access log is on by default (info), with no rules set.
    QVERIFY2(journal.contains("<6>provstation.server.http: GET /api/v1/health 200 1 ms\n"), journal.constData());
    QVERIFY2(journal.contains("<3>provstation.server: two\n<3>provstation.server: lines\n"), journal.constData());
}

void TestLogSink::taggedFilesTakeTheirOwnLines()
{
    // provstation-cli with several -d: each port's lines ("<port>: ...") in
    // its own file, lines that name no port in every file.
    QTemporaryDir dir;
    const QString seven = dir.filePath(QStringLiteral("run-pts_7.log"));
    const QString seventy = dir.filePath(QStringLiteral("run-pts_70.log"));
    {
        LogSink::Options options;
        options.toStderr = false;
        options.taggedFiles = {{QStringLiteral("/dev/pts/7"), seven}, {QStringLiteral("/dev/pts/70"), seventy}};
        LogSink sink(options);
        QVERIFY(sink.isOpen());
        qCWarning(lcEngine).noquote() << "/dev/pts/7:"
                                      << "step 1/9 IdentifyNode";
        qCWarning(lcEngine).noquote() << "/dev/pts/70:"
                                      << "step 2/9 CheckNodeCompatibility";
        qCWarning(lcEngine).noquote() << "outbox pass stopped";
    }
    const QByteArray a = readFile(seven);
    const QByteArray b = readFile(seventy);
    QVERIFY2(a.contains("warning provstation.engine: /dev/pts/7: step 1/9 IdentifyNode\n"), a.constData());
    QVERIFY2(!a.contains("step 2/9"), a.constData());
    QVERIFY2(b.contains("/dev/pts/70: step 2/9 CheckNodeCompatibility\n"), b.constData());
    QVERIFY2(!b.contains("step 1/9"), b.constData());
    QVERIFY(a.contains("outbox pass stopped\n") && b.contains("outbox pass stopped\n"));
    // A file that cannot be opened is named.
    LogSink::Options bad;
    bad.toStderr = false;
    QFile(seven).copy(dir.filePath(QStringLiteral("plain"))); // a file where a folder would have to be
    bad.taggedFiles = {{QStringLiteral("/dev/pts/7"), dir.filePath(QStringLiteral("plain/x.log"))}};
    LogSink failing(bad);
    QVERIFY(!failing.isOpen());
    QVERIFY2(failing.error().contains(QStringLiteral("plain/x.log")), qPrintable(failing.error()));
}

void TestLogSink::runFilePathIsPerRun()
{
    const QString path = LogSink::runFilePath(QStringLiteral("/tmp/logs"), QStringLiteral("station"));
    QVERIFY2(path.startsWith(QLatin1String("/tmp/logs/station-")), qPrintable(path));
    QVERIFY(path.endsWith(QStringLiteral("-%1.log").arg(QCoreApplication::applicationPid())));
}

void TestLogSink::secretsNeverReachTheLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString logPath = dir.filePath(QStringLiteral("logs/run.log"));
    const QString stderrPath = dir.filePath(QStringLiteral("stderr.txt"));
    QLoggingCategory::setFilterRules(QStringLiteral("provstation.*.debug=true"));
    QVERIFY(lcCrypto().isDebugEnabled());

    // The secrets of the round trip, all random so no fixed string can pass by luck.
    Result<SecretBytes> nodeKey = randomSecret(16);
    Result<SecretBytes> masterKey = randomSecret(32);
    Result<QByteArray> passphraseBytes = randomBytes(12);
    Result<QByteArray> passwordBytes = randomBytes(9);
    Result<QByteArray> canaryBytes = randomBytes(8);
    QVERIFY(nodeKey.ok() && masterKey.ok() && passphraseBytes.ok() && passwordBytes.ok() && canaryBytes.ok());
    const QByteArray passphrase = "pass-" + passphraseBytes->toHex();
    const QByteArray password = "pw-" + passwordBytes->toBase64();
    const QByteArray canary = "canary-" + canaryBytes->toHex(); // not a secret: proves the search works
    Result<RsaPrivateKey> kms = RsaPrivateKey::generate(2048);
    QVERIFY(kms.ok());
    const SecretBytes kmsPem = kms->toPem();

    {
        StderrCapture capture(stderrPath);
        LogSink::Options options;
        options.filePath = logPath;
        options.stderrMinimum = QtDebugMsg;
        LogSink sink(options);
        QVERIFY(sink.isOpen());
        qCDebug(lcCrypto) << "test marker" << canary;

        // Encrypt the node root key for the KMS, as the engine does, and back.
        const RsaPublicKey kmsPublic = kms->publicKey();
        Result<RsaPublicKey> reloaded = RsaPublicKey::fromPem(kmsPublic.toPem());
        QVERIFY(reloaded.ok());
        Result<QByteArray> wrapped = reloaded->encryptOaep(*nodeKey);
        QVERIFY(wrapped.ok());
        Result<SecretBytes> unwrapped = kms->decryptOaep(*wrapped);
        QVERIFY(unwrapped.ok() && unwrapped->equals(*nodeKey));

        // The gateway key file of a package: openssl-enc under the passphrase, signed.
        QByteArray csv = "key,hex\ngateway," + nodeKey->view().toByteArray().toHex() + '\n';
        Result<QByteArray> encrypted = openSslEncEncrypt(SecretBytes::takeFrom(csv), SecretBytes::copyOf(passphrase));
        QVERIFY(encrypted.ok());
        Result<QByteArray> signature = kms->signPkcs1Sha256(*encrypted);
        QVERIFY(signature.ok());
        QVERIFY(kmsPublic.verifyPkcs1Sha256(*encrypted, *signature).ok());
        Result<SecretBytes> decrypted = openSslEncDecrypt(*encrypted, SecretBytes::copyOf(passphrase));
        QVERIFY(decrypted.ok());
        QVERIFY(decrypted->view().contains(nodeKey->view().toByteArray().toHex()));

        // Data at rest under the master key, the device key check, a user password.
        Result<QByteArray> sealed = aesGcmSeal(*masterKey, *nodeKey, "node=0x0001A000");
        QVERIFY(sealed.ok());
        Result<SecretBytes> opened = aesGcmOpen(*masterKey, *sealed, "node=0x0001A000");
        QVERIFY(opened.ok() && opened->equals(*nodeKey));
        QVERIFY(aesCmac(*nodeKey, "challenge").ok());
        QVERIFY(hmacSha256(*masterKey, "token").ok());
        Result<QString> hash = hashPassword(SecretBytes::copyOf(password), 1000);
        QVERIFY(hash.ok());
        QVERIFY(verifyPassword(SecretBytes::copyOf(password), *hash));

        // Failure paths too, with their error texts logged the way callers log them.
        QList<Error> errors;
        const auto collect = [&errors](const auto &result) {
            if (!result.ok())
                errors.append(result.error());
        };
        collect(openSslEncDecrypt(*encrypted, SecretBytes::copyOf(passphrase + "x")));
        collect(kms->decryptOaep(wrapped->left(255) + 'x'));
        collect(aesGcmOpen(SecretBytes(32), *sealed, "node=0x0001A000"));
        collect(kmsPublic.verifyPkcs1Sha256(*encrypted + 'x', *signature));
        QVERIFY(errors.size() >= 3); // a wrong passphrase pads correctly 1 time in 256
        for (const Error &error : std::as_const(errors))
            qCWarning(lcCrypto) << "round trip failure as expected:" << error.toString();
        SecretBytes parsed;
        QString hexError;
        QVERIFY(!SecretBytes::fromHex(nodeKey->view().toByteArray().toHex() + "zz0", &parsed, &hexError));
        QVERIFY(!SecretBytes::fromHex(nodeKey->view().toByteArray().toHex() + "z0", &parsed, &hexError));
        qCWarning(lcCrypto) << "hex error:" << hexError;
    }

    const QByteArray log = readFile(logPath);
    const QByteArray captured = readFile(stderrPath);
    QVERIFY2(!log.isEmpty(), "the log file is empty, so the search below would prove nothing");
    // The searches can find things: the marker and the crypto debug lines are there.
    QVERIFY(log.contains(canary));
    QVERIFY(captured.contains(canary));
    QVERIFY(log.contains("provstation.crypto"));
    QVERIFY2(log.contains("RSA-OAEP-SHA256 encrypted 16 bytes"), log.constData());
    QVERIFY(log.contains("AES-256-GCM sealed"));
    QVERIFY(log.contains("openssl-enc"));

    QList<QPair<QString, QByteArray>> secrets;
    for (const QByteArray &form : forms(nodeKey->view()))
        secrets.append({QStringLiteral("node key"), form});
    for (const QByteArray &form : forms(masterKey->view()))
        secrets.append({QStringLiteral("master key"), form});
    secrets.append({QStringLiteral("passphrase"), passphrase});
    secrets.append({QStringLiteral("passphrase hex"), passphraseBytes->toHex()});
    secrets.append({QStringLiteral("password"), password});
    // A line from the middle of the private key's PEM body.
    const QList<QByteArray> pemLines = kmsPem.view().toByteArray().split('\n');
    QVERIFY(pemLines.size() > 10);
    secrets.append({QStringLiteral("private key PEM"), pemLines.at(5)});
    for (const auto &[name, form] : secrets) {
        QVERIFY2(!log.contains(form), qPrintable(name + QStringLiteral(" appears in the log file")));
        QVERIFY2(!captured.contains(form), qPrintable(name + QStringLiteral(" appears on stderr")));
    }

    const QFileDevice::Permissions permissions = QFileInfo(logPath).permissions();
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(permissions & QFileDevice::WriteOwner);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QCOMPARE(int(permissions & others), 0);
}

QTEST_GUILESS_MAIN(TestLogSink)
#include "tst_logsink.moc"
