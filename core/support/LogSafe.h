#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace prov {

/// Text from outside (user, station and archive entry names, paths, header
/// values, comments) made safe for one log line: line breaks, tabs, C0 and C1
/// control characters, DEL (and with them ESC, so no terminal escape
/// sequence), Unicode line separators and bidirectional overrides become
/// visible escapes (\n, \r, \t, \xNN, \u{NNNN}); a backslash is doubled so an
/// escape cannot be forged; text longer than `maxChars` is cut and says by how
/// much. Use it wherever such text reaches a log.
[[nodiscard]] QString logSafe(QStringView text, qsizetype maxChars = 256);
/// The same for bytes off the wire (read as UTF-8; invalid sequences become U+FFFD).
[[nodiscard]] QString logSafe(QByteArrayView bytes, qsizetype maxChars = 256);

} // namespace prov
