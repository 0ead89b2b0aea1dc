#pragma once

#include "engine/Configuration.h"
#include "engine/KeyOutbox.h"
#include "engine/ServerClient.h"

#include "ConfigurationJson.h"
#include "StubStationServer.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace prov::test {

/// What the key tests share: a loopback station server that serves one
/// configuration (with a fresh KMS key and the gateway keys), a client for it
/// and the station's outbox in a temporary folder.
struct KeyTestWorld
{
    QTemporaryDir dir;
    std::optional<crypto::RsaPrivateKey> kms;
    std::unique_ptr<StubStationServer> server;
    std::unique_ptr<engine::ServerClient> client;
    std::unique_ptr<engine::KeyOutbox> outbox;

    /// False when a part does not come up.
    bool start()
    {
        auto key = crypto::RsaPrivateKey::generate(2048);
        if (!dir.isValid() || !key.ok())
            return false;
        kms = std::move(key).value();
        server = std::make_unique<StubStationServer>();
        server->configuration = configurationJson(server->baseUrl(), {}, kms->publicKey().toPem());
        engine::ServerEndpoint endpoint;
        endpoint.baseUrl = QUrl(server->baseUrl());
        endpoint.token = "t";
        client = std::make_unique<engine::ServerClient>(endpoint);
        auto opened = engine::KeyOutbox::open(dir.path());
        if (!opened.ok())
            return false;
        outbox = std::move(opened).value();
        return true;
    }

    /// The configuration as a station gets it; null when the server does not give it.
    engine::ConfigurationPtr configuration()
    {
        engine::ConfigurationPtr out;
        bool done = false;
        QObject context;
        client->fetchConfiguration(
            engine::ConfigSelector {ConfigId(0x45), {}}, &context, [&](const Result<engine::ConfigurationPtr> &r) {
                done = true;
                if (r.ok())
                    out = r.value();
            });
        (void)QTest::qWaitFor([&done] { return done; }, 10000);
        return out;
    }

    /// The plaintext of an escrowed key.
    [[nodiscard]] QByteArray decrypt(const QByteArray &ciphertext) const
    {
        Result<crypto::SecretBytes> plain = kms->decryptOaep(ciphertext);
        return plain.ok() ? plain->view().toByteArray() : QByteArray();
    }

    /// The server's posts of node `nodeId`'s escrow records, by state, oldest first.
    [[nodiscard]] QStringList escrowStates(const QString &nodeId) const
    {
        QStringList out;
        for (const QJsonObject &post : server->escrowFor(nodeId))
            out.append(post.value(QLatin1String("state")).toString());
        return out;
    }
};

} // namespace prov::test
