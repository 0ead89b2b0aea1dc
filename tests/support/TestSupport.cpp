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

QString sourceDir()
{
    return qEnvironmentVariable("PROVSTATION_SOURCE_DIR");
}

QString schemaPath(const QString &name)
{
    return sourceDir() + QStringLiteral("/schemas/") + name;
}

QList<QStringList> markdownTable(const QByteArray &markdown, const QString &heading)
{
    QList<QStringList> rows;
    bool underHeading = false;
    bool inTable = false;
    for (const QString &rawLine : QString::fromUtf8(markdown).split(QLatin1Char('\n'))) {
        const QString line = rawLine.trimmed();
        if (!underHeading) {
            underHeading = line == heading;
            continue;
        }
        if (!line.startsWith(QLatin1Char('|'))) {
            if (inTable || line.startsWith(QLatin1Char('#')))
                break;
            continue;
        }
        QStringList cells = line.mid(1, line.endsWith(QLatin1Char('|')) ? line.size() - 2 : -1).split(QLatin1Char('|'));
        for (QString &cell : cells)
            cell = cell.trimmed();
        // The first row is the header, the second the --- separator.
        if (inTable && !cells.first().startsWith(QLatin1String("---")))
            rows.append(cells);
        inTable = true;
    }
    return rows;
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
