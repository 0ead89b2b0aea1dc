#pragma once

#include "TestSupport.h"
#include "domain/RunRecord.h"
#include "servermode/ServerProcess.h"
#include "support/ApiClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace prov::test {

/// A real provstation-server (SQLite in a temporary folder) on a free
/// loopback port, started through the GUI's own ServerProcess (HTTPS with the
/// server's own certificate, trusted by the pin it prints), with an admin
/// created from its setup code.
class ServerFixture
{
public:
    static constexpr const char *kAdmin = "ada";
    static constexpr const char *kAdminPassword = "correct horse battery";

    [[nodiscard]] bool start()
    {
        if (!m_dir.isValid())
            return false;
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return false;
        const quint16 port = probe.serverPort();
        probe.close();
        gui::ServerProcess::Options options;
        options.program = qEnvironmentVariableIsSet("PROVSTATION_SERVER_BIN")
            ? qEnvironmentVariable("PROVSTATION_SERVER_BIN")
            : binPath(QStringLiteral("provstation-server"));
        options.dataDir = m_dir.filePath(QStringLiteral("server"));
        options.listen = QStringLiteral("127.0.0.1:%1").arg(port);
        process = std::make_unique<gui::ServerProcess>();
        process->start(options);
        if (!QTest::qWaitFor([this] { return process->isListening(); }, 20000))
            return false;
        api.setBaseUrl(process->url());
        if (!api.setCertificatePins({process->pin()}))
            return false;
        return QTest::qWaitFor([this] { return call(api.get(QStringLiteral("/health"), {}, 1000)).ok(); }, 20000);
    }

    /// Waits for a reply (at most 60 s: logins hash 600,000 PBKDF2 rounds).
    Result<gui::ApiResponse> call(QNetworkReply *reply)
    {
        std::optional<Result<gui::ApiResponse>> result;
        QObject context;
        api.whenFinished(reply, &context, [&](const Result<gui::ApiResponse> &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000))
            return makeError(ResultCode::ServerUnreachable, QStringLiteral("no answer within 60 s"));
        return *result;
    }

    /// The admin from the setup code (once), then a session for it.
    [[nodiscard]] QString adminToken()
    {
        if (!m_adminToken.isEmpty())
            return m_adminToken;
        if (!QTest::qWaitFor([this] { return !process->setupToken().isEmpty(); }, 10000))
            return {};
        if (!m_adminCreated) {
            const auto setup = call(api.postJson(QStringLiteral("/setup"),
                QJsonDocument(QJsonObject {{QStringLiteral("setupCode"), process->setupToken()},
                    {QStringLiteral("user"), QString::fromLatin1(kAdmin)},
                    {QStringLiteral("password"), QString::fromLatin1(kAdminPassword)}})));
            if (!setup)
                return {};
            m_adminCreated = true;
        }
        m_adminToken = login(QString::fromLatin1(kAdmin), QString::fromLatin1(kAdminPassword));
        return m_adminToken;
    }

    /// Marks the admin as created elsewhere (the first-admin dialog).
    void adminCreatedBy(const QString &token)
    {
        m_adminCreated = true;
        m_adminToken = token;
    }

    [[nodiscard]] QString login(const QString &user, const QString &password)
    {
        const QString saved = api.token();
        api.setToken(QString());
        const auto session = call(api.postJson(QStringLiteral("/session"),
            QJsonDocument(QJsonObject {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}})));
        api.setToken(saved);
        return session ? session->json.object().value(QLatin1String("token")).toString() : QString();
    }

    [[nodiscard]] bool addUser(const QString &name, const QString &role, const QString &password)
    {
        const QString saved = api.token();
        api.setToken(adminToken());
        const auto added = call(api.postJson(QStringLiteral("/users"),
            QJsonDocument(QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("role"), role},
                {QStringLiteral("password"), password}})));
        api.setToken(saved);
        return added.ok();
    }

    /// A token for a station, issued by the admin (empty, with a warning, when refused).
    [[nodiscard]] QString stationToken(const QString &station)
    {
        const QString saved = api.token();
        api.setToken(adminToken());
        const auto issued = call(
            api.postJson(QStringLiteral("/tokens"), QJsonDocument(QJsonObject {{QStringLiteral("station"), station}})));
        api.setToken(saved);
        if (!issued)
            qWarning("station token: %s", qPrintable(issued.error().message));
        return issued ? issued->json.object().value(QLatin1String("token")).toString() : QString();
    }

    /// Posts a run record as the station holding `token` sends it.
    [[nodiscard]] bool postRun(const QString &token, const domain::RunRecord &run)
    {
        const QString saved = api.token();
        api.setToken(token);
        const auto answer = call(api.postJson(QStringLiteral("/results"), QJsonDocument(run.toJson())));
        api.setToken(saved);
        if (!answer)
            qWarning("run upload: %s", qPrintable(answer.error().message));
        return answer.ok();
    }

    [[nodiscard]] QString dir() const { return m_dir.path(); }

    gui::ApiClient api;
    std::unique_ptr<gui::ServerProcess> process;

private:
    QTemporaryDir m_dir;
    QString m_adminToken;
    bool m_adminCreated = false;
};

} // namespace prov::test
