#include "PackOutput.h"

#include <QFile>

#include <cstdio>

namespace prov::pack::PackOutput {

int fail(const Error &error)
{
    const QByteArray line = "provstation-pack: error: " + error.toString().toUtf8() + '\n';
    std::fputs(line.constData(), stderr);
    return error.code == ResultCode::Success ? static_cast<int>(ResultCode::UnknownError)
                                             : static_cast<int>(error.code);
}

int fail(const QString &message)
{
    return fail(makeError(ResultCode::InvalidArguments, message));
}

void print(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

Status writeOwnerOnly(const QString &path, QByteArrayView data, bool overwrite)
{
    if (QFile::exists(path)) {
        if (!overwrite) {
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("%1 already exists (use --force to replace it)").arg(path));
        }
        if (!QFile::remove(path))
            return makeError(ResultCode::InvalidArguments, QStringLiteral("cannot replace %1").arg(path));
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner))
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (file.write(data.data(), data.size()) != data.size() || !file.flush())
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace prov::pack::PackOutput
