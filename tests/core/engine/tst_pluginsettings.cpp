// A plugin's settings as text from a command line or a settings file become
// the values its schema says, the same for the CLI and the window; a bad one
// is refused with its key and value named, so the user knows what to mend.
#include "engine/PluginSettings.h"

#include <QTest>

using namespace prov;
using namespace prov::engine;
using namespace Qt::StringLiterals;

class TestPluginSettings : public QObject
{
    Q_OBJECT

private:
    static PluginDescription plugin()
    {
        PluginDescription d;
        d.id = u"i210plus"_s;
        d.settings = {{u"blockWindow"_s, u"Blocks in flight"_s, SettingSpec::Type::Int, {}, 1, 16, 4},
            {u"verify"_s, u"Verify"_s, SettingSpec::Type::Bool, {}, 0, 0, true},
            {u"mode"_s, u"Mode"_s, SettingSpec::Type::Choice, {u"fast"_s, u"safe"_s}, 0, 0, u"safe"_s},
            {u"psemPassword"_s, u"Password"_s, SettingSpec::Type::Password, {}, 0, 0, {}}};
        return d;
    }

private Q_SLOTS:
    void textWithSpacesIsTyped()
    {
        const Result<QVariantMap> v = PluginSettings::typed(plugin(),
            {{u"blockWindow"_s, u" 8 "_s}, {u"verify"_s, u" No"_s}, {u"mode"_s, u"fast "_s}},
            PluginSettings::Unknown::Refuse);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().toString()));
        QCOMPARE(v->value(u"blockWindow"_s).typeId(), QMetaType::LongLong);
        QCOMPARE(v->value(u"blockWindow"_s).toInt(), 8);
        QCOMPARE(v->value(u"verify"_s).typeId(), QMetaType::Bool);
        QCOMPARE(v->value(u"verify"_s).toBool(), false);
        QCOMPARE(v->value(u"mode"_s).toString(), u"fast"_s);
    }

    void typedValuesPassAsTheyAre()
    {
        const Result<QVariantMap> v = PluginSettings::typed(
            plugin(), {{u"blockWindow"_s, 3}, {u"verify"_s, true}}, PluginSettings::Unknown::Refuse);
        QVERIFY(v.ok());
        QCOMPARE(v->value(u"blockWindow"_s).toInt(), 3);
        QCOMPARE(v->value(u"verify"_s).toBool(), true);
    }

    void aPasswordKeepsItsSpaces()
    {
        // A C12.18 password is padded with spaces: they are part of it.
        const Result<QVariantMap> v
            = PluginSettings::typed(plugin(), {{u"psemPassword"_s, u" pass  "_s}}, PluginSettings::Unknown::Refuse);
        QVERIFY(v.ok());
        QCOMPARE(v->value(u"psemPassword"_s).toString(), u" pass  "_s);
    }

    void badValuesNameTheKeyAndTheValue_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a number") << u"blockWindow"_s << QVariant(u"eight"_s) << u"got \"eight\""_s;
        QTest::newRow("number with a unit") << u"blockWindow"_s << QVariant(u"8 blocks"_s) << u"got \"8 blocks\""_s;
        QTest::newRow("out of range") << u"blockWindow"_s << QVariant(u"99"_s) << u"from 1 to 16, got \"99\""_s;
        QTest::newRow("not a boolean") << u"verify"_s << QVariant(u"maybe"_s) << u"got \"maybe\""_s;
        QTest::newRow("not a choice") << u"mode"_s << QVariant(u"turbo"_s) << u"got \"turbo\""_s;
    }

    void badValuesNameTheKeyAndTheValue()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        const Result<QVariantMap> v = PluginSettings::typed(plugin(), {{key, value}}, PluginSettings::Unknown::Skip);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, ResultCode::InvalidArguments);
        const QString text = v.error().toString();
        QVERIFY2(text.startsWith(u"setting "_s + key + u": "_s), qPrintable(text));
        QVERIFY2(text.contains(expected), qPrintable(text));
    }

    void anUnknownKeyIsRefusedOrSkipped()
    {
        const QVariantMap values {{u"speed"_s, u"9"_s}, {u"blockWindow"_s, u"2"_s}};
        const Result<QVariantMap> refused = PluginSettings::typed(plugin(), values, PluginSettings::Unknown::Refuse);
        QVERIFY(!refused.ok());
        const QString text = refused.error().toString();
        QVERIFY2(text.contains(u"setting speed"_s) && text.contains(u"has no such setting"_s)
                && text.contains(u"blockWindow, verify, mode, psemPassword"_s),
            qPrintable(text));
        const Result<QVariantMap> skipped = PluginSettings::typed(plugin(), values, PluginSettings::Unknown::Skip);
        QVERIFY(skipped.ok());
        QCOMPARE(*skipped, (QVariantMap {{u"blockWindow"_s, qlonglong(2)}}));
    }
};

QTEST_GUILESS_MAIN(TestPluginSettings)
#include "tst_pluginsettings.moc"
