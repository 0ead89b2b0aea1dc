#include "engine/PluginDescription.h"

#include <QJsonArray>
#include <QTest>

using namespace prov::engine;
using prov::transport::WrapperKind;

class tst_PluginDescription : public QObject
{
    Q_OBJECT

private:
    static PluginDescription valid()
    {
        PluginDescription d;
        d.id = QStringLiteral("x");
        d.models = {QStringLiteral("X1")};
        d.hasHost = true;
        d.operations = {{Operation::Pretest, PortRole::Direct, 115200, WrapperKind::Orw,
            {{StepKind::IdentifyNode}, {StepKind::IdentifyHost}, {StepKind::WriteFactoryConfig, Targets::Host}}}};
        d.settings = {{QStringLiteral("blockWindow"), QStringLiteral("w"), SettingSpec::Type::Int, {}, 1, 8, 4}};
        return d;
    }

private slots:
    void names_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("known");
        QTest::newRow("PROVISION") << QStringLiteral("PROVISION") << true;
        QTest::newRow("lower") << QStringLiteral("posttest") << true;
        QTest::newRow("CHECKCONFIG") << QStringLiteral("CheckConfig") << true;
        QTest::newRow("unknown") << QStringLiteral("TEST") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void names()
    {
        QFETCH(QString, text);
        QFETCH(bool, known);
        Operation op {};
        QCOMPARE(parseOperation(text, &op), known);
        if (known)
            QCOMPARE(operationName(op), text.toUpper());
    }

    void stepNamesRoundTrip()
    {
        for (int k = int(StepKind::IdentifyNode); k <= int(StepKind::CheckMeterLink); ++k) {
            const QString name = stepKindName(StepKind(k));
            QVERIFY(!name.isEmpty());
            StepKind back {};
            QVERIFY(parseStepKind(name, &back));
            QCOMPARE(int(back), k);
        }
        QCOMPARE((StepSpec {StepKind::WriteFactoryConfig, Targets::Node}).name(),
            QStringLiteral("WriteFactoryConfig(node)"));
        QCOMPARE((StepSpec {StepKind::WriteKeys, Targets::Both}).name(), QStringLiteral("WriteKeys"));
        QCOMPARE((StepSpec {StepKind::IdentifyNode, Targets::Host}).name(), QStringLiteral("IdentifyNode"));
    }

    void validate_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("message");
        QTest::newRow("valid") << 0 << QString();
        QTest::newRow("no id") << 1 << QStringLiteral("has no id");
        QTest::newRow("no models") << 2 << QStringLiteral("names no meter model");
        QTest::newRow("no operations") << 3 << QStringLiteral("has no operation");
        QTest::newRow("twice") << 4 << QStringLiteral("declares PRETEST twice");
        QTest::newRow("no steps") << 5 << QStringLiteral("PRETEST has no steps");
        QTest::newRow("host step without host") << 6 << QStringLiteral("needs a host");
        QTest::newRow("duplicate setting") << 7 << QStringLiteral("declared twice");
        QTest::newRow("bad default") << 8 << QStringLiteral("invalid default");
        QTest::newRow("negative timeout") << 9 << QStringLiteral("negative timeout");
        QTest::newRow("keys confirmed before the last step")
            << 10 << QStringLiteral("makes keys, so its last step must be ConfirmEscrow");
    }

    void validate()
    {
        QFETCH(int, breakage);
        QFETCH(QString, message);
        PluginDescription d = valid();
        switch (breakage) {
        case 1:
            d.id.clear();
            break;
        case 2:
            d.models.clear();
            break;
        case 3:
            d.operations.clear();
            break;
        case 4:
            d.operations.append(d.operations.first());
            break;
        case 5:
            d.operations.first().steps.clear();
            break;
        case 6:
            d.hasHost = false;
            break;
        case 7:
            d.settings.append(d.settings.first());
            break;
        case 8:
            d.settings.first().defaultValue = 99;
            break;
        case 9:
            d.operations.first().steps.first().timeoutMs = -5;
            break;
        case 10:
            d.operations.first().steps << StepSpec {StepKind::GenerateAndEscrowKeys}
                                       << StepSpec {StepKind::ConfirmEscrow} << StepSpec {StepKind::Lock};
            break;
        default:
            break;
        }
        const prov::Status s = d.validate();
        QCOMPARE(s.ok(), message.isEmpty());
        if (!s.ok())
            QVERIFY2(s.error().message.contains(message), qPrintable(s.error().message));
    }

    void settingCheck_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("int in range") << int(SettingSpec::Type::Int) << QVariant(5) << true;
        QTest::newRow("int text") << int(SettingSpec::Type::Int) << QVariant(QStringLiteral("7")) << true;
        QTest::newRow("int too big") << int(SettingSpec::Type::Int) << QVariant(11) << false;
        QTest::newRow("int too small") << int(SettingSpec::Type::Int) << QVariant(0) << false;
        QTest::newRow("int garbage") << int(SettingSpec::Type::Int) << QVariant(QStringLiteral("x")) << false;
        QTest::newRow("bool") << int(SettingSpec::Type::Bool) << QVariant(true) << true;
        QTest::newRow("bool from int") << int(SettingSpec::Type::Bool) << QVariant(1) << false;
        QTest::newRow("choice") << int(SettingSpec::Type::Choice) << QVariant(QStringLiteral("b")) << true;
        QTest::newRow("choice other") << int(SettingSpec::Type::Choice) << QVariant(QStringLiteral("c")) << false;
    }

    void settingCheck()
    {
        QFETCH(int, type);
        QFETCH(QVariant, value);
        SettingSpec spec {QStringLiteral("k"), QStringLiteral("K"), SettingSpec::Type(type),
            {QStringLiteral("a"), QStringLiteral("b")}, 1, 10, {}};
        const prov::Status s = spec.check(value);
        QTEST(s.ok(), "ok");
        if (!s.ok())
            QCOMPARE(s.error().code, prov::ResultCode::InvalidArguments);
    }

    void jsonNeverShowsAPasswordDefault()
    {
        PluginDescription d = valid();
        d.settings.append({QStringLiteral("psemPassword"), QStringLiteral("pw"), SettingSpec::Type::Password, {}, 0, 0,
            QStringLiteral("hunter2")});
        const QJsonObject json = d.toJson();
        const QJsonArray settings = json.value(QLatin1String("settings")).toArray();
        QCOMPARE(settings.size(), 2);
        QCOMPARE(settings.at(0).toObject().value(QLatin1String("default")).toInt(), 4);
        QVERIFY(!settings.at(1).toObject().contains(QLatin1String("default")));
        const QJsonObject op = json.value(QLatin1String("operations")).toArray().first().toObject();
        QCOMPARE(op.value(QLatin1String("wrapper")).toString(), QStringLiteral("orw"));
        QCOMPARE(op.value(QLatin1String("port")).toString(), QStringLiteral("direct"));
        QCOMPARE(op.value(QLatin1String("steps")).toArray().at(2).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("WriteFactoryConfig(host)"));
    }
};

QTEST_GUILESS_MAIN(tst_PluginDescription)
#include "tst_plugindescription.moc"
