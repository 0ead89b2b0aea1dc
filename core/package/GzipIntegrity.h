#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace prov::package {

struct GzipIntegrityState;

/// Checks the CRC-32 and length trailer of every gzip member of a stream fed to
/// it in pieces. libarchive 3.6's gzip reader does not check them ("XXX TODO:
/// Verify the length and CRC"), and manifest.xml has no MD5 of its own: without
/// this, a transfer error that flips a bit in the manifest could go unnoticed.
/// Costs one more inflate of the stream, with a fixed 64 KiB buffer.
class GzipIntegrity
{
public:
    GzipIntegrity();
    ~GzipIntegrity();
    GzipIntegrity(const GzipIntegrity &) = delete;
    GzipIntegrity &operator=(const GzipIntegrity &) = delete;

    void addData(const char *data, qint64 size);
    /// Empty when every member was complete and its CRC and length matched;
    /// otherwise what was wrong. Bytes after the last member that do not start
    /// another member are ignored, as libarchive ignores them.
    [[nodiscard]] QString finish();

private:
    std::unique_ptr<GzipIntegrityState> m_state;
};

} // namespace prov::package
