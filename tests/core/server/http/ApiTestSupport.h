#pragma once

#include "HttpTestSupport.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace prov::test {

/// The answer to one API call.
struct ApiReply
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    qint64 elapsedMs = 0;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QString error() const { return json().value(QStringLiteral("error")).toString(); }
};

/// A real provstation-server on 127.0.0.1 over a scratch store (SQLite or a
/// PostgreSQL schema), with an admin, a supervisor (with a badge), an operator and a station token ready.
class ApiServerFixture
{
public:
    explicit ApiServerFixture(const QString &engine);
    ~ApiServerFixture();

    /// Creates the users (unless `withUsers` is false) and starts the server.
    [[nodiscard]] bool start(const QStringList &extraArguments = {}, bool withUsers = true);
    [[nodiscard]] bool isSkipped() const { return m_store.isSkipped(); }
    [[nodiscard]] QString skipReason() const { return m_store.skipReason(); }
    [[nodiscard]] QString error() const { return m_error; }

    [[nodiscard]] ScratchStore &scratch() { return m_store; }
    [[nodiscard]] ServerProcess &process() { return m_process; }
    [[nodiscard]] QString url(const QString &path) const { return m_process.baseUrl() + path; }
    /// Runs a provstation-server subcommand on the same store.
    [[nodiscard]] ProcessResult command(const QStringList &arguments, const QByteArray &input = {}) const;

    /// An HTTP call (JSON body unless contentType says otherwise).
    [[nodiscard]] ApiReply call(const QByteArray &method, const QString &path, const QByteArray &token = {},
        const QByteArray &body = {}, const QByteArray &contentType = "application/json") const;
    [[nodiscard]] ApiReply login(const QString &user, const QString &password) const;
    /// POST of a multipart/form-data body: `fields` as text parts, then the file as part "package".
    [[nodiscard]] ApiReply uploadPackage(const QString &path, const QByteArray &token, const QByteArray &packageBytes,
        const QList<QPair<QByteArray, QByteArray>> &fields) const;

    /// Plain HTTP (--insecure-http) unless the arguments name a certificate; false:
    /// the server's own certificate in its data directory (TLS by default).
    bool insecureHttp = true;
    QByteArray adminToken;
    QByteArray operatorToken;
    QByteArray supervisorToken;
    QByteArray stationToken;
    static constexpr const char *kAdminPassword = "admin password 1";
    static constexpr const char *kOperatorPassword = "operator password 1";
    static constexpr const char *kSupervisorPassword = "supervisor password 1";
    static constexpr const char *kSupervisorBadge = "SUP-BADGE-0001";

private:
    ScratchStore m_store;
    ServerProcess m_process;
    QString m_error;
};

} // namespace prov::test
