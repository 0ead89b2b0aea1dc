#pragma once

#include "CommandLine.h"

#include "crypto/SecretBytes.h"
#include "domain/Result.h"
#include "server/store/ServerStore.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>

namespace prov::server {

/// Prints "provstation-server: <error>" as the one line on stderr and returns the
/// exit code (the error's result code, or 1 where it has none).
[[nodiscard]] int fail(const Error &error);
/// Writes a line to stdout.
void printLine(const QString &line);

/// Parses a subcommand's own options; returns the positional arguments.
[[nodiscard]] Result<QStringList> parseSubcommand(
    QCommandLineParser &parser, const QString &command, const QStringList &rest);

/// Opens the store for a CLI subcommand.
[[nodiscard]] Result<std::unique_ptr<ServerStore>> openStore(const GlobalOptions &global);

/// "cli:<login name>": who ran a command, for the audit log.
[[nodiscard]] QString cliActor();

/// A secret (a password, a badge code): without a terminal the next line of
/// stdin; on a terminal asked twice without echo. `what` names it ("password").
[[nodiscard]] Result<crypto::SecretBytes> readSecret(const QString &what = QStringLiteral("password"));

/// A file's content as a secret, minus one trailing line end (passphrase files).
[[nodiscard]] Result<crypto::SecretBytes> readSecretFile(const QString &path, const QString &what);

} // namespace prov::server
