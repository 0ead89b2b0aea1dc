#pragma once

#include "server/http/HttpBodySink.h"

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>

QT_BEGIN_NAMESPACE
class QTemporaryFile;
QT_END_NAMESPACE

namespace prov::server::http {

/// Streams a multipart/form-data body (RFC 7578) as it arrives: the parts
/// named as file fields go straight to temporary files in `tempDir`, other
/// fields are kept in memory up to a small limit. Nothing else is buffered, so
/// a 64 MB package upload costs the server a few 64 KiB slices of memory.
class MultipartFormSink : public HttpBodySink
{
public:
    struct Options
    {
        QString tempDir; ///< where file parts are written (on the data disk)
        QStringList fileFields; ///< part names that are streamed to files
        QStringList secretFields; ///< part names wiped from memory when done (passphrase)
        qint64 maxFieldBytes = 64 * 1024;
        int maxParts = 16;
    };

    /// Checks the Content-Type (multipart/form-data with a boundary); null + 400/415 otherwise.
    [[nodiscard]] static std::shared_ptr<MultipartFormSink> create(
        const QByteArray &contentType, const Options &options, HttpError &error);
    ~MultipartFormSink() override;

    [[nodiscard]] bool write(QByteArrayView data) override;
    [[nodiscard]] bool finish() override;
    [[nodiscard]] HttpError error() const override { return m_error; }

    [[nodiscard]] bool hasField(const QString &name) const;
    /// A text field's bytes (empty when absent).
    [[nodiscard]] QByteArray field(const QString &name) const;
    /// Removes a field and hands its only copy over (for secrets: the caller wipes it).
    [[nodiscard]] QByteArray takeField(const QString &name);
    /// The temporary file of a file field ("" when absent); removed with the sink.
    [[nodiscard]] QString filePath(const QString &name) const;
    [[nodiscard]] qint64 fileSize(const QString &name) const;
    /// The file name the client gave, for messages.
    [[nodiscard]] QString clientFileName(const QString &name) const;

    /// The boundary parameter of a multipart Content-Type, or empty.
    [[nodiscard]] static QByteArray boundaryOf(const QByteArray &contentType);

private:
    enum class State { Preamble, AfterDelimiter, PartHeaders, PartData, Done, Failed };
    struct FilePart;

    MultipartFormSink(const QByteArray &boundary, const Options &options);
    [[nodiscard]] bool fail(int status, const QString &code, const QString &detail);
    [[nodiscard]] bool parse();
    [[nodiscard]] bool startPart(const QByteArray &headerBlock);
    [[nodiscard]] bool partData(QByteArrayView data);
    [[nodiscard]] bool endPart();

    Options m_options;
    QByteArray m_delimiter; ///< CRLF "--" boundary
    QByteArrayMatcher m_matcher;
    QByteArray m_buffer;
    State m_state = State::Preamble;
    HttpError m_error;
    qint64 m_preambleBytes = 0;
    int m_parts = 0;

    QString m_partName;
    QString m_partFileName;
    std::unique_ptr<QTemporaryFile> m_partFile;
    QByteArray m_partValue;

    QHash<QString, QByteArray> m_fields;
    QHash<QString, std::shared_ptr<FilePart>> m_files;
};

} // namespace prov::server::http
