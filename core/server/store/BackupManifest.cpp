#include "server/store/BackupManifest.h"

#include "crypto/Digest.h"
#include "server/store/ContentStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace prov::server {

namespace {

constexpr qint64 kBufferSize = 1 << 20;

QString isoUtc(qint64 ms)
{
    return ms == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 fromIsoUtc(const QString &text)
{
    return text.isEmpty() ? 0 : QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QJsonObject partToJson(const BackupPart &part)
{
    return {{QStringLiteral("path"), part.path}, {QStringLiteral("size"), double(part.size)},
        {QStringLiteral("sha256"), part.sha256.isEmpty() ? QJsonValue() : QJsonValue(part.sha256)}};
}

/// A part's path must stay inside the copy: relative, no "..", no backslash.
bool isSafeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(u'\\'))
        return false;
    const QStringList pieces = path.split(u'/');
    return std::none_of(pieces.begin(), pieces.end(),
        [](const QString &piece) { return piece.isEmpty() || piece == u"." || piece == u".."; });
}

Result<BackupPart> partFromJson(const QJsonValue &value, const QString &manifestPath)
{
    const QJsonObject object = value.toObject();
    BackupPart part {object.value(QStringLiteral("path")).toString(),
        qint64(object.value(QStringLiteral("size")).toDouble(-1)), object.value(QStringLiteral("sha256")).toString()};
    if (!isSafeRelativePath(part.path) || part.size < 0
        || (!part.sha256.isEmpty() && !ContentStore::isSha256Hex(part.sha256)))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 lists a part that is not a relative path with size and SHA-256: %2")
                .arg(manifestPath, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)).left(200)));
    return part;
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

QByteArray BackupManifest::toJson() const
{
    QJsonArray files;
    for (const BackupPart &part : facts.contentFiles)
        files.append(partToJson(part));
    const QJsonObject root {{QStringLiteral("format"), QStringLiteral("provstation-backup")},
        {QStringLiteral("formatVersion"), kFormatVersion}, {QStringLiteral("createdAt"), isoUtc(createdAtMs)},
        {QStringLiteral("serverVersion"), serverVersion}, {QStringLiteral("schemaVersion"), facts.schemaVersion},
        {QStringLiteral("engine"), engine},
        {QStringLiteral("source"),
            QJsonObject {{QStringLiteral("dataDir"), sourceDataDir}, {QStringLiteral("database"), sourceDatabase},
                {QStringLiteral("pgSchema"), pgSchema}}},
        {QStringLiteral("masterKey"), masterKey},
        {QStringLiteral("contents"),
            QJsonObject {{QStringLiteral("configurations"), double(facts.configurations)},
                {QStringLiteral("escrowRecords"), double(facts.escrowRecords)},
                {QStringLiteral("auditRows"), double(facts.auditRows)},
                {QStringLiteral("auditHeadHash"), facts.auditHeadHash},
                {QStringLiteral("lastAuditAt"), isoUtc(facts.lastAuditAtMs)},
                {QStringLiteral("sealedWithMasterKey"), facts.sealedWithMasterKey}}},
        {QStringLiteral("database"), partToJson(database)}, {QStringLiteral("fileCount"), files.size()},
        {QStringLiteral("files"), files}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<BackupManifest> BackupManifest::fromJson(const QByteArray &json, const QString &path)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = document.object();
    if (parseError.error != QJsonParseError::NoError
        || root.value(QStringLiteral("format")).toString() != u"provstation-backup")
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 is not a provstation-server backup manifest%2")
                .arg(path,
                    parseError.error != QJsonParseError::NoError
                        ? QStringLiteral(" (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset)
                        : QString()));
    const int version = root.value(QStringLiteral("formatVersion")).toInt();
    if (version != kFormatVersion)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 has backup format version %2; this server reads version %3")
                .arg(path)
                .arg(version)
                .arg(kFormatVersion));
    BackupManifest manifest;
    manifest.createdAtMs = fromIsoUtc(root.value(QStringLiteral("createdAt")).toString());
    manifest.serverVersion = root.value(QStringLiteral("serverVersion")).toString();
    manifest.engine = root.value(QStringLiteral("engine")).toString();
    const QJsonObject source = root.value(QStringLiteral("source")).toObject();
    manifest.sourceDataDir = source.value(QStringLiteral("dataDir")).toString();
    manifest.sourceDatabase = source.value(QStringLiteral("database")).toString();
    manifest.pgSchema = source.value(QStringLiteral("pgSchema")).toString();
    manifest.masterKey = root.value(QStringLiteral("masterKey")).toString();
    const QJsonObject contents = root.value(QStringLiteral("contents")).toObject();
    SnapshotFacts &facts = manifest.facts;
    facts.schemaVersion = root.value(QStringLiteral("schemaVersion")).toInt();
    facts.configurations = qint64(contents.value(QStringLiteral("configurations")).toDouble());
    facts.escrowRecords = qint64(contents.value(QStringLiteral("escrowRecords")).toDouble());
    facts.auditRows = qint64(contents.value(QStringLiteral("auditRows")).toDouble());
    facts.auditHeadHash = contents.value(QStringLiteral("auditHeadHash")).toString();
    facts.lastAuditAtMs = fromIsoUtc(contents.value(QStringLiteral("lastAuditAt")).toString());
    facts.sealedWithMasterKey = contents.value(QStringLiteral("sealedWithMasterKey")).toBool();
    if (manifest.engine != u"sqlite" && manifest.engine != u"postgresql")
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 names no known database engine ('%2')").arg(path, manifest.engine));
    auto database = partFromJson(root.value(QStringLiteral("database")), path);
    if (!database)
        return database.error();
    manifest.database = database.value();
    const QJsonArray files = root.value(QStringLiteral("files")).toArray();
    if (root.value(QStringLiteral("fileCount")).toInt(-1) != files.size())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 says fileCount %2 but lists %3 files")
                .arg(path)
                .arg(root.value(QStringLiteral("fileCount")).toInt(-1))
                .arg(files.size()));
    for (const QJsonValue &value : files) {
        auto part = partFromJson(value, path);
        if (!part)
            return part.error();
        if (part->sha256.isEmpty())
            return makeError(
                ResultCode::InvalidArguments, QStringLiteral("%1 lists %2 without its SHA-256").arg(path, part->path));
        facts.contentFiles.append(part.value());
    }
    return manifest;
}

namespace backupfiles {

bool syncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

Result<BackupPart> hashFile(const QString &path, const QString &relative)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(path, in.errorString()));
    crypto::Digest digest(crypto::Digest::Algorithm::Sha256);
    QByteArray buffer(kBufferSize, Qt::Uninitialized);
    BackupPart part {relative, 0, {}};
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(path, in.errorString()));
        if (n == 0)
            break;
        digest.addData(QByteArrayView(buffer.constData(), n));
        part.size += n;
    }
    part.sha256 = QString::fromLatin1(digest.result().toHex());
    return part;
}

namespace {

/// A whole file read a buffer at a time (the path form of copyVerified).
class PlainFileReader : public ContentReader
{
public:
    explicit PlainFileReader(const QString &path)
        : m_file(path)
    { }
    bool open() { return m_file.open(QIODevice::ReadOnly); }
    QString errorString() const { return m_file.errorString(); }

    Status read(qint64 maxBytes, QByteArray &out) override
    {
        const QByteArray data = m_file.read(maxBytes);
        if (data.isEmpty() && m_file.error() != QFileDevice::NoError)
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        out.append(data);
        return {};
    }
    bool atEnd() const override { return m_file.atEnd(); }

private:
    QFile m_file;
};

} // namespace

Status copyVerified(const QString &source, const QString &target, const BackupPart &expected)
{
    PlainFileReader in(source);
    if (!in.open())
        return makeError(
            ResultCode::InternalError, QStringLiteral("%1 is missing or unreadable: %2").arg(source, in.errorString()));
    return copyVerified(in, source, target, expected);
}

Status copyVerified(ContentReader &in, const QString &source, const QString &target, const BackupPart &expected)
{
    const QString folder = QFileInfo(target).absolutePath();
    if (!QDir().mkpath(folder))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot create %1").arg(folder));
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot create %1: %2").arg(target, out.errorString()));
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    crypto::Digest digest(crypto::Digest::Algorithm::Sha256);
    QByteArray buffer;
    qint64 size = 0;
    while (!in.atEnd()) {
        buffer.clear();
        if (Status ok = in.read(kBufferSize, buffer); !ok)
            return ok.error();
        if (buffer.isEmpty())
            break;
        digest.addData(buffer);
        size += buffer.size();
        if (out.write(buffer) != buffer.size())
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(target, out.errorString()));
    }
    const QString sha256 = QString::fromLatin1(digest.result().toHex());
    if (size != expected.size || (!expected.sha256.isEmpty() && sha256 != expected.sha256))
        return makeError(ResultCode::InternalError,
            QStringLiteral("%1 is damaged: %2 bytes with SHA-256 %3, expected %4 bytes with SHA-256 %5")
                .arg(source)
                .arg(size)
                .arg(sha256)
                .arg(expected.size)
                .arg(expected.sha256));
    if (!out.flush() || ::fsync(out.handle()) != 0)
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot flush %1 to disk: %2").arg(target, errnoText()));
    return {};
}

Status writeDurably(const QString &path, const QByteArray &content)
{
    const QString staged
        = path + QStringLiteral(".") + QUuid::createUuid().toString(QUuid::Id128) + QStringLiteral(".part");
    {
        QFile out(staged);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot create %1: %2").arg(staged, out.errorString()));
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (out.write(content) != content.size() || !out.flush() || ::fsync(out.handle()) != 0) {
            const QString why = out.errorString();
            out.close();
            QFile::remove(staged);
            return makeError(ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(path, why));
        }
    }
    if (::rename(QFile::encodeName(staged).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = errnoText();
        QFile::remove(staged);
        return makeError(ResultCode::InternalError, QStringLiteral("cannot move %1 into place: %2").arg(path, why));
    }
    syncPath(QFileInfo(path).absolutePath());
    return {};
}

} // namespace backupfiles

} // namespace prov::server
