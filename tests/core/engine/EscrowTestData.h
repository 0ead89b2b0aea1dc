#pragma once

#include "engine/KeyOutbox.h"

#include <QByteArray>

namespace prov::test {

/// A plausible outbox entry (ciphertext is random filler: these tests do not decrypt).
inline engine::OutboxEntry sampleOutboxEntry(quint32 nodeId = 0x1A2B3C4D)
{
    engine::OutboxEntry e;
    domain::EscrowRecord &r = e.record;
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
    e.run = QJsonObject {{QStringLiteral("operation"), QStringLiteral("POSTTEST")}};
    return e;
}

/// A fixed entry (no random part) for byte-for-byte comparisons with the
/// kRow and kUpload forms below.
inline engine::OutboxEntry fixedOutboxEntry()
{
    engine::OutboxEntry e;
    domain::EscrowRecord &r = e.record;
    r.uuid = QUuid::fromString(QStringLiteral("0b6c3f52-7d1e-4a9b-8c2f-5e4d3a2b1c0d"));
    r.nodeId = NodeId(0x1A2B3C4D);
    r.configId = ConfigId(0x45);
    r.revision = 2;
    r.batch = BatchNumber(1000);
    r.station = QStringLiteral("line1-st3");
    r.nodeType = QStringLiteral("UNODE");
    r.nodeVersion = QStringLiteral("1.2.3.4");
    r.provisionedAt = QDateTime::fromString(QStringLiteral("2026-11-20T09:58:01.250Z"), Qt::ISODateWithMs);
    r.nodeRootKey = QByteArray::fromHex("00112233445566778899aabbccddeeff5a5a");
    r.kmsFingerprint = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    r.apps = {{QStringLiteral("emcm"), QStringLiteral("0011223344556677"), QStringLiteral("ABCDEF0123"),
                  QStringLiteral("FF00")},
        {QStringLiteral("hes"), {}, {}, {}}};
    r.verification = QJsonObject {
        {QStringLiteral("method"), QStringLiteral("AES-CMAC")}, {QStringLiteral("slots"), QStringLiteral("nodeRoot")}};
    r.runLog = QStringLiteral("step 1 \"ok\"\n\u00e9tape 2\n");
    e.stage = engine::EscrowStage::Verified;
    e.run = QJsonObject {{QStringLiteral("runId"), QStringLiteral("9d8e7f60-5a4b-4c3d-9e2f-1a0b9c8d7e6f")},
        {QStringLiteral("operation"), QStringLiteral("POSTTEST")}, {QStringLiteral("meter"), QStringLiteral("kv2c")},
        {QStringLiteral("port"), QStringLiteral("/dev/ttyUSB3")}, {QStringLiteral("host"), QStringLiteral("line1-pc")},
        {QStringLiteral("software"), QStringLiteral("ProvStation 1.0.0")},
        {QStringLiteral("emcmId"), QStringLiteral("0011223344556677")}};
    return e;
}

/// fixedOutboxEntry() as the outbox's record column holds it (stations in the
/// field have rows of this form: it must keep reading and being written so).
inline const QByteArray kFixedOutboxRow = QByteArrayLiteral(
    "{\"apps\":[{\"extra\":\"FF00\",\"id\":\"0011223344556677\",\"key\":\"ABCDEF0123\",\"name\":\"emcm\"}"
    ",{\"name\":\"hes\"}],\"batch\":1000,\"configId\":\"0x0000000000000045\",\"kmsKey\":\"sha256:aaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"nodeId\":\"0x1A2B3C4D\",\"nodeRootKey\""
    ":\"ABEiM0RVZneImaq7zN3u/1pa\",\"nodeType\":\"UNODE\",\"nodeVersion\":\"1.2.3.4\",\"provisionedAt\":"
    "\"2026-11-20T09:58:01.250Z\",\"revision\":2,\"run\":{\"emcmId\":\"0011223344556677\",\"host\":\"line"
    "1-pc\",\"meter\":\"kv2c\",\"operation\":\"POSTTEST\",\"port\":\"/dev/ttyUSB3\",\"runId\":\"9d8e7f60-"
    "5a4b-4c3d-9e2f-1a0b9c8d7e6f\",\"software\":\"ProvStation 1.0.0\"},\"runLog\":\"step 1 \\\"ok\\\"\\n"
    "\xc3"
    "\xa9"
    "tape 2\\n\",\"stage\":\"verified\",\"station\":\"line1-st3\",\"uuid\":\"0b6c3f52-7d1e-4a"
    "9b-8c2f-5e4d3a2b1c0d\",\"verification\":{\"method\":\"AES-CMAC\",\"slots\":\"nodeRoot\"}}");

/// fixedOutboxEntry()'s upload body as done, without sentAt (the form servers
/// in the field take).
inline const QByteArray kFixedUploadBody = QByteArrayLiteral(
    "{\"apps\":[{\"extra\":\"FF00\",\"id\":\"0011223344556677\",\"key\":\"ABCDEF0123\",\"name\":\"emcm\"}"
    ",{\"name\":\"hes\"}],\"batch\":1000,\"configId\":\"0x0000000000000045\",\"kmsKey\":\"sha256:aaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"nodeId\":\"0x1A2B3C4D\",\"nodeRootKey\""
    ":\"ABEiM0RVZneImaq7zN3u/1pa\",\"nodeType\":\"UNODE\",\"nodeVersion\":\"1.2.3.4\",\"provisionedAt\":"
    "\"2026-11-20T09:58:01.250Z\",\"revision\":2,\"run\":{\"emcmId\":\"0011223344556677\",\"host\":\"line"
    "1-pc\",\"meter\":\"kv2c\",\"operation\":\"POSTTEST\",\"port\":\"/dev/ttyUSB3\",\"runId\":\"9d8e7f60-"
    "5a4b-4c3d-9e2f-1a0b9c8d7e6f\",\"software\":\"ProvStation 1.0.0\"},\"runLog\":\"step 1 \\\"ok\\\"\\n"
    "\xc3"
    "\xa9"
    "tape 2\\n\",\"state\":\"done\",\"station\":\"line1-st3\",\"uuid\":\"0b6c3f52-7d1e-4a9b-8"
    "c2f-5e4d3a2b1c0d\",\"verification\":{\"method\":\"AES-CMAC\",\"slots\":\"nodeRoot\"}}");

} // namespace prov::test
