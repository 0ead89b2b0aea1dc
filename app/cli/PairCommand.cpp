#include "PairCommand.h"

#include "Credentials.h"

#include "domain/ResultCode.h"
#include "engine/PairingClient.h"
#include "engine/StationServerConfig.h"

#include <QDateTime>
#include <QDir>

#include <cstdio>

using namespace prov;
using namespace prov::engine;

namespace {

void printLine(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

PairCommand::PairCommand(QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
{ }

QString PairCommand::usage()
{
    return QStringLiteral("usage: provstation-cli pair https://HOST[:PORT] CODE  (the code from `provstation-server "
                          "station pair --name NAME`)");
}

void PairCommand::start()
{
    const auto fail = [this](const Error &e) {
        printLine(stderr, ResultCatalogue::errorLine(e.code, e.message));
        emit finished(int(e.code));
    };
    if (m_arguments.size() == 1 && (m_arguments.first() == u"-h" || m_arguments.first() == u"--help")) {
        printLine(stdout, usage());
        return emit finished(0);
    }
    if (m_arguments.size() != 2)
        return fail(makeError(ResultCode::InvalidArguments, usage()));
    const auto url = PairingClient::parseServerUrl(m_arguments.at(0));
    if (!url)
        return fail(url.error());
    auto *client = new PairingClient(this);
    client->pair(url.value(), m_arguments.at(1), [this, client, fail](const Result<PairingClient::Paired> &paired) {
        client->deleteLater();
        if (!paired)
            return fail(paired.error());
        StationServerConfig config;
        config.url = paired->url;
        config.pin = paired->pin;
        config.station = paired->station;
        config.pairedAt = QDateTime::currentDateTimeUtc();
        if (const Status saved = config.save(); !saved)
            return fail(saved.error());
        auto *credentials = new Credentials(this);
        credentials->store(paired->token, [this, credentials, paired, fail](const Result<Credentials::Stored> &stored) {
            credentials->deleteLater();
            if (!stored)
                return fail(stored.error());
            printLine(stdout,
                QStringLiteral("paired as station %1 with %2 (server key %3)")
                    .arg(paired->station, paired->url.toString(), paired->pin.toString()));
            printLine(stdout,
                QStringLiteral("server address and key stored in %1")
                    .arg(QDir::toNativeSeparators(StationServerConfig::defaultPath())));
            if (stored->inKeychain) {
                printLine(stdout, QStringLiteral("station token %1 stored in the keychain").arg(paired->tokenId));
            } else {
                printLine(stderr,
                    QStringLiteral("WARNING: no keychain (%1): the station token %2 is stored in %3, readable only "
                                   "by this user")
                        .arg(stored->why, paired->tokenId, QDir::toNativeSeparators(Credentials::fallbackFile())));
            }
            emit finished(0);
        });
    });
}
