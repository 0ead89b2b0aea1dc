#include "transport/Message.h"

#include <QTest>

using namespace prov::transport;

class TestMessage : public QObject
{
    Q_OBJECT

private slots:
    void wrapperNames_data();
    void wrapperNames();
    void unknownWrapperNameRejected();
    void channelBytes();
};

void TestMessage::wrapperNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    // The CLI contract's --wrapper values.
    QTest::newRow("none") << QStringLiteral("none") << int(WrapperKind::None);
    QTest::newRow("orw") << QStringLiteral("orw") << int(WrapperKind::Orw);
    QTest::newRow("reliable") << QStringLiteral("reliable") << int(WrapperKind::Reliable);
    QTest::newRow("opt_psem") << QStringLiteral("opt_psem") << int(WrapperKind::OptPsem);
}

void TestMessage::wrapperNames()
{
    QFETCH(QString, name);
    QFETCH(int, kind);
    WrapperKind parsed = WrapperKind::None;
    QVERIFY(parseWrapperName(name, &parsed));
    QCOMPARE(int(parsed), kind);
    QCOMPARE(wrapperName(WrapperKind(kind)), name);
}

void TestMessage::unknownWrapperNameRejected()
{
    WrapperKind parsed = WrapperKind::Orw;
    QVERIFY(!parseWrapperName(u"ORW", &parsed));
    QVERIFY(!parseWrapperName(u"", &parsed));
    QVERIFY(!parseWrapperName(u"opt-psem", &parsed));
    QCOMPARE(parsed, WrapperKind::Orw);
}

void TestMessage::channelBytes()
{
    Channel channel = Channel::Host;
    QVERIFY(channelFromByte(0x47, &channel));
    QCOMPARE(channel, Channel::Node);
    QVERIFY(channelFromByte(0x00, &channel));
    QCOMPARE(channel, Channel::Host);
    QVERIFY(!channelFromByte(0x46, &channel));
    QCOMPARE(channelName(Channel::Node), QStringLiteral("node"));
    QCOMPARE(channelName(Channel::Host), QStringLiteral("host"));
}

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
