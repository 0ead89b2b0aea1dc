#pragma once

#include "engine/EscrowRecord.h"

namespace prov::test {

/// A plausible escrow record (ciphertext is random filler: these tests do not decrypt).
inline engine::EscrowRecord sampleEscrowRecord(quint32 nodeId = 0x1A2B3C4D)
{
    engine::EscrowRecord r;
    r.uuid = QUuid::createUuid();
    r.nodeId = NodeId(nodeId);
    r.configId = ConfigId(0x45);
    r.revision = 2;
    r.batch = BatchNumber(1000);
    r.station = QStringLiteral("line1-st3");
    r.nodeType = QStringLiteral("UNODE");
    r.nodeVersion = QStringLiteral("1.2.3.4");
    r.provisionedAt = QDateTime::fromString(QStringLiteral("2026-11-20T09:58:01.250Z"), Qt::ISODateWithMs);
    r.nodeRootKey = QByteArray(256, '\x5a');
    r.kmsFingerprint = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    r.apps = {{QStringLiteral("emcm"), QStringLiteral("0011223344556677"), QString(512, QLatin1Char('B')), {}}};
    r.run = QJsonObject {{QStringLiteral("operation"), QStringLiteral("POSTTEST")}};
    return r;
}

} // namespace prov::test
