#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace prov::engine {
struct RunRequest;
}

namespace prov::gui {

/// The run options a slot group gives its slots (a supervisor sets them in
/// Settings → Slots): what the command line's --timeout, --factory-config,
/// --skip-keys and --skip_lock do for a run. A slot names its group in its
/// binding; a slot of no group runs with none of them.
struct SlotRunOptions
{
    Q_DECLARE_TR_FUNCTIONS(SlotRunOptions)

public:
    static constexpr int kMaxJoinTimeoutS = 86400; ///< as the command line's --timeout

    int joinTimeoutS = 0; ///< the gateway join's limit; 0: the station's
    bool factoryConfig = false; ///< finish with the factory configuration instead of the field one
    bool skipKeys = false; ///< no keys generated, written or escrowed
    bool skipLock = false; ///< the interfaces stay unlocked at the end

    /// None set: the slot runs as every slot does.
    [[nodiscard]] bool isDefault() const { return *this == SlotRunOptions(); }
    /// The short markers the slot shows ("skip lock", "join timeout 120 s"), translated.
    [[nodiscard]] QStringList markers() const;
    /// Puts the options into the run the window asks for.
    void applyTo(engine::RunRequest &request) const;

    friend bool operator==(const SlotRunOptions &a, const SlotRunOptions &b)
    {
        return a.joinTimeoutS == b.joinTimeoutS && a.factoryConfig == b.factoryConfig && a.skipKeys == b.skipKeys
            && a.skipLock == b.skipLock;
    }
    friend bool operator!=(const SlotRunOptions &a, const SlotRunOptions &b) { return !(a == b); }
};

} // namespace prov::gui
