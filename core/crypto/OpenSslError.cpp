#include "crypto/OpenSslError.h"

#include <openssl/err.h>

namespace prov::crypto::detail {

QString takeOpenSslErrors()
{
    QString text;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.isEmpty())
            text += QStringLiteral("; ");
        text += QString::fromLatin1(buffer);
    }
    return text;
}

void clearOpenSslErrors()
{
    ERR_clear_error();
}

} // namespace prov::crypto::detail
