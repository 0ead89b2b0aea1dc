#include "package/PassphraseFile.h"

#include <QFile>

namespace prov::package {

Result<crypto::SecretBytes> PassphraseFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read passphrase file %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > kMaxBytes) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("passphrase file %1 is larger than %2 bytes").arg(path).arg(kMaxBytes));
    }
    QByteArray bytes = file.read(kMaxBytes);
    crypto::SecretBytes all = crypto::SecretBytes::takeFrom(bytes);
    qsizetype end = 0;
    while (end < all.size() && all.constData()[end] != '\n')
        ++end;
    if (end > 0 && all.constData()[end - 1] == '\r')
        --end;
    if (end == 0)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("passphrase file %1 is empty").arg(path));
    return crypto::SecretBytes::copyOf(all.view().first(end));
}

} // namespace prov::package
