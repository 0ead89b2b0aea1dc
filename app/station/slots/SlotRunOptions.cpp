#include "slots/SlotRunOptions.h"

#include "engine/RunRequest.h"

namespace prov::gui {

QStringList SlotRunOptions::markers() const
{
    QStringList out;
    if (skipLock)
        out << tr("skip lock");
    if (skipKeys)
        out << tr("skip keys");
    if (factoryConfig)
        out << tr("factory configuration");
    if (joinTimeoutS > 0)
        out << tr("join timeout %1 s").arg(joinTimeoutS);
    return out;
}

void SlotRunOptions::applyTo(engine::RunRequest &request) const
{
    request.options.factoryConfig = factoryConfig;
    request.options.skipKeys = skipKeys;
    request.options.skipLock = skipLock;
    if (joinTimeoutS > 0)
        request.joinTimeoutS = joinTimeoutS;
}

} // namespace prov::gui
