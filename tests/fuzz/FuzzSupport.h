#pragma once

// Shared bits of the fuzz targets: a QCoreApplication (wrappers own QTimers;
// the timers never fire because no event loop runs, which keeps runs
// deterministic) and a way to cut the input into chunks, so stream decoders
// see every kind of split.

#include <QByteArrayView>
#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>
#include <functional>

namespace prov::fuzz {

inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = nullptr;
    if (!app) {
        qputenv("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false");
        app = new QCoreApplication(argc, argv);
    }
}

/// The first byte picks a chunk size (1..256); the rest is fed in chunks of it.
inline void feedInChunks(const uint8_t *data, size_t size, const std::function<void(QByteArrayView)> &feed)
{
    if (size == 0)
        return;
    const size_t chunk = size_t(data[0]) + 1;
    for (size_t at = 1; at < size; at += chunk) {
        const size_t n = at + chunk <= size ? chunk : size - at;
        feed(QByteArrayView(reinterpret_cast<const char *>(data + at), qsizetype(n)));
    }
}

/// Stops the run (libFuzzer reports it as a crash) when an invariant breaks.
inline void require(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace prov::fuzz
