#pragma once

#include "domain/Result.h"

#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;
class QSaveFile;

namespace prov::gui {

class ApiClient;

/// One GET streamed straight into a file: the file appears only when the
/// whole answer has arrived and been written (QSaveFile); an error, an abort
/// or a closed dialog leaves none. At most 1 MiB is read ahead, so an export
/// of a million devices never waits in memory; no transfer timeout, since
/// such an answer takes a while.
class FileDownload : public QObject
{
    Q_OBJECT

public:
    /// Opens `path` for writing and sends the GET. The error names the file.
    [[nodiscard]] static Result<FileDownload *> start(
        ApiClient *api, const QString &route, const QUrlQuery &query, const QString &path, QObject *parent);
    /// Stops the transfer; the partial file never appears.
    ~FileDownload() override;

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] qint64 bytes() const { return m_bytes; }
    /// A header of the answer (while finished() is being told, and after).
    [[nodiscard]] QByteArray header(const char *name) const;

Q_SIGNALS:
    /// Bytes written to the file (never an error body).
    void received(const QByteArray &chunk);
    /// The file is complete, or why it is not there.
    void finished(const prov::Status &status);

private:
    FileDownload(QSaveFile *file, QObject *parent);
    void readAvailable();

    QSaveFile *m_file;
    QString m_path;
    QPointer<QNetworkReply> m_reply;
    qint64 m_bytes = 0;
};

} // namespace prov::gui
