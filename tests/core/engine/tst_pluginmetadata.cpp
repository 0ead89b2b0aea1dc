#include "engine/PluginMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace prov::engine;

class tst_PluginMetadata : public QObject
{
    Q_OBJECT

private slots:
    void parseAndCheck_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("parseError");
        QTest::addColumn<QString>("compatError");
        const QByteArray good = R"({"IID":"org.provstation.MeterPlugin/1","className":"P","MetaData":)"
                                R"({"Id":"p","Version":"1.2.3","ApiVersion":"1.0","Models":["a","b"]}})";
        QTest::newRow("good") << good << QString() << QString();
        QTest::newRow("newer minor") << QByteArray(good).replace("\"1.0\"", "\"1.7\"") << QString() << QString();
        QTest::newRow("major only") << QByteArray(good).replace("\"1.0\"", "\"1\"") << QString() << QString();
        QTest::newRow("api 2") << QByteArray(good).replace("\"1.0\"", "\"2.0\"") << QString()
                               << QStringLiteral("speaks meter plugin API 2.0");
        QTest::newRow("api 0") << QByteArray(good).replace("\"1.0\"", "\"0.9\"") << QString()
                               << QStringLiteral("speaks meter plugin API 0.9");
        QTest::newRow("api garbage") << QByteArray(good).replace("\"1.0\"", "\"one\"") << QString()
                                     << QStringLiteral("unreadable ApiVersion");
        QTest::newRow("iid 2") << QByteArray(good).replace("MeterPlugin/1", "MeterPlugin/2") << QString()
                               << QStringLiteral("speaks meter plugin API");
        QTest::newRow("foreign iid") << QByteArray(good).replace("org.provstation.MeterPlugin/1", "org.qt.Foo")
                                     << QString() << QStringLiteral("is not a meter plugin");
        QTest::newRow("no id") << QByteArray(good).replace("\"Id\"", "\"Name\"") << QStringLiteral("no \"Id\"")
                               << QString();
        QTest::newRow("no version") << QByteArray(good).replace("\"Version\"", "\"V\"")
                                    << QStringLiteral("no \"Version\"") << QString();
        QTest::newRow("no api") << QByteArray(good).replace("\"ApiVersion\"", "\"Api\"")
                                << QStringLiteral("no \"ApiVersion\"") << QString();
        QTest::newRow("empty models") << QByteArray(good).replace("[\"a\",\"b\"]", "[]")
                                      << QStringLiteral("no \"Models\"") << QString();
        QTest::newRow("not a plugin") << QByteArray("{}") << QStringLiteral("not a Qt plugin") << QString();
    }

    void parseAndCheck()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, parseError);
        QFETCH(QString, compatError);
        const QJsonObject object = QJsonDocument::fromJson(json).object();
        const prov::Result<PluginMetadata> meta = PluginMetadata::fromLoaderMetaData(object, QStringLiteral("libp.so"));
        QCOMPARE(meta.ok(), parseError.isEmpty());
        if (!meta.ok()) {
            QVERIFY2(meta.error().message.contains(parseError), qPrintable(meta.error().message));
            QCOMPARE(meta.error().context, QStringLiteral("plugin libp.so"));
            return;
        }
        QCOMPARE(meta->models, (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
        const prov::Status compatible = meta->checkCompatible();
        QCOMPARE(compatible.ok(), compatError.isEmpty());
        if (!compatible.ok())
            QVERIFY2(compatible.error().message.contains(compatError), qPrintable(compatible.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_PluginMetadata)
#include "tst_pluginmetadata.moc"
