#include "server/http/MultipartFormSink.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace prov::server::http;

class tst_MultipartFormSink : public QObject
{
    Q_OBJECT

private slots:
    void splits_data();
    void splits();
    void errors_data();
    void errors();
    void contentType_data();
    void contentType();

private:
    std::shared_ptr<MultipartFormSink> makeSink(const QString &dir, qint64 maxField = 64 * 1024);
};

namespace {
const QByteArray kBoundary = "----b0und4ry";

QByteArray fileContent()
{
    // Binary with near-misses of the delimiter in it.
    QByteArray data;
    QRandomGenerator rng(42);
    for (int i = 0; i < 5000; ++i)
        data.append(static_cast<char>(rng.bounded(256)));
    data.insert(100, "\r\n--");
    data.insert(900, "\r\n------b0und4r");
    data.insert(2000, "--" + kBoundary);
    data.append("\r\n");
    return data;
}

QByteArray body(const QByteArray &file)
{
    return "preamble to ignore\r\n--" + kBoundary
        + "\r\n"
          "Content-Disposition: form-data; name=\"comment\"\r\n\r\n"
          "first import\r\n--"
        + kBoundary
        + "\r\n"
          "Content-Disposition: form-data; name=\"package\"; filename=\"p;1.tar.gz\"\r\n"
          "Content-Type: application/gzip\r\n\r\n"
        + file + "\r\n--" + kBoundary
        + "\r\n"
          "content-disposition: form-data; name=passphrase\r\n\r\n"
          "s3cret\r\n--"
        + kBoundary + "--\r\nepilogue";
}
} // namespace

std::shared_ptr<MultipartFormSink> tst_MultipartFormSink::makeSink(const QString &dir, qint64 maxField)
{
    MultipartFormSink::Options options;
    options.tempDir = dir;
    options.fileFields = {QStringLiteral("package")};
    options.secretFields = {QStringLiteral("passphrase")};
    options.maxFieldBytes = maxField;
    HttpError error;
    auto sink = MultipartFormSink::create("multipart/form-data; boundary=\"" + kBoundary + "\"", options, error);
    return sink;
}

void tst_MultipartFormSink::splits_data()
{
    QTest::addColumn<int>("slice");
    for (int slice : {1, 2, 3, 7, 13, 64, 1000, 1 << 20})
        QTest::newRow(qPrintable(QString::number(slice))) << slice;
}

void tst_MultipartFormSink::splits()
{
    QFETCH(int, slice);
    QTemporaryDir dir;
    const QByteArray file = fileContent();
    const QByteArray wire = body(file);
    QString path;
    {
        auto sink = makeSink(dir.path());
        QVERIFY(sink);
        for (qsizetype pos = 0; pos < wire.size(); pos += slice)
            QVERIFY2(sink->write(QByteArrayView(wire).sliced(pos, qMin<qsizetype>(slice, wire.size() - pos))),
                qPrintable(sink->error().detail));
        QVERIFY(sink->finish());
        QCOMPARE(sink->field(QStringLiteral("comment")), QByteArray("first import"));
        QCOMPARE(sink->field(QStringLiteral("passphrase")), QByteArray("s3cret"));
        QCOMPARE(sink->clientFileName(QStringLiteral("package")), QStringLiteral("p;1.tar.gz"));
        QCOMPARE(sink->fileSize(QStringLiteral("package")), file.size());
        path = sink->filePath(QStringLiteral("package"));
        QVERIFY(path.startsWith(dir.path()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), file);
    }
    QVERIFY2(!QFile::exists(path), "the temporary upload is removed with the sink");
}

void tst_MultipartFormSink::errors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    const QByteArray d = "--" + kBoundary;
    QTest::newRow("no closing boundary") << QByteArray(d + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx")
                                         << 400;
    QTest::newRow("no boundary at all") << QByteArray(70000, 'x') << 400;
    QTest::newRow("duplicate field") << QByteArray(d + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" + d
        + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ny\r\n" + d + "--")
                                     << 400;
    QTest::newRow("no name") << QByteArray(d + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" + d + "--") << 400;
    QTest::newRow("field too large") << QByteArray(
        d + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + QByteArray(200, 'x') + "\r\n" + d + "--")
                                     << 413;
    QTest::newRow("part header too large") << QByteArray(d + "\r\nX: " + QByteArray(9000, 'h')) << 431;
    QTest::newRow("junk after boundary") << QByteArray(d + "junk\r\n") << 400;
}

void tst_MultipartFormSink::errors()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    QTemporaryDir dir;
    auto sink = makeSink(dir.path(), 100);
    QVERIFY(sink);
    const bool written = sink->write(wire);
    const bool finished = written && sink->finish();
    QVERIFY(!finished);
    QCOMPARE(sink->error().status, status);
    QVERIFY(!sink->error().detail.isEmpty());
}

void tst_MultipartFormSink::contentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status"); // 0: accepted
    QTest::newRow("plain") << QByteArray("multipart/form-data; boundary=abc") << 0;
    QTest::newRow("quoted") << QByteArray("Multipart/Form-Data; charset=x; boundary=\"a b\"") << 0;
    QTest::newRow("json") << QByteArray("application/json") << 415;
    QTest::newRow("no boundary") << QByteArray("multipart/form-data") << 400;
    QTest::newRow("long boundary") << QByteArray("multipart/form-data; boundary=" + QByteArray(71, 'b')) << 400;
}

void tst_MultipartFormSink::contentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QTemporaryDir dir;
    MultipartFormSink::Options options;
    options.tempDir = dir.path();
    HttpError error;
    auto sink = MultipartFormSink::create(contentType, options, error);
    QCOMPARE(sink != nullptr, status == 0);
    if (status)
        QCOMPARE(error.status, status);
}

QTEST_GUILESS_MAIN(tst_MultipartFormSink)
#include "tst_multipartformsink.moc"
