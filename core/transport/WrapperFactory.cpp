#include "transport/WrapperFactory.h"

#include "transport/OptPsemWrapper.h"
#include "transport/ReliableWrapper.h"
#include "transport/StreamWrapper.h"

namespace prov::transport {

std::unique_ptr<Wrapper> createWrapper(WrapperKind kind, Wrapper::Role role, const WrapperOptions &options)
{
    switch (kind) {
    case WrapperKind::None:
    case WrapperKind::Orw:
        Q_UNUSED(role);
        return std::make_unique<StreamWrapper>(kind, options);
    case WrapperKind::Reliable:
        return std::make_unique<ReliableWrapper>(role, options);
    case WrapperKind::OptPsem:
        return std::make_unique<OptPsemWrapper>(role, options);
    }
    return nullptr;
}

} // namespace prov::transport
