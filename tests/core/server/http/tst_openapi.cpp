// docs/api/openapi.yaml and the server agree: every route the API registers is
// documented with its method, and every documented operation exists.
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include "server/http/ApiServer.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace prov;

class tst_OpenApi : public QObject
{
    Q_OBJECT

private slots:
    void routesAreDocumented();
};

void tst_OpenApi::routesAreDocumented()
{
    const QByteArray yaml = test::readFile(test::sourceDir() + QStringLiteral("/docs/api/openapi.yaml"));
    QVERIFY(!yaml.isEmpty());
    QVERIFY(yaml.startsWith("openapi: 3.0"));
    // Paths are keys at indent 2 under "paths:", operations keys at indent 4.
    QSet<QString> documented;
    QString path;
    bool inPaths = false;
    static const QRegularExpression kPath(QStringLiteral("^  (/[^:]*):\\s*$"));
    static const QRegularExpression kOperation(QStringLiteral("^    (get|put|post|delete|patch|head):\\s*$"));
    for (const QByteArray &raw : yaml.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line == u"paths:") {
            inPaths = true;
            continue;
        }
        if (inPaths && !line.isEmpty() && !line.startsWith(u' '))
            inPaths = false;
        if (!inPaths)
            continue;
        if (const auto m = kPath.match(line); m.hasMatch())
            path = m.captured(1);
        else if (const auto op = kOperation.match(line); op.hasMatch())
            documented.insert(op.captured(1).toUpper() + u' ' + QStringLiteral("/api/v1") + path);
    }
    QVERIFY(documented.size() > 20);

    test::ScratchStore scratch(QStringLiteral("sqlite"));
    auto store = scratch.open();
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().toString()));
    server::http::ApiContext context;
    context.store = store.value().get();
    context.dataDir = scratch.dataDir();
    server::http::ApiServer api(context);
    QSet<QString> served;
    for (const auto &route : api.router().routes())
        served.insert(QString::fromLatin1(route.first) + u' ' + route.second);
    QVERIFY(served.contains(QStringLiteral("GET /api/v1/health")));

    const QSet<QString> undocumented = served - documented;
    const QSet<QString> unserved = documented - served;
    QVERIFY2(undocumented.isEmpty(),
        qPrintable(QStringLiteral("not in openapi.yaml: ") + QStringList(undocumented.values()).join(u", ")));
    QVERIFY2(unserved.isEmpty(),
        qPrintable(QStringLiteral("documented but not served: ") + QStringList(unserved.values()).join(u", ")));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
