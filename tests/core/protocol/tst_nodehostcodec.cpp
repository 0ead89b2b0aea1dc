#include "protocol/NodeHostCodec.h"
#include "transport/MeterIdentification.h"

#include <QRandomGenerator>
#include <QTest>

using namespace prov;
using namespace prov::protocol;

namespace {

QByteArray hex(const char *spaced)
{
    return QByteArray::fromHex(QByteArray(spaced).replace(' ', ""));
}

// A one-line summary of the fields an opcode carries, so the data tables read
// like the protocol document.
QString describe(const Request &r)
{
    QString s = QStringLiteral("%1 tag=%2").arg(opcodeName(r.opcode)).arg(r.tag);
    switch (r.opcode) {
    case Opcode::TransferBegin:
        s += QStringLiteral(" target=%1 hw=%2 size=%3 crc=%4 version=%5 config=%6")
                 .arg(static_cast<int>(r.transfer.target))
                 .arg(hardwareTypeName(r.transfer.hardwareType))
                 .arg(r.transfer.size)
                 .arg(r.transfer.crc32, 8, 16, QLatin1Char('0'))
                 .arg(r.transfer.version.toString())
                 .arg(r.transfer.configId, 0, 16);
        break;
    case Opcode::TransferBlock:
        s += QStringLiteral(" target=%1 offset=%2 data=%3")
                 .arg(static_cast<int>(r.target))
                 .arg(r.offset)
                 .arg(QString::fromLatin1(r.data.toHex()));
        break;
    case Opcode::TransferEnd:
        s += QStringLiteral(" target=%1").arg(static_cast<int>(r.target));
        break;
    case Opcode::WriteKey:
        s += QStringLiteral(" slot=%1 key=%2").arg(keySlotName(r.slot)).arg(r.key.size());
        break;
    case Opcode::VerifyKey:
        s += QStringLiteral(" slot=%1 challenge=%2").arg(keySlotName(r.slot), QString::fromLatin1(r.challenge.toHex()));
        break;
    default:
        break;
    }
    return s;
}

QString describe(const Response &r)
{
    QString s = QStringLiteral("%1 tag=%2 status=%3")
                    .arg(opcodeName(r.opcode))
                    .arg(r.tag)
                    .arg(static_cast<int>(r.status), 2, 16, QLatin1Char('0'));
    if (r.status == DeviceStatus::OffsetMismatch || r.status == DeviceStatus::TransferIncomplete)
        return s + QStringLiteral(" offset=%1").arg(r.offset);
    if (!r.ok())
        return s;
    switch (r.opcode) {
    case Opcode::NodeIdentify:
        s += QStringLiteral(" node=%1 hw=%2 fw=%3 cal=%4 kind=%5 config=%6 locked=%7")
                 .arg(r.node.nodeId, 8, 16, QLatin1Char('0'))
                 .arg(hardwareTypeName(r.node.hardwareType), r.node.firmwareVersion.toString(),
                     calibrationName(r.node.calibration), configKindName(r.node.configKind))
                 .arg(r.node.configId, 0, 16)
                 .arg(r.node.locked);
        break;
    case Opcode::HostIdentify:
        s += QStringLiteral(" emcm=%1 hw=%2 status=%3 fw=%4 kind=%5 config=%6 locked=%7")
                 .arg(r.host.emcmIdHex(), hardwareTypeName(r.host.hardwareType))
                 .arg(r.host.hardwareStatus)
                 .arg(r.host.firmwareVersion.toString(), configKindName(r.host.configKind))
                 .arg(r.host.configId, 0, 16)
                 .arg(r.host.locked);
        break;
    case Opcode::MeterLinkCheck:
        s += QStringLiteral(" meter=") + r.meterId;
        break;
    case Opcode::MeterIdentify:
        s += QStringLiteral(" ") + transport::MeterIdentification::fromTable(r.meterTable)->toString();
        break;
    case Opcode::TransferBegin:
        s += QStringLiteral(" resume=%1 maxBlock=%2").arg(r.offset).arg(r.maxBlock);
        break;
    case Opcode::TransferBlock:
        s += QStringLiteral(" next=%1").arg(r.offset);
        break;
    case Opcode::VerifyKey:
        s += QStringLiteral(" cmac=") + QString::fromLatin1(r.cmac.toHex());
        break;
    default:
        break;
    }
    return s;
}

} // namespace

class TestNodeHostCodec : public QObject
{
    Q_OBJECT

private slots:
    void requestVectors_data();
    void requestVectors();
    void responseVectors_data();
    void responseVectors();
    void buildersProduceVectors();
    void malformedRequestsRejected_data();
    void malformedRequestsRejected();
    void malformedResponsesRejected_data();
    void malformedResponsesRejected();
    void everyTruncationRejected();
    void randomAndMutatedInputsNeverCrash();
    void peekHeader();
    void responseMatchesItsRequest_data();
    void hostAppsAndAppNumbersRoundTrip();
    void responseMatchesItsRequest();
};

void TestNodeHostCodec::requestVectors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("fields");
    // The examples of docs/protocol/node-host-protocol.md.
    QTest::newRow("node identify") << hex("01 01 34 12") << QStringLiteral("NodeIdentify tag=4660");
    QTest::newRow("host identify") << hex("01 02 00 00") << QStringLiteral("HostIdentify tag=0");
    QTest::newRow("meter link") << hex("01 03 ff ff") << QStringLiteral("MeterLinkCheck tag=65535");
    QTest::newRow("lock") << hex("01 30 05 00") << QStringLiteral("Lock tag=5");
    QTest::newRow("reset") << hex("01 31 06 00") << QStringLiteral("Reset tag=6");
    QTest::newRow("begin firmware")
        << hex("01 10 07 00 01 01 00 00 00 04 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00")
        << QStringLiteral("TransferBegin tag=7 target=1 hw=UNODE size=262144 crc=cbf43926 version=2.0.0.1 config=0");
    QTest::newRow("begin factory config")
        << hex("01 10 08 00 02 01 00 10 00 00 00 78 56 34 12 00 00 00 00 00 00 00 00 45 00 00 00 00 00 00 00")
        << QStringLiteral("TransferBegin tag=8 target=2 hw=UNODE size=16 crc=12345678 version=0.0.0.0 config=45");
    QTest::newRow("block") << hex("01 11 09 00 01 00 04 00 00 de ad be ef")
                           << QStringLiteral("TransferBlock tag=9 target=1 offset=1024 data=deadbeef");
    QTest::newRow("end field config") << hex("01 12 0a 00 03") << QStringLiteral("TransferEnd tag=10 target=3");
    QTest::newRow("write node root key") << hex("01 20 0b 00 03 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff")
                                         << QStringLiteral("WriteKey tag=11 slot=nodeRoot key=16");
    QTest::newRow("verify app key") << hex("01 21 0c 00 10 6b c1 be e2 2e 40 9f 96 e9 3d 7e 11 73 93 17 2a")
                                    << QStringLiteral(
                                           "VerifyKey tag=12 slot=app challenge=6bc1bee22e409f96e93d7e117393172a");
}

void TestNodeHostCodec::requestVectors()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, fields);
    const Result<Request> r = NodeHostCodec::decodeRequest(wire);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(describe(*r), fields);
    QCOMPARE(NodeHostCodec::encodeRequest(*r).toHex(' '), wire.toHex(' '));
}

void TestNodeHostCodec::responseVectors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("fields");
    QTest::newRow("node identify")
        << hex("01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 01 01 45 00 00 00 00 00 00 00 00")
        << QStringLiteral("NodeIdentify tag=4660 status=00 node=1a2b3c4d hw=UNODE fw=1.2.3.4 cal=valid kind=factory "
                          "config=45 locked=0");
    QTest::newRow("host identify") << hex(
        "01 82 00 00 00 08 00 11 22 33 44 55 66 77 00 01 02 05 00 06 00 07 00 08 00 02 99 00 00 00 00 00 00 00 01")
                                   << QStringLiteral("HostIdentify tag=0 status=00 emcm=0011223344556677 hw=EMCM "
                                                     "status=2 fw=5.6.7.8 "
                                                     "kind=field config=99 locked=1");
    QTest::newRow("meter link ok") << hex("01 83 01 00 00 04 4d 31 32 33")
                                   << QStringLiteral("MeterLinkCheck tag=1 status=00 meter=M123");
    QTest::newRow("meter link down") << hex("01 83 01 00 31") << QStringLiteral("MeterLinkCheck tag=1 status=31");
    // The meter's C12.19 table 1: "GE  " "KV2C    ", versions 1.0 1.0, serial "      M000000001".
    QTest::newRow("meter identify")
        << hex("01 86 02 00 00 20 47 45 20 20 4b 56 32 43 20 20 20 20 01 00 01 00 "
               "20 20 20 20 20 20 4d 30 30 30 30 30 30 30 30 31")
        << QStringLiteral("MeterIdentify tag=2 status=00 manufacturer \"GE\", model \"KV2C\", serial M000000001");
    QTest::newRow("meter identify link down")
        << hex("01 86 02 00 31") << QStringLiteral("MeterIdentify tag=2 status=31");
    QTest::newRow("begin resumes") << hex("01 90 07 00 00 00 80 00 00 00 04")
                                   << QStringLiteral("TransferBegin tag=7 status=00 resume=32768 maxBlock=1024");
    QTest::newRow("block next") << hex("01 91 09 00 00 04 04 00 00")
                                << QStringLiteral("TransferBlock tag=9 status=00 next=1028");
    QTest::newRow("block offset mismatch")
        << hex("01 91 09 00 17 00 04 00 00") << QStringLiteral("TransferBlock tag=9 status=17 offset=1024");
    QTest::newRow("end incomplete") << hex("01 92 0a 00 18 10 00 00 00")
                                    << QStringLiteral("TransferEnd tag=10 status=18 offset=16");
    QTest::newRow("end crc mismatch") << hex("01 92 0a 00 14") << QStringLiteral("TransferEnd tag=10 status=14");
    QTest::newRow("write key ok") << hex("01 a0 0b 00 00") << QStringLiteral("WriteKey tag=11 status=00");
    QTest::newRow("verify key") << hex("01 a1 0c 00 00 07 0a 16 b4 6b 4d 41 44 f7 9b dd 9d d0 4a 28 7c")
                                << QStringLiteral("VerifyKey tag=12 status=00 cmac=070a16b46b4d4144f79bdd9dd04a287c");
    QTest::newRow("unknown status kept") << hex("01 b0 05 00 7e") << QStringLiteral("Lock tag=5 status=7e");
    QTest::newRow("other protocol version") << hex("02 81 01 00 03") << QStringLiteral("NodeIdentify tag=1 status=03");
}

void TestNodeHostCodec::responseVectors()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, fields);
    const Result<Response> r = NodeHostCodec::decodeResponse(wire);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(describe(*r), fields);
    QCOMPARE(NodeHostCodec::encodeResponse(*r).toHex(' '), wire.toHex(' '));
}

void TestNodeHostCodec::buildersProduceVectors()
{
    TransferInfo info;
    info.target = TransferTarget::Firmware;
    info.hardwareType = HardwareType::Unode;
    info.size = 262144;
    info.crc32 = 0xCBF43926;
    info.version = FirmwareVersion(2, 0, 0, 1);
    QCOMPARE(NodeHostCodec::encodeRequest(Request::transferBegin(7, info)),
        hex("01 10 07 00 01 01 00 00 00 04 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00"));
    QCOMPARE(NodeHostCodec::encodeRequest(Request::transferBlock(9, TransferTarget::Firmware, 1024, hex("deadbeef"))),
        hex("01 11 09 00 01 00 04 00 00 de ad be ef"));
    const crypto::SecretBytes key = crypto::SecretBytes::copyOf(hex("00112233445566778899aabbccddeeff"));
    QCOMPARE(NodeHostCodec::encodeRequest(Request::writeKey(11, KeySlot::NodeRoot, key)),
        hex("01 20 0b 00 03 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"));

    Response identify = Response::withStatus(Opcode::NodeIdentify, 0x1234, DeviceStatus::Ok);
    identify.node = NodeIdentity {0x1A2B3C4D, HardwareType::Unode, FirmwareVersion(1, 2, 3, 4), CalibrationState::Valid,
        ConfigKind::Factory, 0x45, false};
    QCOMPARE(NodeHostCodec::encodeResponse(identify),
        hex("01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 01 01 45 00 00 00 00 00 00 00 00"));
    // A non-Ok status carries no body even when fields are set.
    Response refused = identify;
    refused.status = DeviceStatus::HardwareFailure;
    QCOMPARE(NodeHostCodec::encodeResponse(refused), hex("01 81 34 12 30"));
}

void TestNodeHostCodec::malformedRequestsRejected_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("shorter than its header");
    QTest::newRow("3 bytes") << hex("01 01 00") << QStringLiteral("shorter than its header");
    QTest::newRow("version 0") << hex("00 01 00 00") << QStringLiteral("unsupported protocol version 0");
    QTest::newRow("version 2") << hex("02 01 00 00") << QStringLiteral("unsupported protocol version 2");
    QTest::newRow("unknown opcode") << hex("01 7f 00 00") << QStringLiteral("unknown request opcode 0x7f");
    QTest::newRow("response opcode") << hex("01 81 00 00") << QStringLiteral("unknown request opcode 0x81");
    QTest::newRow("identify with body") << hex("01 01 00 00 00") << QStringLiteral("1 body bytes, expected 0");
    QTest::newRow("begin short") << hex(
        "01 10 07 00 01 01 00 00 00 04 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00")
                                 << QStringLiteral("26 body bytes, expected 27");
    QTest::newRow("begin target 0") << hex(
        "01 10 07 00 00 01 00 00 00 04 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00")
                                    << QStringLiteral("unknown target 0x00");
    QTest::newRow("begin size 0") << hex(
        "01 10 07 00 01 01 00 00 00 00 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00")
                                  << QStringLiteral("size 0");
    QTest::newRow("block without data") << hex("01 11 09 00 01 00 04 00 00") << QStringLiteral("expected 6 to 4101");
    QTest::newRow("block target 4") << hex("01 11 09 00 04 00 04 00 00 aa") << QStringLiteral("unknown target 0x04");
    QByteArray oversize = hex("01 11 09 00 01 00 00 00 00");
    oversize.append(QByteArray(kMaxBlockSize + 1, 'x'));
    QTest::newRow("block too large") << oversize << QStringLiteral("exceeds the maximum");
    QTest::newRow("end no target") << hex("01 12 0a 00") << QStringLiteral("0 body bytes, expected 1");
    QTest::newRow("key 15 bytes") << hex("01 20 0b 00 03 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee")
                                  << QStringLiteral("16 body bytes, expected 17");
    QTest::newRow("key slot 9") << hex("01 20 0b 00 09 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff")
                                << QStringLiteral("unknown key slot 0x09");
    QTest::newRow("challenge 17 bytes") << hex("01 21 0c 00 10 2b 7e 15 16 28 ae d2 a6 ab f7 15 88 09 cf 4f 3c 00")
                                        << QStringLiteral("18 body bytes, expected 17");
}

void TestNodeHostCodec::malformedRequestsRejected()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, why);
    const Result<Request> r = NodeHostCodec::decodeRequest(wire);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(why), qPrintable(r.error().message));
}

void TestNodeHostCodec::malformedResponsesRejected_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("why");
    QTest::newRow("short") << hex("01 81 00 00") << QStringLiteral("shorter than its header");
    QTest::newRow("request opcode") << hex("01 01 00 00 00") << QStringLiteral("is not a response");
    QTest::newRow("unknown opcode") << hex("01 ff 00 00 00") << QStringLiteral("unknown response opcode");
    QTest::newRow("version 2 ok") << hex("02 81 01 00 00") << QStringLiteral("unsupported protocol version 2");
    QTest::newRow("identify short") << hex(
        "01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 01 01 45 00 00 00 00 00 00 00")
                                    << QStringLiteral("24 body bytes, expected 25");
    QTest::newRow("identify calibration 3")
        << hex("01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 03 01 45 00 00 00 00 00 00 00 00")
        << QStringLiteral("out of range");
    QTest::newRow("identify lock 2") << hex(
        "01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 01 01 45 00 00 00 00 00 00 00 02")
                                     << QStringLiteral("out of range");
    QTest::newRow("emcm id 3 bytes") << hex(
        "01 82 00 00 00 03 00 11 22 01 01 00 05 00 06 00 07 00 08 00 02 99 00 00 00 00 00 00 00 01")
                                     << QStringLiteral("eMCM ID length 3");
    QTest::newRow("emcm id length lies") << hex(
        "01 82 00 00 00 10 00 11 22 33 44 55 66 77 00 01 02 05 00 06 00 07 00 08 00 02 99 00 00 00 00 00 00 00 01")
                                         << QStringLiteral("expected 38");
    QTest::newRow("meter id not ascii") << hex("01 83 01 00 00 02 4d 07") << QStringLiteral("not printable");
    QTest::newRow("meter id too long") << hex("01 83 01 00 00 21") + QByteArray(33, 'M')
                                       << QStringLiteral("expected 33");
    QTest::newRow("begin block 0") << hex("01 90 07 00 00 00 00 00 00 00 00") << QStringLiteral("block size 0");
    QTest::newRow("begin block 4097") << hex("01 90 07 00 00 00 00 00 00 01 10") << QStringLiteral("block size 4097");
    QTest::newRow("error with body") << hex("01 a0 0b 00 21 00") << QStringLiteral("1 body bytes, expected 0");
    QTest::newRow("offset mismatch short")
        << hex("01 91 09 00 17 00 04 00") << QStringLiteral("3 body bytes, expected 4");
    QTest::newRow("cmac short") << hex("01 a1 0c 00 00 07 0a 16 b4 6b 4d 41 44 f7 9b dd 9d d0 4a 28")
                                << QStringLiteral("15 body bytes, expected 16");
    QTest::newRow("huge") << hex("01 81 00 00 00") + QByteArray(2000, '\0') << QStringLiteral("longer than any");
    QTest::newRow("host apps none") << hex("01 84 00 00 00 00") << QStringLiteral("0 applications");
    QTest::newRow("node image short") << hex("01 85 00 00 00") + QByteArray(43, '\0')
                                      << QStringLiteral("43 body bytes, expected 44");
}

void TestNodeHostCodec::malformedResponsesRejected()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, why);
    const Result<Response> r = NodeHostCodec::decodeResponse(wire);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(why), qPrintable(r.error().message));
}

void TestNodeHostCodec::everyTruncationRejected()
{
    // Every message of the protocol has an exact length, so no proper prefix of a
    // valid message may decode (a lost tail must never look like a shorter command).
    const QList<QByteArray> requests
        = {hex("01 10 07 00 01 01 00 00 00 04 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00"),
            hex("01 12 0a 00 03"), hex("01 20 0b 00 03 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff"),
            hex("01 21 0c 00 10 2b 7e 15 16 28 ae d2 a6 ab f7 15 88 09 cf 4f 3c")};
    for (const QByteArray &wire : requests) {
        QVERIFY(NodeHostCodec::decodeRequest(wire).ok());
        for (qsizetype n = 0; n < wire.size(); ++n)
            QVERIFY2(!NodeHostCodec::decodeRequest(wire.left(n)).ok(), wire.left(n).toHex(' ').constData());
    }
    const QList<QByteArray> responses = {
        hex("01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 01 01 45 00 00 00 00 00 00 00 00"),
        hex("01 82 00 00 00 08 00 11 22 33 44 55 66 77 00 01 02 05 00 06 00 07 00 08 00 02 99 00 00 00 00 00 00 00 01"),
        hex("01 83 01 00 00 04 4d 31 32 33"), hex("01 90 07 00 00 00 80 00 00 00 04"),
        hex("01 91 09 00 17 00 04 00 00"), hex("01 a1 0c 00 00 07 0a 16 b4 6b 4d 41 44 f7 9b dd 9d d0 4a 28 7c")};
    for (const QByteArray &wire : responses) {
        QVERIFY(NodeHostCodec::decodeResponse(wire).ok());
        for (qsizetype n = 0; n < wire.size(); ++n)
            QVERIFY2(!NodeHostCodec::decodeResponse(wire.left(n)).ok(), wire.left(n).toHex(' ').constData());
    }
}

void TestNodeHostCodec::randomAndMutatedInputsNeverCrash()
{
    // Whatever decodes must be canonical: encode(decode(x)) == x. Together with
    // the sanitizer build this is the in-tree cousin of the libFuzzer target.
    QRandomGenerator rng(20240601);
    const QList<QByteArray> seeds = {
        hex("01 10 07 00 01 01 00 00 00 04 00 26 39 f4 cb 02 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00"),
        hex("01 11 09 00 01 00 04 00 00 de ad be ef"),
        hex("01 82 00 00 00 08 00 11 22 33 44 55 66 77 00 01 02 05 00 06 00 07 00 08 00 02 99 00 00 00 00 00 00 00 01"),
        hex("01 81 34 12 00 4d 3c 2b 1a 01 00 01 00 02 00 03 00 04 00 01 01 45 00 00 00 00 00 00 00 00"),
        hex("01 83 01 00 00 04 4d 31 32 33")};
    int decodedRequests = 0;
    int decodedResponses = 0;
    for (int i = 0; i < 200000; ++i) {
        QByteArray input;
        if (i % 2 == 0) {
            input.resize(static_cast<qsizetype>(rng.bounded(48)));
            for (char &c : input)
                c = static_cast<char>(rng.bounded(256));
            if (input.size() > 1 && i % 4 == 0) {
                input[0] = 1; // get past the version check more often
                input[1] = static_cast<char>(seeds[i % seeds.size()][1]);
            }
        } else {
            input = seeds[(i / 2) % seeds.size()];
            const int flips = 1 + static_cast<int>(rng.bounded(3));
            for (int f = 0; f < flips; ++f) {
                const qsizetype at = static_cast<qsizetype>(rng.bounded(static_cast<quint32>(input.size())));
                input[at] = static_cast<char>(input[at] ^ (1 << rng.bounded(8)));
            }
            if (rng.bounded(4) == 0)
                input.truncate(static_cast<qsizetype>(rng.bounded(static_cast<quint32>(input.size()) + 1)));
        }
        if (const Result<Request> req = NodeHostCodec::decodeRequest(input); req.ok()) {
            ++decodedRequests;
            QCOMPARE(NodeHostCodec::encodeRequest(*req), input);
        }
        if (const Result<Response> resp = NodeHostCodec::decodeResponse(input); resp.ok()) {
            ++decodedResponses;
            QCOMPARE(NodeHostCodec::encodeResponse(*resp), input);
        }
    }
    // The mutations must reach the decoders' accepting paths, or the loop tests little.
    QVERIFY(decodedRequests > 100);
    QVERIFY(decodedResponses > 100);
}

void TestNodeHostCodec::peekHeader()
{
    quint8 version = 0;
    quint8 opcode = 0;
    quint16 tag = 0;
    QVERIFY(!NodeHostCodec::peekRequestHeader(hex("01 01 00"), &version, &opcode, &tag));
    QVERIFY(NodeHostCodec::peekRequestHeader(hex("07 55 34 12 99"), &version, &opcode, &tag));
    QCOMPARE(version, quint8(7));
    QCOMPARE(opcode, quint8(0x55));
    QCOMPARE(tag, quint16(0x1234));
}

void TestNodeHostCodec::hostAppsAndAppNumbersRoundTrip()
{
    // HostApps: names, IDs and images of every application, in order.
    Response apps = Response::withStatus(Opcode::HostApps, 5, DeviceStatus::Ok);
    apps.apps = {HostApp {QStringLiteral("emcm"), hex("0011223344556677"),
                     ImageInfo {FirmwareVersion(1, 0, 0, 0), 32768, QByteArray(32, '\x11')}, ConfigKind::Field, 0x45},
        HostApp {QStringLiteral("zigbee"), {}, ImageInfo {FirmwareVersion(2, 0, 0, 0), 0, QByteArray(32, '\0')},
            ConfigKind::None, 0}};
    const QByteArray wire = NodeHostCodec::encodeResponse(apps);
    QCOMPARE(wire.left(12).toHex(' '), QByteArray("01 84 05 00 00 02 04 65 6d 63 6d 08"));
    const Result<Response> back = NodeHostCodec::decodeResponse(wire);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->apps, apps.apps);

    // The application number rides in the target byte's high nibble and in the key slot.
    TransferInfo info;
    info.target = TransferTarget::FieldConfig;
    info.size = 16;
    info.configId = 0x45;
    info.app = 1;
    const QByteArray begin = NodeHostCodec::encodeRequest(Request::transferBegin(8, info));
    QCOMPARE(quint8(begin.at(4)), quint8(0x13));
    const Result<Request> decoded = NodeHostCodec::decodeRequest(begin);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->transfer, info);
    const Result<Request> end = NodeHostCodec::decodeRequest(
        NodeHostCodec::encodeRequest(Request::transferEnd(9, TransferTarget::Firmware, 2)));
    QVERIFY(end.ok());
    QCOMPARE(end->app, quint8(2));
    QCOMPARE(end->target, TransferTarget::Firmware);
    QCOMPARE(quint8(appKeySlot(1)), quint8(0x11));
    QVERIFY(isKnownKeySlot(0x1E));
    QVERIFY(!isKnownKeySlot(0x1F));
    QCOMPARE(keySlotName(appKeySlot(1)), QStringLiteral("app1"));

    Response image = Response::withStatus(Opcode::NodeImage, 6, DeviceStatus::Ok);
    image.image = ImageInfo {FirmwareVersion(1, 2, 3, 4), 65536, QByteArray(32, '\x22')};
    const Result<Response> imageBack = NodeHostCodec::decodeResponse(NodeHostCodec::encodeResponse(image));
    QVERIFY(imageBack.ok());
    QCOMPARE(imageBack->image, image.image);
}

void TestNodeHostCodec::responseMatchesItsRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("matches");
    const QByteArray identify = hex("01 01 34 12");
    QTest::newRow("its answer") << identify << hex("01 81 34 12 00") << true;
    QTest::newRow("any status") << identify << hex("01 81 34 12 04") << true;
    QTest::newRow("other version (UnsupportedVersion)") << identify << hex("02 81 34 12 03") << true;
    QTest::newRow("earlier tag") << identify << hex("01 81 33 12 00") << false;
    QTest::newRow("tag high byte") << identify << hex("01 81 34 13 00") << false;
    QTest::newRow("other opcode") << identify << hex("01 82 34 12 00") << false;
    QTest::newRow("bit 7 missing (a request)") << identify << hex("01 01 34 12") << false;
    QTest::newRow("too short") << identify << hex("01 81 34") << false;
    QTest::newRow("block") << hex("01 11 09 00 01 00 04 00 00 de") << hex("01 91 09 00 17 00 04 00 00") << true;
}

void TestNodeHostCodec::responseMatchesItsRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);
    QFETCH(bool, matches);
    QCOMPARE(NodeHostCodec::isResponseTo(request, response), matches);
}

QTEST_GUILESS_MAIN(TestNodeHostCodec)
#include "tst_nodehostcodec.moc"
