#include "servermode/FileDownload.h"

#include "support/ApiClient.h"

#include <QNetworkReply>
#include <QSaveFile>

namespace prov::gui {

FileDownload::FileDownload(QSaveFile *file, QObject *parent)
    : QObject(parent)
    , m_file(file)
    , m_path(file->fileName())
{
    m_file->setParent(this);
}

FileDownload::~FileDownload()
{
    if (m_reply) {
        m_reply->disconnect(this); // no finished() from a half-destroyed object
        m_reply->abort();
    }
}

Result<FileDownload *> FileDownload::start(
    ApiClient *api, const QString &route, const QUrlQuery &query, const QString &path, QObject *parent)
{
    auto *file = new QSaveFile(path);
    if (!file->open(QIODevice::WriteOnly)) {
        const QString why = file->errorString();
        delete file;
        return makeError(ResultCode::UnknownError, tr("Cannot write %1: %2").arg(path, why));
    }
    auto *download = new FileDownload(file, parent);
    download->m_reply = api->get(route, query, 0);
    download->m_reply->setReadBufferSize(1 << 20); // back-pressure
    connect(download->m_reply, &QNetworkReply::readyRead, download, &FileDownload::readAvailable);
    api->whenFinished(download->m_reply, download, [download](const Result<ApiResponse> &result) {
        if (!result) {
            download->m_file->cancelWriting();
            Q_EMIT download->finished(result.error());
            return;
        }
        download->readAvailable();
        if (!download->m_file->commit()) {
            Q_EMIT download->finished(makeError(ResultCode::UnknownError,
                tr("Cannot write %1: %2").arg(download->m_path, download->m_file->errorString())));
            return;
        }
        Q_EMIT download->finished(Status {});
    });
    return download;
}

QByteArray FileDownload::header(const char *name) const
{
    return m_reply ? m_reply->rawHeader(name) : QByteArray();
}

void FileDownload::readAvailable()
{
    if (!m_reply || m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400)
        return; // an error body is read by the finished handler
    const QByteArray chunk = m_reply->readAll();
    if (chunk.isEmpty())
        return;
    m_file->write(chunk);
    m_bytes += chunk.size();
    Q_EMIT received(chunk);
}

} // namespace prov::gui
