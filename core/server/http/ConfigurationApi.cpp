#include "server/http/ConfigurationApi.h"

#include "server/ServerLog.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ByteRange.h"
#include "server/http/HttpBodySource.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ContentStore.h"
#include "server/store/ServerStore.h"
#include "server/store/SharedFolder.h"

#include <QDateTime>
#include <QJsonArray>

namespace prov::server::http {

namespace {

QJsonObject fileJson(const StoredFile &file, const SharedFolder *shared)
{
    QJsonArray roles;
    for (const QString &role : file.roles)
        roles.append(role);
    QJsonObject json {{QStringLiteral("path"), file.archivePath}, {QStringLiteral("roles"), roles},
        {QStringLiteral("size"), file.size}, {QStringLiteral("md5"), file.md5}, {QStringLiteral("sha256"), file.sha256},
        {QStringLiteral("url"), QStringLiteral("/api/v1/files/") + file.sha256}};
    if (shared)
        json.insert(QStringLiteral("sharedPath"), shared->pathFor(file.sha256));
    return json;
}

/// "node/firmware" -> node.firmware, "app/emcm/fieldConfig" -> the emcm app's fieldConfig.
void placeFile(const QJsonObject &json, const StoredFile &file, QJsonObject &node, QHash<QString, QJsonObject> &apps)
{
    for (const QString &role : file.roles) {
        const QStringList parts = role.split(QLatin1Char('/'));
        if (parts.size() == 2 && parts.first() == u"node")
            node.insert(parts.at(1), json);
        else if (parts.size() == 3 && parts.first() == u"app")
            apps[parts.at(1)].insert(parts.at(2), json);
    }
}

/// Hands a stored file's reader to the HTTP connection, a slice at a time.
class ContentBodySource : public HttpBodySource
{
public:
    ContentBodySource(std::unique_ptr<ContentReader> reader, qint64 length)
        : m_reader(std::move(reader))
        , m_length(length)
    { }

    qint64 size() const override { return m_length; }
    bool read(qint64 maxBytes, QByteArray &out, QString &error) override
    {
        const Status ok = m_reader->read(maxBytes, out);
        if (!ok)
            error = ok.error().message;
        return ok.ok();
    }
    bool atEnd() const override { return m_reader->atEnd(); }

private:
    std::unique_ptr<ContentReader> m_reader;
    qint64 m_length;
};

bool stationMayHaveGatewayKeys(const HttpRequest &request, QString &why)
{
    if (request.principal.role != u"station" || !request.principal.actor.startsWith(QStringLiteral("station:"))) {
        why = QStringLiteral("gateway keys go to station tokens only");
        return false;
    }
    if (!request.secure && !request.fromLoopback()) {
        why = QStringLiteral("gateway keys are not sent over plain HTTP to another host: use TLS");
        return false;
    }
    return true;
}

} // namespace

ConfigurationApi::ConfigurationApi(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{ }

void ConfigurationApi::addRoutes(HttpRouter &router)
{
    const QStringList readers = roles::everyone();
    router.addRoute({"GET", QStringLiteral("/api/v1/configurations/{idOrAlias}"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            configuration(request, responder);
        }});
    router.addRoute({"GET", QStringLiteral("/api/v1/files/{sha256}"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            file(request, responder);
        }});
}

QJsonObject ConfigurationApi::toJson(
    const RevisionRecord &revision, const QStringList &aliases, const SharedFolder *shared)
{
    QJsonObject node {{QStringLiteral("type"), revision.nodeType}, {QStringLiteral("version"), revision.nodeVersion}};
    QHash<QString, QJsonObject> appFiles;
    QJsonArray files;
    for (const StoredFile &file : revision.files) {
        const QJsonObject json = fileJson(file, shared);
        files.append(json);
        placeFile(json, file, node, appFiles);
    }
    QJsonArray apps;
    for (const StoredApp &app : revision.apps) {
        QJsonObject entry = appFiles.value(app.name);
        entry.insert(QStringLiteral("name"), app.name);
        entry.insert(QStringLiteral("version"), app.version);
        if (!app.publicKeyPem.isEmpty()) {
            entry.insert(QStringLiteral("publicKey"), app.publicKeyPem);
            entry.insert(QStringLiteral("publicKeyFingerprint"), app.publicKeyFingerprint);
        }
        apps.append(entry);
    }
    QJsonArray aliasList;
    for (const QString &alias : aliases)
        aliasList.append(alias);
    return QJsonObject {{QStringLiteral("configId"), revision.configId.toString()},
        {QStringLiteral("revision"), revision.revision}, {QStringLiteral("appLabel"), revision.appLabel},
        {QStringLiteral("aliases"), aliasList}, {QStringLiteral("node"), node}, {QStringLiteral("apps"), apps},
        {QStringLiteral("kmsPublicKey"),
            QJsonObject {{QStringLiteral("pem"), revision.kmsPublicKeyPem},
                {QStringLiteral("fingerprint"), revision.kmsFingerprint}}},
        {QStringLiteral("files"), files}, {QStringLiteral("packageSha256"), revision.packageSha256},
        {QStringLiteral("importedAt"), api::isoTime(revision.importedAt)}};
}

void ConfigurationApi::configuration(HttpRequest &request, const HttpResponder &responder)
{
    PackageStore &packages = m_context.store->packages();
    const QString idOrAlias = request.params.value(QStringLiteral("idOrAlias"));
    const auto configId = packages.resolve(idOrAlias);
    if (!configId) {
        responder.send(configId.error().code == ResultCode::InvalidArguments
                ? HttpResponse::error(404, QStringLiteral("not_found"), configId.error().message)
                : HttpResponse::error(api::fromError(configId.error())));
        return;
    }
    const auto revision = packages.newestRevision(configId.value());
    const auto aliases = packages.aliases(configId.value());
    if (!revision || !aliases) {
        responder.send(HttpResponse::error(api::fromError(!revision ? revision.error() : aliases.error())));
        return;
    }
    // Files of an import through any server, or through the CLI, reach the
    // shared folder when a station first asks for their configuration. A file
    // that cannot be published is handed out without its shared path: the
    // station then downloads it.
    const SharedFolder *shared = m_context.sharedFolder;
    if (shared) {
        for (const StoredFile &file : revision->files) {
            if (auto ok = shared->publish(file.sha256, file.size); !ok) {
                qCWarning(lcServerHttp).noquote() << "shared folder:" << ok.error().message;
                shared = nullptr;
                break;
            }
        }
    }
    QJsonObject document = toJson(revision.value(), aliases.value(), shared);
    QString why;
    if (stationMayHaveGatewayKeys(request, why)) {
        Principal principal;
        principal.kind = Principal::Kind::Station;
        principal.name = request.principal.user;
        principal.role = Role::Station;
        principal.expiresAt = request.principal.expiresAt;
        principal.tokenId = request.principal.tokenId;
        const auto keys = packages.gatewayKeys(configId.value(), revision->revision, principal);
        if (!keys) {
            responder.send(HttpResponse::error(api::fromError(keys.error())));
            return;
        }
        // Hex for the station engine; base64 as well for other clients.
        document.insert(QStringLiteral("gatewayKeys"),
            QJsonObject {{QStringLiteral("gateway"), QString::fromLatin1(keys->gateway.view().toByteArray().toHex())},
                {QStringLiteral("cdld"), QString::fromLatin1(keys->codeDownload.view().toByteArray().toHex())},
                {QStringLiteral("gatewayBase64"), QString::fromLatin1(keys->gateway.view().toByteArray().toBase64())},
                {QStringLiteral("cdldBase64"),
                    QString::fromLatin1(keys->codeDownload.view().toByteArray().toBase64())}});
    } else {
        document.insert(QStringLiteral("gatewayKeysWithheld"), why);
    }
    // The station compares its clock with these (milliseconds, unlike the Date
    // header) and makes no keys while it is further off than the limit.
    document.insert(QStringLiteral("serverTime"), api::isoTimeMs(QDateTime::currentMSecsSinceEpoch()));
    document.insert(QStringLiteral("maxClockSkewSeconds"), double(m_context.maxClockSkewMs) / 1000.0);
    // The name the station's records must carry: its token's.
    if (request.principal.role == u"station")
        document.insert(QStringLiteral("station"), request.principal.user);
    HttpResponse response = HttpResponse::json(200, document);
    response.headers.set("Cache-Control", "no-store");
    responder.send(response);
}

void ConfigurationApi::file(HttpRequest &request, const HttpResponder &responder)
{
    const QString sha256 = request.params.value(QStringLiteral("sha256")).toLower();
    if (!ContentStore::isSha256Hex(sha256)) {
        responder.sendError(
            400, QStringLiteral("bad_request"), QStringLiteral("A file is named by its SHA-256: 64 hex digits."));
        return;
    }
    const auto stored = m_context.store->packages().storedFile(sha256);
    if (!stored) {
        responder.send(stored.error().code == ResultCode::InvalidArguments
                ? HttpResponse::error(404, QStringLiteral("not_found"), stored.error().message)
                : HttpResponse::error(api::fromError(stored.error())));
        return;
    }
    const QByteArray etag = '"' + sha256.toLatin1() + '"';
    ByteRange range = ByteRange::parse(request.headers.value("range"), stored->size);
    const QByteArray ifRange = request.headers.value("if-range");
    if (!ifRange.isEmpty() && ifRange != etag)
        range = ByteRange::parse({}, stored->size); // changed since: send it whole
    if (range.kind == ByteRange::Kind::Unsatisfiable) {
        HttpResponse response = HttpResponse::error(
            416, QStringLiteral("range_not_satisfiable"), QStringLiteral("The file has %1 bytes.").arg(stored->size));
        response.headers.set("Content-Range", "bytes */" + QByteArray::number(stored->size));
        responder.send(response);
        return;
    }
    auto reader = m_context.store->content().open(sha256, range.start, range.length);
    if (!reader) {
        // The hash, never where this server keeps the file; the log has the rest.
        responder.sendError(503, QStringLiteral("file_unavailable"),
            QStringLiteral("This server cannot read the stored file %1; another server of the deployment may. Its "
                           "/api/v1/health reports it as degraded.")
                .arg(sha256));
        return;
    }
    auto source = std::make_shared<ContentBodySource>(std::move(reader.value()), range.length);
    const bool partial = range.kind == ByteRange::Kind::Partial;
    HttpResponse response = HttpResponse::stream(partial ? 206 : 200, "application/octet-stream", source);
    response.headers.set("Accept-Ranges", "bytes");
    response.headers.set("ETag", etag);
    response.headers.set("Cache-Control", "private, max-age=31536000, immutable"); // content-addressed
    if (partial)
        response.headers.set("Content-Range",
            "bytes " + QByteArray::number(range.start) + '-' + QByteArray::number(range.start + range.length - 1) + '/'
                + QByteArray::number(stored->size));
    responder.send(response);
}

} // namespace prov::server::http
