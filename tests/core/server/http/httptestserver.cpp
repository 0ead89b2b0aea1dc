// The HTTP layer with test routes, run as its own process so tests can watch
// its memory (/proc/PID/status) and its reads (/proc/PID/io) from outside.
#include "server/http/ByteRange.h"
#include "server/http/FileBodySource.h"
#include "server/http/HttpLimitOptions.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpRouter.h"
#include "server/http/HttpServer.h"
#include "server/http/MultipartFormSink.h"
#include "server/http/TlsSetup.h"
#include "support/ShutdownSignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace prov;
using namespace prov::server::http;

namespace {

/// Deterministic bytes: byte i of every generated body is i % 251.
class PatternSource : public HttpBodySource
{
public:
    PatternSource(qint64 size, bool announceSize)
        : m_size(size)
        , m_announce(announceSize)
    { }
    qint64 size() const override { return m_announce ? m_size : -1; }
    bool read(qint64 maxBytes, QByteArray &out, QString &) override
    {
        const qint64 n = qMin(maxBytes, m_size - m_pos);
        const qsizetype base = out.size();
        out.resize(base + n);
        for (qint64 i = 0; i < n; ++i)
            out[base + i] = static_cast<char>((m_pos + i) % 251);
        m_pos += n;
        return true;
    }
    bool atEnd() const override { return m_pos >= m_size; }

private:
    qint64 m_size;
    bool m_announce;
    qint64 m_pos = 0;
};

QByteArray sha256File(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return hash.result().toHex();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("provstation.server.http.info=true"));
    ShutdownSignals signals_;
    QCommandLineParser parser;
    parser.addOption(
        QCommandLineOption(QStringLiteral("file"), QStringLiteral("File served at /file"), QStringLiteral("F")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("temp-dir"), QStringLiteral("Upload folder"), QStringLiteral("D")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-cert"), QStringLiteral("cert"), QStringLiteral("F")));
    parser.addOption(QCommandLineOption(QStringLiteral("tls-key"), QStringLiteral("key"), QStringLiteral("F")));
    addHttpLimitOptions(parser);
    parser.process(app);
    const auto limits = httpLimitsFromParser(parser);
    if (!limits) {
        std::fprintf(stderr, "%s\n", qPrintable(limits.error().message));
        return 3;
    }

    HttpRouter router(limits->maxBodyBytes);
    router.setAuthenticator([](HttpRequest &request, HttpError &error) {
        const QByteArray token = request.bearerToken();
        if (token == "admin-token")
            request.principal
                = HttpPrincipal {QStringLiteral("root"), QStringLiteral("admin"), QStringLiteral("1"), {}, {}};
        else if (token == "station-token")
            request.principal
                = HttpPrincipal {QStringLiteral("line1"), QStringLiteral("station"), QStringLiteral("2"), {}, {}};
        else
            error = makeHttpError(401, QStringLiteral("invalid_token"), QStringLiteral("The token is not valid."));
        return request.principal.isValid();
    });
    const auto echo = [](HttpRequest &request, HttpResponder responder) {
        responder.send(HttpResponse::json(200,
            QJsonObject {{QStringLiteral("method"), QString::fromLatin1(request.method)},
                {QStringLiteral("path"), QString::fromLatin1(request.rawPath())},
                {QStringLiteral("q"), request.queryValue(QStringLiteral("q"))},
                {QStringLiteral("bodySize"), request.body.size()},
                {QStringLiteral("bodySha256"),
                    QString::fromLatin1(QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex())}}));
    };
    router.addRoute({"GET", QStringLiteral("/echo"), {}, -1, {}, echo});
    router.addRoute({"POST", QStringLiteral("/echo"), {}, -1, {}, echo});
    router.addRoute({"GET", QStringLiteral("/private"), {QStringLiteral("admin")}, -1, {}, echo});
    router.addRoute({"POST", QStringLiteral("/private"), {QStringLiteral("admin")}, limits->maxUploadBytes, {}, echo});
    router.addRoute(
        {"GET", QStringLiteral("/blob/{size}"), {}, -1, {}, [](HttpRequest &request, HttpResponder responder) {
             const qint64 size = request.params.value(QStringLiteral("size")).toLongLong();
             const bool chunked = request.hasQueryValue(QStringLiteral("chunked"));
             responder.send(HttpResponse::stream(
                 200, "application/octet-stream", std::make_shared<PatternSource>(size, !chunked)));
         }});
    router.addRoute({"GET", QStringLiteral("/later"), {}, -1, {}, [](HttpRequest &, HttpResponder responder) {
                         QTimer::singleShot(200, qApp, [responder] {
                             responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("later"), true}}));
                         });
                     }});
    router.addRoute({"GET", QStringLiteral("/dropped"), {}, -1, {}, [](HttpRequest &, HttpResponder) {
                     }});
    const QString filePath = parser.value(QStringLiteral("file"));
    router.addRoute(
        {"GET", QStringLiteral("/file"), {}, -1, {}, [filePath](HttpRequest &request, HttpResponder responder) {
             const qint64 size = QFileInfo(filePath).size();
             const ByteRange range = ByteRange::parse(request.headers.value("range"), size);
             if (range.kind == ByteRange::Kind::Unsatisfiable) {
                 HttpResponse response = HttpResponse::error(
                     416, QStringLiteral("range_not_satisfiable"), QStringLiteral("Out of range."));
                 response.headers.set("Content-Range", "bytes */" + QByteArray::number(size));
                 responder.send(response);
                 return;
             }
             auto source = std::make_shared<FileBodySource>();
             QString error;
             if (!source->open(filePath, range.start, range.length, error)) {
                 responder.sendError(404, QStringLiteral("not_found"), error);
                 return;
             }
             HttpResponse response = HttpResponse::stream(
                 range.kind == ByteRange::Kind::Partial ? 206 : 200, "application/octet-stream", source);
             response.headers.set("Accept-Ranges", "bytes");
             if (range.kind == ByteRange::Kind::Partial)
                 response.headers.set("Content-Range",
                     "bytes " + QByteArray::number(range.start) + '-'
                         + QByteArray::number(range.start + range.length - 1) + '/' + QByteArray::number(size));
             responder.send(response);
         }});
    const QString tempDir = parser.value(QStringLiteral("temp-dir"));
    HttpRoute upload {"POST", QStringLiteral("/upload"), {}, limits->maxUploadBytes, {}, {}};
    upload.sinkFactory = [tempDir](HttpRequest &request, HttpError &error) -> std::shared_ptr<HttpBodySink> {
        MultipartFormSink::Options options;
        options.tempDir = tempDir;
        options.fileFields = {QStringLiteral("package")};
        options.secretFields = {QStringLiteral("passphrase")};
        return MultipartFormSink::create(request.headers.value("content-type"), options, error);
    };
    upload.handler = [](HttpRequest &request, HttpResponder responder) {
        const auto sink = std::static_pointer_cast<MultipartFormSink>(request.sink);
        responder.send(HttpResponse::json(200,
            QJsonObject {{QStringLiteral("fileSize"), sink->fileSize(QStringLiteral("package"))},
                {QStringLiteral("fileName"), sink->clientFileName(QStringLiteral("package"))},
                {QStringLiteral("fileSha256"),
                    QString::fromLatin1(sha256File(sink->filePath(QStringLiteral("package"))))},
                {QStringLiteral("comment"), QString::fromUtf8(sink->field(QStringLiteral("comment")))},
                {QStringLiteral("passphraseLength"), sink->field(QStringLiteral("passphrase")).size()}}));
    };
    router.addRoute(upload);

    HttpServer server(&router, *limits);
    if (parser.isSet(QStringLiteral("tls-cert"))) {
        auto tls
            = loadTlsConfiguration(parser.value(QStringLiteral("tls-cert")), parser.value(QStringLiteral("tls-key")));
        if (!tls) {
            std::fprintf(stderr, "%s\n", qPrintable(tls.error().message));
            return 3;
        }
        server.setTlsConfiguration(*tls);
    }
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "listen failed: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on %s://127.0.0.1:%d\n", server.isTls() ? "https" : "http", server.serverPort());
    std::fflush(stdout);
    QObject::connect(&signals_, &ShutdownSignals::shutdownRequested, &server, [&server] { server.shutdown(); });
    QObject::connect(&server, &HttpServer::drained, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
