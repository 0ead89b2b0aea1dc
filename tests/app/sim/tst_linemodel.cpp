#include "LineNoise.h"
#include "LinePacer.h"

#include <QTest>

#include <cmath>

using namespace prov::sim;

class TestLineModel : public QObject
{
    Q_OBJECT

private slots:
    void pacerHoldsTheLineRate_data();
    void pacerHoldsTheLineRate();
    void pacerBurstIsBounded();
    void pacerSaysHowLongToWait();
    void bitErrorRateIsStatisticallyRight();
    void dropRateIsStatisticallyRight();
    void noiseIsDeterministicPerSeed();
    void cleanLineChangesNothing();
    void garbleReplacesBytes();
};

void TestLineModel::pacerHoldsTheLineRate_data()
{
    QTest::addColumn<int>("baud");
    QTest::addColumn<int>("tickUs");
    QTest::newRow("115200, 1 ms ticks") << 115200 << 1000;
    QTest::newRow("115200, 7.3 ms ticks") << 115200 << 7300;
    QTest::newRow("9600, 4 ms ticks") << 9600 << 4000;
    QTest::newRow("9600, 50 ms ticks") << 9600 << 50000;
    QTest::newRow("115200, 100 ms ticks") << 115200 << 100000;
}

void TestLineModel::pacerHoldsTheLineRate()
{
    QFETCH(int, baud);
    QFETCH(int, tickUs);
    LinePacer pacer(baud, 6.0);
    qint64 sent = 0;
    const qint64 tenSeconds = 10'000'000'000;
    for (qint64 t = 0; t <= tenSeconds; t += qint64(tickUs) * 1000)
        sent += pacer.take(t, 1 << 20);
    // 10 s of an always-busy line: baud/10 bytes a second, plus the initial
    // burst, however late the timer comes (a late tick must not lose line time).
    const double expected = double(baud) / 10.0 * 10.0;
    QVERIFY2(std::abs(double(sent) - expected) <= double(baud) / 10.0 * 0.006 + 2,
        qPrintable(QStringLiteral("%1 bytes, expected %2").arg(sent).arg(expected)));
}

void TestLineModel::pacerBurstIsBounded()
{
    LinePacer pacer(115200, 6.0);
    QCOMPARE(pacer.take(0, 100000), qint64(69)); // 6 ms of 11520 B/s
    QCOMPARE(pacer.take(0, 100000), qint64(0));
    // Bytes were waiting all along: a late call gets all the line time since.
    QCOMPARE(pacer.take(1'000'000'000, 100000), qint64(11520));
    QCOMPARE(pacer.take(1'000'000'000, 0), qint64(0)); // the queue ran empty: idle from here
    // A long idle period does not save up more than the burst.
    QCOMPARE(pacer.take(6'000'000'000, 100000), qint64(69));
}

void TestLineModel::pacerSaysHowLongToWait()
{
    LinePacer pacer(9600, 6.0);
    QCOMPARE(pacer.take(0, 1000), qint64(5)); // 5.76 bytes of burst
    const qint64 wait = pacer.nsUntil(0, 10);
    // Needs 10 - 0.76 bytes at 960 B/s, but never more than the bucket holds (5.76).
    QVERIFY2(wait > 0 && wait <= qint64(5.76 / 960.0 * 1e9) + 1, qPrintable(QString::number(wait)));
    QCOMPARE(pacer.take(wait, 1000), qint64(5));
}

void TestLineModel::bitErrorRateIsStatisticallyRight()
{
    LineNoise noise(1e-3, 0.0, 99);
    QByteArray data(125000, '\0'); // 1e6 data bits
    const QByteArray before = data;
    noise.apply(data);
    QCOMPARE(data.size(), before.size());
    int flipped = 0;
    for (qsizetype i = 0; i < data.size(); ++i)
        flipped += __builtin_popcount(quint8(data[i] ^ before[i]));
    QCOMPARE(quint64(flipped), noise.bitErrors());
    // Binomial(1e6, 1e-3): mean 1000, sigma ~31.6; 5 sigma.
    QVERIFY2(std::abs(flipped - 1000) < 160, qPrintable(QString::number(flipped)));
}

void TestLineModel::dropRateIsStatisticallyRight()
{
    LineNoise noise(0.0, 1e-2, 7);
    QByteArray data(100000, 'x');
    noise.apply(data);
    const qsizetype dropped = 100000 - data.size();
    QCOMPARE(quint64(dropped), noise.droppedBytes());
    QVERIFY2(std::abs(dropped - 1000) < 160, qPrintable(QString::number(dropped)));
    QVERIFY(data == QByteArray(data.size(), 'x')); // drops only, no bit errors
}

void TestLineModel::noiseIsDeterministicPerSeed()
{
    const auto run = [](quint64 seed) {
        LineNoise n(1e-2, 1e-2, seed);
        QByteArray data(4000, '\x55');
        // In chunks: the result must not depend on how the stream is cut.
        QByteArray out;
        for (int i = 0; i < 4000; i += 333) {
            QByteArray chunk = data.mid(i, 333);
            n.apply(chunk);
            out += chunk;
        }
        return out;
    };
    QCOMPARE(run(1), run(1));
    QVERIFY(run(1) != run(2));
    LineNoise whole(1e-2, 1e-2, 1);
    QByteArray data(4000, '\x55');
    whole.apply(data);
    QCOMPARE(data, run(1));
}

void TestLineModel::cleanLineChangesNothing()
{
    LineNoise noise(0.0, 0.0, 1);
    QVERIFY(noise.isClean());
    QByteArray data = QByteArrayLiteral("\x7e\x47\x00\x01hello");
    const QByteArray before = data;
    noise.apply(data);
    QCOMPARE(data, before);
}

void TestLineModel::garbleReplacesBytes()
{
    LineNoise noise(0.0, 0.0, 3);
    QByteArray data(1000, 'A');
    noise.garble(data);
    QCOMPARE(data.size(), 1000);
    QVERIFY(data.count('A') < 20); // about 4 by chance
}

QTEST_GUILESS_MAIN(TestLineModel)
#include "tst_linemodel.moc"
