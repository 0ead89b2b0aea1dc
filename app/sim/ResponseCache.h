#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <deque>
#include <optional>

namespace prov::sim {

/// The last answers of one channel with the requests they answered, so a
/// request the station repeats (same tag, same bytes) gets the same answer
/// without being executed twice (docs/protocol/node-host-protocol.md, "Retries").
class ResponseCache
{
public:
    static constexpr std::size_t kCapacity = 16;

    [[nodiscard]] std::optional<QByteArray> find(QByteArrayView request) const;
    void remember(QByteArrayView request, const QByteArray &response);
    void clear() { m_entries.clear(); }

private:
    struct Entry
    {
        QByteArray request;
        QByteArray response;
    };
    std::deque<Entry> m_entries;
};

} // namespace prov::sim
