#include "server/export/ExportWriter.h"

#include "server/store/ServerStore.h"

#include <QSaveFile>

namespace prov::server {

namespace {

constexpr qint64 kFileChunk = 1 << 20;

} // namespace

Result<std::unique_ptr<ExportStream>> ExportWriter::openStream(
    ServerStore &store, const ExportRequest &request, const QString &actor)
{
    auto selection = ExportSelection::resolve(request, store.packages());
    if (!selection)
        return selection.error();
    auto stream = ExportStream::open(store.database(), selection.value());
    if (!stream)
        return stream.error();
    if (auto ok = store.audit().record(actor, QStringLiteral("export"), selection->configId.toString(),
            QStringLiteral("%1; %2 devices, %3 left out (latest record not done)")
                .arg(selection->describe())
                .arg(stream.value()->count())
                .arg(stream.value()->leftOut().size()));
        !ok)
        return ok.error();
    return stream;
}

Result<ExportSummary> ExportWriter::writeFile(
    ServerStore &store, const ExportRequest &request, const QString &path, const QString &actor)
{
    auto stream = openStream(store, request, actor);
    if (!stream)
        return stream.error();
    // QSaveFile: temporary file beside the target, renamed over it on commit().
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot write the export file %1: %2").arg(path, file.errorString()));
    for (;;) {
        auto done = stream.value()->writeMore(&file, kFileChunk);
        if (!done) {
            file.cancelWriting();
            return done.error();
        }
        if (done.value())
            break;
    }
    if (!file.commit())
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot finish the export file %1: %2").arg(path, file.errorString()));
    return ExportSummary {stream.value()->selection(), stream.value()->devicesWritten(), stream.value()->bytesWritten(),
        stream.value()->leftOut()};
}

} // namespace prov::server
