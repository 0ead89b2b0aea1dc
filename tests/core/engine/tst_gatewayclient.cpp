#include "engine/GatewayClient.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace prov::engine;

/// Against a loopback line server that answers like the factory gateway
/// (the end-to-end tests use provstation-sim's real gateway).
class tst_GatewayClient : public QObject
{
    Q_OBJECT

private:
    QTcpServer m_server;
    QByteArray m_answer;
    QList<QByteArray> m_lines;

private slots:
    void init()
    {
        m_lines.clear();
        m_server.close();
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [this, s] {
                while (s->canReadLine()) {
                    m_lines.append(s->readLine());
                    if (!m_answer.isNull())
                        s->write(m_answer);
                }
            });
        });
    }

    void answers_data()
    {
        QTest::addColumn<bool>("statusCommand");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("joined");
        QTest::newRow("joined") << true << QByteArray("JOINED rssi=-51\n") << 0 << 1;
        QTest::newRow("not joined") << true << QByteArray("NOT_JOINED\n") << 0 << 0;
        QTest::newRow("err") << true << QByteArray("ERR usage\n") << 133 << -1;
        QTest::newRow("garbage") << true << QByteArray("WHAT\n") << 133 << -1;
        QTest::newRow("silent") << true << QByteArray() << 132 << -1;
        QTest::newRow("clear ok") << false << QByteArray("OK\n") << 0 << -1;
        QTest::newRow("clear err") << false << QByteArray("ERR x\n") << 133 << -1;
    }

    void answers()
    {
        QFETCH(bool, statusCommand);
        QFETCH(QByteArray, answer);
        QFETCH(int, code);
        QFETCH(int, joined);
        m_answer = answer;
        GatewayClient client(QStringLiteral("127.0.0.1"), m_server.serverPort());
        client.setTimeoutMs(300);
        bool done = false;
        int gotCode = -1;
        int gotJoined = -1;
        if (statusCommand) {
            client.status(prov::NodeId(0x1A2B3C4D), [&](const prov::Result<GatewayClient::JoinState> &r) {
                done = true;
                gotCode = r.ok() ? 0 : int(r.error().code);
                if (r.ok())
                    gotJoined = r.value() == GatewayClient::JoinState::Joined ? 1 : 0;
            });
        } else {
            client.clear(prov::NodeId(0x1A2B3C4D), [&](const prov::Result<bool> &r) {
                done = true;
                gotCode = r.ok() ? 0 : int(r.error().code);
            });
        }
        QTRY_VERIFY(done);
        QCOMPARE(gotCode, code);
        QCOMPARE(gotJoined, joined);
        QCOMPARE(
            m_lines.value(0), statusCommand ? QByteArray("STATUS 0x1A2B3C4D\n") : QByteArray("CLEAR 0x1A2B3C4D\n"));
    }

    void nobodyListeningIs132()
    {
        const quint16 port = m_server.serverPort();
        m_server.close();
        GatewayClient client(QStringLiteral("127.0.0.1"), port);
        std::optional<prov::Result<GatewayClient::JoinState>> got;
        client.status(prov::NodeId(1), [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, prov::ResultCode::GatewayUnreachable);
        QVERIFY(got->error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)));
    }
};

QTEST_GUILESS_MAIN(tst_GatewayClient)
#include "tst_gatewayclient.moc"
