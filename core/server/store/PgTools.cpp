#include "server/store/PgTools.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace prov::server::pgtools {

namespace {

QAtomicInteger<quint64> s_connectionCounter;

QString shellQuote(const QString &text)
{
    static const QString safe
        = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./:@,+%");
    if (!text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return safe.contains(c); }))
        return text;
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

} // namespace

QString find(const QString &program)
{
    return QStandardPaths::findExecutable(program);
}

QStringList connectionArguments(const DatabaseConfig &config)
{
    return {QStringLiteral("--host=") + config.host, QStringLiteral("--port=%1").arg(config.port),
        QStringLiteral("--username=") + config.user, QStringLiteral("--dbname=") + config.databaseName};
}

QString displayCommand(const QString &program, const QStringList &arguments, const DatabaseConfig &config)
{
    QStringList words;
    if (!config.password.isEmpty())
        words << QStringLiteral("PGPASSWORD=\"$PROVSTATION_DB_PASSWORD\"");
    words << QFileInfo(program).fileName();
    for (const QString &argument : arguments)
        words << shellQuote(argument);
    return words.join(u' ');
}

Result<QByteArray> run(const QString &program, const QStringList &arguments, const DatabaseConfig &config)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!config.password.isEmpty())
        env.insert(QStringLiteral("PGPASSWORD"), config.password);
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    process.setProcessEnvironment(env);
    process.setProgram(program);
    process.setArguments(arguments);
    process.start();
    const QString name = QFileInfo(program).fileName();
    if (!process.waitForStarted(-1))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot run %1: %2").arg(program, process.errorString()));
    process.waitForFinished(-1);
    const QByteArray out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QString why = QString::fromLocal8Bit(process.readAllStandardError()).trimmed();
        why.replace(u'\n', QStringLiteral("; "));
        return makeError(ResultCode::InternalError,
            QStringLiteral("%1 failed (exit code %2): %3").arg(name).arg(process.exitCode()).arg(why.left(600)));
    }
    return out;
}

Status withConnection(const DatabaseConfig &config, const std::function<Status(QSqlDatabase &)> &work)
{
    const QString name = QStringLiteral("provserver-pgtools-%1").arg(++s_connectionCounter);
    Status result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setUserName(config.user);
        db.setPassword(config.password);
        db.setDatabaseName(config.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=provstation-server"));
        if (db.open())
            result = work(db);
        else
            result = makeError(ResultCode::InternalError,
                QStringLiteral("cannot open the database %1: %2")
                    .arg(config.describe(), db.lastError().text().trimmed()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<QString> effectiveSchema(const DatabaseConfig &config)
{
    if (!config.schema.isEmpty())
        return config.schema;
    QString schema;
    const Status ok = withConnection(config, [&](QSqlDatabase &db) -> Status {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT current_schema()")) && query.next())
            schema = query.value(0).toString();
        if (schema.isEmpty())
            return makeError(ResultCode::InternalError,
                QStringLiteral("the database %1 has no current schema").arg(config.describe()));
        return {};
    });
    if (!ok)
        return ok.error();
    return schema;
}

} // namespace prov::server::pgtools
