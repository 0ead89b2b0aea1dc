#pragma once

#include "engine/Step.h"

namespace prov::engine {

/// The one place that maps a step block to its implementation.
class StepFactory
{
public:
    [[nodiscard]] static Step *create(const StepSpec &spec, StepContext &ctx, QObject *parent);
    /// Whether the run's options or the family skip this step (--skip-keys,
    /// --skip_lock, host steps of a bare node); `why` says which.
    [[nodiscard]] static bool skipped(const StepSpec &spec, const StepContext &ctx, QString *why);
};

} // namespace prov::engine
