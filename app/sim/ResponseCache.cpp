#include "ResponseCache.h"

namespace prov::sim {

std::optional<QByteArray> ResponseCache::find(QByteArrayView request) const
{
    for (const Entry &e : m_entries) {
        if (e.request == request)
            return e.response;
    }
    return std::nullopt;
}

void ResponseCache::remember(QByteArrayView request, const QByteArray &response)
{
    if (m_entries.size() >= kCapacity)
        m_entries.pop_front();
    m_entries.push_back(Entry {request.toByteArray(), response});
}

} // namespace prov::sim
