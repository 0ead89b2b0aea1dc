#include "server/http/PackageApi.h"

#include "crypto/SecretBytes.h"
#include "package/PackageInfoFormatter.h"
#include "package/PackageReader.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/http/MultipartFormSink.h"
#include "server/store/ServerStore.h"

#include <QDir>
#include <QJsonArray>

namespace prov::server::http {

namespace {

struct ImportAnswer
{
    int status = 500;
    QJsonObject body;
};

ImportAnswer errorAnswer(int status, const QString &code, const QString &detail)
{
    return ImportAnswer {status, QJsonObject {{QStringLiteral("error"), code}, {QStringLiteral("detail"), detail}}};
}

QString outcomeKind(ImportOutcome::Kind kind)
{
    switch (kind) {
    case ImportOutcome::Kind::Imported:
        return QStringLiteral("imported");
    case ImportOutcome::Kind::Identical:
        return QStringLiteral("identical");
    case ImportOutcome::Kind::DryRun:
        return QStringLiteral("dryRun");
    }
    return {};
}

bool flag(const HttpRequest &request, const QString &name)
{
    const QString value = request.queryValue(name).toLower();
    return value == u"true" || value == u"1" || value == u"yes";
}

QJsonObject revisionJson(const RevisionRecord &revision)
{
    QJsonArray apps;
    for (const StoredApp &app : revision.apps)
        apps.append(QJsonObject {{QStringLiteral("name"), app.name}, {QStringLiteral("version"), app.version},
            {QStringLiteral("publicKeyFingerprint"), app.publicKeyFingerprint}});
    return QJsonObject {{QStringLiteral("revision"), revision.revision},
        {QStringLiteral("appLabel"), revision.appLabel}, {QStringLiteral("nodeType"), revision.nodeType},
        {QStringLiteral("nodeVersion"), revision.nodeVersion}, {QStringLiteral("apps"), apps},
        {QStringLiteral("kmsFingerprint"), revision.kmsFingerprint},
        {QStringLiteral("packageSha256"), revision.packageSha256},
        {QStringLiteral("packageSize"), revision.packageSize}, {QStringLiteral("comment"), revision.comment},
        {QStringLiteral("importedBy"), revision.importedBy},
        {QStringLiteral("importedAt"), api::isoTime(revision.importedAt)}};
}

} // namespace

PackageApi::PackageApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void PackageApi::addRoutes(HttpRouter &router)
{
    HttpRoute upload {
        "POST", QStringLiteral("/api/v1/packages"), roles::admin(), m_context.limits.maxUploadBytes, {}, {}};
    upload.sinkFactory = [this](HttpRequest &request, HttpError &error) -> std::shared_ptr<HttpBodySink> {
        MultipartFormSink::Options options;
        options.tempDir = m_context.uploadDir();
        options.fileFields = {QStringLiteral("package")};
        options.secretFields = {QStringLiteral("passphrase")};
        return MultipartFormSink::create(request.headers.value("content-type"), options, error);
    };
    upload.handler = [this](HttpRequest &request, HttpResponder responder) {
        this->upload(request, responder);
    };
    router.addRoute(upload);
    router.addRoute({"GET", QStringLiteral("/api/v1/packages"), roles::lineReaders(), -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            list(request, responder);
        }});
}

void PackageApi::upload(HttpRequest &request, const HttpResponder &responder)
{
    const auto form = std::static_pointer_cast<MultipartFormSink>(request.sink);
    if (form->filePath(QStringLiteral("package")).isEmpty()) {
        responder.sendError(
            400, QStringLiteral("missing_field"), QStringLiteral("The form has no \"package\" file part."));
        return;
    }
    if (!form->hasField(QStringLiteral("passphrase"))) {
        responder.sendError(
            400, QStringLiteral("missing_field"), QStringLiteral("The form has no \"passphrase\" field."));
        return;
    }
    QByteArray raw = form->takeField(QStringLiteral("passphrase"));
    // Like a passphrase file: one trailing line end is not part of it.
    if (raw.endsWith('\n'))
        raw.chop(1);
    if (raw.endsWith('\r'))
        raw.chop(1);
    auto passphrase = std::make_shared<crypto::SecretBytes>(crypto::SecretBytes::takeFrom(raw));

    PackageStore::ImportOptions options;
    options.comment = QString::fromUtf8(form->field(QStringLiteral("comment")));
    options.actor = api::actor(request);
    options.allowKmsChange = flag(request, QStringLiteral("allowKmsChange"));
    options.dryRun = flag(request, QStringLiteral("dryRun"));
    const QString clientName = form->clientFileName(QStringLiteral("package"));
    ServerStore *store = m_context.store;
    const package::PackageLimits limits = m_context.packageLimits;

    const bool started = m_workers.run(
        [store, form, passphrase, options, limits, clientName]() -> ImportAnswer {
            const QString scratch = store->scratchDir();
            if (!QDir().mkpath(scratch))
                return errorAnswer(
                    500, QStringLiteral("internal_error"), QStringLiteral("Cannot create %1.").arg(scratch));
            auto verified
                = package::readPackage(form->filePath(QStringLiteral("package")), *passphrase, limits, scratch);
            passphrase->clear();
            if (!verified) {
                Error error = verified.error();
                if (error.code == ResultCode::InvalidArguments)
                    return errorAnswer(422, QStringLiteral("invalid_package"),
                        QStringLiteral("%1: %2").arg(
                            clientName.isEmpty() ? QStringLiteral("package") : clientName, error.toString()));
                return errorAnswer(500, QStringLiteral("internal_error"), error.toString());
            }
            const QJsonObject info = package::PackageInfoFormatter::toJson(verified->info);
            auto outcome = store->packages().import(verified.value(), options);
            package::discardQuarantine(verified.value());
            if (!outcome) {
                const Error &error = outcome.error();
                if (error.code == ResultCode::InvalidArguments)
                    return errorAnswer(422, QStringLiteral("import_refused"), error.toString());
                return errorAnswer(500, QStringLiteral("internal_error"), error.toString());
            }
            QJsonArray aliases;
            for (const QString &alias : outcome->newAliases)
                aliases.append(alias);
            ImportAnswer answer;
            answer.status = outcome->kind == ImportOutcome::Kind::Imported ? 201 : 200;
            answer.body = info;
            answer.body.insert(QStringLiteral("outcome"),
                QJsonObject {{QStringLiteral("kind"), outcomeKind(outcome->kind)},
                    {QStringLiteral("configId"), outcome->configId.toString()},
                    {QStringLiteral("revision"), outcome->revision},
                    {QStringLiteral("newConfiguration"), outcome->newConfiguration},
                    {QStringLiteral("kmsKeyChanged"), outcome->kmsKeyChanged}, {QStringLiteral("newAliases"), aliases},
                    {QStringLiteral("filesStored"), outcome->filesStored},
                    {QStringLiteral("summary"), outcome->summary()}});
            return answer;
        },
        [responder, form](ImportAnswer answer) { responder.send(HttpResponse::json(answer.status, answer.body)); });
    if (!started)
        responder.sendError(
            503, QStringLiteral("busy"), QStringLiteral("The server is busy: try the upload again shortly."));
}

void PackageApi::list(HttpRequest &, const HttpResponder &responder)
{
    const auto configurations = m_context.store->packages().configurations();
    if (!configurations) {
        responder.send(HttpResponse::error(api::fromError(configurations.error())));
        return;
    }
    QJsonArray list;
    for (const ConfigurationRecord &configuration : configurations.value()) {
        QJsonArray revisions;
        for (const RevisionRecord &revision : configuration.revisions)
            revisions.append(revisionJson(revision));
        QJsonArray aliases;
        for (const QString &alias : configuration.aliases)
            aliases.append(alias);
        list.append(QJsonObject {{QStringLiteral("configId"), configuration.configId.toString()},
            {QStringLiteral("appLabel"), configuration.appLabel},
            {QStringLiteral("kmsFingerprint"), configuration.kmsFingerprint},
            {QStringLiteral("latestRevision"), configuration.latestRevision}, {QStringLiteral("aliases"), aliases},
            {QStringLiteral("revisions"), revisions}});
    }
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("configurations"), list}}));
}

} // namespace prov::server::http
