// The pairing code an admin reads out and an operator types at the station:
// a typo is caught on the station, by the code's check character, before the
// server is asked (which would only say "wrong code").

#include "crypto/PairingCode.h"

#include <QTest>

using prov::crypto::PairingCode;

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

QString compact(const PairingCode &code)
{
    return code.display().remove(QLatin1Char('-'));
}

} // namespace

class TestPairingCode : public QObject
{
    Q_OBJECT

private slots:
    void aGeneratedCodeReadsBackAsTyped()
    {
        for (int i = 0; i < 50; ++i) {
            const auto code = PairingCode::generate();
            QVERIFY(code.ok());
            const QString shown = code->display();
            QCOMPARE(shown.size(), PairingCode::kLength + 2);
            QCOMPARE(shown.at(4), QLatin1Char('-'));
            const auto typed = PairingCode::parse(shown.toLower().replace(QLatin1Char('-'), QLatin1Char(' ')));
            QVERIFY2(typed.ok(), qPrintable(typed.ok() ? QString() : typed.error().message));
            QCOMPARE(typed->display(), shown);
        }
    }

    void everySingleMistypedCharacterIsCaught()
    {
        for (int round = 0; round < 20; ++round) {
            const auto code = PairingCode::generate();
            QVERIFY(code.ok());
            const QString good = compact(*code);
            for (int at = 0; at < good.size(); ++at) {
                for (const char c : QByteArrayView(kAlphabet)) {
                    if (good.at(at) == QLatin1Char(c))
                        continue;
                    QString typo = good;
                    typo[at] = QLatin1Char(c);
                    const auto parsed = PairingCode::parse(typo);
                    QVERIFY2(!parsed.ok(), qPrintable(typo + QStringLiteral(" taken for ") + good));
                    QVERIFY2(
                        parsed.error().message.contains(QLatin1String("mistyped")), qPrintable(parsed.error().message));
                }
            }
        }
    }

    void swappedNeighboursAreCaught()
    {
        // Luhn mod 32 misses one swap only: '0' with 'Z' (values 0 and 31).
        int swaps = 0;
        for (int round = 0; round < 200; ++round) {
            const auto code = PairingCode::generate();
            QVERIFY(code.ok());
            const QString good = compact(*code);
            for (int at = 0; at + 1 < good.size(); ++at) {
                const QChar a = good.at(at), b = good.at(at + 1);
                if (a == b || (QString(a) + b == QLatin1String("0Z")) || (QString(a) + b == QLatin1String("Z0")))
                    continue;
                QString typo = good;
                typo[at] = b;
                typo[at + 1] = a;
                QVERIFY2(!PairingCode::parse(typo).ok(), qPrintable(typo + QStringLiteral(" taken for ") + good));
                ++swaps;
            }
        }
        QVERIFY(swaps > 1000);
    }

    void wrongLengthAndForeignCharactersAreNamed()
    {
        const auto shortCode = PairingCode::parse(QStringLiteral("7KQ4-M9XD"));
        QVERIFY(!shortCode.ok());
        QVERIFY2(shortCode.error().message.contains(QLatin1String("has 8 characters")),
            qPrintable(shortCode.error().message));
        const auto foreign = PairingCode::parse(QStringLiteral("7KQ4-M9XD-2U"));
        QVERIFY(!foreign.ok());
        QVERIFY2(foreign.error().message.contains(QLatin1String("'U'")), qPrintable(foreign.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPairingCode)
#include "tst_pairingcode.moc"
