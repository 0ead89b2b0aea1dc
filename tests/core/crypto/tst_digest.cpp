#include "crypto/Digest.h"
#include "crypto/Random.h"

#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::crypto;
using namespace prov::test;

class TestDigest : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers_data();
    void knownAnswers();
    void streamingMatchesOneShot_data();
    void streamingMatchesOneShot();
    void resultResets();
    void digestFileMatchesOpenSsl_data();
    void digestFileMatchesOpenSsl();
    void digestFileMissing();
};

void TestDigest::knownAnswers_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("md5");
    QTest::addColumn<QByteArray>("sha256");
    // RFC 1321 appendix A.5 and FIPS 180-2 appendix B.
    QTest::newRow("empty") << QByteArray() << QByteArray("d41d8cd98f00b204e9800998ecf8427e")
                           << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc") << QByteArray("900150983cd24fb0d6963f7d28e17f72")
                         << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                << QByteArray("8215ef0796a20bcaaae116d3876c664a")
                                << QByteArray("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("message digest") << QByteArray("message digest") << QByteArray("f96b697d7cb7938d525a2f31aaf161d0")
                                    << QByteArray("f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650");
}

void TestDigest::knownAnswers()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, md5);
    QFETCH(QByteArray, sha256);
    QCOMPARE(Digest::hash(input, Digest::Algorithm::Md5).toHex(), md5);
    QCOMPARE(Digest::hash(input, Digest::Algorithm::Sha256).toHex(), sha256);
    Digest d(Digest::Algorithm::Sha256);
    d.addData(input);
    QCOMPARE(d.result().toHex(), sha256);
}

void TestDigest::streamingMatchesOneShot_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("chunk");
    QTest::newRow("1 byte chunks") << 1000 << 1;
    QTest::newRow("odd chunks") << 100000 << 777;
    QTest::newRow("one chunk") << 4096 << 4096;
}

void TestDigest::streamingMatchesOneShot()
{
    QFETCH(int, size);
    QFETCH(int, chunk);
    Result<QByteArray> data = randomBytes(size);
    QVERIFY(data.ok());
    for (auto algorithm : {Digest::Algorithm::Md5, Digest::Algorithm::Sha256}) {
        Digest d(algorithm);
        for (int i = 0; i < size; i += chunk)
            d.addData(QByteArrayView(*data).sliced(i, qMin(chunk, size - i)));
        QCOMPARE(d.result(), Digest::hash(*data, algorithm));
    }
}

void TestDigest::resultResets()
{
    Digest d(Digest::Algorithm::Md5);
    d.addData("garbage that must not carry over");
    (void)d.result();
    d.addData("abc");
    QCOMPARE(d.result().toHex(), QByteArray("900150983cd24fb0d6963f7d28e17f72"));
}

void TestDigest::digestFileMatchesOpenSsl_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << 0;
    QTest::newRow("one read") << 1000;
    QTest::newRow("exactly 64 KiB") << 65536;
    QTest::newRow("several reads") << 3 * 65536 + 17;
}

void TestDigest::digestFileMatchesOpenSsl()
{
    QFETCH(int, size);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("firmware.bin"));
    Result<QByteArray> data = randomBytes(size);
    QVERIFY(data.ok());
    QVERIFY(writeFile(path, *data));

    Result<FileDigests> digests = digestFile(path);
    QVERIFY2(digests.ok(), qPrintable(digests.ok() ? QString() : digests.error().toString()));
    QCOMPARE(digests->size, qint64(size));
    for (const auto &[name, ours] :
        {std::pair {QStringLiteral("-md5"), digests->md5}, std::pair {QStringLiteral("-sha256"), digests->sha256}}) {
        const ProcessResult r
            = runProcess(opensslProgram(), {QStringLiteral("dgst"), name, QStringLiteral("-r"), path});
        QVERIFY2(r.exitCode == 0 && !r.crashed, r.stdErr.constData());
        QCOMPARE(ours.toHex(), r.stdOut.split(' ').value(0));
    }
}

void TestDigest::digestFileMissing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.bin"));
    Result<FileDigests> digests = digestFile(path);
    QVERIFY(!digests.ok());
    QVERIFY2(digests.error().message.contains(path), qPrintable(digests.error().message));
}

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
