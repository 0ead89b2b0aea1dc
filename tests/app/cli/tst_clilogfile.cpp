// --logfile as factory scripts use it (--verbosity=0 --logfile=emcm_factory_s1.log):
// the file holds the whole diagnostic log of the run whatever --verbosity
// says, time-stamped, and never a key; with several -d, one file per port.
#include "CliWorld.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliLogfile : public QObject
{
    Q_OBJECT

private:
    CliWorld m_world;

    QStringList args(const QStringList &ports, const QString &operation, const QString &logFile) const
    {
        QStringList a = m_world.baseArguments();
        a << QStringLiteral("--meter") << QStringLiteral("i210plus");
        for (const QString &port : ports)
            a << QStringLiteral("-d") << port;
        a << QStringLiteral("-t") << QStringLiteral("20") << QStringLiteral("--set") << QStringLiteral("joinPollMs=100")
          << QStringLiteral("--verbosity=0") << QStringLiteral("--logfile=%1").arg(logFile) << operation;
        return a;
    }

    // Every key the simulated device holds (node, host and each app's slots),
    // hex, lower case: every "keys" object anywhere in its state file.
    static void collectKeys(const QJsonValue &value, QList<QByteArray> *keys)
    {
        if (value.isArray()) {
            for (const QJsonValue &item : value.toArray())
                collectKeys(item, keys);
            return;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() != QLatin1String("keys")) {
                collectKeys(it.value(), keys);
                continue;
            }
            const QJsonObject keySlots = it.value().toObject();
            for (auto slot = keySlots.begin(); slot != keySlots.end(); ++slot) {
                if (!slot->toString().isEmpty())
                    keys->append(slot->toString().toLatin1().toLower());
            }
        }
    }

    // The steps of the run, each line time-stamped and at debug level.
    static void verifyStepLines(const QByteArray &log, const QString &port)
    {
        static const QRegularExpression kStep(QStringLiteral(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z debug provstation\\.engine: (\\S+): step 1/\\d+ "
            "IdentifyNode$"));
        bool stepped = false;
        for (const QByteArray &line : log.split('\n')) {
            const QRegularExpressionMatch m = kStep.match(QString::fromUtf8(line));
            if (m.hasMatch())
                stepped = stepped || m.captured(1) == port;
        }
        QVERIFY2(stepped, log.constData());
        QVERIFY2(log.contains(QStringLiteral("%1: step IdentifyNode done in").arg(port).toUtf8()), log.constData());
        QVERIFY2(log.contains(QStringLiteral("%1: line: ").arg(port).toUtf8()), log.constData());
        QVERIFY2(log.contains(QStringLiteral("%1: result 0: ").arg(port).toUtf8()), log.constData());
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_world.start({QStringLiteral("--devices"), QStringLiteral("i210plus:3"), QStringLiteral("--join-delay"),
                              QStringLiteral("0.2"), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0.5")},
                &error),
            qPrintable(error));
    }

    void quietRunStillLogsEverythingButKeys()
    {
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), 0);
        const QString logFile = m_world.dir.filePath(QStringLiteral("emcm_factory_s1.log"));
        const CliRun r = m_world.run(args({port.path}, QStringLiteral("PROVISION"), logFile));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // --verbosity=0: stdout has the result line only.
        QCOMPARE(r.out.trimmed().count(QLatin1Char('\n')), 0);
        QVERIFY(!r.out.contains(QStringLiteral("provstation.")));
        const QByteArray log = readFile(logFile);
        verifyStepLines(log, port.path);
        for (const char *step : {"GenerateAndEscrowKeys", "WriteKeys", "VerifyKeys", "ConfirmEscrow"})
            QVERIFY2(log.contains(QByteArray(step) + " done in"), step);
        QList<QByteArray> keys;
        collectKeys(SimProcess::readState(port), &keys);
        QVERIFY2(keys.size() >= 2, "the device holds no keys: nothing to look for");
        const QByteArray lower = log.toLower();
        for (const QByteArray &key : keys)
            QVERIFY2(!lower.contains(key), key.constData());
    }

    void severalPortsOneFileEach()
    {
        const SimPort first = m_world.sim.port(QStringLiteral("i210plus"), 1);
        const SimPort second = m_world.sim.port(QStringLiteral("i210plus"), 2);
        QVERIFY(first.path.startsWith(QStringLiteral("/dev/pts/")));
        const CliRun r = m_world.run(args(
            {first.path, second.path}, QStringLiteral("PRETEST"), m_world.dir.filePath(QStringLiteral("station.log"))));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(m_world.dir.filePath(QStringLiteral("station.log"))));
        for (const auto &[own, other] : {std::pair {first, second}, std::pair {second, first}}) {
            // /dev/pts/7 -> station-pts_7.log
            const QString name
                = QStringLiteral("station-%1.log").arg(own.path.mid(5).replace(QLatin1Char('/'), QLatin1Char('_')));
            const QByteArray log = readFile(m_world.dir.filePath(name));
            verifyStepLines(log, own.path);
            QVERIFY2(!log.contains((other.path + QStringLiteral(": step")).toUtf8()), qPrintable(name));
        }
    }
};

QTEST_GUILESS_MAIN(tst_CliLogfile)
#include "tst_clilogfile.moc"
