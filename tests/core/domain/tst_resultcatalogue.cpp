#include "domain/Result.h"
#include "domain/ResultCode.h"

#include <QTest>

using namespace prov;

class TestResultCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void everyContractCodeIsPresent_data();
    void everyContractCodeIsPresent();
    void unknownCodesFallBack();
    void errorLineFollowsContract();
    void resultCarriesValueOrError();
};

void TestResultCatalogue::everyContractCodeIsPresent_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QList<int>>("actions");
    // Copied from shared/contracts/cli.md, "Exit codes".
    QTest::newRow("0") << 0 << QStringLiteral("success") << QList<int> {};
    QTest::newRow("2") << 2 << QStringLiteral("internal software error") << QList<int> {11};
    QTest::newRow("3") << 3 << QStringLiteral("invalid command-line arguments") << QList<int> {1};
    QTest::newRow("4") << 4 << QStringLiteral("cannot communicate with the device under test") << QList<int> {2};
    QTest::newRow("14") << 14 << QStringLiteral("unknown error") << QList<int> {10, 11};
    QTest::newRow("36") << 36 << QStringLiteral("message to node failed") << QList<int> {11};
    QTest::newRow("37") << 37 << QStringLiteral("node returned unexpected error") << QList<int> {11};
    QTest::newRow("38") << 38 << QStringLiteral("verification of node provisioning failed") << QList<int> {3};
    QTest::newRow("39") << 39 << QStringLiteral("node version incompatible with this provisioning version")
                        << QList<int> {11};
    QTest::newRow("40") << 40 << QStringLiteral("node hardware type incompatible") << QList<int> {11};
    QTest::newRow("41") << 41 << QStringLiteral("node calibration information incompatible") << QList<int> {11};
    QTest::newRow("42") << 42 << QStringLiteral("node configuration information incompatible") << QList<int> {11};
    QTest::newRow("43") << 43 << QStringLiteral("node firmware from server unavailable or does not match node type")
                        << QList<int> {3};
    QTest::newRow("44") << 44 << QStringLiteral("node configuration from server unavailable or invalid")
                        << QList<int> {3};
    QTest::newRow("68") << 68 << QStringLiteral("cannot communicate with the host (eMCM)") << QList<int> {2};
    QTest::newRow("69") << 69 << QStringLiteral("host returned unexpected error") << QList<int> {11};
    QTest::newRow("70") << 70 << QStringLiteral("verification of host provisioning failed") << QList<int> {3};
    QTest::newRow("72") << 72 << QStringLiteral("host reported failing or invalid hardware") << QList<int> {11};
    QTest::newRow("75") << 75 << QStringLiteral("host firmware from server unavailable or does not match host type")
                        << QList<int> {3, 5, 10};
    QTest::newRow("76") << 76 << QStringLiteral("host configuration from server unavailable or invalid")
                        << QList<int> {3, 5, 10};
    QTest::newRow("100") << 100 << QStringLiteral("server unreachable") << QList<int> {4};
    QTest::newRow("101") << 101 << QStringLiteral("server returned an error response") << QList<int> {3};
    QTest::newRow("102") << 102 << QStringLiteral("server response invalid, or file hash/signature mismatch")
                         << QList<int> {3};
    QTest::newRow("108") << 108 << QStringLiteral("cannot open a file from the server") << QList<int> {5, 10};
    QTest::newRow("132") << 132 << QStringLiteral("gateway unreachable") << QList<int> {6};
    QTest::newRow("133") << 133 << QStringLiteral("gateway returned unexpected error") << QList<int> {11};
    QTest::newRow("134") << 134 << QStringLiteral("device did not join the gateway") << QList<int> {7, 8};
    QTest::newRow("164") << 164 << QStringLiteral("application link failure (eMCM cannot talk to the meter)")
                         << QList<int> {9};
}

void TestResultCatalogue::everyContractCodeIsPresent()
{
    QFETCH(int, code);
    QFETCH(QString, message);
    QFETCH(QList<int>, actions);
    QVERIFY(ResultCatalogue::isKnown(code));
    const auto rc = static_cast<ResultCode>(code);
    QCOMPARE(ResultCatalogue::messageSource(rc), message);
    QList<int> got;
    for (CorrectiveAction a : ResultCatalogue::actions(rc)) {
        got.append(static_cast<int>(a));
        QVERIFY(!ResultCatalogue::actionText(a).isEmpty());
    }
    QCOMPARE(got, actions);
}

void TestResultCatalogue::unknownCodesFallBack()
{
    QVERIFY(!ResultCatalogue::isKnown(1));
    QVERIFY(!ResultCatalogue::isKnown(999));
    QCOMPARE(ResultCatalogue::allCodes().size(), 28);
    QCOMPARE(ResultCatalogue::messageSource(static_cast<ResultCode>(999)), QStringLiteral("unknown error"));
}

void TestResultCatalogue::errorLineFollowsContract()
{
    QCOMPARE(ResultCatalogue::errorLine(ResultCode::DeviceUnreachable, QStringLiteral("no answer on /dev/pts/7")),
        QStringLiteral(
            "error 4: no answer on /dev/pts/7 \u2014 check the cable, the port and that the device is powered"));
    QCOMPARE(ResultCatalogue::errorLine(ResultCode::DeviceDidNotJoin, QStringLiteral("node 0x0001A2B3")),
        QStringLiteral("error 134: node 0x0001A2B3 \u2014 check that the access point is online and the device is "
                       "near it; check the external antenna"));
}

void TestResultCatalogue::resultCarriesValueOrError()
{
    Result<int> good(42);
    QVERIFY(good.ok());
    QCOMPARE(good.value(), 42);
    Result<int> bad(makeError(ResultCode::InvalidArguments, QStringLiteral("bad"), QStringLiteral("--batch")));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ResultCode::InvalidArguments);
    QCOMPARE(bad.error().toString(), QStringLiteral("--batch: bad"));
}

QTEST_GUILESS_MAIN(TestResultCatalogue)
#include "tst_resultcatalogue.moc"
