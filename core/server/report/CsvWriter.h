#pragma once

#include <QByteArray>
#include <QStringList>

namespace prov::server {

/// One CSV record as RFC 4180 writes it: fields separated by commas, a field
/// with a comma, a double quote, CR or LF enclosed in double quotes (its
/// quotes doubled), CRLF at the end; UTF-8. Written by hand: a dozen lines,
/// where a CSV library would be a new dependency of the server for them.
[[nodiscard]] QByteArray csvRecord(const QStringList &fields);

} // namespace prov::server
