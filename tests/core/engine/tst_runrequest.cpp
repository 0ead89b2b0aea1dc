// The scans of a run request: each field the plugin asks for taken from what
// was scanned, checked against its pattern, the partial MCM ID cut from a
// whole eMCM ID label; and a picked configuration read as an ID or an alias.
#include "engine/RunRequest.h"

#include <QTest>

using namespace prov;
using namespace prov::engine;
using namespace Qt::StringLiterals;

class TestRunRequest : public QObject
{
    Q_OBJECT

private:
    static PluginDescription plugin(bool serialRequired)
    {
        PluginDescription d;
        d.id = u"kv2c"_s;
        d.scans = {{u"partialMcmId"_s, u"eMCM ID (last 8 hex digits)"_s, u"^[0-9A-Fa-f]{8}$"_s, false},
            {u"meterSerial"_s, u"Meter serial"_s, u"^M[0-9]{9}$"_s, serialRequired}};
        return d;
    }

private Q_SLOTS:
    void scansAreTakenIntoTheOptions()
    {
        RunRequest r;
        const auto problem = r.takeScans(plugin(true),
            {{u"partialMcmId"_s, u"0013A20041B2C3D4"_s}, {u"meterSerial"_s, u"M591374131"_s},
                {u"other"_s, u"not asked for"_s}});
        QVERIFY(!problem);
        QCOMPARE(r.options.partialMcmId, u"41B2C3D4"_s); // the label's last 8 digits
        QCOMPARE(r.options.scans, (QVariantMap {{u"meterSerial"_s, u"M591374131"_s}}));
    }

    void anOptionalScanMayBeMissing()
    {
        RunRequest r;
        QVERIFY(!r.takeScans(plugin(false), {{u"meterSerial"_s, u"M591374131"_s}}));
        QVERIFY(r.options.partialMcmId.isEmpty());
        QCOMPARE(r.options.scans.value(u"meterSerial"_s).toString(), u"M591374131"_s);
    }

    void aRequiredScanThatIsMissingIsNamed()
    {
        RunRequest r;
        const auto problem = r.takeScans(plugin(true), {{u"partialMcmId"_s, u"41B2C3D4"_s}});
        QVERIFY(problem);
        QCOMPARE(problem->kind, ScanProblem::Kind::Missing);
        QCOMPARE(problem->field.key, u"meterSerial"_s);
        QCOMPARE(problem->field.label, u"Meter serial"_s);
        QVERIFY2(r.options.partialMcmId.isEmpty(), "nothing is taken from a request with a problem");
    }

    void aScanThatDoesNotFitIsNamedWithItsValue()
    {
        RunRequest r;
        const auto problem
            = r.takeScans(plugin(false), {{u"partialMcmId"_s, u"41B2C3D4"_s}, {u"meterSerial"_s, u"12345678"_s}});
        QVERIFY(problem);
        QCOMPARE(problem->kind, ScanProblem::Kind::Mismatch);
        QCOMPARE(problem->field.key, u"meterSerial"_s);
        QCOMPARE(problem->value, u"12345678"_s);
        QVERIFY(r.options.partialMcmId.isEmpty());
        QVERIFY(r.options.scans.isEmpty());
    }

    void aPickedConfigurationIsAnIdOrAnAlias()
    {
        const ConfigSelector id = RunRequest::configFromPick(u"0x0000000000000047"_s);
        QVERIFY(id.id.has_value());
        QCOMPARE(id.id->toString(), u"0x0000000000000047"_s);
        QVERIFY(id.alias.isEmpty());
        const ConfigSelector alias = RunRequest::configFromPick(u"82JX570141"_s);
        QVERIFY(!alias.id.has_value());
        QCOMPARE(alias.alias, u"82JX570141"_s);
    }
};

QTEST_GUILESS_MAIN(TestRunRequest)
#include "tst_runrequest.moc"
