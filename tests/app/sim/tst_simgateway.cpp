// The factory gateway of provstation-sim: its control line protocol on a real
// TCP socket, and nodes that join after their factory configuration went in
// through the real transport.
#include "SimHarness.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::protocol;
using namespace prov::test;
using transport::WrapperKind;

class TestSimGateway : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void lineProtocol_data();
    void lineProtocol();
    void overlongLineIsRefused();
    void nodeOnFactoryConfigurationJoins();
    void neverJoiningNodeStaysAway();
    void lateJoinerComesLate();

private:
    QByteArray ask(const QByteArray &line);
    void writeConfig(int index, ConfigKind kind);
    /// Seconds until STATUS says JOINED (-1: not within timeoutMs).
    double secondsUntilJoined(const QString &nodeId, int timeoutMs);

    QTemporaryDir m_dir;
    SimProcess m_sim;
    QTcpSocket m_socket;
};

void TestSimGateway::initTestCase()
{
    QString error;
    QVERIFY2(m_sim.start({QStringLiteral("--devices"), QStringLiteral("node:3"), QStringLiteral("--state-dir"),
                             m_dir.path(), QStringLiteral("--join-delay"), QStringLiteral("0.5"),
                             QStringLiteral("--fault"), QStringLiteral("node#1:never-join"), QStringLiteral("--fault"),
                             QStringLiteral("node#2:join-after=1.5")},
                 &error),
        qPrintable(error));
    QVERIFY(m_sim.gatewayPort() > 0);
    m_socket.connectToHost(QHostAddress::LocalHost, m_sim.gatewayPort());
    QVERIFY(m_socket.waitForConnected(5000));
}

void TestSimGateway::cleanupTestCase()
{
    m_socket.disconnectFromHost();
    QCOMPARE(m_sim.stop(), 0);
}

QByteArray TestSimGateway::ask(const QByteArray &line)
{
    m_socket.write(line + '\n');
    QElapsedTimer t;
    t.start();
    while (!m_socket.canReadLine() && t.elapsed() < 5000)
        m_socket.waitForReadyRead(100);
    return m_socket.readLine().trimmed();
}

void TestSimGateway::writeConfig(int index, ConfigKind kind)
{
    const SimPort port = m_sim.port(QStringLiteral("node"), index);
    Station station;
    QString error;
    QVERIFY2(station.open(port.path, port.baud, WrapperKind::None, &error), qPrintable(error));
    const JobOutcome out
        = Station::run(station.node()->writeConfiguration(kind, 0x45, testImage(300), HardwareType::Unode));
    QVERIFY2(out.finished, qPrintable(out.error.toString()));
}

double TestSimGateway::secondsUntilJoined(const QString &nodeId, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (ask("STATUS " + nodeId.toLatin1()).startsWith("JOINED"))
            return double(t.elapsed()) / 1000.0;
        QTest::qWait(50);
    }
    return -1.0;
}

void TestSimGateway::lineProtocol_data()
{
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("ping") << QByteArray("PING") << QByteArray("PONG");
    QTest::newRow("ping, CRLF, lower case") << QByteArray("ping\r") << QByteArray("PONG");
    QTest::newRow("list, nobody joined") << QByteArray("LIST") << QByteArray("OK");
    QTest::newRow("unknown node") << QByteArray("STATUS 0x12345678") << QByteArray("NOT_JOINED");
    QTest::newRow("hex without 0x") << QByteArray("STATUS 12345678") << QByteArray("NOT_JOINED");
    QTest::newRow("clear unknown node") << QByteArray("CLEAR 0x12345678") << QByteArray("OK");
    QTest::newRow("status without node") << QByteArray("STATUS")
                                         << QByteArray("ERR usage: STATUS <nodeId as hex, e.g. 0x1A2B3C4D>");
    QTest::newRow("not hex") << QByteArray("STATUS 0xZZ")
                             << QByteArray("ERR usage: STATUS <nodeId as hex, e.g. 0x1A2B3C4D>");
    QTest::newRow("too long id") << QByteArray("CLEAR 0x123456789")
                                 << QByteArray("ERR usage: CLEAR <nodeId as hex, e.g. 0x1A2B3C4D>");
    QTest::newRow("unknown command") << QByteArray("JOIN 0x1")
                                     << QByteArray("ERR unknown command; expected CLEAR, STATUS, LIST or PING");
    QTest::newRow("empty") << QByteArray("") << QByteArray("ERR empty command");
}

void TestSimGateway::lineProtocol()
{
    QFETCH(QByteArray, command);
    QFETCH(QByteArray, answer);
    QCOMPARE(ask(command), answer);
}

void TestSimGateway::overlongLineIsRefused()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, m_sim.gatewayPort());
    QVERIFY(s.waitForConnected(5000));
    s.write(QByteArray(300, 'A') + '\n');
    QVERIFY(s.waitForReadyRead(5000));
    QCOMPARE(s.readLine().trimmed(), QByteArray("ERR line too long"));
    QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(5000));
    // The gateway still serves others.
    QCOMPARE(ask("PING"), QByteArray("PONG"));
}

void TestSimGateway::nodeOnFactoryConfigurationJoins()
{
    const SimPort port = m_sim.port(QStringLiteral("node"), 0);
    const QByteArray id = port.nodeId.toLatin1();
    QCOMPARE(ask("STATUS " + id), QByteArray("NOT_JOINED"));
    writeConfig(0, ConfigKind::Factory);
    QElapsedTimer t;
    t.start();
    QCOMPARE(ask("STATUS " + id), QByteArray("NOT_JOINED"));
    const double joinedAfter = secondsUntilJoined(port.nodeId, 5000);
    QVERIFY2(joinedAfter >= 0.3 && joinedAfter < 2.5, qPrintable(QString::number(joinedAfter)));
    const QByteArray status = ask("STATUS " + id);
    QVERIFY2(status.startsWith("JOINED rssi=-"), status.constData());
    QCOMPARE(ask("LIST"), "OK " + id);
    QVERIFY(SimProcess::readState(port).value(QStringLiteral("joined")).toBool());

    // CLEAR forgets it; still on the factory configuration, it joins again.
    QCOMPARE(ask("CLEAR " + id), QByteArray("OK"));
    QCOMPARE(ask("STATUS " + id), QByteArray("NOT_JOINED"));
    QVERIFY(!SimProcess::readState(port).value(QStringLiteral("joined")).toBool());
    QVERIFY(secondsUntilJoined(port.nodeId, 5000) >= 0.3);

    // On the field configuration it leaves the factory network for good.
    writeConfig(0, ConfigKind::Field);
    QCOMPARE(ask("CLEAR " + id), QByteArray("OK"));
    QTest::qWait(900);
    QCOMPARE(ask("STATUS " + id), QByteArray("NOT_JOINED"));
}

void TestSimGateway::neverJoiningNodeStaysAway()
{
    const SimPort port = m_sim.port(QStringLiteral("node"), 1);
    writeConfig(1, ConfigKind::Factory);
    QCOMPARE(secondsUntilJoined(port.nodeId, 1500), -1.0);
}

void TestSimGateway::lateJoinerComesLate()
{
    const SimPort port = m_sim.port(QStringLiteral("node"), 2);
    writeConfig(2, ConfigKind::Factory);
    const double joinedAfter = secondsUntilJoined(port.nodeId, 6000);
    QVERIFY2(joinedAfter >= 1.2 && joinedAfter < 4.0, qPrintable(QString::number(joinedAfter)));
}

QTEST_GUILESS_MAIN(TestSimGateway)
#include "tst_simgateway.moc"
