#pragma once

#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "StubStationServer.h"
#include "TestSupport.h"

#include "crypto/RsaKeys.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace prov::test {

/// What one provstation-cli process did.
struct CliRun
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
    qint64 ms = 0;
};

/// The world a CLI test runs in: provstation-sim with its gateway, station
/// endpoints on loopback serving one configuration (files, KMS and app keys),
/// a token file and a station data folder.
class CliWorld
{
public:
    CliWorld();
    ~CliWorld();

    /// Starts the simulator with `simArguments` (--devices, --fault, ...).
    bool start(const QStringList &simArguments, QString *error);

    /// provstation-server on SQLite with a tar+openssl package imported and a
    /// station token issued; baseArguments(true) points at it.
    bool startRealServer(QString *error);
    /// Node root keys the real server holds for a node (any state), decrypted
    /// with `openssl pkeyutl` (hex); read from its database.
    [[nodiscard]] QList<QByteArray> realServerKeys(const QString &nodeId) const;
    /// A provstation-server subcommand on the real server's store.
    [[nodiscard]] ProcessResult realServerCommand(const QStringList &arguments) const;
    /// What the real server exports for its configuration: node ID -> decrypted
    /// node root key (hex), and the node IDs the exporter named as left out
    /// (its standard error). False with `error` when the export failed.
    bool exportReal(QHash<QString, QByteArray> *keys, QStringList *leftOut, QString *error) const;

    /// -s, --token-file, --data-dir, -p (or --config-alias), -B, -g, --control_port.
    [[nodiscard]] QStringList baseArguments(bool realServer = false) const;
    /// Runs the CLI to its end with the event loop running (the endpoints answer).
    CliRun run(const QStringList &arguments, const QProcessEnvironment &extra = {}, int timeoutMs = 90000);
    /// The CLI program run and launched, in the build's bin/ (the crash test
    /// runs its own build, provstation-cli-crashtest).
    QString cliProgram = QStringLiteral("provstation-cli");
    /// Starts the CLI and returns at once; the caller owns the process.
    QProcess *launch(const QStringList &arguments, const QProcessEnvironment &extra = {});

    /// The node root key an escrow post carries, decrypted with the KMS private key (hex).
    [[nodiscard]] QByteArray decryptNodeRootKey(const QJsonObject &escrow) const;
    /// The key the simulated device holds in `slot` of node/host (hex), from its state file.
    [[nodiscard]] static QByteArray deviceKey(const SimPort &port, const QString &processor, const QString &slot);

    QTemporaryDir dir;
    SimProcess sim;
    std::unique_ptr<StubStationServer> server;
    std::optional<crypto::RsaPrivateKey> kms;
    QString tokenFile;
    QString dataDir;
    ShellPackage package;
    ServerProcess realServer;
    QString realTokenFile;
};

} // namespace prov::test
