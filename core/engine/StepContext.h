#pragma once

#include "crypto/SecretBytes.h"
#include "engine/Configuration.h"
#include "engine/KeyLedger.h"
#include "engine/KeyOutbox.h"
#include "engine/PluginDescription.h"
#include "engine/RunLog.h"
#include "engine/RunOptions.h"
#include "protocol/ProtocolTypes.h"

#include <QUuid>

#include <algorithm>
#include <optional>
#include <vector>

namespace prov::transport {
class Link;
}

namespace prov::engine {

class FileCache;
class ServerClient;

/// Everything the steps of one run share, owned by its DeviceRun (one engine
/// thread). The plaintext keys live here for the run only and are wiped when
/// it ends, whatever the outcome.
struct StepContext
{
    QObject *owner = nullptr; ///< the station: context of every callback
    const PluginDescription *plugin = nullptr;
    const OperationSpec *operation = nullptr;
    const RunOptions *options = nullptr;
    qint32 baud = 115200;
    transport::Link *link = nullptr;
    ConfigurationPtr config;
    ServerClient *server = nullptr;
    FileCache *files = nullptr;
    KeyOutbox *outbox = nullptr;
    RunLog *log = nullptr;
    QUuid runId;

    // What the device told us.
    std::optional<protocol::NodeIdentity> node;
    std::optional<protocol::HostIdentity> host;
    /// The eMCM's applications (HostApps): a configuration app's number on the device is its position here.
    QList<protocol::HostApp> hostApps;
    QString meterId;
    bool firstNodeAnswer = false; ///< the device answered at least once (else code 4)

    // What this run wrote, for VerifyConfiguration.
    std::optional<protocol::ConfigKind> nodeConfigWritten;
    std::optional<protocol::ConfigKind> hostConfigWritten;
    bool locked = false;
    /// The node was locked before this run and is provisioned again (RunOptions::reprovisionLocked).
    bool reprovisioning = false;

    // Keys: plaintext only here, only during the run.
    crypto::SecretBytes nodeRootKey;
    /// One per configuration app, in manifest order; empty where the app has no public key.
    std::vector<crypto::SecretBytes> appKeys;
    /// The run's escrow record and how far it got (the only place that moves it).
    KeyLedger keys;

    [[nodiscard]] bool hasHost() const { return plugin && plugin->hasHost; }
    /// This run generates and escrows keys (its operation has the step and keys are not skipped).
    [[nodiscard]] bool makesKeys() const
    {
        return operation && options && !options->skipKeys
            && std::any_of(operation->steps.cbegin(), operation->steps.cend(),
                [](const StepSpec &step) { return step.kind == StepKind::GenerateAndEscrowKeys; });
    }
    /// The device's number for the configuration app `name` (HostApps), or -1.
    [[nodiscard]] int deviceAppNumber(const QString &name) const
    {
        for (int i = 0; i < hostApps.size(); ++i) {
            if (hostApps.at(i).name == name)
                return i;
        }
        return -1;
    }
    void wipeKeys()
    {
        nodeRootKey.clear();
        for (crypto::SecretBytes &key : appKeys)
            key.clear();
    }
};

} // namespace prov::engine
