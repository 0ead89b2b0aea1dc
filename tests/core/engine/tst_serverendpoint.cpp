#include "engine/ServerEndpoint.h"

#include <QTest>

using namespace prov::engine;

class tst_ServerEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url");
        QTest::newRow("host") << QStringLiteral("provserver") << QStringLiteral("http://provserver:8085/");
        QTest::newRow("host:port") << QStringLiteral("10.0.0.5:9000") << QStringLiteral("http://10.0.0.5:9000/");
        QTest::newRow("https") << QStringLiteral("https://prov.line1:8443")
                               << QStringLiteral("https://prov.line1:8443/");
        QTest::newRow("https default port") << QStringLiteral("https://prov") << QStringLiteral("https://prov:8085/");
        QTest::newRow("ipv6") << QStringLiteral("[::1]:8085") << QStringLiteral("http://[::1]:8085/");
        QTest::newRow("port 0") << QStringLiteral("host:0") << QString();
        QTest::newRow("port too big") << QStringLiteral("host:70000") << QString();
        QTest::newRow("ftp") << QStringLiteral("ftp://host") << QString();
        QTest::newRow("path") << QStringLiteral("http://host/api") << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("space") << QStringLiteral("a b") << QString();
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, url);
        const prov::Result<QUrl> r = ServerEndpoint::parseServerAddress(text);
        QCOMPARE(r.ok(), !url.isEmpty());
        if (r.ok())
            QCOMPARE(r->toString(), url);
        else
            QCOMPARE(r.error().code, prov::ResultCode::InvalidArguments);
    }

    void translate_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("prefix") << QStringLiteral("/srv/pkg") << QStringLiteral("/mnt/share")
                                << QStringLiteral("/srv/pkg/a/b.bin") << QStringLiteral("/mnt/share/a/b.bin");
        QTest::newRow("windows") << QStringLiteral("/srv/pkg/") << QStringLiteral("Z:/pkg/")
                                 << QStringLiteral("/srv/pkg/f") << QStringLiteral("Z:/pkg/f");
        QTest::newRow("not a component") << QStringLiteral("/srv/pkg") << QStringLiteral("/mnt")
                                         << QStringLiteral("/srv/pkgs/f") << QString();
        QTest::newRow("other") << QStringLiteral("/srv/pkg") << QStringLiteral("/mnt") << QStringLiteral("/data/f")
                               << QString();
        QTest::newRow("no translation") << QString() << QString() << QStringLiteral("/srv/pkg/f") << QString();
    }

    void translate()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, path);
        ServerEndpoint e;
        e.pathTranslateFrom = from;
        e.pathTranslateTo = to;
        QTEST(e.translatePath(path), "expected");
    }
};

QTEST_GUILESS_MAIN(tst_ServerEndpoint)
#include "tst_serverendpoint.moc"
