#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace prov::test {

/// Result of running an external program to completion.
struct ProcessResult
{
    int exitCode = -1;
    bool crashed = false;
    QByteArray stdOut;
    QByteArray stdErr;
};

/// Runs `program` with `arguments`, feeding `input` on stdin; waits at most timeoutMs.
ProcessResult runProcess(const QString &program, const QStringList &arguments, const QByteArray &input = {},
    int timeoutMs = 60000, const QString &workingDir = {});

/// The `openssl` command (skips nothing: tests fail loudly when it is missing).
QString opensslProgram();

/// A sibling executable built by this project (bin/<name>), from PROVSTATION_BIN_DIR.
QString binPath(const QString &name);

/// The project source tree.
QString sourceDir();

/// A schema of the project's fixed interfaces, `schemas/<name>` in the source
/// tree (e.g. "manifest.xsd", "device_keys.xsd").
QString schemaPath(const QString &name);

/// The rows of the first Markdown table after the heading `heading` (e.g.
/// "## Exit codes") in `markdown`, each row's cells trimmed, without the header
/// and separator rows; empty when there is no such heading or table.
QList<QStringList> markdownTable(const QByteArray &markdown, const QString &heading);

QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &data);

/// False in AddressSanitizer builds: the sanitizer's quarantine and shadow
/// memory make a process's RSS say nothing about what the code holds, so
/// memory-bound assertions are checked in the normal build only.
constexpr bool memoryBoundsAreMeasurable()
{
#if defined(__SANITIZE_ADDRESS__)
    return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return false;
#else
    return true;
#endif
#else
    return true;
#endif
}

} // namespace prov::test
