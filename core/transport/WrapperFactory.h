#pragma once

#include "transport/Wrapper.h"
#include "transport/WrapperOptions.h"

#include <memory>

namespace prov::transport {

/// The one place that turns a `--wrapper` kind into a wrapper object.
[[nodiscard]] std::unique_ptr<Wrapper> createWrapper(
    WrapperKind kind, Wrapper::Role role, const WrapperOptions &options = {});

} // namespace prov::transport
