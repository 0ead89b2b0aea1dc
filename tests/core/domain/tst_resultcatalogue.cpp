#include "domain/Result.h"
#include "domain/ResultCode.h"
#include "domain/RunRecord.h"

#include "TestSupport.h"

#include <QTest>
#include <QUuid>

using namespace prov;

class TestResultCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void everyContractCodeIsPresent_data();
    void everyContractCodeIsPresent();
    void everyContractActionReadsAsDocumented_data();
    void everyContractActionReadsAsDocumented();
    void unknownCodesFallBack();
    void errorLineFollowsContract();
    void resultCarriesValueOrError();
    void stationSideFailuresAreStationFaults_data();
    void stationSideFailuresAreStationFaults();
};

namespace {

QByteArray cliContract()
{
    return test::readFile(test::sourceDir() + QStringLiteral("/docs/contracts/cli.md"));
}

} // namespace

// The rows come from docs/contracts/cli.md itself, so the document factory
// scripts are written against and the code cannot drift apart.
void TestResultCatalogue::everyContractCodeIsPresent_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QList<int>>("actions");
    const QList<QStringList> rows = test::markdownTable(cliContract(), QStringLiteral("## Exit codes"));
    QVERIFY2(rows.size() == ResultCatalogue::allCodes().size(),
        qPrintable(QStringLiteral("docs/contracts/cli.md lists %1 exit codes, the catalogue %2")
                       .arg(rows.size())
                       .arg(ResultCatalogue::allCodes().size())));
    for (const QStringList &row : rows) {
        QVERIFY2(row.size() == 3, qPrintable(row.join(u'|')));
        bool ok = false;
        const int code = row.at(0).toInt(&ok);
        QVERIFY2(ok, qPrintable(row.at(0)));
        QList<int> actions;
        for (const QString &action : row.at(2).split(u',', Qt::SkipEmptyParts)) {
            actions.append(action.trimmed().toInt(&ok));
            QVERIFY2(ok, qPrintable(row.at(2)));
        }
        QTest::newRow(qPrintable(row.at(0))) << code << row.at(1) << actions;
    }
}

void TestResultCatalogue::everyContractActionReadsAsDocumented_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("text");
    const QList<QStringList> rows = test::markdownTable(cliContract(), QStringLiteral("## Corrective actions"));
    QCOMPARE(rows.size(), 11);
    for (const QStringList &row : rows) {
        QVERIFY2(row.size() == 2, qPrintable(row.join(u'|')));
        QTest::newRow(qPrintable(row.at(0))) << row.at(0).toInt() << row.at(1);
    }
}

void TestResultCatalogue::everyContractActionReadsAsDocumented()
{
    QFETCH(int, action);
    QFETCH(QString, text);
    QCOMPARE(ResultCatalogue::actionTextSource(static_cast<CorrectiveAction>(action)), text);
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

void TestResultCatalogue::stationSideFailuresAreStationFaults_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("stationSide");
    QTest::newRow("100 server unreachable (at escrow)") << 100 << true;
    QTest::newRow("101 server error") << 101 << true;
    QTest::newRow("102 server answer invalid") << 102 << true;
    QTest::newRow("108 shared folder file unreadable") << 108 << true;
    QTest::newRow("132 gateway unreachable") << 132 << true;
    QTest::newRow("4 device unreachable") << 4 << false;
    QTest::newRow("134 device did not join") << 134 << false;
    QTest::newRow("164 application link failure") << 164 << false;
}

void TestResultCatalogue::stationSideFailuresAreStationFaults()
{
    QFETCH(int, code);
    QFETCH(bool, stationSide);
    QCOMPARE(ResultCatalogue::isStationSide(code), stationSide);
    // A run after the port opened, from a station that does not classify it
    // itself: the server's reading of the record decides.
    domain::RunRecord run;
    run.uuid = QUuid::createUuid();
    run.station = QStringLiteral("line1-st1");
    run.operation = QStringLiteral("PROVISION");
    run.nodeId = QStringLiteral("0x0001E240");
    run.result = code;
    run.startedAtMs = 1'790'000'000'000;
    run.finishedAtMs = run.startedAtMs + 60'000;
    run.durationMs = 60'000;
    QJsonObject json = run.toJson();
    json.insert(QStringLiteral("stationFault"), false);
    auto parsed = domain::RunRecord::fromJson(json);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->stationFault, stationSide);
}

QTEST_GUILESS_MAIN(TestResultCatalogue)
#include "tst_resultcatalogue.moc"
