#pragma once

#include "domain/Result.h"

#include <QByteArrayView>
#include <QString>

namespace prov::pack {

/// Console and file output shared by the provstation-pack commands.
namespace PackOutput {

/// Prints "provstation-pack: error: <message>" on stderr, returns the exit code
/// (the error's result code: 3 for bad arguments or input, 2 for internal failures).
int fail(const Error &error);
int fail(const QString &message);
void print(const QString &text);

/// Writes `data` to a new file readable and writable by its owner only. An
/// existing file is an error unless `overwrite`.
[[nodiscard]] Status writeOwnerOnly(const QString &path, QByteArrayView data, bool overwrite);

} // namespace PackOutput

} // namespace prov::pack
