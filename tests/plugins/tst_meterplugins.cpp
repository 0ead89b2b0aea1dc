#include "engine/PluginRegistry.h"

#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

using namespace prov::engine;
using prov::transport::WrapperKind;

Q_DECLARE_METATYPE(prov::engine::Operation)
Q_DECLARE_METATYPE(prov::engine::PortRole)
Q_DECLARE_METATYPE(prov::transport::WrapperKind)

/// The three shipped plugins say what each meter family needs.
class tst_MeterPlugins : public QObject
{
    Q_OBJECT

private:
    PluginRegistry m_registry;

    static QStringList kinds(const OperationSpec &op)
    {
        QStringList out;
        for (const StepSpec &s : op.steps)
            out.append(stepKindName(s.kind));
        return out;
    }

    static const QStringList &writeSteps()
    {
        static const QStringList k = {QStringLiteral("UpdateNodeFirmware"), QStringLiteral("UpdateHostFirmware"),
            QStringLiteral("WriteFactoryConfig"), QStringLiteral("WriteFieldConfig"),
            QStringLiteral("ClearGatewayStatus"), QStringLiteral("GenerateAndEscrowKeys"), QStringLiteral("WriteKeys"),
            QStringLiteral("Lock")};
        return k;
    }

private slots:
    void initTestCase()
    {
        const QString dir = QDir::cleanPath(prov::test::binPath(QStringLiteral("../lib/provstation/plugins")));
        QCOMPARE(m_registry.loadDirectory(dir), 3);
    }

    void portsAndLinks_data()
    {
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<Operation>("operation");
        QTest::addColumn<bool>("supported");
        QTest::addColumn<PortRole>("role");
        QTest::addColumn<int>("baud");
        QTest::addColumn<WrapperKind>("wrapper");
        const auto i210 = QStringLiteral("i210plus");
        const auto kv2c = QStringLiteral("kv2c");
        const auto node = QStringLiteral("node");
        QTest::newRow("i210 PRETEST") << i210 << Operation::Pretest << true << PortRole::Direct << 115200
                                      << WrapperKind::Orw;
        QTest::newRow("i210 POSTTEST") << i210 << Operation::Posttest << true << PortRole::Direct << 115200
                                       << WrapperKind::Orw;
        QTest::newRow("i210 CHECKCONFIG")
            << i210 << Operation::CheckConfig << true << PortRole::Direct << 115200 << WrapperKind::Orw;
        QTest::newRow("i210 PROVISION") << i210 << Operation::Provision << true << PortRole::Direct << 115200
                                        << WrapperKind::Orw;
        QTest::newRow("kv2c PRETEST") << kv2c << Operation::Pretest << true << PortRole::Fixture << 115200
                                      << WrapperKind::Orw;
        QTest::newRow("kv2c CHECKCONFIG")
            << kv2c << Operation::CheckConfig << true << PortRole::Optical << 9600 << WrapperKind::OptPsem;
        QTest::newRow("kv2c POSTTEST") << kv2c << Operation::Posttest << true << PortRole::Optical << 9600
                                       << WrapperKind::OptPsem;
        QTest::newRow("kv2c PROVISION") << kv2c << Operation::Provision << true << PortRole::Fixture << 115200
                                        << WrapperKind::Orw;
        QTest::newRow("node PROVISION") << node << Operation::Provision << true << PortRole::Direct << 115200
                                        << WrapperKind::None;
        QTest::newRow("node PRETEST") << node << Operation::Pretest << false << PortRole::Direct << 0
                                      << WrapperKind::None;
    }

    void portsAndLinks()
    {
        QFETCH(QString, plugin);
        QFETCH(Operation, operation);
        QFETCH(bool, supported);
        const PluginDescription *d = m_registry.find(plugin);
        QVERIFY(d);
        const OperationSpec *op = d->operation(operation);
        QCOMPARE(op != nullptr, supported);
        if (!op)
            return;
        QTEST(op->role, "role");
        QTEST(int(op->defaultBaud), "baud");
        QTEST(op->wrapper, "wrapper");
    }

    void checkConfigChangesNothing()
    {
        for (const QString &id : {QStringLiteral("i210plus"), QStringLiteral("kv2c")}) {
            const OperationSpec *op = m_registry.find(id)->operation(Operation::CheckConfig);
            QVERIFY2(op, qPrintable(id));
            const QStringList steps = kinds(*op);
            for (const QString &w : writeSteps())
                QVERIFY2(!steps.contains(w), qPrintable(id + QLatin1Char(' ') + w));
            QVERIFY2(steps.contains(QStringLiteral("CheckFactoryConfigPresent")), qPrintable(id));
            QVERIFY2(steps.contains(QStringLiteral("IdentifyHost")), qPrintable(id));
        }
        // i210+ checks before calibration: a not yet calibrated node must pass.
        QVERIFY(!kinds(*m_registry.find(u"i210plus")->operation(Operation::CheckConfig))
                     .contains(QStringLiteral("CheckNodeCompatibility")));
    }

    void singleStageProvisionDoesItAll()
    {
        // Firmware, field configuration, keys and the lock in one run, like the
        // two stages together.
        for (const QString &id : {QStringLiteral("i210plus"), QStringLiteral("kv2c")}) {
            const QStringList steps = kinds(*m_registry.find(id)->operation(Operation::Provision));
            for (const char *s :
                {"IdentifyHost", "CheckPartialMcmId", "UpdateNodeFirmware", "UpdateHostFirmware", "WriteFieldConfig",
                    "GenerateAndEscrowKeys", "WriteKeys", "VerifyKeys", "VerifyConfiguration", "Lock", "ConfirmEscrow"})
                QVERIFY2(steps.contains(QLatin1String(s)), qPrintable(id + QLatin1Char(' ') + QLatin1String(s)));
        }
    }

    void pretestUpdatesFirmwareAndWritesNoKeys()
    {
        for (const QString &id : {QStringLiteral("i210plus"), QStringLiteral("kv2c")}) {
            const QStringList steps = kinds(*m_registry.find(id)->operation(Operation::Pretest));
            for (const QString &s : {QStringLiteral("UpdateNodeFirmware"), QStringLiteral("UpdateHostFirmware"),
                     QStringLiteral("WriteFactoryConfig"), QStringLiteral("ClearGatewayStatus")})
                QVERIFY2(steps.contains(s), qPrintable(id + QLatin1Char(' ') + s));
            QVERIFY(!steps.contains(QStringLiteral("WriteKeys")));
            QVERIFY(!steps.contains(QStringLiteral("Lock")));
        }
    }

    void keysAreEscrowedBeforeWrittenAndConfirmedAfterVerified()
    {
        for (const QString &id : m_registry.ids()) {
            for (const OperationSpec &op : m_registry.find(id)->operations) {
                const QStringList s = kinds(op);
                if (!s.contains(QStringLiteral("WriteKeys")))
                    continue;
                const QString where = id + QLatin1Char(' ') + operationName(op.operation);
                const auto at = [&s](const char *name) {
                    return s.indexOf(QLatin1String(name));
                };
                QVERIFY2(at("GenerateAndEscrowKeys") >= 0 && at("GenerateAndEscrowKeys") < at("WriteKeys"),
                    qPrintable(where));
                QVERIFY2(at("WriteKeys") < at("VerifyKeys"), qPrintable(where));
                QVERIFY2(at("VerifyKeys") < at("ConfirmEscrow"), qPrintable(where));
                QVERIFY2(at("Lock") > at("VerifyKeys"), qPrintable(where));
                // Done means the whole run passed: confirming is the last step.
                QVERIFY2(at("ConfirmEscrow") == s.size() - 1, qPrintable(where));
                // The meter link, a cheap check that fails on its own, comes before any key.
                if (s.contains(QStringLiteral("CheckMeterLink")))
                    QVERIFY2(at("CheckMeterLink") < at("GenerateAndEscrowKeys"), qPrintable(where));
            }
        }
    }

    void posttestWaitsForTheJoinBeforeTheFieldConfiguration()
    {
        for (const QString &id : {QStringLiteral("i210plus"), QStringLiteral("kv2c")}) {
            const QStringList s = kinds(*m_registry.find(id)->operation(Operation::Posttest));
            QVERIFY(s.indexOf(QStringLiteral("CheckFactoryConfigPresent")) < s.indexOf(QStringLiteral("WaitForJoin")));
            QVERIFY(s.indexOf(QStringLiteral("WaitForJoin")) < s.indexOf(QStringLiteral("WriteFieldConfig")));
            QVERIFY(s.contains(QStringLiteral("CheckMeterLink")));
        }
    }

    void theBareNodeHasNoHost()
    {
        const PluginDescription *node = m_registry.find(u"node");
        QVERIFY(!node->hasHost);
        QCOMPARE(node->operations.size(), 1);
        const QStringList hostOnly = {QStringLiteral("IdentifyHost"), QStringLiteral("CheckPartialMcmId"),
            QStringLiteral("UpdateHostFirmware"), QStringLiteral("CheckMeterLink")};
        for (const StepSpec &s : node->operations.first().steps) {
            QVERIFY2(!hostOnly.contains(stepKindName(s.kind)), qPrintable(s.name()));
            if (s.kind == StepKind::WriteFieldConfig || s.kind == StepKind::WriteKeys || s.kind == StepKind::Lock)
                QCOMPARE(s.targets, Targets::Node);
        }
        QVERIFY(node->scans.isEmpty());
    }

    void scansAndSettingsAreData()
    {
        const PluginDescription *kv2c = m_registry.find(u"kv2c");
        QCOMPARE(kv2c->scans.first().key, QStringLiteral("partialMcmId"));
        const SettingSpec *password = kv2c->setting(QStringLiteral("psemPassword"));
        QVERIFY(password);
        QCOMPARE(password->type, SettingSpec::Type::Password);
        const QJsonObject json = kv2c->toJson();
        QCOMPARE(json.value(QLatin1String("operations")).toArray().size(), 4);
        QVERIFY(m_registry.find(u"i210plus")->setting(QStringLiteral("blockWindow")));
    }
};

QTEST_GUILESS_MAIN(tst_MeterPlugins)
#include "tst_meterplugins.moc"
