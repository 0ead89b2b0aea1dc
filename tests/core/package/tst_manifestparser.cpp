// manifest.xml against manifest.xsd: every row is also given to `xmllint
// --schema`, so the table proves that the parser accepts exactly what the
// schema accepts (plus the few rules of package-format.md beyond the schema).
#include "TestSupport.h"

#include "package/ManifestParser.h"
#include "package/ManifestWriter.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::test;

namespace {

const QString kBase = QStringLiteral(R"(<?xml version="1.0" encoding="UTF-8"?>
<provisioningPackage formatVersion="1">
  <provConfigId>0x0000000000000045</provConfigId>
  <appLabel>ge_sgm3000_falconv1_zigbeev2</appLabel>
  <alias>82JX570141</alias>
  <kmsPublicKey file="kms_key.pub.pem"/>
  <gatewayKeys file="gw_keys.csv.aes" signature="gw_keys.csv.aes.sig"/>
  <node type="UNODE" version="1.2.3.4">
    <firmware      file="node/firmware.bin" md5="0123456789abcdef0123456789abcdef"/>
    <fieldConfig   file="node/field.cfg"    md5="1123456789abcdef0123456789abcdef"/>
    <factoryConfig file="node/factory.cfg"  md5="2123456789abcdef0123456789abcdef"/>
  </node>
  <app name="emcm" version="5.6.7.8">
    <publicKey     file="apps/emcm/hes_key.pub.pem"/>
    <firmware      file="apps/emcm/firmware.bin" md5="3123456789abcdef0123456789abcdef"/>
    <fieldConfig   file="apps/emcm/field.cfg"    md5="4123456789abcdef0123456789abcdef"/>
    <factoryConfig file="apps/emcm/factory.cfg"  md5="5123456789abcdef0123456789abcdef"/>
  </app>
</provisioningPackage>
)");

enum Schema { SchemaInvalid = 0, SchemaValid = 1, SchemaNotChecked = -1 };

} // namespace

class TestManifestParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void table_data();
    void table();
    void parsedValues();
    void writerOutputParses();

private:
    int xmllintVerdict(const QByteArray &xml);
    QTemporaryDir m_dir;
};

void TestManifestParser::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo::exists(schemaPath(QStringLiteral("manifest.xsd"))),
        qPrintable(schemaPath(QStringLiteral("manifest.xsd"))));
}

int TestManifestParser::xmllintVerdict(const QByteArray &xml)
{
    const QString file = m_dir.filePath(QStringLiteral("manifest.xml"));
    writeFile(file, xml);
    const ProcessResult r = runProcess(QStringLiteral("xmllint"),
        {QStringLiteral("--noout"), QStringLiteral("--nonet"), QStringLiteral("--schema"),
            schemaPath(QStringLiteral("manifest.xsd")), file});
    return r.exitCode == 0 ? SchemaValid : SchemaInvalid;
}

void TestManifestParser::table_data()
{
    QTest::addColumn<QString>("xml");
    QTest::addColumn<int>("schema"); // what xmllint --schema must say
    QTest::addColumn<bool>("accepted"); // what we say
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const QString &from, const QString &to, int schema, bool accepted,
                         const QString &message = {}) {
        if (!kBase.contains(from))
            qFatal("base manifest lacks %s", qPrintable(from));
        QString xml = kBase;
        xml.replace(from, to);
        QTest::newRow(name) << xml << schema << accepted << message;
    };
    const auto S = [](const char *text) {
        return QString::fromUtf8(text);
    };
    const QString id = S("<provConfigId>0x0000000000000045</provConfigId>");
    const QString label = S("<appLabel>ge_sgm3000_falconv1_zigbeev2</appLabel>");
    const QString alias = S("<alias>82JX570141</alias>");
    const QString kms = S("<kmsPublicKey file=\"kms_key.pub.pem\"/>");
    const QString gw = S("<gatewayKeys file=\"gw_keys.csv.aes\" signature=\"gw_keys.csv.aes.sig\"/>");
    const QString root = S("<provisioningPackage formatVersion=\"1\">");
    const QString nodeOpen = S("<node type=\"UNODE\" version=\"1.2.3.4\">");
    const QString appOpen = S("<app name=\"emcm\" version=\"5.6.7.8\">");
    const QString nodeFw = S("<firmware      file=\"node/firmware.bin\" md5=\"0123456789abcdef0123456789abcdef\"/>");
    const QString nodeField = S("<fieldConfig   file=\"node/field.cfg\"    md5=\"1123456789abcdef0123456789abcdef\"/>");
    const QString nodeFactory
        = S("<factoryConfig file=\"node/factory.cfg\"  md5=\"2123456789abcdef0123456789abcdef\"/>");
    const QString appKey = S("<publicKey     file=\"apps/emcm/hes_key.pub.pem\"/>");
    const QString appFw
        = S("<firmware      file=\"apps/emcm/firmware.bin\" md5=\"3123456789abcdef0123456789abcdef\"/>");
    const QString app = S(R"(  <app name="emcm" version="5.6.7.8">
    <publicKey     file="apps/emcm/hes_key.pub.pem"/>
    <firmware      file="apps/emcm/firmware.bin" md5="3123456789abcdef0123456789abcdef"/>
    <fieldConfig   file="apps/emcm/field.cfg"    md5="4123456789abcdef0123456789abcdef"/>
    <factoryConfig file="apps/emcm/factory.cfg"  md5="5123456789abcdef0123456789abcdef"/>
  </app>
)");

    // Valid.
    QTest::newRow("contract example") << kBase << int(SchemaValid) << true << QString();
    row("no alias, no app", alias, {}, SchemaValid, true);
    QString noApp = kBase;
    noApp.replace(app, QString());
    QTest::newRow("no app") << noApp << int(SchemaValid) << true << QString();
    row("two apps", S("</provisioningPackage>"),
        QString(app).replace(S("emcm"), S("meter2")) + S("</provisioningPackage>"), SchemaValid, true);
    row("app without publicKey", appKey, {}, SchemaValid, true);
    row("several aliases", alias, alias + QString(alias).replace(S("41<"), S("42<")) + S("<alias>a.b_c-D</alias>"),
        SchemaValid, true);
    row("decimal configId", S("0x0000000000000045"), S("69"), SchemaValid, true);
    row("largest decimal configId", S("0x0000000000000045"), S("18446744073709551615"), SchemaValid, true);
    row("0X prefix, short hex", S("0x0000000000000045"), S("0X45"), SchemaValid, true);
    row("uppercase md5", S("0123456789abcdef0123456789abcdef"), S("0123456789ABCDEF0123456789ABCDEF"), SchemaValid,
        true);
    row("one-part version", S("version=\"1.2.3.4\""), S("version=\"7\""), SchemaValid, true);
    row("comments and PIs everywhere", kms, S("<!-- c --><?pi x?>") + kms + S("<!-- c -->"), SchemaValid, true);
    row("comment inside simple content", S("<appLabel>ge_sgm3000"), S("<appLabel>ge_<!-- c -->sgm3000"), SchemaValid,
        true);
    row("comment inside an empty element", kms, S("<kmsPublicKey file=\"kms_key.pub.pem\"><!-- c --></kmsPublicKey>"),
        SchemaValid, true);
    row("CDATA text", S(">ge_sgm3000_falconv1_zigbeev2<"), S("><![CDATA[ge_sgm3000_falconv1_zigbeev2]]><"), SchemaValid,
        true);
    row("formatVersion with whitespace and +0", root, S("<provisioningPackage formatVersion=\" +01 \">"), SchemaValid,
        true);
    row("xsi:noNamespaceSchemaLocation", root,
        S("<provisioningPackage xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:noNamespaceSchemaLocation=\"manifest.xsd\" formatVersion=\"1\">"),
        SchemaValid, true);
    row("no XML declaration", S("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), {}, SchemaValid, true);
    row("same file named twice", S("file=\"node/factory.cfg\""), S("file=\"node/field.cfg\""), SchemaValid, true);
    row("./ path", S("file=\"node/firmware.bin\""), S("file=\"./node/firmware.bin\""), SchemaValid, true);
    row("255-character path", S("file=\"node/firmware.bin\""), S("file=\"") + QString(255, u'a') + u'"', SchemaValid,
        true);
    row("64-character name", label, S("<appLabel>") + QString(64, u'x') + S("</appLabel>"), SchemaValid, true);
    row("character reference", S(">ge_sgm3000"), S(">&#x67;e_sgm3000"), SchemaValid, true);

    // Invalid by the schema.
    row("wrong root", S("<provisioningPackage formatVersion=\"1\">"), S("<package formatVersion=\"1\">"), SchemaInvalid,
        false, S("root element"));
    QString nsRoot = kBase;
    nsRoot.replace(root, S("<provisioningPackage xmlns=\"urn:other\" formatVersion=\"1\">"));
    QTest::newRow("namespaced root") << nsRoot << int(SchemaInvalid) << false << S("namespace");
    row("missing formatVersion", root, S("<provisioningPackage>"), SchemaInvalid, false, S("formatVersion"));
    row("formatVersion 0", root, S("<provisioningPackage formatVersion=\"0\">"), SchemaInvalid, false,
        S("formatVersion"));
    row("formatVersion text", root, S("<provisioningPackage formatVersion=\"one\">"), SchemaInvalid, false,
        S("formatVersion"));
    row("unknown root attribute", root, S("<provisioningPackage formatVersion=\"1\" extra=\"x\">"), SchemaInvalid,
        false, S("unknown attribute extra"));
    row("missing provConfigId", id, {}, SchemaInvalid, false, S("provConfigId"));
    row("empty provConfigId", id, S("<provConfigId></provConfigId>"), SchemaInvalid, false, S("provConfigId"));
    row("0x without digits", S("0x0000000000000045"), S("0x"), SchemaInvalid, false, S("provConfigId"));
    row("17 hex digits", S("0x0000000000000045"), S("0x00000000000000045"), SchemaInvalid, false, S("provConfigId"));
    row("21 decimal digits", S("0x0000000000000045"), S("000000000000000000069"), SchemaInvalid, false,
        S("provConfigId"));
    row("negative configId", S("0x0000000000000045"), S("-1"), SchemaInvalid, false, S("provConfigId"));
    row("configId with spaces", S("0x0000000000000045"), S(" 0x45 "), SchemaInvalid, false, S("provConfigId"));
    row("configId with newline", S("0x0000000000000045"), S("0x45\n"), SchemaInvalid, false, S("provConfigId"));
    row("element inside provConfigId", S("0x0000000000000045"), S("<b>1</b>"), SchemaInvalid, false, S("only text"));
    row("attribute on provConfigId", id, S("<provConfigId base=\"16\">0x45</provConfigId>"), SchemaInvalid, false,
        S("unknown attribute base"));
    row("missing appLabel", label, {}, SchemaInvalid, false, S("appLabel"));
    row("empty appLabel", label, S("<appLabel></appLabel>"), SchemaInvalid, false, S("appLabel"));
    row("65-character appLabel", label, S("<appLabel>") + QString(65, u'x') + S("</appLabel>"), SchemaInvalid, false,
        S("appLabel"));
    row("appLabel with a space", label, S("<appLabel>a b</appLabel>"), SchemaInvalid, false, S("appLabel"));
    row("appLabel with non-ASCII letter", label, S("<appLabel>zähler</appLabel>"), SchemaInvalid, false, S("appLabel"));
    row("alias with a slash", alias, S("<alias>82JX/1</alias>"), SchemaInvalid, false, S("alias"));
    row("empty alias", alias, S("<alias/>"), SchemaInvalid, false, S("alias"));
    row("alias after kmsPublicKey", alias + S("\n  ") + kms, kms + alias, SchemaInvalid, false, S("out of order"));
    row("appLabel before provConfigId", id + S("\n  ") + label, label + id, SchemaInvalid, false, S("provConfigId"));
    row("node before gatewayKeys", gw, {}, SchemaInvalid, false, S("gatewayKeys"));
    row("app before node", S("</provisioningPackage>"),
        app + nodeOpen + nodeFw + nodeField + nodeFactory + S("</node></provisioningPackage>"), SchemaInvalid, false,
        S("more than once"));
    row("two provConfigIds", id, id + id, SchemaInvalid, false, S("more than once"));
    row("unknown element", kms, kms + S("<extra/>"), SchemaInvalid, false, S("unknown element <extra>"));
    row("missing node", S("  <node"), S("  <nodeX"), SchemaInvalid, false, S("unknown element <nodeX>"));
    row("kmsPublicKey without file", kms, S("<kmsPublicKey/>"), SchemaInvalid, false, S("file"));
    row("kmsPublicKey with md5", kms, S("<kmsPublicKey file=\"k\" md5=\"0123456789abcdef0123456789abcdef\"/>"),
        SchemaInvalid, false, S("unknown attribute md5"));
    row("text in kmsPublicKey", kms, S("<kmsPublicKey file=\"k\">x</kmsPublicKey>"), SchemaInvalid, false,
        S("must be empty"));
    row("whitespace in kmsPublicKey", kms, S("<kmsPublicKey file=\"k\"> </kmsPublicKey>"), SchemaInvalid, false,
        S("must be empty"));
    row("gatewayKeys without signature", gw, S("<gatewayKeys file=\"gw_keys.csv.aes\"/>"), SchemaInvalid, false,
        S("signature"));
    row("node type lower case", S("type=\"UNODE\""), S("type=\"unode\""), SchemaInvalid, false, S("node type"));
    row("node type unknown", S("type=\"UNODE\""), S("type=\"XNODE\""), SchemaInvalid, false, S("node type"));
    row("node type missing", S("type=\"UNODE\" "), {}, SchemaInvalid, false, S("type"));
    row("five-part version", S("version=\"1.2.3.4\""), S("version=\"1.2.3.4.5\""), SchemaInvalid, false, S("version"));
    row("empty version part", S("version=\"1.2.3.4\""), S("version=\"1..2\""), SchemaInvalid, false, S("version"));
    row("version with v", S("version=\"1.2.3.4\""), S("version=\"v1\""), SchemaInvalid, false, S("version"));
    row("version with trailing dot", S("version=\"1.2.3.4\""), S("version=\"1.\""), SchemaInvalid, false, S("version"));
    row("node missing factoryConfig", nodeFactory, {}, SchemaInvalid, false, S("factoryConfig"));
    row("node children out of order", nodeFw + S("\n    ") + nodeField, nodeField + nodeFw, SchemaInvalid, false,
        S("firmware"));
    row("md5 31 digits", S("0123456789abcdef0123456789abcdef"), S("0123456789abcdef0123456789abcde"), SchemaInvalid,
        false, S("md5"));
    row("md5 33 digits", S("0123456789abcdef0123456789abcdef"), S("0123456789abcdef0123456789abcdef0"), SchemaInvalid,
        false, S("md5"));
    row("md5 not hex", S("0123456789abcdef0123456789abcdef"), S("0123456789abcdef0123456789abcdeg"), SchemaInvalid,
        false, S("md5"));
    row("md5 missing", S(" md5=\"0123456789abcdef0123456789abcdef\""), {}, SchemaInvalid, false, S("md5"));
    row("empty path", S("file=\"node/firmware.bin\""), S("file=\"\""), SchemaInvalid, false, S("1 to 255"));
    row("256-character path", S("file=\"node/firmware.bin\""), S("file=\"") + QString(256, u'a') + u'"', SchemaInvalid,
        false, S("1 to 255"));
    row("app without name", appOpen, S("<app version=\"5.6.7.8\">"), SchemaInvalid, false, S("name"));
    row("app with bad name", appOpen, S("<app name=\"e mcm\" version=\"5.6.7.8\">"), SchemaInvalid, false,
        S("app name"));
    row("app without version", appOpen, S("<app name=\"emcm\">"), SchemaInvalid, false, S("version"));
    row("publicKey after firmware", appKey + S("\n    ") + appFw, appFw + appKey, SchemaInvalid, false,
        S("out of order"));
    row("two publicKeys", appKey, appKey + appKey, SchemaInvalid, false, S("more than once"));
    row("text in root", kms, kms + S("hello"), SchemaInvalid, false, S("text"));
    row("text in node", nodeFw, nodeFw + S("x"), SchemaInvalid, false, S("text"));
    row("not well-formed", S("</node>"), S("</nod>"), SchemaInvalid, false, S("not well-formed"));
    QTest::newRow("empty document") << QString() << int(SchemaInvalid) << false << S("manifest.xml");
    QTest::newRow("second root") << kBase + S("<provisioningPackage/>") << int(SchemaInvalid) << false
                                 << S("not well-formed");
    row("undeclared entity", S(">ge_sgm3000"), S(">&xxe;ge_sgm3000"), SchemaInvalid, false, S("entit"));

    // Valid by the schema, refused by package-format.md.
    row("formatVersion 2", root, S("<provisioningPackage formatVersion=\"2\">"), SchemaValid, false,
        S("not supported"));
    row("decimal configId over 64 bits", S("0x0000000000000045"), S("18446744073709551616"), SchemaValid, false,
        S("64 bits"));
    row("absolute path", S("file=\"node/firmware.bin\""), S("file=\"/etc/passwd\""), SchemaValid, false,
        S("absolute path"));
    row(".. path", S("file=\"node/firmware.bin\""), S("file=\"node/../../x\""), SchemaValid, false, S("\"..\""));
    row("path naming the root", S("file=\"node/firmware.bin\""), S("file=\"./\""), SchemaValid, false,
        S("archive root"));
    row("app listed twice", S("</provisioningPackage>"), app + S("</provisioningPackage>"), SchemaValid, false,
        S("more than once"));
    // A DOCTYPE is refused before it is used (xmllint would process it: not compared).
    row("DOCTYPE", root, S("<!DOCTYPE provisioningPackage>\n") + root, SchemaNotChecked, false, S("DOCTYPE"));
    row("internal subset with entity", root,
        S("<!DOCTYPE provisioningPackage [<!ENTITY l \"ge_sgm3000_falconv1_zigbeev2\">]>\n") + root, SchemaNotChecked,
        false, S("DOCTYPE"));
    row("external entity", root,
        S("<!DOCTYPE provisioningPackage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n") + root, SchemaNotChecked,
        false, S("DOCTYPE"));
}

void TestManifestParser::table()
{
    QFETCH(QString, xml);
    QFETCH(int, schema);
    QFETCH(bool, accepted);
    QFETCH(QString, message);

    const QByteArray bytes = xml.toUtf8();
    if (schema != SchemaNotChecked)
        QCOMPARE(xmllintVerdict(bytes), schema);
    const Result<package::Manifest> parsed = package::ManifestParser::parse(bytes);
    QVERIFY2(parsed.ok() == accepted, parsed.ok() ? "accepted" : qPrintable(parsed.error().message));
    if (!accepted) {
        QVERIFY2(parsed.error().message.startsWith(QStringLiteral("manifest.xml")), qPrintable(parsed.error().message));
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
        QCOMPARE(parsed.error().code, ResultCode::InvalidArguments);
    }
}

void TestManifestParser::parsedValues()
{
    QString xml = kBase;
    xml.replace(QStringLiteral("<alias>82JX570141</alias>"),
        QStringLiteral("<alias>82JX570141</alias><alias>B</alias><alias>82JX570141</alias>"));
    const Result<package::Manifest> parsed = package::ManifestParser::parse(xml.toUtf8());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    const package::Manifest &m = *parsed;
    QCOMPARE(m.formatVersion, 1);
    QCOMPARE(m.configId.value(), quint64(0x45));
    QCOMPARE(m.appLabel, QStringLiteral("ge_sgm3000_falconv1_zigbeev2"));
    QCOMPARE(m.aliases, (QStringList {QStringLiteral("82JX570141"), QStringLiteral("B")}));
    QCOMPARE(m.warnings.size(), 1);
    QVERIFY(m.warnings[0].contains(QStringLiteral("82JX570141")));
    QCOMPARE(m.kmsPublicKey.path, QStringLiteral("kms_key.pub.pem"));
    QCOMPARE(m.gatewayKeys.path, QStringLiteral("gw_keys.csv.aes"));
    QCOMPARE(m.gatewayKeysSignature.path, QStringLiteral("gw_keys.csv.aes.sig"));
    QCOMPARE(m.nodeType, QStringLiteral("UNODE"));
    QCOMPARE(m.nodeVersion, QStringLiteral("1.2.3.4"));
    QCOMPARE(m.nodeFirmware.path, QStringLiteral("node/firmware.bin"));
    QCOMPARE(m.nodeFirmware.md5, QStringLiteral("0123456789abcdef0123456789abcdef"));
    QCOMPARE(m.nodeFirmware.role, QStringLiteral("node/firmware"));
    QCOMPARE(m.nodeFactoryConfig.md5, QStringLiteral("2123456789abcdef0123456789abcdef"));
    QCOMPARE(m.apps.size(), 1);
    QCOMPARE(m.apps[0].name, QStringLiteral("emcm"));
    QCOMPARE(m.apps[0].version, QStringLiteral("5.6.7.8"));
    QVERIFY(m.apps[0].publicKey.has_value());
    QCOMPARE(m.apps[0].publicKey->role, QStringLiteral("app/emcm/publicKey"));
    QCOMPARE(m.apps[0].factoryConfig.path, QStringLiteral("apps/emcm/factory.cfg"));
    QCOMPARE(m.allFiles().size(), 10);
}

// What ManifestWriter writes is valid for xmllint and reads back to the same values.
void TestManifestParser::writerOutputParses()
{
    const Result<package::Manifest> parsed = package::ManifestParser::parse(kBase.toUtf8());
    QVERIFY(parsed.ok());
    const QByteArray written = package::ManifestWriter::write(*parsed);
    QCOMPARE(xmllintVerdict(written), int(SchemaValid));
    const Result<package::Manifest> again = package::ManifestParser::parse(written);
    QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
    QCOMPARE(again->configId, parsed->configId);
    QCOMPARE(again->aliases, parsed->aliases);
    QCOMPARE(again->nodeVersion, parsed->nodeVersion);
    QCOMPARE(again->apps.size(), parsed->apps.size());
    const auto before = parsed->allFiles();
    const auto after = again->allFiles();
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        QCOMPARE(after[i].path, before[i].path);
        QCOMPARE(after[i].md5, before[i].md5);
        QCOMPARE(after[i].role, before[i].role);
    }
}

QTEST_GUILESS_MAIN(TestManifestParser)
#include "tst_manifestparser.moc"
