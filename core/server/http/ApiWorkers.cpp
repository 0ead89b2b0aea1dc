#include "server/http/ApiWorkers.h"

namespace prov::server::http {

ApiWorkers::ApiWorkers(int threads, int maxQueued, QObject *parent)
    : QObject(parent)
    , m_maxQueued(maxQueued)
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setExpiryTimeout(-1); // keep the threads (and their database connections)
}

ApiWorkers::~ApiWorkers()
{
    m_pool.waitForDone();
}

} // namespace prov::server::http
