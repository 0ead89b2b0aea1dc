#pragma once

#include <QString>

namespace prov::crypto::detail {

/// Drains OpenSSL's thread-local error queue into one line ("" when empty), so a
/// failure message says what OpenSSL said and the next call starts clean. The
/// queue holds library reason codes only, never key material.
[[nodiscard]] QString takeOpenSslErrors();

/// Empties the queue without reading it (after an expected failure).
void clearOpenSslErrors();

} // namespace prov::crypto::detail
