#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace prov::test {

ProcessResult runProcess(const QString &program, const QStringList &arguments, const QByteArray &input, int timeoutMs,
    const QString &workingDir)
{
    ProcessResult result;
    QProcess process;
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        result.stdErr = "failed to start " + program.toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.crashed = true;
    }
    result.stdOut = process.readAllStandardOutput();
    result.stdErr += process.readAllStandardError();
    result.crashed = result.crashed || process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    return result;
}

QString opensslProgram()
{
    const QString found = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    return found.isEmpty() ? QStringLiteral("openssl") : found;
}

QString binPath(const QString &name)
{
    QString dir = qEnvironmentVariable("PROVSTATION_BIN_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath() + QStringLiteral("/../bin");
    return QDir(dir).filePath(name);
}

QString sharedDir()
{
    const QString dir = qEnvironmentVariable("PROVSTATION_SHARED_DIR");
    return dir.isEmpty() ? sourceDir() + QStringLiteral("/../shared") : dir;
}

QString sourceDir()
{
    return qEnvironmentVariable("PROVSTATION_SOURCE_DIR");
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(data) == data.size();
}

} // namespace prov::test
