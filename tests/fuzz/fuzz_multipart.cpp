// The multipart/form-data upload parser (package uploads) on arbitrary bytes.
// Byte 0 picks the write size (FuzzSupport.h); the body uses the boundary
// "fuzzb" (the seeds and the dictionary hold it). Invariants: a text field is
// never larger than its limit, a file field's temporary file holds exactly
// fileSize() bytes, the outcome and every field and file do not depend on how
// the body was split, and nothing is left in the upload folder afterwards.
#include "FuzzSupport.h"

#include "server/http/MultipartFormSink.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace prov::server::http;
using prov::fuzz::require;

namespace {

struct Upload
{
    bool ok = false;
    int errorStatus = 0;
    QHash<QString, QByteArray> fields;
    QByteArray fileSha;
    qint64 fileSize = -1;
    QString fileName;
};

const QTemporaryDir &folder()
{
    static const QTemporaryDir dir;
    return dir;
}

Upload upload(const QByteArray &body, qsizetype chunk)
{
    MultipartFormSink::Options options;
    options.tempDir = folder().path();
    options.fileFields = {QStringLiteral("package")};
    options.secretFields = {QStringLiteral("passphrase")};
    options.maxFieldBytes = 256;
    options.maxParts = 6;
    HttpError error;
    const auto sink = MultipartFormSink::create("multipart/form-data; boundary=fuzzb", options, error);
    require(sink != nullptr);
    Upload result;
    bool written = true;
    for (qsizetype at = 0; at < body.size() && written; at += chunk)
        written = sink->write(QByteArrayView(body).sliced(at, qMin(chunk, body.size() - at)));
    result.ok = written && sink->finish();
    if (!result.ok) {
        result.errorStatus = sink->error().status;
        require(result.errorStatus >= 400 && result.errorStatus < 600 && !sink->error().detail.isEmpty());
        return result;
    }
    for (const QString &name : {QStringLiteral("passphrase"), QStringLiteral("comment"), QStringLiteral("x")}) {
        if (sink->hasField(name)) {
            result.fields.insert(name, sink->field(name));
            require(sink->field(name).size() <= options.maxFieldBytes);
        }
    }
    const QString path = sink->filePath(QStringLiteral("package"));
    if (!path.isEmpty()) {
        QFile file(path);
        require(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        result.fileSize = sink->fileSize(QStringLiteral("package"));
        require(content.size() == result.fileSize);
        result.fileSha = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
        result.fileName = sink->clientFileName(QStringLiteral("package"));
    }
    return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    prov::fuzz::ensureApplication();
    require(folder().isValid());
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const Upload pieces = upload(body, qsizetype(data[0]) + 1);
    const Upload once = upload(body, qMax<qsizetype>(1, body.size()));
    require(pieces.ok == once.ok);
    require(pieces.errorStatus == once.errorStatus);
    require(pieces.fields == once.fields && pieces.fileSha == once.fileSha && pieces.fileSize == once.fileSize
        && pieces.fileName == once.fileName);
    // The sinks are gone: so are their temporary files.
    require(QDir(folder().path()).isEmpty());
    return 0;
}
